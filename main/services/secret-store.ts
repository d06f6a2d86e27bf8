// Where the remembered session (with its token) is kept. An interface so the Electron side can
// swap in an OS-encrypted store (safeStorage) without touching the session logic.
import fs from 'node:fs/promises';
import path from 'node:path';

export interface SecretStore {
  read(): Promise<string | null>;
  write(value: string): Promise<void>;
  clear(): Promise<void>;
}

/** Plain file, owner-only permissions, replaced atomically (write to temp, then rename). */
export function fileSecretStore(file: string): SecretStore {
  return {
    async read() {
      try {
        return await fs.readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async write(value) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, value, { mode: 0o600 });
      await fs.rename(tmp, file);
    },
    async clear() {
      await fs.rm(file, { force: true });
    },
  };
}
