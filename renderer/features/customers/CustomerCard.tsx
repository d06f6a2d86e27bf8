// The customer card: who (name, partner number, phones to call), their open and past orders,
// their last calls from the local call log, callbacks still due, and notes. Reached from the
// home list, the order card, the screen pop and «Найти клиента».
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallLogEntry, OrderListItem } from '../../../core/contract.js';
import { errorMessage } from '../../i18n/errors.js';
import { formatRoubles } from '../../format/money.js';
import { formatPhone } from '../../format/phone.js';
import { Banner, Button, Icon, StageBadge, type IconName } from '../../ui/index.js';
import { Countdown } from '../home/Countdown.js';
import { PhoneButton } from '../softphone/index.js';
import { useCustomer } from './useCustomer.js';
import './customers.css';

export function CustomerCard({ id, onBack, onOpenOrder, focusCall = false }: { id: string; onBack: () => void; onOpenOrder: (orderId: string) => void; focusCall?: boolean }) {
  const { t } = useTranslation();
  const { details, error } = useCustomer(id);
  const heading = useRef<HTMLHeadingElement>(null);
  const facts = useRef<HTMLDListElement>(null);
  const loaded = details !== null;
  // Keyboard users land on the card (or on its phone button, for a callback), unless a call rings.
  useEffect(() => {
    if (!loaded || document.querySelector('[data-testid="incoming-call"]')) return;
    const call = focusCall ? facts.current?.querySelector<HTMLElement>('[data-testid="call-phone"]') : null;
    (call ?? heading.current)?.focus();
  }, [loaded, focusCall]);

  const back = (
    <Button icon="back" onClick={onBack} className="customer-card__back" data-testid="customer-back">
      {t('customer.back')}
    </Button>
  );
  if (!details) {
    return (
      <section className="customer-card" data-testid="customer-card" aria-busy={!error}>
        {back}
        {error ? (
          <Banner tone="error" role="alert">
            {errorMessage(t, error)}
          </Banner>
        ) : (
          <p role="status">{t('customer.loading')}</p>
        )}
      </section>
    );
  }

  const { customer, orders, calls, callbacks } = details;
  const open = orders.filter((o) => o.stage?.kind === 'open' || o.stage === null);
  const past = orders.filter((o) => o.stage !== null && o.stage.kind !== 'open');
  const notSet = <span className="customer-card__empty">{t('order.notSet')}</span>;
  return (
    <section className="customer-card" data-testid="customer-card" data-customer-id={customer.id} aria-labelledby="customer-title">
      {back}
      <h2 id="customer-title" ref={heading} tabIndex={-1} data-testid="customer-name">
        {customer.name}
      </h2>
      <dl className="customer-card__facts" ref={facts}>
        <div>
          <dt>{t('customer.phone')}</dt>
          <dd>
            <PhoneButton e164={customer.phone} name={customer.name} />
          </dd>
        </div>
        <div>
          <dt>{t('customer.partner')}</dt>
          <dd data-testid="customer-partner">{customer.partnerNumber ?? notSet}</dd>
        </div>
        <div>
          <dt>{t('customer.city')}</dt>
          <dd>{customer.city ?? notSet}</dd>
        </div>
        <div>
          <dt>{t('customer.email')}</dt>
          <dd>{customer.email ?? notSet}</dd>
        </div>
        <div>
          <dt>{t('customer.notes')}</dt>
          <dd className="customer-card__notes">{customer.notes || notSet}</dd>
        </div>
      </dl>

      {callbacks.length > 0 && (
        <section aria-labelledby="customer-callbacks" data-testid="customer-callbacks">
          <h3 id="customer-callbacks">{t('customer.callbacks')}</h3>
          <ul className="customer-card__list">
            {callbacks.map((c) => (
              <li key={c.id} className="customer-card__callback">
                <Countdown dueAt={c.dueAt} />
                <span>{t('home.reason', { reason: c.reason })}</span>
                {c.phone !== customer.phone && <PhoneButton e164={c.phone} name={customer.name} />}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="customer-open-orders">
        <h3 id="customer-open-orders">{t('customer.openOrders', { count: open.length })}</h3>
        {open.length === 0 ? <p>{t('customer.noOpenOrders')}</p> : <OrderList items={open} onOpen={onOpenOrder} testId="customer-open-order" />}
      </section>
      <section aria-labelledby="customer-past-orders">
        <h3 id="customer-past-orders">{t('customer.pastOrders', { count: past.length })}</h3>
        {past.length === 0 ? <p>{t('customer.noPastOrders')}</p> : <OrderList items={past} onOpen={onOpenOrder} testId="customer-past-order" />}
      </section>
      <section aria-labelledby="customer-calls">
        <h3 id="customer-calls">{t('customer.calls')}</h3>
        {calls.length === 0 ? (
          <p>{t('customer.noCalls')}</p>
        ) : (
          <ul className="customer-card__list" data-testid="customer-calls">
            {calls.map((c) => (
              <CallRow key={c.id} call={c} />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

function OrderList({ items, onOpen, testId }: { items: OrderListItem[]; onOpen: (id: string) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <ul className="customer-card__list">
      {items.map(({ order, stage, pending }) => (
        <li key={order.id}>
          <button type="button" className="customer-order" data-testid={testId} data-order-id={order.id} onClick={() => onOpen(order.id)}>
            <span className="customer-order__line">
              <strong>{t('orders.number', { number: order.number })}</strong>
              <StageBadge name={stage?.name ?? t('orders.noStage')} stageColor={stage?.color ?? null} />
              <span className="customer-order__amount">{formatRoubles(order.amountKopecks)}</span>
            </span>
            {order.title && <span className="customer-order__title">{order.title}</span>}
            {pending && (
              <span className="todo__pending">
                <Icon name="clock" />
                {t('orders.pending')}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}

const OUTCOME_ICON: Record<CallLogEntry['outcome'], IconName> = { answered: 'check', missed: 'warning', declined: 'hangup', failed: 'error' };

function CallRow({ call }: { call: CallLogEntry }) {
  const { t, i18n } = useTranslation();
  const when = new Date(call.startedAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Moscow' });
  const m = Math.floor(call.durationSec / 60);
  const s = call.durationSec % 60;
  return (
    <li className={`customer-call customer-call--${call.outcome}`} data-testid="customer-call" data-pending={call.pending ? 'true' : 'false'}>
      <span className="customer-call__when">{when}</span>
      <span className="customer-call__what">
        <Icon name={OUTCOME_ICON[call.outcome]} />
        {t(`customer.direction.${call.direction}`)}, {t(`customer.outcome.${call.outcome}`)}
        {call.durationSec > 0 && <> · {t('customer.duration', { m, s })}</>}
      </span>
      {call.phone && <span className="customer-call__phone">{formatPhone(call.phone)}</span>}
      {call.note && <span className="customer-call__note">{call.note}</span>}
      {call.pending && <span className="todo__pending">{t('customer.callPending')}</span>}
    </li>
  );
}
