// SecretStore backed by Electron's safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/
// kwallet on Linux), so the remembered session token is not readable from the disk as-is.
import type { SecretStore } from '../services/secret-store.js';

/** Slice of Electron's safeStorage. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Wraps a byte-agnostic file store: the ciphertext is stored base64-encoded. When the OS offers
 * no encryption, falls back to `plain` (owner-only file) rather than refusing to remember logins.
 */
export function safeSecretStore(safeStorage: SafeStorageLike, encrypted: SecretStore, plain: SecretStore): SecretStore {
  const available = (): boolean => safeStorage.isEncryptionAvailable();
  return {
    async read() {
      if (!available()) return plain.read();
      const stored = await encrypted.read();
      if (stored === null) return null;
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        await encrypted.clear(); // key changed (new OS user, reinstalled keyring): log in again
        return null;
      }
    },
    async write(value) {
      if (!available()) return plain.write(value);
      await encrypted.write(safeStorage.encryptString(value).toString('base64'));
      await plain.clear(); // never leave a plaintext copy behind
    },
    async clear() {
      await Promise.all([encrypted.clear(), plain.clear()]);
    },
  };
}
