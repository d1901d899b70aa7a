/**
 * Generated names as hashicorp/aws makes them for `*_prefix` arguments: the prefix, a UTC
 * timestamp to the 1/10000 s and an 8-digit hex counter (26 characters in all).
 */

let counter = 0;

/** `prefix` plus a unique 26-character suffix. */
export function uniqueName(prefix: string, now = new Date()): string {
  const iso = now.toISOString(); // 2024-01-02T03:04:05.678Z
  const stamp = iso.slice(0, 19).replace(/[-T:]/g, '') + iso.slice(20, 23) + '0';
  counter = (counter + 1) % 0x100000000;
  return `${prefix}${stamp}${counter.toString(16).padStart(8, '0')}`;
}

/** The prefix of a name made by uniqueName, or undefined for any other name. */
export function namePrefixFromName(name: string): string | undefined {
  if (!/[0-9]{18}[0-9a-f]{8}$/.test(name) || name.length <= 26) return undefined;
  return name.slice(0, name.length - 26);
}
