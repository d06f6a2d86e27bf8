// Password hashing: argon2id, the library's default algorithm (its const enum cannot be
// imported under isolatedModules), with its default OWASP-level memory cost.
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash is a failed login, not a 500
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so an unknown login is not told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('pult-dummy-password');
  await verifyPassword(await dummy, password);
}
