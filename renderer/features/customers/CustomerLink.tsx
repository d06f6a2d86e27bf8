// «Карточка клиента» from anywhere (order card, screen pop): closes an open order and shows
// the customer's card; «Назад» there returns to the order it came from.
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../core/domain.js';
import { showScreen } from '../../state/navigation.js';
import { Button } from '../../ui/index.js';

export function openCustomer(customerId: string): void {
  showScreen({ kind: 'customer', id: customerId });
}

/** The customer's name and a button to their card. */
export function CustomerLink({ customer }: { customer: Pick<Customer, 'id' | 'name'> }) {
  const { t } = useTranslation();
  return (
    <span className="customer-link">
      <span>{customer.name}</span>
      <Button icon="user" onClick={() => openCustomer(customer.id)} aria-label={t('customer.openNamed', { name: customer.name })} data-testid="open-customer">
        {t('customer.open')}
      </Button>
    </span>
  );
}
