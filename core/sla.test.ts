import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, endOfWorkingDay, fromWallTime, nextWorkingInstant, toWallTime, WorkingHours } from './calendar.js';
import { appointmentReminders, callbackDue, entryReminderAt, pauseDeadline, stageDeadline, untouchedOrderDeadline } from './sla.js';

// Mon–Fri 09:00–18:00 Moscow (UTC+3) for the tests; 2026-11-23 is a Monday.
const hours = WorkingHours.parse({ timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' });
const msk = (iso: string) => new Date(`${iso}+03:00`);

describe('calendar', () => {
  it('converts between UTC and the site wall clock', () => {
    const at = msk('2026-11-23T10:15:00');
    expect(toWallTime(at, 'Europe/Moscow')).toMatchObject({ year: 2026, month: 11, day: 23, hour: 10, minute: 15, weekday: 1 });
    expect(fromWallTime({ year: 2026, month: 11, day: 23, hour: 10, minute: 15 }, 'Europe/Moscow')).toEqual(at);
  });
  it('handles a zone with daylight saving time', () => {
    // Berlin: CET (UTC+1) in winter, CEST (UTC+2) in summer.
    expect(fromWallTime({ year: 2026, month: 1, day: 15, hour: 9, minute: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(fromWallTime({ year: 2026, month: 7, day: 15, hour: 9, minute: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-07-15T07:00:00.000Z');
  });
  it('finds the next working instant', () => {
    expect(nextWorkingInstant(msk('2026-11-23T10:00:00'), hours)).toEqual(msk('2026-11-23T10:00:00'));
    expect(nextWorkingInstant(msk('2026-11-23T07:30:00'), hours)).toEqual(msk('2026-11-23T09:00:00'));
    expect(nextWorkingInstant(msk('2026-11-23T18:00:00'), hours)).toEqual(msk('2026-11-24T09:00:00'));
    // Friday evening → Monday morning.
    expect(nextWorkingInstant(msk('2026-11-27T19:00:00'), hours)).toEqual(msk('2026-11-30T09:00:00'));
    expect(nextWorkingInstant(msk('2026-11-28T12:00:00'), hours)).toEqual(msk('2026-11-30T09:00:00'));
  });
  it('adds working minutes across the evening and the weekend', () => {
    expect(addWorkingMinutes(msk('2026-11-23T10:00:00'), 30, hours)).toEqual(msk('2026-11-23T10:30:00'));
    expect(addWorkingMinutes(msk('2026-11-23T17:50:00'), 30, hours)).toEqual(msk('2026-11-24T09:20:00'));
    expect(addWorkingMinutes(msk('2026-11-27T17:45:00'), 30, hours)).toEqual(msk('2026-11-30T09:15:00'));
    expect(addWorkingMinutes(msk('2026-11-23T09:00:00'), 9 * 60 * 2, hours)).toEqual(msk('2026-11-24T18:00:00'));
  });
  it('knows where the working day ends', () => {
    expect(endOfWorkingDay(msk('2026-11-23T11:00:00'), hours)).toEqual(msk('2026-11-23T18:00:00'));
    expect(endOfWorkingDay(msk('2026-11-23T20:00:00'), hours)).toEqual(msk('2026-11-24T18:00:00'));
  });
  it('refuses a calendar without working days', () => {
    expect(() => WorkingHours.parse({ days: [] })).toThrow();
    expect(() => WorkingHours.parse({ start: '25:00' })).toThrow();
  });
});

describe('SLA deadlines', () => {
  it('an untouched order escalates after 30 working minutes', () => {
    expect(untouchedOrderDeadline(msk('2026-11-23T12:00:00'), hours)).toEqual(msk('2026-11-23T12:30:00'));
    // A web order at night is due half an hour after opening, not at 00:30.
    expect(untouchedOrderDeadline(msk('2026-11-24T00:00:00'), hours)).toEqual(msk('2026-11-24T09:30:00'));
  });
  it('a stage SLA counts working time; no SLA → no deadline', () => {
    expect(stageDeadline({ slaMinutes: 120 }, msk('2026-11-23T17:00:00'), hours)).toEqual(msk('2026-11-24T10:00:00'));
    expect(stageDeadline({ slaMinutes: null }, msk('2026-11-23T17:00:00'), hours)).toBeNull();
  });
  it('a deferred order cannot stay past the end of the working day', () => {
    expect(pauseDeadline(msk('2026-11-23T15:00:00'), hours)).toEqual(msk('2026-11-23T18:00:00'));
  });
  it('a missed call is due for a callback in 2 working minutes', () => {
    expect(callbackDue(msk('2026-11-23T12:00:00'), hours)).toEqual(msk('2026-11-23T12:02:00'));
    expect(callbackDue(msk('2026-11-23T23:00:00'), hours)).toEqual(msk('2026-11-24T09:02:00'));
  });
  it('reminds at 19:00 the day before and 2 hours before an appointment', () => {
    const visit = msk('2026-11-25T11:00:00');
    expect(appointmentReminders(visit, msk('2026-11-23T12:00:00'), 'Europe/Moscow')).toEqual([
      { kind: 'evening_before', at: msk('2026-11-24T19:00:00') },
      { kind: 'hours_before', at: msk('2026-11-25T09:00:00') },
    ]);
    // Booked the same evening after 19:00: only the 2-hour reminder is left.
    expect(appointmentReminders(visit, msk('2026-11-24T20:00:00'), 'Europe/Moscow').map((r) => r.kind)).toEqual(['hours_before']);
    // Crossing a month boundary.
    expect(appointmentReminders(msk('2026-12-01T10:00:00'), msk('2026-11-20T10:00:00'), 'Europe/Moscow')[0]?.at).toEqual(msk('2026-11-30T19:00:00'));
  });
});

describe('entryReminderAt', () => {
  it('19:00 the evening before the stage deadline, or N hours before it; nothing once past', () => {
    const deadline = new Date('2026-11-25T09:00:00Z'); // 12:00 in Moscow
    expect(entryReminderAt(deadline, 'day_before_19', undefined, new Date('2026-11-23T09:00:00Z'), 'Europe/Moscow')).toEqual(new Date('2026-11-24T16:00:00Z'));
    expect(entryReminderAt(deadline, 'hours_before', 3, new Date('2026-11-23T09:00:00Z'), 'Europe/Moscow')).toEqual(new Date('2026-11-25T06:00:00Z'));
    expect(entryReminderAt(deadline, 'day_before_19', undefined, new Date('2026-11-24T17:00:00Z'), 'Europe/Moscow')).toBeNull();
  });
});
