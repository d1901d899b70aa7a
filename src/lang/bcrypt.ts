/**
 * bcryptjs, loaded on first use: loading it costs every command ~15 ms, and only
 * bcrypt() and random_password's bcrypt_hash need it.
 */
import { createRequire } from 'node:module';
import type * as Bcrypt from 'bcryptjs';

let lib: typeof Bcrypt | undefined;

/** The bcryptjs module. */
export function bcrypt(): typeof Bcrypt {
  return (lib ??= createRequire(import.meta.url)('bcryptjs') as typeof Bcrypt);
}
