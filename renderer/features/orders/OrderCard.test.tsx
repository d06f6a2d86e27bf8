// @vitest-environment happy-dom
// The order card's stage buttons and the reason picker: a failed close cannot happen without a
// reason, «Не отменять» changes nothing, and the stored reason is shown on the card.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderDetails } from '../../../core/contract.js';
import type { PipelineStage } from '../../../core/domain.js';
import { createI18n } from '../../i18n/index.js';
import { ApiProvider } from '../../platform/ApiContext.js';
import { useOrders } from '../../state/orders.js';
import { useSession } from '../../state/session.js';
import { FakeApi } from '../../test/fakeApi.js';
import { details as base, session } from '../../test/fixtures.js';
import { OrderCard } from './OrderCard.js';

const cancelled: PipelineStage = { id: 'cancelled', name: 'Отменён', color: '#828282', role: 'operator', kind: 'failure', slaMinutes: null };
const confirmed: PipelineStage = { id: 'confirmed', name: 'Подтверждён', color: '#2e8b57', role: 'operator', kind: 'open', slaMinutes: null };

const details: OrderDetails = {
  ...base,
  pipeline: { ...base.pipeline, stages: [...base.pipeline.stages, cancelled] },
  nextStages: [confirmed, cancelled],
  reasons: [
    { code: 'customer_refused', name: 'Клиент передумал', roles: ['operator'] },
    { code: 'too_expensive', name: 'Дорого', roles: ['operator'] },
  ],
};

async function setup(language: 'ru' | 'en' = 'ru', over: Partial<OrderDetails> = {}, claim: { taken: boolean; holderName: string | null } = { taken: true, holderName: null }) {
  const api = new FakeApi()
    .answer('orders.get', () => ({ ok: true, value: { ...details, ...over } }))
    .answer('orders.claim', () => ({ ok: true, value: claim }))
    .answer('orders.release', () => ({ ok: true, value: { ok: true } }))
    .answer('orders.changeStage', (input) => {
      if (input.toStageId === 'cancelled' && !input.reason) return { ok: false, error: { code: 'reason.required', message: 'no reason' } };
      const stage = input.toStageId === 'cancelled' ? cancelled : confirmed;
      return { ok: true, value: { ...details, order: { ...details.order, stageId: stage.id, failureReason: input.reason ?? null }, stage, nextStages: [] } };
    });
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <ApiProvider api={api}>
        <OrderCard onBack={() => {}} />
      </ApiProvider>
    </I18nextProvider>,
  );
  await act(async () => {
    await useOrders.getState().open(api, details.order.id);
  });
  return api;
}

const stageButton = (id: string) => screen.getAllByTestId('stage-button').find((b) => b.getAttribute('data-stage-id') === id) as HTMLButtonElement;
const changes = (api: FakeApi) => api.calls.filter((c) => c.method === 'orders.changeStage').map((c) => c.input);

describe('OrderCard stage buttons and the reason picker', () => {
  afterEach(() => {
    cleanup();
    useOrders.getState().reset();
    useSession.setState({ session: null });
  });

  it('shows the role’s transitions as big buttons; the failure one is marked and opens the picker instead of changing', async () => {
    const api = await setup();
    expect(screen.getAllByTestId('stage-button').map((b) => b.textContent)).toEqual(['Подтверждён', 'Отменён']);
    expect(stageButton('cancelled').className).toContain('stage-button--failure');
    expect(stageButton('cancelled').getAttribute('aria-haspopup')).toBe('dialog');
    expect(screen.queryByTestId('reason-picker')).toBeNull();

    await act(async () => fireEvent.click(stageButton('cancelled')));
    const picker = screen.getByTestId('reason-picker');
    expect(within(picker).getByRole('heading').textContent).toBe('Почему отменяется заказ № 1024?');
    expect(picker.textContent).toContain('заказ перейдёт на этап «Отменён»');
    expect(within(picker).getAllByTestId('reason-button').map((b) => b.textContent)).toEqual(['Клиент передумал', 'Дорого']);
    expect(within(picker).getByTestId('reason-cancel').textContent).toBe('Не отменять');
    // The question has the focus, so a tall dialog opens at its top.
    expect(document.activeElement).toBe(within(picker).getByRole('heading'));
    expect(changes(api)).toEqual([]);
  });

  it('«Не отменять» closes the picker and changes nothing', async () => {
    const api = await setup();
    await act(async () => fireEvent.click(stageButton('cancelled')));
    await act(async () => fireEvent.click(screen.getByTestId('reason-cancel')));
    expect(screen.queryByTestId('reason-picker')).toBeNull();
    expect(changes(api)).toEqual([]);
    expect(screen.getByTestId('order-stage').textContent).toBe('Новый');
  });

  it('a picked reason goes with the change and shows on the card', async () => {
    const api = await setup();
    await act(async () => fireEvent.click(stageButton('cancelled')));
    await act(async () => fireEvent.click(screen.getAllByTestId('reason-button')[1] as HTMLElement));
    expect(changes(api)).toEqual([{ orderId: details.order.id, toStageId: 'cancelled', reason: 'too_expensive' }]);
    expect(screen.queryByTestId('reason-picker')).toBeNull();
    expect(screen.getByTestId('order-stage').textContent).toBe('Отменён');
    expect(screen.getByTestId('order-failure-reason').textContent).toBe('Дорого');
  });

  it('other stages change at once, without a reason', async () => {
    const api = await setup();
    await act(async () => fireEvent.click(stageButton('confirmed')));
    expect(changes(api)).toEqual([{ orderId: details.order.id, toStageId: 'confirmed' }]);
    expect(screen.queryByTestId('order-failure-reason')).toBeNull();
  });

  it('speaks English when the UI is English', async () => {
    await setup('en');
    await act(async () => fireEvent.click(stageButton('cancelled')));
    const picker = screen.getByTestId('reason-picker');
    expect(within(picker).getAllByTestId('reason-button').map((b) => b.textContent)).toEqual(['Customer changed their mind', 'Too expensive']);
    expect(within(picker).getByTestId('reason-cancel').textContent).toBe('Keep the order');
  });
});

describe('OrderCard claims («Звонит Ирина»)', () => {
  afterEach(() => {
    cleanup();
    useOrders.getState().reset();
    useSession.setState({ session: null });
  });
  const other = (minutes: number) => ({ userId: '0190a000-0000-7000-8000-000000000002', holderName: 'Ольга Смирнова', expiresAt: new Date(Date.now() + minutes * 60_000).toISOString(), mine: false });
  const claimCalls = (api: FakeApi) => api.calls.filter((c) => c.method === 'orders.claim' || c.method === 'orders.release').map((c) => c.method);

  it('an operator opening the card takes the claim, and closing it lets go', async () => {
    useSession.setState({ session });
    const api = await setup();
    expect(claimCalls(api)).toEqual(['orders.claim']);
    expect(screen.queryByTestId('order-claim')).toBeNull();
    cleanup();
    expect(claimCalls(api)).toEqual(['orders.claim', 'orders.release']);
  });

  it('a technician takes no claim', async () => {
    useSession.setState({ session: { ...session, user: { ...session.user, role: 'technician' } } });
    const api = await setup();
    expect(claimCalls(api)).toEqual([]);
  });

  it('someone else’s live claim shows their name on the card; an expired or own one does not', async () => {
    await setup('ru', { claim: other(2) });
    expect(screen.getByTestId('order-claim').textContent).toContain('Звонит Ольга Смирнова');
    cleanup();
    await setup('ru', { claim: other(-1) });
    expect(screen.queryByTestId('order-claim')).toBeNull();
    cleanup();
    await setup('ru', { claim: { ...other(2), mine: true } });
    expect(screen.queryByTestId('order-claim')).toBeNull();
  });

  it('a refused claim names the holder before the live claim arrives', async () => {
    useSession.setState({ session });
    await setup('ru', {}, { taken: false, holderName: 'Ольга Смирнова' });
    expect(screen.getByTestId('order-claim').textContent).toContain('Звонит Ольга Смирнова');
  });
});

describe('OrderCard SLA countdown', () => {
  afterEach(() => {
    cleanup();
    useOrders.getState().reset();
  });
  it('shows time left, and overdue in its own words and colours', async () => {
    await setup('ru', { order: { ...details.order, slaDueAt: new Date(Date.now() + 24 * 60_000 + 30_000).toISOString() } });
    const left = screen.getByTestId('sla');
    expect(left.textContent).toMatch(/^Осталось 24 мин \(до \d\d:\d\d\)$/);
    expect(left.className).toContain('sla--left');
    cleanup();
    useOrders.getState().reset();
    await setup('ru', { order: { ...details.order, slaDueAt: new Date(Date.now() - 5 * 60_000 - 30_000).toISOString() } });
    const late = screen.getByTestId('sla');
    expect(late.textContent).toMatch(/^Просрочено на 5 мин \(срок был \d\d:\d\d\)$/);
    expect(late.className).toContain('sla--overdue');
  });
  it('shows nothing when nothing is timed', async () => {
    await setup('ru', { order: { ...details.order, slaDueAt: null } });
    expect(screen.queryByTestId('sla')).toBeNull();
  });
});
