import { describe, expect, it } from 'vitest';
import { appointmentInputValues, dateFieldText, appointmentTimeText, appointmentWhenText, mayEditAppointment, nextAppointmentReminder, readAppointmentInput } from './appointments.js';

const msk = (local: string) => new Date(`${local}+03:00`);
const TZ = 'Europe/Moscow';

describe('mayEditAppointment', () => {
  const order = { operatorId: 'op-1', technicianId: 'tech-1' };
  it('the order’s operator and technician, supervisors and admins; not other field staff', () => {
    expect(mayEditAppointment({ id: 'op-1', role: 'operator' }, order)).toBe(true);
    expect(mayEditAppointment({ id: 'op-2', role: 'operator' }, order)).toBe(false);
    expect(mayEditAppointment({ id: 'tech-1', role: 'technician' }, order)).toBe(true);
    expect(mayEditAppointment({ id: 'tech-2', role: 'technician' }, order)).toBe(false);
    expect(mayEditAppointment({ id: 'x', role: 'supervisor' }, order)).toBe(true);
    expect(mayEditAppointment({ id: 'x', role: 'admin' }, order)).toBe(true);
  });
  it('any operator while nobody has taken the order; never a technician not on it', () => {
    expect(mayEditAppointment({ id: 'op-2', role: 'operator' }, { operatorId: null, technicianId: null })).toBe(true);
    expect(mayEditAppointment({ id: 'tech-1', role: 'technician' }, { operatorId: null, technicianId: null })).toBe(false);
  });
});

describe('reminder texts', () => {
  it('say «сегодня», «завтра» or the date, with the site’s time', () => {
    const visit = msk('2026-12-05T14:00:00');
    expect(appointmentWhenText(visit, msk('2026-12-04T19:00:00'), TZ)).toBe('завтра в 14:00');
    expect(appointmentWhenText(visit, msk('2026-12-05T12:00:00'), TZ)).toBe('сегодня в 14:00');
    expect(appointmentWhenText(visit, msk('2026-12-01T10:00:00'), TZ)).toBe('5 декабря в 14:00');
    // 23:30 UTC is already the next day in Moscow.
    expect(appointmentWhenText(new Date('2026-12-31T23:30:00Z'), msk('2026-12-31T19:00:00'), TZ)).toBe('завтра в 02:30');
    expect(appointmentTimeText(visit, TZ)).toBe('14:00');
  });
});

describe('nextAppointmentReminder', () => {
  it('the first reminder still ahead, or none', () => {
    const visit = msk('2026-12-05T14:00:00');
    expect(nextAppointmentReminder(visit, msk('2026-12-04T10:00:00'), TZ)).toEqual({ kind: 'evening_before', at: msk('2026-12-04T19:00:00') });
    expect(nextAppointmentReminder(visit, msk('2026-12-04T20:00:00'), TZ)).toEqual({ kind: 'hours_before', at: msk('2026-12-05T12:00:00') });
    expect(nextAppointmentReminder(visit, msk('2026-12-05T12:30:00'), TZ)).toBeNull();
  });
});

describe('readAppointmentInput', () => {
  const now = msk('2026-12-01T10:00:00');
  it('reads the site’s wall clock into UTC, as operators type it', () => {
    expect(readAppointmentInput('02.12.2026', '14:00', now, TZ)).toEqual({ ok: true, at: new Date('2026-12-02T11:00:00.000Z') });
    expect(readAppointmentInput(' 2.12.2026 ', '9:05', now, TZ)).toEqual({ ok: true, at: msk('2026-12-02T09:05:00') });
    expect(readAppointmentInput('2026-12-02', '14.30', now, TZ)).toEqual({ ok: true, at: msk('2026-12-02T14:30:00') });
    expect(readAppointmentInput('02/12/2026', '1400', now, TZ)).toEqual({ ok: true, at: msk('2026-12-02T14:00:00') });
    expect(appointmentInputValues(msk('2026-12-02T09:05:00'), TZ)).toEqual({ date: '02.12.2026', time: '09:05' });
  });
  it('names what is wrong', () => {
    expect(readAppointmentInput('', '14:00', now, TZ)).toEqual({ ok: false, problem: 'date_missing' });
    expect(readAppointmentInput('02.12.2026', '', now, TZ)).toEqual({ ok: false, problem: 'time_missing' });
    expect(readAppointmentInput('30.02.2026', '14:00', now, TZ)).toEqual({ ok: false, problem: 'bad_date' });
    expect(readAppointmentInput('завтра', '14:00', now, TZ)).toEqual({ ok: false, problem: 'bad_date' });
    expect(readAppointmentInput('02.12.2026', '25:00', now, TZ)).toEqual({ ok: false, problem: 'bad_time' });
    expect(readAppointmentInput('02.12.2026', '2 часа', now, TZ)).toEqual({ ok: false, problem: 'bad_time' });
    expect(readAppointmentInput('01.12.2026', '09:59', now, TZ)).toEqual({ ok: false, problem: 'past' });
  });
  it('fills the date field with today, tomorrow… on the site’s calendar', () => {
    expect(dateFieldText(msk('2026-12-31T23:30:00'), 1, TZ)).toBe('01.01.2027');
    expect(dateFieldText(new Date('2026-12-01T22:30:00Z'), 0, TZ)).toBe('02.12.2026'); // already the 2nd in Moscow
  });
});
