/**
 * Generated resource names the way hashicorp's plugin SDK makes them: a prefix (by default
 * "terraform-") followed by a UTC timestamp to 1/10000 s and an 8-digit hex counter, 26
 * characters that sort in creation order.
 */

/** Length of the generated suffix. */
export const UNIQUE_ID_SUFFIX_LENGTH = 26;

let counter = 0;

/** `prefix` plus a fresh unique suffix. */
export function prefixedUniqueId(prefix: string, now: Date = new Date()): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`
    + `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}${pad(now.getUTCMilliseconds(), 3)}0`;
  counter = (counter + 1) >>> 0;
  return `${prefix}${stamp}${counter.toString(16).padStart(8, '0')}`;
}

/** The name to create: the configured name, or prefix + suffix, or "terraform-" + suffix. */
export function generatedName(name: string | undefined, prefix: string | undefined): string {
  if (name) return name;
  return prefixedUniqueId(prefix ?? 'terraform-');
}

/** The prefix of a generated name, or null when `name` does not end in a generated suffix. */
export function namePrefixFromName(name: string): string | null {
  if (!/[0-9a-fA-F]{26}$/.test(name) || name.length <= UNIQUE_ID_SUFFIX_LENGTH) return null;
  return name.slice(0, name.length - UNIQUE_ID_SUFFIX_LENGTH);
}
