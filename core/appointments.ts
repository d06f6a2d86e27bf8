// An order's appointment (the visit time agreed with the customer) and the two customer
// reminders before it. Written once: the server schedules the reminders with these rules, the
// client checks what the operator typed and counts down to the next reminder with them.
import { fromWallTime, toWallTime } from './calendar.js';
import type { Role } from './domain.js';
import { appointmentReminders, type Reminder } from './sla.js';

/**
 * Who may set, move or clear an order's appointment: supervisors and admins on any order, the
 * order's operator (any operator while nobody has taken it yet) and the order's technician.
 */
export function mayEditAppointment(user: { id: string; role: Role }, order: { operatorId: string | null; technicianId: string | null }): boolean {
  switch (user.role) {
    case 'admin':
    case 'supervisor':
      return true;
    case 'operator':
      return order.operatorId === null || order.operatorId === user.id;
    case 'technician':
      return order.technicianId === user.id;
  }
}

/** The next reminder the customer will get, or null when none is ahead of `now`. */
export function nextAppointmentReminder(appointmentAt: Date, now: Date, timeZone: string): Reminder | null {
  return appointmentReminders(appointmentAt, now, timeZone)[0] ?? null;
}

const MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** «14:00»: the appointment's time of day on the site's clock. */
export function appointmentTimeText(appointmentAt: Date, timeZone: string): string {
  const w = toWallTime(appointmentAt, timeZone);
  return `${pad2(w.hour)}:${pad2(w.minute)}`;
}

/**
 * The appointment as a reminder sent at `sentAt` says it (Russian, the customer's language):
 * «сегодня в 14:00», «завтра в 14:00», else «5 декабря в 14:00».
 */
export function appointmentWhenText(appointmentAt: Date, sentAt: Date, timeZone: string): string {
  const a = toWallTime(appointmentAt, timeZone);
  const s = toWallTime(sentAt, timeZone);
  const days = Math.round((Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(s.year, s.month - 1, s.day)) / 86_400_000);
  const time = `${pad2(a.hour)}:${pad2(a.minute)}`;
  if (days === 0) return `сегодня в ${time}`;
  if (days === 1) return `завтра в ${time}`;
  return `${a.day} ${MONTHS_GENITIVE[a.month - 1] ?? ''} в ${time}`;
}

export type AppointmentInputProblem = 'date_missing' | 'time_missing' | 'bad_date' | 'bad_time' | 'past';

/** The date as typed: 27.11.2026 (also 27/11/2026, 27-11-2026) or 2026-11-27. */
function readDate(text: string): { year: number; month: number; day: number } | null {
  const dmy = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const [year, month, day] = dmy ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])] : ymd ? [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])] : [0, 0, 0];
  if (!dmy && !ymd) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || check.getUTCDate() !== day || year < 2000 || year > 2100) return null;
  return { year, month, day };
}

/** The time as typed: 14:00, 9:05, 14.00, 14 00 or 1400. */
function readTime(text: string): { hour: number; minute: number } | null {
  const t = /^([01]?\d|2[0-3])(?:[:. ]?)([0-5]\d)$/.exec(text);
  return t ? { hour: Number(t[1]), minute: Number(t[2]) } : null;
}

/**
 * What the operator typed in «Время визита» (a date like 27.11.2026 and a time like 14:00, the
 * site's wall clock) as a UTC instant, or the problem to explain. A visit already past is
 * refused here: nobody books one, and it would remind nobody.
 */
export function readAppointmentInput(
  dateText: string, timeText: string, now: Date, timeZone: string,
): { ok: true; at: Date } | { ok: false; problem: AppointmentInputProblem } {
  const dateTrimmed = dateText.trim();
  const timeTrimmed = timeText.trim();
  if (!dateTrimmed) return { ok: false, problem: 'date_missing' };
  if (!timeTrimmed) return { ok: false, problem: 'time_missing' };
  const date = readDate(dateTrimmed);
  if (!date) return { ok: false, problem: 'bad_date' };
  const time = readTime(timeTrimmed);
  if (!time) return { ok: false, problem: 'bad_time' };
  const at = fromWallTime({ ...date, ...time }, timeZone);
  if (at.getTime() <= now.getTime()) return { ok: false, problem: 'past' };
  return { ok: true, at };
}

/** A day as the date field shows it: 27.11.2026 (the site's calendar), `daysAhead` after `now`. */
export function dateFieldText(now: Date, daysAhead: number, timeZone: string): string {
  const w = toWallTime(now, timeZone);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + daysAhead));
  return `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/** The fields' values for an appointment (what they show when the card opens). */
export function appointmentInputValues(appointmentAt: Date, timeZone: string): { date: string; time: string } {
  const w = toWallTime(appointmentAt, timeZone);
  return { date: `${pad2(w.day)}.${pad2(w.month)}.${w.year}`, time: `${pad2(w.hour)}:${pad2(w.minute)}` };
}
