// A fake `window.pult` for looking at the screens without the main side. Injected into the
// page with Playwright's addInitScript, so it must be self-contained (no imports, no closures).
export function installFakePult(opts: { sync: 'idle' | 'offline' | 'syncing' }): void {
  const stages = [
    { id: 'new', name: 'Новый', color: '#1e6fd9', role: 'operator', kind: 'open', slaMinutes: 30 },
    { id: 'no_answer', name: 'Недозвон', color: '#f2c94c', role: 'operator', kind: 'open', slaMinutes: null },
    { id: 'confirmed', name: 'Подтверждён', color: '#27ae60', role: 'operator', kind: 'open', slaMinutes: null },
    { id: 'in_work', name: 'Принят в работу', color: '#9b51e0', role: 'technician', kind: 'open', slaMinutes: null },
    { id: 'cancelled', name: 'Отменён', color: '#eb5757', role: 'operator', kind: 'failure', slaMinutes: null },
  ];
  const pipeline = {
    id: 'delivery',
    name: 'Доставка и установка',
    stages,
    transitions: [
      { from: 'new', to: 'no_answer', roles: ['operator'] },
      { from: 'new', to: 'confirmed', roles: ['operator'] },
      { from: 'new', to: 'cancelled', roles: ['operator'] },
      { from: 'no_answer', to: 'confirmed', roles: ['operator'] },
      { from: 'no_answer', to: 'cancelled', roles: ['operator'] },
    ],
    updatedAt: '2025-01-10T09:00:00Z',
  };
  const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  const now = '2025-01-10T09:00:00Z';
  const customers = [
    ['Петрова Галина Ивановна', '+79123456789', 'Екатеринбург'],
    ['Сидоров Николай Петрович', '+79221234567', 'Верхняя Пышма'],
    ['Кузнецова Ольга', '+73432101010', 'Екатеринбург'],
    ['Иван Смирнов', '+79505550011', 'Березовский'],
  ].map(([name, phone, city], i) => ({
    id: id(100 + i), name, phone, phoneRaw: phone, email: null, city, partnerNumber: null, notes: '', updatedAt: now,
  }));
  const orders = [
    ['1024', 0, 'new', 'Смеситель для кухни Grohe с установкой', 1_250_000, 'ул. Ленина, д. 5, кв. 12', 'phone', 'Позвонить после 18:00, днём на работе.'],
    ['1025', 1, 'no_answer', 'Унитаз-компакт, доставка на 3 этаж без лифта', 2_349_050, 'ул. Кирова, д. 17', 'web', ''],
    ['1026', 2, 'confirmed', 'Радиатор отопления 10 секций', 899_000, 'пр. Космонавтов, д. 44, кв. 8', 'missed_call', ''],
    ['1027', 3, 'new', 'Бойлер 80 л, демонтаж старого', 3_100_000, null, 'chat', 'Домофон не работает — звонить на мобильный.'],
  ].map(([number, c, stageId, title, amount, address, channel, notes], i) => ({
    id: id(200 + i), number, customerId: customers[c as number]!.id, pipelineId: 'delivery', stageId, operatorId: id(1),
    technicianId: null, title, amountKopecks: amount, city: customers[c as number]!.city, address, channel, notes,
    version: 1, createdAt: now, updatedAt: now,
    // SLA countdowns: time left, little left, overdue, nothing timed.
    slaDueAt: [24, 6, -5, null].map((m) => (m === null ? null : new Date(Date.now() + m * 60_000 + 30_000).toISOString()))[i] ?? null,
  }));
  // «Звонит Ольга»: a colleague has order 1027 open.
  const claimOf = (o: (typeof orders)[number]) =>
    o.number === '1027' ? { userId: id(2), holderName: 'Ольга Смирнова', expiresAt: new Date(Date.now() + 120_000).toISOString(), mine: false } : null;
  const pending = new Set<string>([orders[1]!.id]);
  const user = { id: id(1), login: 'galina', displayName: 'Галина Сергеевна Воробьёва', role: 'operator', district: null };
  let session: unknown = null;
  const listeners: Record<string, Set<(p: unknown) => void>> = {};
  const emit = (event: string, payload: unknown) => listeners[event]?.forEach((l) => l(payload));
  const sync = { state: opts.sync, pending: opts.sync === 'offline' ? 2 : 0, lastSyncAt: null, lastError: null };
  const item = (o: (typeof orders)[number]) => ({
    order: o,
    customer: customers.find((c) => c.id === o.customerId) ?? null,
    stage: stages.find((s) => s.id === o.stageId) ?? null,
    pending: pending.has(o.id),
    claim: claimOf(o),
  });
  const detailsOf = (o: (typeof orders)[number]) => ({
    ...item(o),
    pipeline,
    nextStages: stages.filter((s) => pipeline.transitions.some((t) => t.from === o.stageId && t.to === s.id)),
    reasons: [
      { code: 'customer_refused', name: 'Клиент передумал', roles: ['operator'] },
      { code: 'too_expensive', name: 'Дорого', roles: ['operator'] },
      { code: 'bought_elsewhere', name: 'Купил в другом месте', roles: ['operator'] },
    ],
  });
  const ok = (value: unknown) => ({ ok: true, value });
  const fail = (code: string, message: string, fields?: Record<string, string>) => ({ ok: false, error: { code, message, ...(fields ? { fields } : {}) } });
  const handlers: Record<string, (input: Record<string, string>) => unknown> = {
    'app.info': () => ok({ version: '0.1.0', mode: 'electron', defaultServerUrl: 'http://127.0.0.1:4310' }),
    'session.current': () => ok(session),
    'session.login': (i) => {
      if (!i.login) return fail('auth.empty_login', 'empty', { login: 'auth.empty_login' });
      if (i.password !== 'secret') return fail('auth.invalid_credentials', 'bad');
      session = { user, serverUrl: i.serverUrl };
      return ok(session);
    },
    'session.logout': () => ((session = null), ok({ ok: true })),
    'orders.list': () => ok(orders.map(item)),
    'orders.get': (i) => {
      const o = orders.find((x) => x.id === i.id);
      return o ? ok(detailsOf(o)) : fail('not_found', 'no order');
    },
    'orders.changeStage': (i) => {
      const o = orders.find((x) => x.id === i.orderId);
      if (!o) return fail('not_found', 'no order');
      if (i.toStageId === 'cancelled' && !i.reason) return fail('reason.required', 'needs a reason');
      o.stageId = i.toStageId!;
      (o as { failureReason?: string | null }).failureReason = i.toStageId === 'cancelled' ? (i.reason ?? null) : null;
      pending.add(o.id);
      setTimeout(() => emit('data.changed', { entities: ['orders'] }), 0);
      return ok(detailsOf(o));
    },
    'orders.claim': () => ok({ taken: true, holderName: null }),
    'orders.release': () => ok({ ok: true }),
    'home.todo': () => ok([]),
    'sync.status': () => ok(sync),
    'sync.now': () => ok(sync),
  };
  (window as unknown as { pult: unknown }).pult = {
    call: async (method: string, input: Record<string, string>) => {
      await new Promise((r) => setTimeout(r, 150));
      return handlers[method]?.(input) ?? fail('internal', `fake has no ${method}`);
    },
    on: (event: string, l: (p: unknown) => void) => {
      (listeners[event] ??= new Set()).add(l);
      return () => listeners[event]?.delete(l);
    },
  };
}
