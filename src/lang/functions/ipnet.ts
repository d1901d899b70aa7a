/**
 * IP network functions: cidrhost cidrnetmask cidrsubnet cidrsubnets, for IPv4 and IPv6,
 * with BigInt address arithmetic and Terraform's (go-cidr's) error messages. Addresses
 * parse like Terraform's ipaddr package (Go 1.16's net: IPv4 octets may have leading zeros).
 */
import * as T from '../types.js';
import { stringVal, listVal, emptyListVal } from '../value.js';
import type { Value } from '../value.js';
import type { FunctionDef } from './function.js';
import { FunctionError } from './function.js';
import { fixed, param } from './util.js';

/** A network: base address, address width (32 or 128) and prefix length. */
export interface IPNet { ip: bigint; bits: 32 | 128; prefix: number }

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = parseInt(p, 10);
    if (v > 255) return undefined;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseIPv6(s: string): bigint | undefined {
  let head = s, tail = '';
  const dbl = s.indexOf('::');
  if (dbl >= 0) { head = s.slice(0, dbl); tail = s.slice(dbl + 2); if (tail.includes('::')) return undefined; }
  const groups = (x: string): number[] | undefined => {
    if (x === '') return [];
    const out: number[] = [];
    const ps = x.split(':');
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      if (i === ps.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
      out.push(parseInt(p, 16));
    }
    return out;
  };
  const h = groups(head), t = groups(tail);
  if (!h || !t) return undefined;
  let all: number[];
  if (dbl >= 0) {
    const fill = 8 - h.length - t.length;
    if (fill < 1) return undefined;
    all = [...h, ...new Array<number>(fill).fill(0), ...t];
  } else all = h;
  if (all.length !== 8) return undefined;
  let n = 0n;
  for (const g of all) n = (n << 16n) | BigInt(g);
  return n;
}

/** Go's net.ParseCIDR (network address with host bits cleared). */
export function parseCIDR(s: string): IPNet {
  const bad = (): never => { throw new FunctionError(`invalid CIDR expression: invalid CIDR address: ${s}`); };
  const slash = s.indexOf('/');
  if (slash < 0) bad();
  const addr = s.slice(0, slash), len = s.slice(slash + 1);
  let ip: bigint | undefined;
  let bits: 32 | 128;
  if (addr.includes(':')) { ip = parseIPv6(addr); bits = 128; } else { ip = parseIPv4(addr); bits = 32; }
  if (ip === undefined || !/^\d+$/.test(len)) bad();
  const prefix = parseInt(len, 10);
  if (prefix > bits) bad();
  // IPv4-mapped IPv6 networks behave as IPv4 in Go when the prefix covers the mapping.
  return { ip: ip! & maskOf(prefix, bits), bits, prefix };
}

function maskOf(prefix: number, bits: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return prefix === 0 ? 0n : (all >> BigInt(bits - prefix)) << BigInt(bits - prefix);
}

/** Go's net.IP.String(). */
export function ipString(ip: bigint, bits: 32 | 128): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((ip >> s) & 0xffn)).join('.');
  if (ip >> 32n === 0xffffn) return ipString(ip & 0xffffffffn, 32);
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((ip >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  if (bestStart < 0) return g.map((x) => x.toString(16)).join(':');
  const left = g.slice(0, bestStart).map((x) => x.toString(16)).join(':');
  const right = g.slice(bestStart + bestLen).map((x) => x.toString(16)).join(':');
  return `${left}::${right}`;
}

function netString(n: IPNet): string {
  const shown = n.bits === 128 && n.ip >> 32n === 0xffffn && n.prefix >= 96 ? { s: ipString(n.ip & 0xffffffffn, 32), p: n.prefix - 96 } : { s: ipString(n.ip, n.bits), p: n.prefix };
  return `${shown.s}/${shown.p}`;
}

function toBigInt(v: Value, what = 'value'): bigint {
  const n = v.num;
  if (!Number.isInteger(n)) throw new FunctionError(`${what} must be a whole number, got ${n}`);
  return BigInt(n);
}

/** go-cidr's HostBig. */
export function cidrHost(n: IPNet, num: bigint): bigint {
  const hostLen = n.bits - n.prefix;
  const maxHost = (1n << BigInt(hostLen)) - 1n;
  let idx = num;
  if (num < 0n) {
    const back = -num - 1n;
    if (back > maxHost) throw new FunctionError(`prefix of ${n.prefix} does not accommodate a host numbered ${num}`);
    idx = maxHost - back;
  } else if (num > maxHost) throw new FunctionError(`prefix of ${n.prefix} does not accommodate a host numbered ${num}`);
  return n.ip | idx;
}

/** go-cidr's SubnetBig. */
export function cidrSubnet(n: IPNet, newbits: number, num: bigint): IPNet {
  const newPrefix = n.prefix + newbits;
  if (newPrefix > n.bits) throw new FunctionError(`insufficient address space to extend prefix of ${n.prefix} by ${newbits}`);
  const maxNum = (1n << BigInt(newbits)) - 1n;
  if (num > maxNum || num < 0n) throw new FunctionError(`prefix extension of ${newbits} does not accommodate a subnet numbered ${num}`);
  return { ip: n.ip | (num << BigInt(n.bits - newPrefix)), bits: n.bits, prefix: newPrefix };
}

/** The ipnet function table. */
export const ipnetFunctions: Record<string, FunctionDef> = {
  cidrhost: fixed('Calculates a full host IP address within a given IP network address prefix.',
    [param('prefix', T.String), param('hostnum', T.Number)], T.String, ([p, h]) => {
      const num = toBigInt(h!);
      const n = parseCIDR(p!.str);
      return stringVal(ipString(cidrHost(n, num), n.bits));
    }),
  cidrnetmask: fixed('Converts an IPv4 address prefix given in CIDR notation into a subnet mask address.',
    [param('prefix', T.String)], T.String, ([p]) => {
      const n = parseCIDR(p!.str);
      if (n.bits !== 32) throw new FunctionError(`IPv6 addresses cannot have a netmask: ${p!.str}`);
      return stringVal(ipString(maskOf(n.prefix, 32), 32));
    }),
  cidrsubnet: fixed('Calculates a subnet address within a given IP network address prefix.',
    [param('prefix', T.String), param('newbits', T.Number), param('netnum', T.Number)], T.String, ([p, b, num]) => {
      const newbits = Number(toBigInt(b!));
      const netnum = toBigInt(num!);
      const n = parseCIDR(p!.str);
      return stringVal(netString(cidrSubnet(n, newbits, netnum)));
    }),
  cidrsubnets: fixed('Calculates a sequence of consecutive IP address ranges within a particular CIDR prefix.',
    [param('prefix', T.String)], T.List(T.String), (args) => {
      let n: IPNet;
      try { n = parseCIDR(args[0]!.str); } catch (e) { throw new FunctionError((e as Error).message, 0); }
      const lens = args.slice(1);
      if (lens.length === 0) return emptyListVal(T.String);
      const toLen = (v: Value, i: number): number => {
        try { return Number(toBigInt(v)); } catch (e) { throw new FunctionError((e as Error).message, i + 1); }
      };
      const first = toLen(lens[0]!, 0) + n.prefix;
      const size = 1n << BigInt(n.bits);
      const all = size - 1n;
      // PreviousSubnet(network, first): the subnet of that size just before the network.
      let curIp = ((n.ip - 1n + size) % size) & maskOf(Math.min(first, n.bits), n.bits);
      let curPrefix = Math.min(first, n.bits);
      const out: Value[] = [];
      for (let i = 0; i < lens.length; i++) {
        let len = toLen(lens[i]!, i);
        if (len < 1) throw new FunctionError('must extend prefix by at least one bit', i + 1);
        if (len > 32) throw new FunctionError('may not extend prefix by more than 32 bits', i + 1);
        len += n.prefix;
        if (len > n.bits) throw new FunctionError(`would extend prefix to ${len} bits, which is too long for an ${n.bits === 32 ? 'IPv4' : 'IPv6'} address`, i + 1);
        // NextSubnet(current, len).
        const curLast = curIp | (all >> BigInt(curPrefix));
        const mask = maskOf(len, n.bits);
        const sub = curLast & mask;
        const subLast = sub | (all >> BigInt(len));
        const nextIp = (subLast + 1n) % size;
        const rollover = nextIp === 0n;
        const next = { ip: nextIp & mask, bits: n.bits, prefix: len };
        const contained = (next.ip & maskOf(n.prefix, n.bits)) === n.ip;
        if (rollover || !contained) {
          throw new FunctionError(`not enough remaining address space for a subnet with a prefix of ${len} bits after ${netString({ ip: curIp, bits: n.bits, prefix: curPrefix })}`, i + 1);
        }
        curIp = next.ip;
        curPrefix = len;
        out.push(stringVal(netString(next)));
      }
      return listVal(out, T.String);
    }, { varParam: param('newbits', T.Number) }),
};
