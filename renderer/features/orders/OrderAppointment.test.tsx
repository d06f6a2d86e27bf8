// @vitest-environment happy-dom
// «Время визита» on the order card: a bad value is explained in Russian and nothing typed is
// lost; a good one is sent as the right UTC instant; the next reminder shows in words; field
// staff who may not set it see no form.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderDetails } from '../../../core/contract.js';
import { createI18n } from '../../i18n/index.js';
import { ApiProvider } from '../../platform/ApiContext.js';
import { useSession } from '../../state/session.js';
import { FakeApi } from '../../test/fakeApi.js';
import { details, session } from '../../test/fixtures.js';
import { OrderAppointment } from './OrderAppointment.js';

function setup(over: Partial<OrderDetails['order']> = {}, user = session.user) {
  useSession.setState({ session: { ...session, user } });
  const d: OrderDetails = { ...details, order: { ...details.order, ...over } };
  const api = new FakeApi().answer('orders.setAppointment', (input) => ({ ok: true, value: { ...d, order: { ...d.order, appointmentAt: input.appointmentAt } } }));
  render(
    <I18nextProvider i18n={createI18n('ru')}>
      <ApiProvider api={api}>
        <OrderAppointment details={d} />
      </ApiProvider>
    </I18nextProvider>,
  );
  return api;
}
const sent = (api: FakeApi) => api.calls.filter((c) => c.method === 'orders.setAppointment').map((c) => c.input);
const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;

describe('OrderAppointment', () => {
  afterEach(() => {
    cleanup();
    useSession.setState({ session: null });
  });

  it('explains a date that does not exist in Russian and keeps what was typed; sends nothing', async () => {
    const api = setup();
    fireEvent.change(input('appointment-date'), { target: { value: '31.02.2030' } });
    fireEvent.change(input('appointment-time'), { target: { value: '14:00' } });
    await act(async () => fireEvent.click(screen.getByTestId('appointment-save')));
    expect(screen.getByTestId('order-appointment').textContent).toContain('Такой даты нет.');
    expect(input('appointment-date').value).toBe('31.02.2030');
    expect(input('appointment-date').getAttribute('aria-invalid')).toBe('true');
    expect(input('appointment-time').value).toBe('14:00');
    expect(sent(api)).toEqual([]);
  });

  it('sends the Moscow wall time as UTC and says the visit is saved', async () => {
    const api = setup();
    fireEvent.change(input('appointment-date'), { target: { value: '05.03.2030' } });
    fireEvent.change(input('appointment-time'), { target: { value: '14:00' } });
    await act(async () => fireEvent.click(screen.getByTestId('appointment-save')));
    expect(sent(api)).toEqual([{ orderId: details.order.id, appointmentAt: '2030-03-05T11:00:00.000Z' }]);
    expect(screen.getByTestId('order-appointment').textContent).toContain('Время визита сохранено.');
  });

  it('shows the visit and the next reminder as a countdown in words; «Убрать» clears it', async () => {
    const visit = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const api = setup({ appointmentAt: visit });
    expect(screen.getByTestId('appointment-when').getAttribute('data-at')).toBe(visit);
    expect(screen.getByTestId('appointment-reminder').textContent).toMatch(/^Напоминание клиенту через \d/);
    await act(async () => fireEvent.click(screen.getByTestId('appointment-clear')));
    expect(sent(api)).toEqual([{ orderId: details.order.id, appointmentAt: null }]);
  });

  it('a technician who is not on the order sees the visit but no form', () => {
    setup({ appointmentAt: null, technicianId: null }, { ...session.user, role: 'technician' });
    expect(screen.getByTestId('appointment-when').textContent).toBe('Время визита не назначено.');
    expect(screen.queryByTestId('appointment-save')).toBeNull();
  });
});
