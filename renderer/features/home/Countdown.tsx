// A deadline as words + icon + colour: red «Просрочено на …», amber «Осталось 4 мин», calm otherwise.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../../ui/index.js';
import { countdown } from './countdown.js';
import type { Urgency } from '../../../core/todo.js';

const ICON: Record<Urgency, IconName> = { overdue: 'warning', soon: 'clock', later: 'clock', none: 'info' };

/** The current time, refreshed every `ms` (minutes are the finest unit shown). */
export function useNow(ms = 15_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export function Countdown({ dueAt, now }: { dueAt: string | null; now: Date }) {
  const { t } = useTranslation();
  const view = countdown(t, dueAt, now);
  return (
    <span className={`countdown countdown--${view.urgency}`} data-testid="countdown" data-urgency={view.urgency}>
      <Icon name={ICON[view.urgency]} />
      <span>{view.text}</span>
    </span>
  );
}
