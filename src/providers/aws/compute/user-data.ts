/**
 * user_data as hashicorp/aws keeps it: the state holds the SHA-1 hex of the user data
 * (of its base64 decoding when the text is valid base64), and the API receives base64.
 */
import { createHash } from 'node:crypto';

/** True when `s` is standard base64 that decodes (what Go's StdEncoding accepts). */
export function isBase64(s: string): boolean {
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
}

/** The state form of user_data: SHA-1 hex of the (decoded) data. */
export function userDataHash(s: string): string {
  const bytes = isBase64(s) ? Buffer.from(s, 'base64') : Buffer.from(s, 'utf8');
  return createHash('sha1').update(bytes).digest('hex');
}

/** The base64 RunInstances expects for a user_data text (sent as is when already base64). */
export function userDataBase64(s: string): string {
  return isBase64(s) ? s : Buffer.from(s, 'utf8').toString('base64');
}
