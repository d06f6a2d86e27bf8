// One order: who, what, where, how much, and the stages it may move to now.
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { PipelineStage } from '../../../core/domain.js';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/errors.js';
import { formatRoubles } from '../../format/money.js';
import { useApi } from '../../platform/ApiContext.js';
import { useOrders } from '../../state/orders.js';
import { showScreen } from '../../state/navigation.js';
import { useSession } from '../../state/session.js';
import { Banner, Button, StageBadge } from '../../ui/index.js';
import { CustomerLink } from '../customers/CustomerLink.js';
import { PhoneButton } from '../softphone/index.js';
import { OrderAppointment } from './OrderAppointment.js';
import { OrderNotes } from './OrderNotes.js';
import { ClaimBadge, useOtherHolder } from './ClaimNotice.js';
import { ReasonPicker } from './ReasonPicker.js';
import { SlaCountdown } from './SlaCountdown.js';
import { useOrderClaim } from './useOrderClaim.js';
import { reasonName } from './reasonName.js';

export function OrderCard({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { selectedId, details, detailsError, changingTo, changeError, changedTo, changeStage } = useOrders();
  const role = useSession((s) => s.session?.user.role ?? null);
  const attempt = useOrderClaim(api, selectedId, role);
  // The live claim from sync first; the server's refusal covers the moment before it arrives.
  const holder = useOtherHolder(details?.claim, attempt && !attempt.taken ? attempt.holderName : null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const loaded = details !== null;
  /** The failure stage whose reason is being asked for (the picker is open). */
  const [picking, setPicking] = useState<PipelineStage | null>(null);

  // Move focus to the card title so keyboard and screen-reader users land on the new content.
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  const back = (
    <Button icon="back" onClick={onBack} className="order-card__back">
      {t('order.back')}
    </Button>
  );

  if (!details) {
    return (
      <section className="order-card" data-testid="order-card" aria-busy={!detailsError}>
        {back}
        {detailsError ? (
          <Banner tone="error" role="alert">
            {errorMessage(t, detailsError)}
          </Banner>
        ) : (
          <p role="status">{t('order.loading')}</p>
        )}
      </section>
    );
  }

  const { order, customer, stage, nextStages, reasons, pending } = details;
  const onStage = (s: PipelineStage) => {
    // A failed close needs a reason (core rule): ask first, change after.
    if (s.kind === 'failure') setPicking(s);
    else void changeStage(api, s.id);
  };
  const notSet = <span className="order-card__empty">{t('order.notSet')}</span>;
  const place = [order.city ?? customer?.city, order.district, order.address].filter(Boolean).join(', ');

  return (
    <section className="order-card" data-testid="order-card" aria-labelledby="order-title">
      {back}
      <h2 id="order-title" ref={headingRef} tabIndex={-1}>
        {t('orders.number', { number: order.number })}
      </h2>
      <div role="status">
        {holder && (
          <div className="order-card__claim" data-testid="order-claim">
            <ClaimBadge name={holder} />
            <p>{t('claims.cardNotice')}</p>
          </div>
        )}
      </div>

      <dl className="order-card__facts">
        <div>
          <dt>{t('order.stage')}</dt>
          <dd>
            <StageBadge name={stage?.name ?? t('orders.noStage')} stageColor={stage?.color ?? null} data-testid="order-stage" />
          </dd>
        </div>
        {order.slaDueAt && (
          <div>
            <dt>{t('order.sla')}</dt>
            <dd>
              <SlaCountdown dueAt={order.slaDueAt} showTime />
            </dd>
          </div>
        )}
        {order.failureReason && (
          <div>
            <dt>{t('order.failureReason')}</dt>
            <dd data-testid="order-failure-reason">{reasonName(t, order.failureReason)}</dd>
          </div>
        )}
        <div>
          <dt>{t('order.customer')}</dt>
          <dd>{customer ? <CustomerLink customer={customer} /> : t('orders.noCustomer')}</dd>
        </div>
        <div>
          <dt>{t('order.phone')}</dt>
          <dd className="order-card__phone">{customer ? <PhoneButton e164={customer.phone} orderId={order.id} name={customer.name} /> : notSet}</dd>
        </div>
        <div>
          <dt>
            {t('order.city')}, {t('order.address').toLowerCase()}
          </dt>
          <dd>{place || notSet}</dd>
        </div>
        <div>
          <dt>{t('order.title')}</dt>
          <dd className="order-card__what">
            <span>{order.title || notSet}</span>
            {/* Prices in the order's city; «Назад» in the catalog comes back to this order. */}
            <Button icon="search" onClick={() => showScreen({ kind: 'catalog', city: order.city ?? customer?.city ?? null })} data-testid="order-catalog">
              {t('order.catalog')}
            </Button>
          </dd>
        </div>
        <div>
          <dt>{t('order.amount')}</dt>
          <dd className="order-card__amount">{formatRoubles(order.amountKopecks)}</dd>
        </div>
        <div>
          <dt>{t('order.channel')}</dt>
          <dd>{t(`channels.${order.channel}`)}</dd>
        </div>
        <div>
          <dt>{t('order.notes')}</dt>
          <dd className="order-card__notes">{order.notes || notSet}</dd>
        </div>
      </dl>

      {/* keyed by order: another order's card starts with its own visit in the fields */}
      <OrderAppointment key={order.id} details={details} />

      <section className="order-card__stages" aria-labelledby="next-stages-title">
        <h3 id="next-stages-title">{t('order.nextStages')}</h3>
        <div role="alert">{changeError && <Banner tone="error">{errorMessage(t, changeError)}</Banner>}</div>
        <div role="status">
          {changingTo && <p>{t('order.changing')}</p>}
          {changedTo && !changingTo && (
            <Banner tone="ok">{t('order.changed', { stage: changedTo })}</Banner>
          )}
          {pending && <Banner tone="info">{t('order.pendingNotice')}</Banner>}
        </div>
        {nextStages.length === 0 ? (
          <p>{t('order.noNextStages')}</p>
        ) : (
          <>
            <p className="order-card__hint">{t('order.nextStagesHint')}</p>
            <div className="order-card__stage-buttons">
              {nextStages.map((s) => (
                <Button
                  key={s.id}
                  size="large"
                  className={s.kind === 'failure' ? 'stage-button stage-button--failure' : 'stage-button'}
                  style={{ '--stage-color': s.color } as CSSProperties}
                  disabled={changingTo !== null}
                  onClick={() => onStage(s)}
                  {...(s.kind === 'failure' ? { icon: 'warning' as const, 'aria-haspopup': 'dialog' as const } : {})}
                  data-testid="stage-button"
                  data-stage-id={s.id}
                >
                  {s.name}
                </Button>
              ))}
            </div>
          </>
        )}
      </section>
      {picking && (
        <ReasonPicker
          orderNumber={order.number}
          stage={picking}
          reasons={reasons}
          onKeep={() => setPicking(null)}
          onPick={(code) => {
            setPicking(null);
            void changeStage(api, picking.id, code);
          }}
        />
      )}
      <OrderNotes details={details} />
    </section>
  );
}
