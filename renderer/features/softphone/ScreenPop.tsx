// The caller's card, from the local cache, shown while it still rings. Unknown number →
// a prefilled new-customer form (kept with the call's note, so it reaches the call log).
import { useEffect, useLayoutEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRoubles } from '../../format/money.js';
import { formatPhone } from '../../format/phone.js';
import { useApi } from '../../platform/ApiContext.js';
import { useOrders } from '../../state/orders.js';
import type { ApiErrorBody } from '../../../core/errors.js';
import { errorMessage, fieldMessage } from '../../i18n/errors.js';
import { Button, Icon, StageBadge, TextField } from '../../ui/index.js';
import type { RecentCall } from '../../../core/contract.js';
import { openCustomer } from '../customers/CustomerLink.js';
import { invitesDelivered, type CallView } from './engine.js';
import { PopNextSteps } from './PopNextSteps.js';
import { lookupTrace, popTimings, useSoftphone, type Pop } from './store.js';

export function ScreenPop({ call, pop }: { call: CallView; pop: Pop | undefined }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const openOrder = useOrders((s) => s.open);
  const status = pop?.status ?? 'loading';

  // Bench/diagnostics: INVITE reached us → card painted (after the next frame).
  useLayoutEffect(() => {
    if (status === 'loading') return;
    if (popTimings.some((p) => p.id === call.id)) return;
    const committedAt = performance.now();
    requestAnimationFrame(() =>
      setTimeout(() => {
        const tr = lookupTrace.get(call.id);
        popTimings.push({ id: call.id, sipAt: call.sipAt, paintedAt: performance.now(), committedAt, lookupSent: tr?.sent, lookupDone: tr?.done, deliveredAt: invitesDelivered.get(call.id) });
        if (popTimings.length > 2000) popTimings.shift();
      }, 0),
    );
  }, [status, call.id, call.sipAt]);

  if (!pop || pop.status === 'loading') {
    return (
      <div className="screen-pop" data-testid="screen-pop" data-state="loading" role="status">
        {t('softphone.pop.loading')}
      </div>
    );
  }
  if (pop.status === 'internal') return null;
  if (pop.status === 'unknown') return <LeadForm call={call} />;

  const { customer, openOrders, stages, nextStages } = pop.data;
  return (
    <article className="screen-pop" data-testid="screen-pop" data-state="found" data-customer-id={customer.id} aria-labelledby={`pop-${call.id}`}>
      <div className="screen-pop__head">
        <h3 id={`pop-${call.id}`} data-testid="pop-customer-name">
          {customer.name}
        </h3>
        <Button icon="user" onClick={() => openCustomer(customer.id)} aria-label={t('customer.openNamed', { name: customer.name })} data-testid="pop-open-customer">
          {t('customer.open')}
        </Button>
      </div>
      <dl className="screen-pop__facts">
        <div>
          <dt>{t('order.phone')}</dt>
          <dd>{formatPhone(customer.phone)}</dd>
        </div>
        <div>
          <dt>{t('softphone.pop.partner')}</dt>
          <dd data-testid="pop-partner">{customer.partnerNumber ?? t('order.notSet')}</dd>
        </div>
        {customer.bonusPoints !== undefined && customer.bonusPoints > 0 && (
          <div>
            <dt>{t('softphone.pop.bonus')}</dt>
            <dd data-testid="pop-bonus">{customer.bonusPoints.toLocaleString(i18n.language)}</dd>
          </div>
        )}
        {customer.city && (
          <div>
            <dt>{t('order.city')}</dt>
            <dd>{customer.city}</dd>
          </div>
        )}
        {customer.notes && (
          <div>
            <dt>{t('order.notes')}</dt>
            <dd className="screen-pop__notes">{customer.notes}</dd>
          </div>
        )}
      </dl>
      <h4>{t('softphone.pop.openOrders', { count: openOrders.length })}</h4>
      {openOrders.length === 0 ? (
        <p>{t('softphone.pop.noOpenOrders')}</p>
      ) : (
        <ul className="screen-pop__orders">
          {openOrders.slice(0, 5).map((o) => {
            const st = stages?.[o.id];
            return (
              <li key={o.id}>
                <Button onClick={() => void openOrder(api, o.id)} data-testid="pop-order" data-order-id={o.id}>
                  {t('orders.number', { number: o.number })}
                </Button>
                <StageBadge name={st?.name ?? t('orders.noStage')} stageColor={st?.color ?? null} />
                <span>{o.title}</span>
                <strong>{formatRoubles(o.amountKopecks)}</strong>
                {call.state !== 'ringing' && nextStages?.[o.id] && <PopNextSteps callId={call.id} order={o} next={nextStages[o.id] ?? []} />}
              </li>
            );
          })}
        </ul>
      )}
      <LastCalls calls={pop.data.lastCalls ?? []} />
    </article>
  );
}

/** The caller's last calls: when, which way, how it ended, and what was noted. */
function LastCalls({ calls }: { calls: RecentCall[] }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Moscow' });
  return (
    <section aria-labelledby="pop-last-calls" data-testid="pop-last-calls">
      <h4 id="pop-last-calls">{t('softphone.pop.lastCalls')}</h4>
      {calls.length === 0 ? (
        <p>{t('softphone.pop.noCalls')}</p>
      ) : (
        <ul className="screen-pop__calls">
          {calls.map((c) => (
            <li key={c.id} data-testid="pop-call" data-outcome={c.outcome}>
              <span>{when(c.startedAt)}</span>{' '}
              <strong>{t(`softphone.pop.call.${c.direction}_${c.outcome}`)}</strong>
              {c.outcome === 'answered' && (
                <span> · {c.durationSec < 60 ? t('softphone.pop.seconds', { count: c.durationSec }) : t('softphone.pop.minutes', { count: Math.round(c.durationSec / 60) })}</span>
              )}
              {c.pending && <span> · {t('softphone.pop.notSentYet')}</span>}
              {c.note && <span className="screen-pop__call-note"> — {c.note}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LeadForm({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const api = useApi();
  const setNote = useSoftphone((s) => s.setNote);
  const setLead = useSoftphone((s) => s.setLead);
  const draft = useSoftphone((s) => s.leads[call.id]);
  const name = draft?.name ?? call.remote.name;
  const phone = draft?.phone ?? (call.remote.e164 ? formatPhone(call.remote.e164) : '');
  const what = draft?.what ?? '';
  const saved = draft?.saved ?? false;
  const setName = (v: string) => setLead(call.id, { name: v, phone, what });
  const setPhone = (v: string) => setLead(call.id, { name, phone: v, what });
  const setWhat = (v: string) => setLead(call.id, { name, phone, what: v });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  // Kept with the call's note as typed: it travels with the call log even if never saved.
  useEffect(() => {
    if (name || phone || what) setNote(call.id, `${t('softphone.lead.title')}: ${name}; ${phone}; ${what}`);
  }, [name, phone, what, call.id, setNote, t]);

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (saving || saved) return;
    setSaving(true);
    const r = await api.call('leads.fromCall', { name: name.trim(), phone: phone.trim(), request: what.trim(), line: call.line });
    setSaving(false);
    if (r.ok) {
      setLead(call.id, { name, phone, what, saved: true });
      setError(null);
    } else setError(r.error);
  }

  // A specific error (lead.bad_phone) says more than the field's generic «check this field».
  const fieldError = (f: string) => {
    const code = error?.fields?.[f];
    if (!error || !code) return null;
    return error.code === 'validation' ? fieldMessage(t, code, error) : errorMessage(t, error);
  };
  const general = error && !error.fields?.phone && !error.fields?.name ? errorMessage(t, error) : null;
  return (
    <form className="screen-pop screen-pop--lead" data-testid="screen-pop" data-state="unknown" aria-labelledby={`lead-${call.id}`} onSubmit={(e) => void save(e)} noValidate>
      <h3 id={`lead-${call.id}`} data-testid="lead-form">
        {t('softphone.lead.title')}
      </h3>
      <p>{call.remote.e164 ? t('softphone.lead.unknownNumber') : t('softphone.lead.hiddenNumber')}</p>
      <TextField label={t('softphone.lead.name')} value={name} readOnly={saved} error={fieldError('name')} onChange={(e) => setName(e.target.value)} data-testid="lead-name" />
      <TextField label={t('softphone.lead.phone')} value={phone} readOnly={saved} inputMode="tel" error={fieldError('phone')} onChange={(e) => setPhone(e.target.value)} data-testid="lead-phone" />
      <TextField label={t('softphone.lead.what')} value={what} readOnly={saved} onChange={(e) => setWhat(e.target.value)} data-testid="lead-what" />
      {general && (
        <p className="field__error" role="alert" data-testid="lead-error">
          {general}
        </p>
      )}
      {saved ? (
        <p role="status" className="screen-pop__saved" data-testid="lead-saved">
          <Icon name="check" /> {t('softphone.lead.saved')}
        </p>
      ) : (
        <Button type="submit" disabled={saving} data-testid="lead-save">
          {t('softphone.lead.save')}
        </Button>
      )}
    </form>
  );
}
