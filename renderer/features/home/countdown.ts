// Countdowns in words for the home list: «Просрочено на 1 ч 5 мин», «Осталось 4 мин», «Без срока».
// The words are the SLA countdown's (format/countdown.ts); the home list adds its urgency and
// the «no deadline» case.
import type { TFunction } from 'i18next';
import { urgencyOf, type Urgency } from '../../../core/todo.js';
import { countdown as slaCountdown, countdownText } from '../../format/countdown.js';

export interface CountdownView {
  urgency: Urgency;
  text: string;
}

export function countdown(t: TFunction, dueAt: string | null, now: Date): CountdownView {
  const urgency = urgencyOf(dueAt, now);
  if (dueAt === null) return { urgency, text: t('countdown.none') };
  return { urgency, text: countdownText(t, slaCountdown(dueAt, now.getTime())) };
}
