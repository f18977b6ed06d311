import { hash, verify } from '@node-rs/argon2';

/**
 * OWASP's argon2id minimum: 19 MiB memory, 2 iterations, parallelism 1. Argon2id is the
 * library's default algorithm (its enum is a const enum we cannot import); a test checks
 * the `$argon2id$` prefix.
 */
export const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Verifying against this when the e-mail is unknown keeps login time the same either way,
 * so response timing does not reveal which accounts exist.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('keel-timing-equaliser');
  return dummyHash;
}
