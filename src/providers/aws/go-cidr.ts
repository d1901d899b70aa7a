/**
 * Go's net.ParseCIDR and the texts of its results, which hashicorp/aws's CIDR validators
 * are built on: `addr/bits`, the address as netip.ParseAddr reads it (no leading zeros in
 * an IPv4 octet, no zone; IPv6 may end in dotted IPv4), the bits in decimal (leading zeros
 * allowed) up to the address's length. An IPv4-mapped IPv6 address keeps 128 bits but
 * prints, masked or not, as IPv4 (net.IP's To4).
 */

/** A parsed CIDR: the address (16 bytes), whether it was written as IPv4, the prefix length. */
export interface GoCidr {
  bytes: number[];
  v4: boolean;
  bits: number;
}

/** Go's `invalid CIDR address: <s>` (the text of net.ParseError). */
export function invalidCidr(s: string): string {
  return `invalid CIDR address: ${s}`;
}

function parseV4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p.startsWith('0'))) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function parseV6(s: string): number[] | null {
  // A dotted IPv4 tail stands for the last two groups.
  const lastColon = s.lastIndexOf(':');
  let text = s;
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(s.slice(lastColon + 1));
    if (!v4) return null;
    text = s.slice(0, lastColon + 1) + ((v4[0]! << 8) | v4[1]!).toString(16) + ':' + ((v4[2]! << 8) | v4[3]!).toString(16);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!), rest = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const fill = 8 - head.length - rest.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return null;
  const all = [...head, ...Array<string>(fill).fill('0'), ...rest].map((g) => parseInt(g, 16));
  return all.flatMap((g) => [g >> 8, g & 255]);
}

/** Go's net.ParseCIDR; null when it fails. */
export function parseGoCidr(s: string): GoCidr | null {
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const addr = s.slice(0, slash), mask = s.slice(slash + 1);
  const v4 = addr.includes(':') ? null : parseV4(addr);
  const bytes = v4 ? [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, ...v4] : addr.includes('%') ? null : parseV6(addr);
  if (!bytes) return null;
  if (!/^\d+$/.test(mask) || mask.length > 8) return null;
  const bits = Number(mask);
  if (bits > (v4 ? 32 : 128)) return null;
  return { bytes, v4: v4 !== null, bits };
}

/** The address with its host bits cleared. */
export function networkOf(c: GoCidr): GoCidr {
  const total = c.v4 ? c.bits + 96 : c.bits;
  const bytes = c.bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, total - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  return { ...c, bytes };
}

function isMapped(bytes: number[]): boolean {
  return bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255;
}

/** True when Go's To4 gives an IPv4 address (written as IPv4, or IPv4-mapped IPv6). */
export function isGoIPv4(c: GoCidr): boolean {
  return c.v4 || isMapped(c.bytes);
}

/** Go's net.IP String(): dotted IPv4 for IPv4 and IPv4-mapped, else RFC 5952 IPv6. */
export function goIPString(bytes: number[]): string {
  if (isMapped(bytes)) return bytes.slice(12).join('.');
  const g = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** Go's IPNet String() of the network of `c`: an IPv4 network shows its IPv4 prefix length. */
export function goNetworkString(c: GoCidr): string {
  const n = networkOf(c);
  const four = isGoIPv4(n);
  const bits = four && !c.v4 ? Math.max(0, c.bits - 96) : c.bits;
  return `${goIPString(n.bytes)}/${bits}`;
}
