/**
 * The CIDR checks hashicorp/aws runs at plan time on security group rule sources: a CIDR
 * must parse (Go's net.ParseCIDR rules), be of the right family, and name its network
 * ("10.0.0.1/8" is refused with "did you mean "10.0.0.0/8"?").
 */
import { isIPv4, isIPv6 } from 'node:net';
import { goQuote } from '../../../lang/format-console.js';
import { goIPString, goNetworkString, invalidCidr, isGoIPv4, networkOf, parseGoCidr } from '../go-cidr.js';

/** null when `cidr` is a valid IPv4 network, else hashicorp's message (its ValidateIPv4CIDRBlock). */
export function ipv4CidrError(cidr: string): string | null {
  const c = parseGoCidr(cidr);
  if (!c) return `${goQuote(cidr)} is not a valid CIDR block: ${invalidCidr(cidr)}`;
  if (!isGoIPv4(c)) return `${goQuote(cidr)} is not a valid IPv4 CIDR block`;
  // CIDRBlocksEqual of the text and its network: same address, same network.
  const net = goNetworkString(c);
  if (goIPString(networkOf(c).bytes) !== goIPString(c.bytes)) return `${goQuote(cidr)} is not a valid IPv4 CIDR block; did you mean ${goQuote(net)}?`;
  return null;
}

/**
 * The SDK's validation.IsCIDRNetwork(min, max) on attribute `key`: the value must parse,
 * be written as its network, and have between `min` and `max` prefix bits. The last two
 * are separate errors, both reported.
 */
export function cidrNetworkErrors(key: string, value: string, min: number, max: number): string[] {
  const c = parseGoCidr(value);
  if (!c) return [`expected ${key} to contain a valid Value, got: ${value} with err: ${invalidCidr(value)}`];
  const out: string[] = [];
  const net = goNetworkString(c);
  if (value !== net) out.push(`expected ${key} to contain a valid network Value, expected ${net}, got ${value}`);
  if (c.bits < min || c.bits > max) out.push(`expected ${goQuote(key)} to contain a network Value with between ${min} and ${max} significant bits, got: ${c.bits}`);
  return out;
}

/** The 8 groups of an IPv6 address (no embedded IPv4 form). */
function v6Groups(ip: string): number[] | null {
  if (ip.includes('.')) return null;
  const [head, tail] = ip.includes('::') ? ip.split('::', 2) as [string, string] : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail !== undefined ? 8 - h.length - t.length : 0;
  const all = [...h, ...Array<string>(Math.max(fill, 0)).fill('0'), ...t];
  return all.length === 8 ? all.map((g) => parseInt(g, 16)) : null;
}

/** Go's (RFC 5952) text of an IPv6 address: the longest run of 2+ zero groups as "::". */
function v6String(g: number[]): string {
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

/** null when `cidr` is a valid IPv6 network, else hashicorp's message. */
export function ipv6CidrError(cidr: string): string | null {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  const bits = m ? Number(m[2]) : NaN;
  const ip = m?.[1] ?? '';
  if (!m || (isIPv4(ip) ? bits > 32 : !isIPv6(ip) || bits > 128)) return `${JSON.stringify(cidr)} is not a valid CIDR block: invalid CIDR address: ${cidr}`;
  const g = isIPv4(ip) ? null : v6Groups(ip);
  if (!g) return `${JSON.stringify(cidr)} is not a valid IPv6 CIDR block`;
  const net = g.map((x, i) => {
    const keep = Math.max(0, Math.min(16, bits - i * 16));
    return keep === 0 ? 0 : x & ((0xffff << (16 - keep)) & 0xffff);
  });
  if (v6String(net) !== v6String(g)) return `${JSON.stringify(cidr)} is not a valid IPv6 CIDR block; did you mean ${JSON.stringify(`${v6String(net)}/${bits}`)}?`;
  return null;
}
