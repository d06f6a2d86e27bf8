// Technicians by district: an order entering a technician's stage is assigned to a technician
// of its district (the web form names it), who then moves it only through technician stages.
import { beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../core/http.js';
import { LEAD_KEY_HEADER, LEADS_PATH, LeadResponse } from '../../core/leads.js';
import { DEMO_LEAD_KEY, seedDemoCatalog } from '../seed/catalog.js';
import { DEMO_USERS } from '../seed/demo.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';

describe.each(DB_KINDS)('technician assignment on %s', (kind) => {
  const h = useServer(kind);
  beforeAll(async () => {
    await seedDemoCatalog(h.db);
  });
  const lead = async (submissionId: string, district?: string) => {
    const res = await h.app.inject({
      method: 'POST', url: LEADS_PATH, headers: { [LEAD_KEY_HEADER]: DEMO_LEAD_KEY },
      payload: { name: 'Пётр', phone: `+7 916 000-${submissionId.slice(-2)}-00`, items: [{ sku: 'THERMEX-80' }], submissionId, ...(district ? { district } : {}) },
    });
    expect(res.statusCode).toBe(201);
    return LeadResponse.parse(res.json());
  };
  const stage = (id: string, body: object, token: string) => h.post(`${API.orders}/${id}/stage`, body, token);
  const row = (id: string) => h.db.selectFrom('orders').select(['stage_id', 'technician_id', 'district']).where('id', '=', id).executeTakeFirstOrThrow();

  it('confirming an order of «Северный» gives it to that district’s technician, who works it through his stages only', async () => {
    const operator = await h.login('operator');
    const { orderId } = await lead('district-lead-01', 'Северный');
    expect(await row(orderId)).toEqual({ stage_id: 'new', technician_id: null, district: 'Северный' });
    expect((await stage(orderId, { toStageId: 'confirmed' }, operator)).statusCode).toBe(200);
    expect(await row(orderId)).toMatchObject({ stage_id: 'confirmed', technician_id: DEMO_USERS.tech.id });

    const tech = await h.login('tech');
    expect((await stage(orderId, { toStageId: 'cancelled', reason: 'door_not_opened' }, tech)).json()).toMatchObject({ code: 'transition.forbidden' });
    expect((await stage(orderId, { toStageId: 'in_work' }, tech)).json()).toMatchObject({ stageId: 'in_work', technicianId: DEMO_USERS.tech.id, district: 'Северный' });
    expect((await stage(orderId, { toStageId: 'confirmed' }, tech)).json()).toMatchObject({ code: 'transition.forbidden' });
    expect((await stage(orderId, { toStageId: 'rescheduled' }, tech)).statusCode).toBe(200);
    expect((await stage(orderId, { toStageId: 'in_work' }, tech)).statusCode).toBe(200);
    expect((await stage(orderId, { toStageId: 'done' }, tech)).json()).toMatchObject({ stageId: 'done' });
  });

  it('no district, or one nobody serves: the order waits unassigned', async () => {
    const operator = await h.login('operator');
    const plain = await lead('district-lead-02');
    const far = await lead('district-lead-03', 'Южный');
    for (const { orderId } of [plain, far]) {
      expect((await stage(orderId, { toStageId: 'confirmed' }, operator)).statusCode).toBe(200);
      expect(await row(orderId)).toMatchObject({ stage_id: 'confirmed', technician_id: null });
    }
  });

  it('markup in the district is refused like markup in a name', async () => {
    const res = await h.app.inject({
      method: 'POST', url: LEADS_PATH, headers: { [LEAD_KEY_HEADER]: DEMO_LEAD_KEY },
      payload: { name: 'Пётр', phone: '+7 916 000-99-00', district: '<b>Северный</b>' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation', fields: { district: 'custom' } });
  });
});
