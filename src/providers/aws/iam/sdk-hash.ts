/**
 * The hash codes hashicorp's plugin SDK gives set elements (CRC-32 of a serialisation),
 * and with them the order in which the SDK lists a set: by the decimal hash code, sorted
 * as strings. Providers that concatenate set elements (the policy document's principals
 * and conditions) depend on that order, so terrane reproduces it. No AWS SDK import.
 */

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE) of the UTF-8 bytes of `s`, as an unsigned number. */
export function crc32(s: string): number {
  let c = 0xffffffff;
  for (const b of Buffer.from(s, 'utf8')) c = TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The SDK's hashcode.String / create.StringHashcode (non-negative on 64-bit platforms). */
export function stringHashcode(s: string): number {
  return crc32(s);
}

/** Orders items as the SDK's Set.List() does: by the decimal string of their hash, deduplicated. */
export function sdkSetOrder<T>(items: readonly T[], serialize: (item: T) => string): T[] {
  const byCode = new Map<string, T>();
  for (const it of items) {
    const code = String(stringHashcode(serialize(it)));
    if (!byCode.has(code)) byCode.set(code, it);
  }
  return [...byCode.keys()].sort().map((k) => byCode.get(k)!);
}

/**
 * Serialisation of a set of strings as a member of a hashed resource: `{a;b;};`. A set of
 * a primitive type hashes each element by its own serialisation (HashSchema: `a;`).
 */
export function serializeStringSet(items: readonly string[]): string {
  return '{' + sdkSetOrder(items, (s) => s + ';').map((s) => s + ';').join('') + '};';
}

/** Serialisation of a list of strings as a member of a hashed resource: `(a;b;);`. */
export function serializeStringList(items: readonly string[]): string {
  return '(' + items.map((s) => s + ';').join('') + ');';
}
