// Deadlines the SLA robots keep (domain.md «Robots keep time»). The server schedules and fires
// them; the client shows the same numbers as countdowns, so both use these functions.
import { addWorkingMinutes, endOfWorkingDay, fromWallTime, toWallTime, type WorkingHours } from './calendar.js';
import type { PipelineStage } from './domain.js';

/** An order nobody touched escalates after this much working time. */
export const UNTOUCHED_ORDER_MINUTES = 30;
/** A missed call must be called back within this much working time. */
export const CALLBACK_MINUTES = 2;
/** Reminders before an appointment: at this local hour the day before, and this long before. */
export const REMINDER_EVENING_HOUR = 19;
export const REMINDER_BEFORE_MINUTES = 120;

/** When an order that arrived at `arrivedAt` and was never touched escalates. */
export function untouchedOrderDeadline(arrivedAt: Date, hours: WorkingHours): Date {
  return addWorkingMinutes(arrivedAt, UNTOUCHED_ORDER_MINUTES, hours);
}

/** When a stage's own SLA runs out, or null when the stage has none. */
export function stageDeadline(stage: Pick<PipelineStage, 'slaMinutes'>, enteredAt: Date, hours: WorkingHours): Date | null {
  return stage.slaMinutes === null ? null : addWorkingMinutes(enteredAt, stage.slaMinutes, hours);
}

/** A deferred («Пауза/Отложен») order may not outlive the working day it was deferred in. */
export function pauseDeadline(deferredAt: Date, hours: WorkingHours): Date {
  return endOfWorkingDay(deferredAt, hours);
}

/** When the callback for a call missed at `missedAt` is due. */
export function callbackDue(missedAt: Date, hours: WorkingHours): Date {
  return addWorkingMinutes(missedAt, CALLBACK_MINUTES, hours);
}

export interface Reminder {
  kind: 'evening_before' | 'hours_before';
  at: Date;
}

/**
 * Customer reminders for an appointment: 19:00 (site time) the day before and 2 hours before.
 * Reminders whose time has already passed at `now` are left out (booked late, nothing to send).
 */
export function appointmentReminders(appointmentAt: Date, now: Date, timeZone: string): Reminder[] {
  const w = toWallTime(appointmentAt, timeZone);
  const dayBefore = new Date(Date.UTC(w.year, w.month - 1, w.day - 1));
  const evening = fromWallTime(
    { year: dayBefore.getUTCFullYear(), month: dayBefore.getUTCMonth() + 1, day: dayBefore.getUTCDate(), hour: REMINDER_EVENING_HOUR, minute: 0 },
    timeZone,
  );
  const before = new Date(appointmentAt.getTime() - REMINDER_BEFORE_MINUTES * 60_000);
  const all: Reminder[] = [
    { kind: 'evening_before', at: evening },
    { kind: 'hours_before', at: before },
  ];
  return all.filter((r) => r.at > now && r.at < appointmentAt);
}

/** Milliseconds left until a deadline (negative when overdue): what a countdown shows. */
export function msLeft(deadline: Date, now: Date): number {
  return deadline.getTime() - now.getTime();
}

/**
 * When a «schedule reminder» entry action sends: 19:00 (site time) the evening before `deadline`
 * (the end of the stage's time), or `hours` before it. Null when that moment is already past.
 */
export function entryReminderAt(deadline: Date, when: 'day_before_19' | 'hours_before', hours: number | undefined, now: Date, timeZone: string): Date | null {
  let at: Date;
  if (when === 'hours_before') {
    if (!hours || hours < 1) return null;
    at = new Date(deadline.getTime() - hours * 3_600_000);
  } else {
    const w = toWallTime(deadline, timeZone);
    const dayBefore = new Date(Date.UTC(w.year, w.month - 1, w.day - 1));
    at = fromWallTime(
      { year: dayBefore.getUTCFullYear(), month: dayBefore.getUTCMonth() + 1, day: dayBefore.getUTCDate(), hour: REMINDER_EVENING_HOUR, minute: 0 },
      timeZone,
    );
  }
  return at > now && at < deadline ? at : null;
}
