// A deadline as words + icon + colour: red «Просрочено на …», amber «Осталось 4 мин», calm
// otherwise, and «Без срока» when there is none. The words and the clock are the order card's
// (format/countdown.ts, orders/useNow.ts), so a row and its card always say the same.
import { useTranslation } from 'react-i18next';
import { countdown, countdownText } from '../../format/countdown.js';
import { Icon } from '../../ui/index.js';
import { useNow } from '../orders/useNow.js';

export function Countdown({ dueAt }: { dueAt: string | null }) {
  const { t } = useTranslation();
  const now = useNow();
  if (dueAt === null) {
    return (
      <span className="countdown countdown--none" data-testid="countdown" data-urgency="none">
        <Icon name="info" />
        <span>{t('home.noDeadline')}</span>
      </span>
    );
  }
  const c = countdown(dueAt, now);
  const urgency = c.state === 'left' ? 'later' : c.state;
  return (
    <span className={`countdown countdown--${urgency}`} data-testid="countdown" data-urgency={urgency}>
      <Icon name={c.state === 'overdue' ? 'warning' : 'clock'} />
      <span>{countdownText(t, c)}</span>
    </span>
  );
}
