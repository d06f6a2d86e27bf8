import { describe, expect, it, vi } from 'vitest';
import type { MethodName } from '../../core/contract.js';
import { PultError } from '../../core/errors.js';
import { createApiHost, type Handlers } from './dispatcher.js';
import { createEventHub } from './event-hub.js';

const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const notImpl = () => {
  throw new Error('/secret/path/leaked');
};
const handlers = {
  'app.info': () => ({ version: '1', mode: 'web', defaultServerUrl: 'http://x' }),
  'session.login': notImpl,
  'session.current': () => null,
  'session.logout': () => ({ ok: true }),
  'orders.list': () => {
    throw new PultError('not_logged_in', 'Log in first');
  },
  'orders.get': notImpl,
  'orders.changeStage': notImpl,
  'customers.findByPhone': () => ({ wrong: 'shape' }) as never,
  'sync.status': notImpl,
  'sync.now': notImpl,
  'desktop.takeDialRequest': () => null,
  'desktop.phoneState': () => ({ ok: true }),
  'desktop.notify': () => ({ shown: false }),
  'desktop.microphoneAccess': () => ({ status: 'unknown' }),
  'orders.addNote': notImpl,
  'orders.setAppointment': notImpl,
  'calls.log': notImpl,
  'leads.fromCall': notImpl,
  'presence.set': () => ({ ok: true }),
  'sync.dismissRejected': () => ({ ok: true }),
  'orders.claim': notImpl,
  'orders.release': notImpl,
  'phone.getAccount': () => null,
  'phone.saveAccount': notImpl,
  'phone.credentials': notImpl,
  'reports.options': notImpl,
  'reports.get': notImpl,
  'reports.download': notImpl,
  'pipelines.adminList': notImpl,
  'pipelines.save': notImpl,
  'pipelines.create': notImpl,
  'agent.setState': () => ({ ok: true }),
  'wallboard.get': notImpl,
  'wallboard.setAgentState': notImpl,
  'wallboard.reassign': notImpl,
  'monitor.start': notImpl,
  'monitor.verify': notImpl,
  'monitor.publishAddress': notImpl,
  'monitor.agents': notImpl,
  'home.todo': notImpl,
  'customers.get': notImpl,
  'customers.search': notImpl,
  'catalog.search': notImpl,
  'catalog.cities': notImpl,
  'customers.duplicates': notImpl,
  'customers.merge': notImpl,
} satisfies Handlers;

describe('dispatcher', () => {
  const hub = createEventHub(logger);
  const host = createApiHost({ handlers, subscribe: hub.subscribe, logger });

  it('answers values and typed errors, never throws', async () => {
    expect(await host.handle('app.info', {})).toEqual({ ok: true, value: { version: '1', mode: 'web', defaultServerUrl: 'http://x' } });
    expect(await host.handle('orders.list', { scope: 'mine' })).toEqual({ ok: false, error: { code: 'not_logged_in', message: 'Log in first' } });
  });

  it('validates input against the contract', async () => {
    const r = await host.handle('orders.list', { scope: 'everything' });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', fields: { scope: expect.any(String) } } });
    expect(await host.handle('app.info', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await host.handle('no.such' as MethodName, {})).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('hides unknown failures behind a safe message and logs them', async () => {
    const r = await host.handle('orders.get', { id: '01900000-0000-7000-8000-000000000001' });
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error' } });
    expect(logger.error).toHaveBeenCalled();
    expect(await host.handle('customers.findByPhone', { phone: '1' })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('fans events out to every subscriber until they leave', () => {
    const a = vi.fn();
    const b = vi.fn(() => {
      throw new Error('broken window');
    });
    const offA = host.subscribe(a);
    host.subscribe(b);
    hub.emit('data.changed', { entities: ['orders'] });
    offA();
    hub.emit('data.changed', { entities: ['users'] });
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
  });
});
