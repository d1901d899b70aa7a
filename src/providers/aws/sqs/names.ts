/**
 * Generated resource names as hashicorp/aws makes them: `terraform-` (or the configured
 * prefix) followed by a 26-character unique suffix (a UTC timestamp to 1/10000 s and an
 * 8-hex-digit counter), and the prefix recovered from such a name on read. No AWS SDK import.
 */

let counter = 0;

/** The 26-character unique suffix. */
export function uniqueSuffix(now = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const ts = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}${p(now.getUTCMilliseconds(), 3)}0`;
  counter = (counter + 1) >>> 0;
  return ts + counter.toString(16).padStart(8, '0');
}

/** `name` when given, else `prefix` (default "terraform-") plus a unique suffix, plus `suffix`. */
export function generatedName(name: string | undefined, prefix: string | undefined, suffix = ''): string {
  if (name) return name;
  return `${prefix ?? 'terraform-'}${uniqueSuffix()}${suffix}`;
}

/** The prefix of a generated name (before the unique suffix and `suffix`), or undefined. */
export function prefixFromName(name: string, suffix = ''): string | undefined {
  const base = suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
  const m = /^(.*)\d{18}[0-9a-f]{8}$/.exec(base);
  return m ? m[1] : undefined;
}
