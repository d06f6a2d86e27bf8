import { useTranslation } from 'react-i18next';
import type { OrderListItem } from '../../../core/contract.js';
import { formatRoubles } from '../../format/money.js';
import { Icon, StageBadge } from '../../ui/index.js';
import { PhoneButton } from '../softphone/index.js';
import { ClaimBadge, useOtherHolder } from './ClaimNotice.js';
import { visitText } from './OrderAppointment.js';
import { SlaCountdown } from './SlaCountdown.js';

/** One order in «Мои заказы»: a single big button, opened by click or Enter. */
export function OrderRow({ item, onOpen }: { item: OrderListItem; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const { order, customer, stage, pending } = item;
  const holder = useOtherHolder(item.claim);
  return (
    <li className={customer ? 'order-row order-row--with-call' : 'order-row'}>
      <button
        type="button"
        className="order-row__button"
        data-testid="order-row"
        data-order-number={order.number}
        data-order-id={order.id}
        onClick={() => onOpen(order.id)}
      >
        <span className="order-row__line">
          <strong className="order-row__number">{t('orders.number', { number: order.number })}</strong>
          <StageBadge name={stage?.name ?? t('orders.noStage')} stageColor={stage?.color ?? null} />
          <span className="order-row__amount">{formatRoubles(order.amountKopecks)}</span>
        </span>
        <span className="order-row__line">
          <span className="order-row__customer">{customer?.name ?? t('orders.noCustomer')}</span>
          {order.slaDueAt && <SlaCountdown dueAt={order.slaDueAt} />}
          {holder && <ClaimBadge name={holder} data-testid="order-row-claim" />}
        </span>
        {order.title && <span className="order-row__title">{order.title}</span>}
        {order.appointmentAt && (
          <span className="order-row__visit" data-testid="order-row-visit">
            <Icon name="clock" />
            {t('appointment.row', { when: visitText(i18n.language, order.appointmentAt) })}
          </span>
        )}
        {pending && (
          <span className="order-row__pending">
            <Icon name="clock" />
            {t('orders.pending')}
          </span>
        )}
      </button>
      {customer && <PhoneButton e164={customer.phone} orderId={order.id} name={customer.name} />}
    </li>
  );
}
