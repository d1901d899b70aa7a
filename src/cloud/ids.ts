/** Identifiers in AWS's formats: request ids, hex resource ids, access keys. */
import { randomBytes, randomUUID } from 'node:crypto';

/** A request id like AWS's (uuid v4). */
export function requestId(): string {
  return randomUUID();
}

/** `n` random lower-case hex characters (e.g. for vpc-0abc... ids use 17). */
export function hexId(n: number): string {
  return randomBytes(Math.ceil(n / 2)).toString('hex').slice(0, n);
}

/** A prefixed EC2-style id such as `vpc-0123456789abcdef0` (17 hex digits). */
export function resourceId(prefix: string, n = 17): string {
  return `${prefix}-${hexId(n)}`;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Random upper-case base32 characters, as used in access key ids and IAM unique ids. */
export function base32Id(n: number): string {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += UPPER[bytes[i]! & 31];
  return s;
}

/** An access key id with the given prefix (AKIA for long-term, ASIA for temporary keys). */
export function accessKeyId(prefix: 'AKIA' | 'ASIA' = 'AKIA'): string {
  return prefix + base32Id(16);
}

/** A 40-character secret access key. */
export function secretAccessKey(): string {
  return randomBytes(30).toString('base64').replace(/\+/g, 'A').replace(/\//g, 'B').slice(0, 40);
}

/** The `x-amz-id-2` host id S3 sends with every answer. */
export function hostId(): string {
  return randomBytes(48).toString('base64');
}
