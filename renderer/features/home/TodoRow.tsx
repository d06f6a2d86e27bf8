// One item of «Что делать сейчас»: a big button that opens it, and the customer's phone beside it.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TodoItem } from '../../../core/todo.js';
import { formatRoubles } from '../../format/money.js';
import { formatPhone } from '../../format/phone.js';
import { Button, Icon, StageBadge } from '../../ui/index.js';
import { PhoneButton, useSoftphone, type CallView } from '../softphone/index.js';
import { useShortcutLabel } from '../shortcuts/store.js';
import { Countdown } from './Countdown.js';

/**
 * Memoised: the list re-renders when a call starts ringing (its row heads the list), and the
 * rows below must not be rebuilt inside the screen-pop's frame.
 */
export const TodoRow = memo(function TodoRow({ item, onOpen }: { item: TodoItem; onOpen: (item: TodoItem) => void }) {
  const { t } = useTranslation();
  const phone = item.kind === 'callback' ? item.callback.phone : item.customer?.phone;
  const name = item.customer?.name ?? (item.kind === 'callback' ? t('home.unknownCustomer') : t('orders.noCustomer'));
  const openable = item.kind !== 'callback' || item.customer !== null;
  const body = (
    <>
      <span className="todo__line">
        <strong className={`todo__kind todo__kind--${item.kind}`}>{t(`home.kind.${item.kind}`)}</strong>
        <Countdown dueAt={item.dueAt} />
      </span>
      <span className="todo__line">
        <span className="todo__customer">{name}</span>
        {item.kind !== 'callback' && (
          <>
            <span>{t('orders.number', { number: item.order.number })}</span>
            <StageBadge name={item.stage.name} stageColor={item.stage.color} />
            <span className="todo__amount">{formatRoubles(item.order.amountKopecks)}</span>
          </>
        )}
      </span>
      {item.kind === 'callback' ? (
        <span className="todo__detail">{t('home.reason', { reason: item.callback.reason })}</span>
      ) : (
        item.order.title && <span className="todo__detail">{item.order.title}</span>
      )}
      {item.kind !== 'callback' && item.pending && (
        <span className="todo__pending">
          <Icon name="clock" />
          {t('orders.pending')}
        </span>
      )}
    </>
  );
  return (
    <li className="todo" data-kind={item.kind}>
      {openable ? (
        <button type="button" className="todo__open" data-testid="todo-item" data-kind={item.kind} data-todo-id={item.id} data-due-at={item.dueAt ?? ""} onClick={() => onOpen(item)}>
          {body}
        </button>
      ) : (
        <div className="todo__open todo__open--static" data-testid="todo-item" data-kind={item.kind} data-todo-id={item.id} data-due-at={item.dueAt ?? ""}>
          {body}
        </div>
      )}
      {phone && <PhoneButton e164={phone} {...(item.kind !== 'callback' ? { orderId: item.order.id } : {})} name={item.customer?.name ?? formatPhone(phone)} />}
    </li>
  );
});

/** A call ringing right now heads the list, with its own «Ответить». */
export function RingingRow({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const answer = useSoftphone((s) => s.answer);
  const pop = useSoftphone((s) => s.pops[call.id]);
  const key = useShortcutLabel('answer');
  const num = call.remote.e164 ? formatPhone(call.remote.e164) : call.remote.raw;
  const name = pop?.status === 'found' ? pop.data.customer.name : call.remote.name;
  return (
    <li className="todo todo--call" data-kind="call" data-testid="todo-call">
      <div className="todo__open todo__open--static">
        <span className="todo__line">
          <strong className="todo__kind todo__kind--call">
            <Icon name="phone" />
            {t('home.kind.call')}
          </strong>
        </span>
        <span className="todo__customer">{[name, num].filter(Boolean).join(', ') || t('softphone.hiddenNumber')}</span>
      </div>
      <Button icon="phone" className="btn--answer todo__answer" onClick={() => void answer(call.id)} shortcut={key} data-testid="todo-answer">
        {t('home.answer')}
      </Button>
    </li>
  );
}
