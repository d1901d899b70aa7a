/**
 * State upgraders of random_password (schema v0, v1, v2 -> v3) and random_string (v1 -> v2),
 * as hashicorp/random 3.6 has them: attributes an import by 3.3.1 and earlier left null get
 * their defaults (so nothing is replaced), `numeric` is copied from `number`, and a password
 * gets a bcrypt hash when it has none (v0) or a wrong one (v2).
 */
import { bcrypt } from '../../../lang/bcrypt.js';
import { ProviderError } from '../../sdk/resource.js';

type Raw = Record<string, unknown>;

/** The v3 attributes shared by every old random_string/random_password state. */
function withDefaults(raw: Raw): Raw {
  const result = typeof raw.result === 'string' ? raw.result : '';
  const or = (k: string, d: unknown) => (raw[k] ?? d);
  const number = or('number', true);
  return {
    keepers: raw.keepers ?? null, length: or('length', result.length),
    special: or('special', true), upper: or('upper', true), lower: or('lower', true), number, numeric: number,
    min_numeric: or('min_numeric', 0), min_upper: or('min_upper', 0), min_lower: or('min_lower', 0), min_special: or('min_special', 0),
    override_special: raw.override_special ?? null, result: raw.result ?? null, id: raw.id ?? null,
  };
}

/** The framework's error for a stored version the resource has no upgrader for. */
function noUpgrader(version: number): ProviderError {
  return new ProviderError(
    'Unable to Upgrade Resource State',
    `This resource was implemented with an UpgradeState() method, however Terraform was expecting an implementation for version ${version} upgrade.\n\nThis is always an issue with the Terraform Provider and should be reported to the provider developer.`,
  );
}

/** random_string: only schema version 1 has an upgrader. */
export function upgradeStringState(version: number, raw: Raw): Raw {
  if (version !== 1) throw noUpgrader(version);
  return withDefaults(raw);
}

/** random_password: versions 0, 1 and 2 upgrade to 3. */
export function upgradePasswordState(version: number, raw: Raw): Raw {
  const out = withDefaults(raw);
  const result = typeof raw.result === 'string' ? raw.result : '';
  const hash = typeof raw.bcrypt_hash === 'string' ? raw.bcrypt_hash : undefined;
  switch (version) {
    case 0:
      return { ...out, bcrypt_hash: bcrypt().hashSync(result, 10) };
    case 1:
      return { ...out, bcrypt_hash: raw.bcrypt_hash ?? null };
    case 2:
      // 3.4.0 could store a hash of the wrong value: regenerated when it does not match.
      if (hash === undefined || !/^\$2[aby]?\$\d\d\$/.test(hash) || hash.length < 59) {
        throw new ProviderError('Version 3 State Upgrade Error', 'An unexpected error occurred when comparing the state version 2 password and bcrypt hash. This is always an issue in the provider and should be reported to the provider developers.\n\nOriginal Error: crypto/bcrypt: hashedSecret too short to be a bcrypted password');
      }
      return { ...out, bcrypt_hash: bcrypt().compareSync(result, hash) ? hash : bcrypt().hashSync(result, 10) };
    default:
      throw noUpgrader(version);
  }
}
