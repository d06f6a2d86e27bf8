import { describe, expect, it } from 'vitest';
import type { SecretStore } from '../services/secret-store.js';
import { safeSecretStore, type SafeStorageLike } from './safe-secret-store.js';

function memStore(): SecretStore & { value: string | null } {
  return {
    value: null,
    async read() { return this.value; },
    async write(v) { this.value = v; },
    async clear() { this.value = null; },
  };
}

const fakeSafe = (available: boolean): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (s) => Buffer.from(`enc:${s}`),
  decryptString: (b) => {
    const s = b.toString();
    if (!s.startsWith('enc:')) throw new Error('bad key');
    return s.slice(4);
  },
});

describe('safeSecretStore', () => {
  it('stores only ciphertext when encryption is available', async () => {
    const enc = memStore();
    const plain = memStore();
    plain.value = 'old plaintext';
    const store = safeSecretStore(fakeSafe(true), enc, plain);
    await store.write('token-123');
    expect(enc.value).not.toContain('token-123');
    expect(plain.value).toBeNull();
    expect(await store.read()).toBe('token-123');
  });

  it('forgets an undecryptable secret', async () => {
    const enc = memStore();
    enc.value = Buffer.from('garbage').toString('base64');
    const store = safeSecretStore(fakeSafe(true), enc, memStore());
    expect(await store.read()).toBeNull();
    expect(enc.value).toBeNull();
  });

  it('falls back to the plain store without OS encryption', async () => {
    const plain = memStore();
    const store = safeSecretStore(fakeSafe(false), memStore(), plain);
    await store.write('t');
    expect(plain.value).toBe('t');
    expect(await store.read()).toBe('t');
    await store.clear();
    expect(plain.value).toBeNull();
  });
});
