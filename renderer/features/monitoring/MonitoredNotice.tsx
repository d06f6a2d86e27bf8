// The operator's side: «Вас слушает супервизор …» while a supervisor monitors their call, when
// the site's policy (server setting MONITOR_NOTIFY_AGENT) says operators are told.
import { useTranslation } from 'react-i18next';
import { Banner } from '../../ui/index.js';
import { useSoftphone } from '../softphone/store.js';
import './monitoring.css';

export function MonitoredNotice() {
  const { t } = useTranslation();
  const leg = useSoftphone((s) => s.monitors.find((m) => m.side === 'agent' && m.state === 'active' && m.notify));
  if (!leg) return null;
  return (
    <div className="monitored-notice" data-testid="monitored-notice" data-mode={leg.mode}>
      <Banner tone="info" role="status">
        {t(`monitor.agentNotice.${leg.mode}`, { name: leg.peerName })}
      </Banner>
    </div>
  );
}
