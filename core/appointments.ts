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

/**
 * What the operator typed in «Время визита» (date `YYYY-MM-DD` and time `HH:MM`, the site's
 * wall clock) as a UTC instant, or the problem to explain. A visit already past is refused here:
 * nobody books one, and it would remind nobody.
 */
export function readAppointmentInput(
  dateText: string, timeText: string, now: Date, timeZone: string,
): { ok: true; at: Date } | { ok: false; problem: AppointmentInputProblem } {
  const date = dateText.trim();
  const time = timeText.trim();
  if (!date) return { ok: false, problem: 'date_missing' };
  if (!time) return { ok: false, problem: 'time_missing' };
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!d) return { ok: false, problem: 'bad_date' };
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || check.getUTCDate() !== day || year < 2000 || year > 2100) return { ok: false, problem: 'bad_date' };
  const t = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!t) return { ok: false, problem: 'bad_time' };
  const at = fromWallTime({ year, month, day, hour: Number(t[1]), minute: Number(t[2]) }, timeZone);
  if (at.getTime() <= now.getTime()) return { ok: false, problem: 'past' };
  return { ok: true, at };
}

/** The inputs' values for an appointment (what the fields show when the card opens). */
export function appointmentInputValues(appointmentAt: Date, timeZone: string): { date: string; time: string } {
  const w = toWallTime(appointmentAt, timeZone);
  return { date: `${w.year}-${pad2(w.month)}-${pad2(w.day)}`, time: `${pad2(w.hour)}:${pad2(w.minute)}` };
}
