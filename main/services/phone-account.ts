// The softphone account of this computer: settings in `<dataDir>/softphone.json`, the SIP
// password apart in a SecretStore (a 0600 file in browser mode, safeStorage in Electron).
// The renderer sees the account with `hasPassword` only; it gets the password through
// `phone.credentials` at register time and keeps it in memory.
import fs from 'node:fs/promises';
import path from 'node:path';
import { PultError } from '../../core/errors.js';
import { SoftphoneAccountInput, type SoftphoneAccount, type SoftphoneAccountView } from '../../core/softphone.js';
import type { SecretStore } from './secret-store.js';

export interface PhoneAccountStore {
  get(): Promise<SoftphoneAccountView | null>;
  save(account: SoftphoneAccount, password: string | undefined): Promise<SoftphoneAccountView>;
  password(): Promise<string>;
}

export function createPhoneAccountStore(opts: { file: string; secrets: SecretStore }): PhoneAccountStore {
  async function readAccount(): Promise<SoftphoneAccount | null> {
    let text: string;
    try {
      text = await fs.readFile(opts.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    try {
      const parsed = SoftphoneAccountInput.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null; // a damaged file: set the phone up again
    } catch {
      return null;
    }
  }
  const view = async (a: SoftphoneAccount): Promise<SoftphoneAccountView> => ({ ...a, hasPassword: (await opts.secrets.read()) !== null });

  // Saves run one at a time: settings file and secret must not interleave.
  let chain: Promise<unknown> = Promise.resolve();
  return {
    async get() {
      const a = await readAccount();
      return a ? view(a) : null;
    },
    save(account, password) {
      const run = chain.then(async () => {
        await fs.mkdir(path.dirname(opts.file), { recursive: true });
        const tmp = `${opts.file}.${process.pid}.tmp`;
        await fs.writeFile(tmp, JSON.stringify(account, null, 2), { mode: 0o600 });
        await fs.rename(tmp, opts.file);
        if (password !== undefined) {
          if (password === '') await opts.secrets.clear();
          else await opts.secrets.write(password);
        }
        return view(account);
      });
      chain = run.catch(() => undefined);
      return run;
    },
    async password() {
      const p = await opts.secrets.read();
      // No password stored: register without one (servers that trust the network need none).
      if (p === null && !(await readAccount())) throw new PultError('not_found', 'No softphone account');
      return p ?? '';
    },
  };
}
