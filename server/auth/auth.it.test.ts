import { describe, expect, it } from 'vitest';
import { ApiErrorBody } from '../../core/errors.js';
import { LoginResponse } from '../../core/http.js';
import { DEMO_USERS } from '../seed/demo.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';
import { hashToken } from './sessions.js';

describe.each(DB_KINDS)('auth on %s', (kind) => {
  const h = useServer(kind);

  it('logs in with the demo password and stores only the token hash', async () => {
    const res = await h.post('/api/auth/login', { login: 'operator', password: 'demo' });
    expect(res.statusCode).toBe(200);
    const body = LoginResponse.parse(res.json());
    expect(body.user).toEqual({ id: DEMO_USERS.operator.id, login: 'operator', displayName: 'Ирина Петрова', role: 'operator', district: null });
    const hoursLeft = (Date.parse(body.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(11.9);
    expect(hoursLeft).toBeLessThanOrEqual(12);
    const sessions = await h.db.selectFrom('sessions').select('token_hash').execute();
    expect(sessions.map((s) => s.token_hash)).toContain(hashToken(body.token));
    expect(sessions.map((s) => s.token_hash)).not.toContain(body.token);
    const user = await h.db.selectFrom('users').select('password_hash').where('login', '=', 'operator').executeTakeFirstOrThrow();
    expect(user.password_hash.startsWith('$argon2id$')).toBe(true);

    const me = await h.get('/api/auth/me', body.token);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { login: 'operator' } });
  });

  it('refuses a wrong password and an unknown login with the same answer', async () => {
    const wrong = await h.post('/api/auth/login', { login: 'operator', password: 'nope' });
    const unknown = await h.post('/api/auth/login', { login: 'nobody', password: 'demo' });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(ApiErrorBody.parse(res.json()).code).toBe('auth.invalid_credentials');
    }
    expect(wrong.body).toBe(unknown.body);
  });

  it('answers 400 validation for an empty body or empty fields', async () => {
    const empty = await h.app.inject({ method: 'POST', url: '/api/auth/login' });
    expect(empty.statusCode).toBe(400);
    expect(ApiErrorBody.parse(empty.json()).code).toBe('validation');
    const emptyJson = await h.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' } });
    expect(emptyJson.statusCode).toBe(400);
    expect(ApiErrorBody.parse(emptyJson.json()).code).toBe('validation');
    const blank = await h.post('/api/auth/login', { login: '  ', password: '' });
    expect(blank.statusCode).toBe(400);
    expect(ApiErrorBody.parse(blank.json())).toMatchObject({ code: 'validation', fields: { login: expect.any(String), password: expect.any(String) } });
    const bad = await h.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"login":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('at ');
  });

  it('refuses requests without a valid session', async () => {
    for (const res of [
      await h.get('/api/sync/pull'),
      await h.get('/api/auth/me', 'x'.repeat(43)),
      await h.post('/api/sync/push', { deviceId: DEMO_USERS.operator.id, mutations: [] }),
      await h.get('/api/customers/by-phone?phone=89123456789'),
    ]) {
      expect(res.statusCode).toBe(401);
      expect(ApiErrorBody.parse(res.json()).code).toBe('not_logged_in');
    }
  });

  it('logs out, and an expired session says so', async () => {
    const res = await h.post('/api/auth/login', { login: 'tech', password: 'demo' });
    const { token } = LoginResponse.parse(res.json());
    expect((await h.post('/api/auth/logout', {}, token)).statusCode).toBe(200);
    expect((await h.get('/api/auth/me', token)).statusCode).toBe(401);

    const again = LoginResponse.parse((await h.post('/api/auth/login', { login: 'tech', password: 'demo' })).json());
    await h.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', hashToken(again.token)).execute();
    const expired = await h.get('/api/auth/me', again.token);
    expect(expired.statusCode).toBe(401);
    expect(ApiErrorBody.parse(expired.json()).code).toBe('auth.session_expired');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await h.get('/api/nothing');
    expect(res.statusCode).toBe(404);
    expect(ApiErrorBody.parse(res.json()).code).toBe('not_found');
  });
});
