// The supervisor's side, away from «Монитор»: a call being listened to (or whispered into, or
// barged) stays in view on every screen, with the way back to its row and «Закончить», so a
// supervisor who opened an order mid-call is never left on a line they cannot see or end.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../ui/index.js';
import { useSoftphone } from '../softphone/store.js';
import { useMonitoring } from './store.js';
import './monitoring.css';

export function MonitoringBar({ onOpenWallboard }: { onOpenWallboard: () => void }) {
  const { t } = useTranslation();
  const legs = useSoftphone(useShallow((s) => s.monitors.filter((m) => m.side === 'supervisor' && m.agentUserId && m.state !== 'ended')));
  if (legs.length === 0) return null;
  return (
    <div className="monitoring-bar" data-testid="monitoring-bar">
      {legs.map((leg) => {
        const name = leg.peerName;
        return (
          <div key={leg.id} className="monitoring-bar__leg" role="group" aria-label={t('monitor.bar.label', { name })}>
            <p className="monitoring-bar__status" role="status">
              {leg.state === 'connecting' ? t('monitor.connecting', { name }) : t(`monitor.now.${leg.mode}`, { name })}
            </p>
            <Button variant="secondary" onClick={onOpenWallboard} data-testid="monitoring-bar-open">
              {t('monitor.bar.open')}
            </Button>
            <Button className="btn--decline" onClick={() => void useMonitoring.getState().stop(leg.agentUserId ?? '')} data-testid="monitoring-bar-stop">
              {t('monitor.stop')}
            </Button>
          </div>
        );
      })}
    </div>
  );
}
