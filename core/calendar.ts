// Working hours of a site, and conversions between UTC instants and the site's wall clock.
// Pure: uses only Intl, so the same code runs on the server and in the client.
import { z } from 'zod';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM');

export const WorkingHours = z.object({
  /** IANA zone of the site, e.g. Europe/Moscow. */
  timeZone: z.string().min(1).default('Europe/Moscow'),
  /** Working days, ISO numbering: 1 = Monday … 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5, 6]),
  start: HHMM.default('09:00'),
  end: HHMM.default('20:00'),
});
export type WorkingHours = z.infer<typeof WorkingHours>;

export const DEFAULT_WORKING_HOURS: WorkingHours = WorkingHours.parse({});

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The site's wall clock at a UTC instant. */
export function toWallTime(at: Date, timeZone: string): WallTime {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

/** The UTC instant of a wall-clock time in the zone (the first one, around DST changes). */
export function fromWallTime(w: Pick<WallTime, 'year' | 'month' | 'day' | 'hour' | 'minute'>, timeZone: string): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  // The zone's offset at that moment; twice, because the offset may differ across a DST change.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const seen = toWallTime(new Date(guess), timeZone);
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    guess = asUtc - (seenAsUtc - guess);
  }
  return new Date(guess);
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The working window [start, end) of the site day that contains `at`, or null on a day off. */
export function workingWindow(at: Date, hours: WorkingHours): { start: Date; end: Date } | null {
  const w = toWallTime(at, hours.timeZone);
  if (!hours.days.includes(w.weekday)) return null;
  const day = { year: w.year, month: w.month, day: w.day };
  const s = minutesOf(hours.start);
  const e = minutesOf(hours.end);
  return {
    start: fromWallTime({ ...day, hour: Math.floor(s / 60), minute: s % 60 }, hours.timeZone),
    end: fromWallTime({ ...day, hour: Math.floor(e / 60), minute: e % 60 }, hours.timeZone),
  };
}

/** Midday of the next calendar day in the zone: a safe anchor to step day by day. */
function nextDayNoon(at: Date, timeZone: string): Date {
  const w = toWallTime(at, timeZone);
  const noonUtc = fromWallTime({ year: w.year, month: w.month, day: w.day, hour: 12, minute: 0 }, timeZone);
  return new Date(noonUtc.getTime() + 24 * 3600_000);
}

/** The first working instant at or after `at`. */
export function nextWorkingInstant(at: Date, hours: WorkingHours): Date {
  let probe = at;
  for (let i = 0; i < 370; i++) {
    const win = workingWindow(probe, hours);
    if (win) {
      if (at < win.start) return win.start;
      if (at < win.end) return at;
    }
    probe = nextDayNoon(probe, hours.timeZone);
    const next = workingWindow(probe, hours);
    if (next) return next.start;
  }
  throw new Error('the working-hours calendar has no working time within a year');
}

/** Adds `minutes` of working time to `from` (time outside working hours does not count). */
export function addWorkingMinutes(from: Date, minutes: number, hours: WorkingHours): Date {
  let t = nextWorkingInstant(from, hours);
  let left = minutes * 60_000;
  for (let i = 0; i < 10_000; i++) {
    const win = workingWindow(t, hours);
    if (!win) throw new Error('nextWorkingInstant returned a time outside working hours');
    const room = win.end.getTime() - t.getTime();
    if (left <= room) return new Date(t.getTime() + left);
    left -= room;
    t = nextWorkingInstant(win.end, hours);
  }
  throw new Error('working-minutes addition did not converge');
}

/** The end of the working day `at` falls in (or of the next working day, when outside hours). */
export function endOfWorkingDay(at: Date, hours: WorkingHours): Date {
  const t = nextWorkingInstant(at, hours);
  const win = workingWindow(t, hours);
  if (!win) throw new Error('nextWorkingInstant returned a time outside working hours');
  return win.end;
}
