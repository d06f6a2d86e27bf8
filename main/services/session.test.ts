import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../db/test-fixtures.js';
import { startFakeCrm, type FakeCrm } from './fake-crm-server.js';
import { fileSecretStore } from './secret-store.js';
import { cacheFileFor, createSessionManager, validateLoginInput } from './session.js';

let dir: string;
let crm: FakeCrm;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pult-session-'));
  crm = await startFakeCrm([{ user: OPERATOR, password: 'secret' }]);
});
afterEach(async () => {
  await crm.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const manager = () => createSessionManager({ dataDir: dir, store: fileSecretStore(path.join(dir, 'session.json')) });

describe('login input', () => {
  it.each([
    [{ serverUrl: 'http://a', login: '  ', password: 'x' }, 'auth.empty_login', 'login'],
    [{ serverUrl: 'http://a', login: 'anna', password: '' }, 'auth.empty_password', 'password'],
    [{ serverUrl: 'crm', login: 'anna', password: 'x' }, 'server.bad_url', 'serverUrl'],
    [{ serverUrl: 'file:///etc/passwd', login: 'anna', password: 'x' }, 'server.bad_url', 'serverUrl'],
  ])('%o → %s', (input, code, field) => {
    expect(() => validateLoginInput(input)).toThrow(expect.objectContaining({ code, fields: { [field]: code } }));
  });
});

describe('session manager', () => {
  it('logs in, opens the per-user cache, remembers and restores the session, logout forgets it', async () => {
    const m = manager();
    const s = await m.adopt(await m.authenticate({ serverUrl: `${crm.url}/`, login: ' anna ', password: 'secret' }));
    expect(s.cache.file).toBe(cacheFileFor(dir, OPERATOR.id));
    expect(fs.existsSync(s.cache.file)).toBe(true);
    expect(m.info()).toEqual({ user: OPERATOR, serverUrl: crm.url });
    const saved = fs.readFileSync(path.join(dir, 'session.json'), 'utf8');
    expect(JSON.parse(saved)).toMatchObject({ serverUrl: crm.url, user: OPERATOR });
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'session.json')).mode & 0o077).toBe(0);
    m.close();

    const again = manager();
    const restored = await again.restore();
    expect(restored?.stored.token).toBe(s.stored.token);
    expect(again.info()?.user).toEqual(OPERATOR);
    await again.logout();
    expect(again.info()).toBeNull();
    expect(fs.existsSync(path.join(dir, 'session.json'))).toBe(false);
    expect(await manager().restore()).toBeNull();
  });

  it('wrong password changes nothing', async () => {
    const m = manager();
    await expect(m.authenticate({ serverUrl: crm.url, login: 'anna', password: 'nope' })).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    expect(m.info()).toBeNull();
    expect(fs.existsSync(path.join(dir, 'session.json'))).toBe(false);
  });

  it('forgets an unreadable session file instead of failing the start', async () => {
    fs.writeFileSync(path.join(dir, 'session.json'), '{"token":"short"}');
    expect(await manager().restore()).toBeNull();
    expect(fs.existsSync(path.join(dir, 'session.json'))).toBe(false);
  });
});
