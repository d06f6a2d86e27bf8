// An SLA deadline as the screen says it: «Осталось 24 мин», «Просрочено на 5 мин».
import type { TFunction } from 'i18next';

/** At or under this, time left is shown as a warning. */
export const SOON_MS = 10 * 60_000;

export type CountdownState = 'left' | 'soon' | 'overdue';

export interface Countdown {
  state: CountdownState;
  /** Whole minutes left (or over), rounded down: never more hopeful than the truth. */
  minutes: number;
}

export function countdown(dueAt: string, now: number): Countdown {
  const ms = Date.parse(dueAt) - now;
  if (ms < 0) return { state: 'overdue', minutes: Math.floor(-ms / 60_000) };
  return { state: ms <= SOON_MS ? 'soon' : 'left', minutes: Math.floor(ms / 60_000) };
}

/** A span of minutes in words: «24 мин», «1 ч 5 мин», «2 дн 3 ч». */
export function spanText(t: TFunction, minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? t('sla.daysHours', { d: days, h: hours }) : t('sla.days', { d: days });
  if (hours > 0) return mins > 0 ? t('sla.hoursMinutes', { h: hours, m: mins }) : t('sla.hours', { h: hours });
  return t('sla.minutes', { m: mins });
}

export function countdownText(t: TFunction, c: Countdown): string {
  if (c.state === 'overdue') return c.minutes < 1 ? t('sla.justOverdue') : t('sla.overdue', { time: spanText(t, c.minutes) });
  return c.minutes < 1 ? t('sla.lessThanMinute') : t('sla.left', { time: spanText(t, c.minutes) });
}
