import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SoftphoneAccountInput } from '../../core/softphone.js';
import { createPhoneAccountStore } from './phone-account.js';
import { fileSecretStore } from './secret-store.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function store() {
  const dir = mkdtempSync(path.join(tmpdir(), 'pult-phone-'));
  dirs.push(dir);
  const file = path.join(dir, 'softphone.json');
  return { dir, file, s: createPhoneAccountStore({ file, secrets: fileSecretStore(path.join(dir, 'sip-password')) }) };
}

const account = SoftphoneAccountInput.parse({ servers: ['wss://pbx.example/ws'], sipUri: 'sip:101@pbx.example' });

describe('phone account store', () => {
  it('keeps the password out of the settings file and out of the view', async () => {
    const { s, file } = store();
    expect(await s.get()).toBeNull();
    const v = await s.save(account, 's3cret');
    expect(v.hasPassword).toBe(true);
    expect(JSON.stringify(v)).not.toContain('s3cret');
    expect(readFileSync(file, 'utf8')).not.toContain('s3cret');
    expect(await s.password()).toBe('s3cret');
  });

  it('keeps the old password when none is given and clears it on an empty one', async () => {
    const { s } = store();
    await s.save(account, 'one');
    expect((await s.save({ ...account, displayName: 'Ирина' }, undefined)).hasPassword).toBe(true);
    expect(await s.password()).toBe('one');
    expect((await s.save(account, '')).hasPassword).toBe(false);
  });

  it('has no password without an account', async () => {
    await expect(store().s.password()).rejects.toThrow('No softphone account');
  });
});
