// Call monitoring on PGlite and PostgreSQL: only supervisors and admins get grants (403 for
// everyone else, straight from the API); a grant is good only for its operator, once; clients
// publish their softphone address and supervisors see it with presence.
import { describe, expect, it } from 'vitest';
import { ApiErrorBody } from '../../core/errors.js';
import { MonitorAgents, MonitorGrant, VerifiedMonitor } from '../../core/monitor.js';
import { DEMO_USERS } from '../seed/demo.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';

const IRINA = DEMO_USERS.operator.id;

describe.each(DB_KINDS)('call monitoring on %s', (kind) => {
  const h = useServer(kind);

  it('operators, technicians and anonymous callers get no grant and no agent list', async () => {
    for (const login of ['operator', 'operator2', 'tech'] as const) {
      const token = await h.login(login);
      for (const mode of ['listen', 'whisper', 'barge']) {
        const res = await h.post('/api/monitor', { agentUserId: DEMO_USERS.operator2.id, mode }, token);
        expect(res.statusCode, `${login} ${mode}`).toBe(403);
        expect(ApiErrorBody.parse(res.json()).code).toBe('forbidden');
      }
      expect((await h.get('/api/monitor/agents', token)).statusCode).toBe(403);
    }
    expect((await h.post('/api/monitor', { agentUserId: IRINA, mode: 'listen' })).statusCode).toBe(401);
    expect((await h.get('/api/monitor/agents')).statusCode).toBe(401);
  });

  it('a supervisor gets a grant the operator verifies once; another user, a replay or a forgery is refused', async () => {
    const [sup, irina, olga] = await Promise.all([h.login('supervisor'), h.login('operator'), h.login('operator2')]);
    const pub = await h.post('/api/monitor/address', { sipUri: 'sip:201@pbx.example' }, irina);
    expect(pub.statusCode, pub.body).toBe(200);

    const res = await h.post('/api/monitor', { agentUserId: IRINA, mode: 'whisper' }, sup);
    expect(res.statusCode, res.body).toBe(200);
    const g = MonitorGrant.parse(res.json());
    expect(g).toMatchObject({ mode: 'whisper', agentName: 'Ирина Петрова', agentSipUri: 'sip:201@pbx.example' });
    expect(Date.parse(g.expiresAt) - Date.now()).toBeGreaterThan(20_000);

    // Olga's client cannot use Irina's grant.
    const wrong = await h.post('/api/monitor/verify', { grant: g.grant }, olga);
    expect(wrong.statusCode).toBe(403);
    // A forged mode breaks the signature.
    const [body, sig] = g.grant.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), mode: 'barge' })).toString('base64url');
    expect((await h.post('/api/monitor/verify', { grant: `${forged}.${sig}` }, irina)).statusCode).toBe(403);

    const ok = await h.post('/api/monitor/verify', { grant: g.grant }, irina);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(VerifiedMonitor.parse(ok.json())).toEqual({ mode: 'whisper', supervisorId: DEMO_USERS.supervisor.id, supervisorName: 'Елена Морозова', notifyAgent: true });
    // Used once: a replay of the same INVITE is refused.
    expect((await h.post('/api/monitor/verify', { grant: g.grant }, irina)).statusCode).toBe(403);
  });

  it('admins may monitor too; nobody monitors themselves or an unknown user; bad input is a 400', async () => {
    const admin = await h.login('admin');
    expect((await h.post('/api/monitor', { agentUserId: IRINA, mode: 'barge' }, admin)).statusCode).toBe(200);
    expect((await h.post('/api/monitor', { agentUserId: DEMO_USERS.admin.id, mode: 'listen' }, admin)).statusCode).toBe(400);
    expect((await h.post('/api/monitor', { agentUserId: '01900000-0000-7000-8000-00000000ffff', mode: 'listen' }, admin)).statusCode).toBe(404);
    expect((await h.post('/api/monitor', { agentUserId: IRINA, mode: 'shout' }, admin)).statusCode).toBe(400);
    expect((await h.post('/api/monitor/address', { sipUri: 'not a sip uri' }, admin)).statusCode).toBe(400);
  });

  it('supervisors list operators with their published address; an address can be withdrawn', async () => {
    const [sup, olga] = await Promise.all([h.login('supervisor'), h.login('operator2')]);
    await h.post('/api/monitor/address', { sipUri: 'sip:202@pbx.example' }, olga);
    const list = MonitorAgents.parse((await h.get('/api/monitor/agents', sup)).json());
    expect(list.map((a) => a.name)).not.toContain('Сергей Кузнецов'); // technicians take no calls here
    expect(list.map((a) => a.name)).not.toContain('Елена Морозова'); // not herself
    expect(list.find((a) => a.userId === DEMO_USERS.operator2.id)).toMatchObject({ sipUri: 'sip:202@pbx.example', online: false, onCall: false });
    await h.post('/api/monitor/address', { sipUri: null }, olga);
    const after = MonitorAgents.parse((await h.get('/api/monitor/agents', sup)).json());
    expect(after.find((a) => a.userId === DEMO_USERS.operator2.id)?.sipUri).toBeNull();
  });
});

describe.each(DB_KINDS)('call monitoring, site policy "do not tell the operator", on %s', (kind) => {
  const h = useServer(kind, { monitor: { notifyAgent: false, secret: 'site-secret-0123456789' } });

  it('the operator client learns it should not show the notice', async () => {
    const [sup, irina] = await Promise.all([h.login('supervisor'), h.login('operator')]);
    const g = MonitorGrant.parse((await h.post('/api/monitor', { agentUserId: IRINA, mode: 'listen' }, sup)).json());
    const ok = await h.post('/api/monitor/verify', { grant: g.grant }, irina);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(VerifiedMonitor.parse(ok.json()).notifyAgent).toBe(false);
  });
});
