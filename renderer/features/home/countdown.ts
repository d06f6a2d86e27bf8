// Countdowns in words: «Просрочено на 1 ч 5 мин», «Осталось 4 мин», «Без срока».
import type { TFunction } from 'i18next';
import { urgencyOf, type Urgency } from '../../../core/todo.js';

/** A span of time in the largest two units, rounded down to whole minutes. */
export function spanText(t: TFunction, ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return t('countdown.lessThanMinute');
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? t('countdown.dh', { d, h }) : t('countdown.d', { d });
  if (h > 0) return m > 0 ? t('countdown.hm', { h, m }) : t('countdown.h', { h });
  return t('countdown.m', { m });
}

export interface CountdownView {
  urgency: Urgency;
  text: string;
}

export function countdown(t: TFunction, dueAt: string | null, now: Date): CountdownView {
  const urgency = urgencyOf(dueAt, now);
  if (dueAt === null) return { urgency, text: t('countdown.none') };
  const left = Date.parse(dueAt) - now.getTime();
  return { urgency, text: urgency === 'overdue' ? t('countdown.overdue', { time: spanText(t, left) }) : t('countdown.left', { time: spanText(t, left) }) };
}
