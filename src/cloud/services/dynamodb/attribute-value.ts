/** DynamoDB attribute values as they travel on the wire (`{"S": "x"}`, `{"N": "1"}`, ...). */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

/** An item: attribute name to value. */
export type Item = Record<string, AttributeValue>;

/** The one-letter type tag of a value ('S', 'N', 'M', ...). */
export function typeOf(v: AttributeValue): string {
  return Object.keys(v)[0] ?? '';
}

const TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);

/** Checks a value received from a client; returns an error message or undefined when valid. */
export function validateValue(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
  const keys = Object.keys(v);
  if (keys.length !== 1 || !TYPES.has(keys[0]!)) return 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
  const t = keys[0]!;
  const x = (v as Record<string, unknown>)[t];
  switch (t) {
    case 'N':
      if (typeof x !== 'string' || !isNumber(x)) return 'A value provided cannot be converted into a number';
      return undefined;
    case 'NS':
      if (!Array.isArray(x) || x.length === 0) return 'One or more parameter values were invalid: An number set  may not be empty';
      for (const n of x) if (typeof n !== 'string' || !isNumber(n)) return 'A value provided cannot be converted into a number';
      if (new Set(x.map((n: string) => normalizeNumber(n))).size !== x.length) return 'Input collection contains duplicates';
      return undefined;
    case 'SS':
    case 'BS':
      if (!Array.isArray(x) || x.length === 0) return `One or more parameter values were invalid: An ${t === 'SS' ? 'string' : 'binary'} set  may not be empty`;
      if (new Set(x).size !== x.length) return 'Input collection contains duplicates';
      return undefined;
    case 'M':
      if (x === null || typeof x !== 'object') return 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
      for (const c of Object.values(x as object)) { const e = validateValue(c); if (e) return e; }
      return undefined;
    case 'L':
      if (!Array.isArray(x)) return 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
      for (const c of x) { const e = validateValue(c); if (e) return e; }
      return undefined;
    case 'NULL':
      if (x !== true) return 'One or more parameter values were invalid: Null attribute value types must have the value of true';
      return undefined;
    default:
      return undefined;
  }
}

function isNumber(s: string): boolean {
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(s);
}

/** Canonical text of a number, so that "1.0" and "1" compare and store equal. */
export function normalizeNumber(s: string): string {
  const t = s.trim();
  if (/^[+-]?\d+$/.test(t)) return BigInt(t).toString();
  const n = Number(t);
  return Number.isFinite(n) ? String(n) : t;
}

/** Numeric comparison of two DynamoDB number strings. */
export function compareNumbers(a: string, b: string): number {
  const ta = a.trim(), tb = b.trim();
  if (/^[+-]?\d+$/.test(ta) && /^[+-]?\d+$/.test(tb)) {
    const x = BigInt(ta), y = BigInt(tb);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(ta), y = Number(tb);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Adds or subtracts two number strings, exactly for integers. */
export function addNumbers(a: string, b: string, negate = false): string {
  const ta = a.trim(), tb = b.trim();
  if (/^[+-]?\d+$/.test(ta) && /^[+-]?\d+$/.test(tb)) {
    const r = negate ? BigInt(ta) - BigInt(tb) : BigInt(ta) + BigInt(tb);
    return r.toString();
  }
  const r = negate ? Number(ta) - Number(tb) : Number(ta) + Number(tb);
  return String(Number(r.toPrecision(15)));
}

/** Orders two scalar values of the same type (S by code point / UTF-8 bytes, N numerically, B by bytes). */
export function compareScalars(a: AttributeValue, b: AttributeValue): number | undefined {
  const ta = typeOf(a);
  if (ta !== typeOf(b)) return undefined;
  if (ta === 'N') return compareNumbers((a as { N: string }).N, (b as { N: string }).N);
  if (ta === 'S') return Buffer.compare(Buffer.from((a as { S: string }).S), Buffer.from((b as { S: string }).S));
  if (ta === 'B') return Buffer.compare(Buffer.from((a as { B: string }).B, 'base64'), Buffer.from((b as { B: string }).B, 'base64'));
  return undefined;
}

/** Deep equality following DynamoDB rules (sets compare as sets, numbers numerically). */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const t = typeOf(a);
  if (t !== typeOf(b)) return false;
  const x = (a as Record<string, unknown>)[t];
  const y = (b as Record<string, unknown>)[t];
  switch (t) {
    case 'N': return compareNumbers(x as string, y as string) === 0;
    case 'S': case 'B': case 'BOOL': case 'NULL': return x === y;
    case 'SS': case 'BS': { const sx = new Set(x as string[]); const ys = y as string[]; return sx.size === ys.length && ys.every((e) => sx.has(e)); }
    case 'NS': { const sx = new Set((x as string[]).map(normalizeNumber)); const ys = (y as string[]).map(normalizeNumber); return sx.size === ys.length && ys.every((e) => sx.has(e)); }
    case 'L': { const lx = x as AttributeValue[], ly = y as AttributeValue[]; return lx.length === ly.length && lx.every((e, i) => valuesEqual(e, ly[i]!)); }
    case 'M': {
      const mx = x as Record<string, AttributeValue>, my = y as Record<string, AttributeValue>;
      const kx = Object.keys(mx), ky = Object.keys(my);
      return kx.length === ky.length && kx.every((k) => my[k] !== undefined && valuesEqual(mx[k]!, my[k]!));
    }
    default: return false;
  }
}

/** Text that identifies a key value for storage and lookup. */
export function keyString(v: AttributeValue): string {
  const t = typeOf(v);
  const x = (v as Record<string, string>)[t]!;
  return t === 'N' ? `N:${normalizeNumber(x)}` : `${t}:${x}`;
}

/** Approximate item size in bytes as DynamoDB counts it (names plus values). */
export function itemSize(item: Item): number {
  let n = 0;
  for (const [k, v] of Object.entries(item)) n += Buffer.byteLength(k) + valueSize(v);
  return n;
}

function valueSize(v: AttributeValue): number {
  const t = typeOf(v);
  const x = (v as Record<string, unknown>)[t];
  switch (t) {
    case 'S': return Buffer.byteLength(x as string);
    case 'N': return Math.ceil((x as string).length / 2) + 1;
    case 'B': return Buffer.from(x as string, 'base64').length;
    case 'BOOL': case 'NULL': return 1;
    case 'SS': return (x as string[]).reduce((s, e) => s + Buffer.byteLength(e), 0);
    case 'NS': return (x as string[]).reduce((s, e) => s + Math.ceil(e.length / 2) + 1, 0);
    case 'BS': return (x as string[]).reduce((s, e) => s + Buffer.from(e, 'base64').length, 0);
    case 'L': return 3 + (x as AttributeValue[]).reduce((s, e) => s + 1 + valueSize(e), 0);
    case 'M': return 3 + Object.entries(x as Item).reduce((s, [k, e]) => s + 1 + Buffer.byteLength(k) + valueSize(e), 0);
    default: return 0;
  }
}
