// «Дубли клиентов» (supervisors and admins): cards that look like one person — the same phone
// or the same email — side by side, with what differs marked in words. Choose the card to keep,
// «Объединить», confirm; every order and call moves to the kept card and the result is shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCard, DuplicateGroup } from '../../../core/duplicates.js';
import type { ApiErrorBody } from '../../../core/errors.js';
import { formatPhone } from '../../format/phone.js';
import { errorMessage } from '../../i18n/errors.js';
import { useApi } from '../../platform/ApiContext.js';
import { Banner, Button } from '../../ui/index.js';
import { COMPARED, defaultKeep, differs, fieldValue, type Compared } from './keepChoice.js';
import { MergeConfirm } from './MergeConfirm.js';
import './duplicates.css';

interface Outcome {
  kept: string;
  dropped: string;
  orders: number;
  calls: number;
  callbacks: number;
}

export function DuplicatesScreen({ onBack }: { onBack: (() => void) | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const [groups, setGroups] = useState<DuplicateGroup[] | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const result = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const r = await api.call('customers.duplicates', {});
    if (r.ok) {
      setGroups(r.value.groups);
      setError(null);
    } else setError(r.error);
  }, [api]);
  useEffect(() => void load(), [load]);

  const merged = (o: Outcome) => {
    setOutcome(o);
    void load();
  };
  // The keyboard lands on the result, not at the top of a list that just lost a group: after the
  // commit that shows it, which is also the one that closed the dialog (and gave focus back to
  // «Объединить»), so nothing takes the focus away again.
  useEffect(() => {
    if (outcome) result.current?.focus();
  }, [outcome]);

  return (
    <section className="duplicates" data-testid="duplicates" aria-labelledby="duplicates-heading">
      {onBack && (
        <Button icon="back" onClick={onBack} className="customer-card__back">
          {t('duplicates.back')}
        </Button>
      )}
      <h2 id="duplicates-heading">{t('duplicates.heading')}</h2>
      <p className="duplicates__intro">{t('duplicates.intro')}</p>
      <div ref={result} tabIndex={-1} role="status" className="duplicates__result" data-testid="merge-result">
        {outcome && (
          <Banner tone="ok">
            {t('duplicates.done', { kept: outcome.kept, dropped: outcome.dropped, orders: outcome.orders, calls: outcome.calls, callbacks: outcome.callbacks })}
          </Banner>
        )}
      </div>
      {error && (
        <Banner tone="error" role="alert">
          {errorMessage(t, error)}
        </Banner>
      )}
      {!groups && !error && <p role="status">{t('duplicates.loading')}</p>}
      {groups && groups.length === 0 && <p data-testid="duplicates-empty">{t('duplicates.empty')}</p>}
      {groups?.map((g) => <Group key={g.key} group={g} onMerged={merged} />)}
    </section>
  );
}

function Group({ group, onMerged }: { group: DuplicateGroup; onMerged: (o: Outcome) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const cards = group.cards ?? [];
  const [keepId, setKeepId] = useState<string | null>(() => defaultKeep(cards));
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const id = `dup-${group.key.replace(/[^a-z0-9]/gi, '-')}`;
  const keep = cards.find((c) => c.customer.id === keepId) ?? null;
  const drop = cards.filter((c) => c.customer.id !== keepId);
  const shared = group.reason === 'phone' ? formatPhone(group.value) : group.value;

  const merge = async () => {
    if (!keep) return;
    setBusy(true);
    setError(null);
    const moved = { orders: 0, calls: 0, callbacks: 0 };
    // One card at a time into the kept one; a failure stops here and says so.
    for (const d of drop) {
      const r = await api.call('customers.merge', { keepId: keep.customer.id, dropId: d.customer.id });
      if (!r.ok) {
        setBusy(false);
        setAsking(false);
        setError(r.error);
        return;
      }
      moved.orders += r.value.moved.orders;
      moved.calls += r.value.moved.calls;
      moved.callbacks += r.value.moved.callbacks;
    }
    setBusy(false);
    setAsking(false);
    onMerged({ kept: keep.customer.name, dropped: drop.map((d) => `«${d.customer.name}»`).join(', '), ...moved });
  };

  return (
    <section className="dup-group" aria-labelledby={`${id}-title`} data-testid="duplicate-group" data-key={group.key}>
      <h3 id={`${id}-title`}>{t(group.reason === 'phone' ? 'duplicates.samePhone' : 'duplicates.sameEmail', { value: shared })}</h3>
      {cards.length < 2 ? (
        <p>{t('duplicates.cardsMissing')}</p>
      ) : (
        <>
          <fieldset className="dup-group__cards">
            <legend>{t('duplicates.whichToKeep')}</legend>
            {cards.map((c) => (
              <CardColumn key={c.customer.id} card={c} cards={cards} groupId={id} kept={c.customer.id === keepId} onKeep={() => setKeepId(c.customer.id)} />
            ))}
          </fieldset>
          {error && (
            <Banner tone="error" role="alert">
              {errorMessage(t, error)}
            </Banner>
          )}
          <Button variant="primary" size="large" disabled={!keep || busy} onClick={() => setAsking(true)} aria-haspopup="dialog" data-testid="merge-button">
            {t('duplicates.merge')}
          </Button>
        </>
      )}
      {asking && keep && <MergeConfirm keep={keep} drop={drop} busy={busy} onConfirm={() => void merge()} onCancel={() => setAsking(false)} />}
    </section>
  );
}

function CardColumn({ card, cards, groupId, kept, onKeep }: { card: DuplicateCard; cards: DuplicateCard[]; groupId: string; kept: boolean; onKeep: () => void }) {
  const { t, i18n } = useTranslation();
  const show = (field: Compared): string => {
    const v = fieldValue(card, field);
    if (field === 'phone') return formatPhone(v);
    return v === '' ? t('duplicates.noValue') : v;
  };
  return (
    <div className={kept ? 'dup-card dup-card--kept' : 'dup-card'} data-testid="duplicate-card" data-customer-id={card.customer.id}>
      <label className="dup-card__keep">
        <input type="radio" name={`${groupId}-keep`} checked={kept} onChange={onKeep} data-testid="keep-radio" />
        <span>{t('duplicates.keepThis', { name: card.customer.name })}</span>
      </label>
      <p className="dup-card__status" data-testid="card-fate">
        {kept ? t('duplicates.willKeep') : t('duplicates.willMove')}
      </p>
      <dl className="dup-card__facts">
        {COMPARED.map((f) => (
          <div key={f} className={differs(cards, f) ? 'dup-card__fact dup-card__fact--differs' : 'dup-card__fact'}>
            <dt>
              {t(`duplicates.field.${f}`)}
              {differs(cards, f) && <span className="dup-card__differs"> — {t('duplicates.differs')}</span>}
            </dt>
            <dd>{show(f)}</dd>
          </div>
        ))}
        <div className="dup-card__fact">
          <dt>{t('duplicates.field.orders')}</dt>
          <dd data-testid="card-orders">{card.orders}</dd>
        </div>
        <div className="dup-card__fact">
          <dt>{t('duplicates.field.calls')}</dt>
          <dd data-testid="card-calls">{card.calls}</dd>
        </div>
        <div className="dup-card__fact">
          <dt>{t('duplicates.field.updatedAt')}</dt>
          <dd>{new Date(card.customer.updatedAt).toLocaleString(i18n.language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Moscow' })}</dd>
        </div>
      </dl>
    </div>
  );
}
