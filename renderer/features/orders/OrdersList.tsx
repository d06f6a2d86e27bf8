import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/errors.js';
import { useOrders } from '../../state/orders.js';
import { Banner } from '../../ui/index.js';
import { OrderRow } from './OrderRow.js';

/** «Мои заказы» (or «Все заказы» for supervisors). `focusId` puts the keyboard back on the row the operator came from. */
export function OrdersList({ onOpen, focusId, scope }: { onOpen: (id: string) => void; focusId: string | null; scope: 'mine' | 'all' }) {
  const { t } = useTranslation();
  const { items, loaded, listError } = useOrders();
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!focusId) return;
    listRef.current?.querySelector<HTMLElement>(`[data-order-id="${CSS.escape(focusId)}"]`)?.focus();
  }, [focusId]);

  return (
    <section className="orders" aria-labelledby="orders-heading">
      <div className="orders__head">
        <h2 id="orders-heading">{t(scope === 'all' ? 'orders.headingAll' : 'orders.heading')}</h2>
        {loaded && items.length > 0 && <p className="orders__count">{t('orders.count', { count: items.length })}</p>}
      </div>
      {listError && (
        <Banner tone="error" role="alert">
          {errorMessage(t, listError)}
        </Banner>
      )}
      {!loaded && <p role="status">{t('app.loading')}</p>}
      {loaded && items.length === 0 && !listError && (
        <Banner tone="info" data-testid="orders-empty">
          {t('orders.empty')}
        </Banner>
      )}
      <ul className="orders__list" aria-labelledby="orders-heading" data-testid="orders-list" ref={listRef}>
        {items.map((item) => (
          <OrderRow key={item.order.id} item={item} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}
