// The SLA robot's deadline as a countdown: words, an icon and colour; overdue stands out.
import { useTranslation } from 'react-i18next';
import { countdown, countdownText } from '../../format/countdown.js';
import { Icon } from '../../ui/index.js';
import { useNow } from './useNow.js';

export function SlaCountdown({ dueAt, showTime = false }: { dueAt: string; showTime?: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const c = countdown(dueAt, now);
  const clock = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(new Date(dueAt));
  return (
    <span className={`sla sla--${c.state}`} data-testid="sla" data-state={c.state} data-due={dueAt}>
      <Icon name={c.state === 'overdue' ? 'warning' : 'clock'} />
      <span>
        {countdownText(t, c)}
        {showTime && <span className="sla__time"> {t(c.state === 'overdue' ? 'sla.wasDue' : 'sla.until', { time: clock })}</span>}
      </span>
    </span>
  );
}
