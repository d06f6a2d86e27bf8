// «Время визита» on the order card: the visit agreed with the customer, the next reminder they
// will get as a countdown in words, and a plain date + time form to set, move or clear it.
// Plain text fields (27.11.2026, 14:00) rather than the browser's date widgets, whose layout
// follows the browser's language (11/27/2026, 02:00 PM); «Сегодня / Завтра / Послезавтра»
// pick the day with one press. Saved locally first (works offline); what was typed stays in
// the fields on any problem.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { appointmentInputValues, dateFieldText, mayEditAppointment, nextAppointmentReminder, readAppointmentInput, type AppointmentInputProblem } from '../../../core/appointments.js';
import type { OrderDetails } from '../../../core/contract.js';
import type { ApiErrorBody } from '../../../core/errors.js';
import { spanText } from '../../format/countdown.js';
import { errorMessage } from '../../i18n/errors.js';
import { useApi } from '../../platform/ApiContext.js';
import { useOrders } from '../../state/orders.js';
import { useSession } from '../../state/session.js';
import { Banner, Button, Icon, TextField } from '../../ui/index.js';
import { useNow } from './useNow.js';

/** The site's clock, as every other time on screen (architecture: the user's zone, Moscow by default). */
export const SITE_TIME_ZONE = 'Europe/Moscow';

/** «четверг, 27 ноября, 14:00»: the visit as the card and the rows say it. */
export function visitText(language: string, iso: string): string {
  return new Date(iso).toLocaleString(language, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: SITE_TIME_ZONE });
}

export function OrderAppointment({ details }: { details: OrderDetails }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const now = useNow();
  const user = useSession((s) => s.session?.user ?? null);
  const { order } = details;
  const at = order.appointmentAt ?? null;
  const initial = at ? appointmentInputValues(new Date(at), SITE_TIME_ZONE) : { date: '', time: '' };
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [problem, setProblem] = useState<AppointmentInputProblem | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<'set' | 'cleared' | null>(null);
  const mayEdit = user !== null && mayEditAppointment(user, order);

  async function save(appointmentAt: string | null) {
    setSaving(true);
    const r = await api.call('orders.setAppointment', { orderId: order.id, appointmentAt });
    setSaving(false);
    if (r.ok) {
      setError(null);
      setSaved(appointmentAt ? 'set' : 'cleared');
      useOrders.setState({ details: r.value });
    } else {
      setSaved(null);
      setError(r.error); // the fields keep what was typed
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const read = readAppointmentInput(date, time, new Date(), SITE_TIME_ZONE);
    if (!read.ok) {
      setProblem(read.problem);
      setSaved(null);
      return;
    }
    setProblem(null);
    void save(read.at.toISOString());
  }

  function clear() {
    if (saving) return;
    setProblem(null);
    setDate('');
    setTime('');
    void save(null);
  }

  const next = at ? nextAppointmentReminder(new Date(at), new Date(now), SITE_TIME_ZONE) : null;
  const minutes = next ? Math.floor((next.at.getTime() - now) / 60_000) : 0;
  const dateProblem = problem === 'date_missing' || problem === 'bad_date' || problem === 'past';
  const timeProblem = problem === 'time_missing' || problem === 'bad_time';

  return (
    <section className="order-appointment" aria-labelledby="order-appointment-title" data-testid="order-appointment">
      <h3 id="order-appointment-title">{t('appointment.heading')}</h3>
      <div role="status" className="order-appointment__now">
        {at ? (
          <>
            <p className="order-appointment__when" data-testid="appointment-when" data-at={at}>
              <Icon name="clock" />
              <span>{visitText(i18n.language, at)}</span>
            </p>
            <p className="order-appointment__reminder" data-testid="appointment-reminder" data-at={next?.at.toISOString() ?? ''}>
              {next
                ? minutes < 1
                  ? t('appointment.reminderNow')
                  : t('appointment.reminderIn', { time: spanText(t, minutes) })
                : Date.parse(at) > now
                  ? t('appointment.noMoreReminders')
                  : t('appointment.past')}
            </p>
          </>
        ) : (
          <p data-testid="appointment-when">{t('appointment.none')}</p>
        )}
        {saved && !saving && <Banner tone="ok">{t(saved === 'set' ? 'appointment.saved' : 'appointment.cleared')}</Banner>}
      </div>
      {mayEdit && (
        <form className="order-appointment__form" onSubmit={submit} noValidate>
          <p className="order-card__hint">{t('appointment.hint')}</p>
          <div className="order-appointment__fields">
            <TextField
              label={t('appointment.date')}
              hint={t('appointment.dateHint')}
              inputMode="numeric"
              autoComplete="off"
              maxLength={10}
              value={date}
              onChange={(e) => setDate(e.target.value)}
              error={dateProblem ? t(`appointment.problem.${problem}`) : null}
              data-testid="appointment-date"
            />
            <TextField
              label={t('appointment.time')}
              hint={t('appointment.timeHint')}
              inputMode="numeric"
              autoComplete="off"
              maxLength={5}
              value={time}
              onChange={(e) => setTime(e.target.value)}
              error={timeProblem ? t(`appointment.problem.${problem}`) : null}
              data-testid="appointment-time"
            />
          </div>
          <div className="order-appointment__days" role="group" aria-label={t('appointment.pickDay')}>
            {(['today', 'tomorrow', 'afterTomorrow'] as const).map((day, i) => (
              <Button key={day} type="button" onClick={() => setDate(dateFieldText(new Date(), i, SITE_TIME_ZONE))} data-testid={`appointment-day-${day}`}>
                {t(`appointment.day.${day}`)}
              </Button>
            ))}
          </div>
          <div role="alert">{error && <Banner tone="error">{errorMessage(t, error)}</Banner>}</div>
          <div className="order-appointment__buttons">
            <Button type="submit" size="large" disabled={saving} data-testid="appointment-save">
              {saving ? t('appointment.saving') : t('appointment.save')}
            </Button>
            {at && (
              <Button type="button" size="large" disabled={saving} onClick={clear} data-testid="appointment-clear">
                {t('appointment.clear')}
              </Button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
