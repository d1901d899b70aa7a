/** IPv4 CIDR arithmetic for VPCs, subnets, routes and address allocation. */

/** A parsed IPv4 CIDR block. */
export interface Cidr {
  base: number;
  prefix: number;
}

/** Parses dotted-quad IPv4; undefined if malformed. */
export function parseIp(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    n = n * 256 + o;
  }
  return n;
}

/** Formats a 32-bit number as dotted quad. */
export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Parses `a.b.c.d/n`; undefined if malformed. Host bits are kept (see `isNetwork`). */
export function parseCidr(s: string): Cidr | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(s);
  if (!m) return undefined;
  const base = parseIp(m[1]!);
  const prefix = Number(m[2]);
  if (base === undefined || prefix > 32) return undefined;
  return { base, prefix };
}

/** The number of addresses in a block. */
export function size(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

/** The network address (host bits cleared). */
export function network(c: Cidr): number {
  return c.prefix === 0 ? 0 : (c.base - (c.base % size(c))) >>> 0;
}

/** True if the block has no host bits set. */
export function isNetwork(c: Cidr): boolean {
  return network(c) === c.base;
}

/** True if `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  const o = network(outer);
  const i = network(inner);
  return inner.prefix >= outer.prefix && i >= o && i + size(inner) <= o + size(outer);
}

/** True if the blocks share an address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  const a0 = network(a);
  const b0 = network(b);
  return a0 < b0 + size(b) && b0 < a0 + size(a);
}

/** True if the address lies in the block. */
export function containsIp(c: Cidr, ip: number): boolean {
  const n = network(c);
  return ip >= n && ip < n + size(c);
}

/** Canonical text of a block. */
export function formatCidr(c: Cidr): string {
  return `${formatIp(network(c))}/${c.prefix}`;
}
