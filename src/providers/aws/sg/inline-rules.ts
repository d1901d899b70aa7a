/**
 * The inline `ingress` / `egress` rules of aws_security_group, handled as hashicorp/aws does:
 * a rule block is split into one "atom" per source (CIDR, IPv6 CIDR, prefix list, group,
 * self) so that a changed block revokes and authorizes only what changed; reading matches
 * the rules already in state against what AWS reports (AWS groups sources by protocol and
 * ports), keeps each matched rule as written, and adds what is left over as new rules, so a
 * rule removed or added behind terrane's back shows in the next plan.
 */
import type { IpPermission } from '@aws-sdk/client-ec2';
import { ProviderError } from '../../sdk/resource.js';
import { protocolForValue } from './protocol.js';

/** One inline rule with every attribute filled in, as state holds it. */
export interface InlineRule {
  cidr_blocks: string[];
  description: string;
  from_port: number;
  ipv6_cidr_blocks: string[];
  prefix_list_ids: string[];
  protocol: string;
  security_groups: string[];
  self: boolean;
  to_port: number;
}

type SourceKind = 'cidr' | 'ipv6' | 'pl' | 'sg' | 'self';

/** A rule with exactly one source. */
export interface RuleAtom {
  protocol: string;
  from: number;
  to: number;
  description: string;
  kind: SourceKind;
  value: string;
}

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A rule from (possibly partial) plain JS data: nulls become zero values, the protocol normalised. */
export function normalizeRule(js: Record<string, unknown>): InlineRule {
  return {
    cidr_blocks: strs(js['cidr_blocks']),
    description: typeof js['description'] === 'string' ? js['description'] : '',
    from_port: typeof js['from_port'] === 'number' ? js['from_port'] : 0,
    ipv6_cidr_blocks: strs(js['ipv6_cidr_blocks']),
    prefix_list_ids: strs(js['prefix_list_ids']),
    protocol: typeof js['protocol'] === 'string' ? protocolForValue(js['protocol']) : '',
    security_groups: [...new Set(strs(js['security_groups']))].sort(),
    self: js['self'] === true,
    to_port: typeof js['to_port'] === 'number' ? js['to_port'] : 0,
  };
}

/** The atoms of one rule (a rule with no source has none). */
export function ruleAtoms(r: InlineRule): RuleAtom[] {
  const base = { protocol: protocolForValue(r.protocol), from: r.from_port, to: r.to_port, description: r.description };
  const out: RuleAtom[] = [];
  if (r.self) out.push({ ...base, kind: 'self', value: '' });
  for (const v of r.cidr_blocks) out.push({ ...base, kind: 'cidr', value: v });
  for (const v of r.ipv6_cidr_blocks) out.push({ ...base, kind: 'ipv6', value: v });
  for (const v of r.prefix_list_ids) out.push({ ...base, kind: 'pl', value: v });
  for (const v of r.security_groups) out.push({ ...base, kind: 'sg', value: v });
  return out;
}

/**
 * Identity of an atom; `withDescription` false for matching against AWS (which ignores it).
 * Protocols compare normalised, so AWS answering "58" matches a stored "icmpv6".
 */
function atomKey(a: RuleAtom, withDescription = true): string {
  return JSON.stringify([protocolForValue(a.protocol), a.from, a.to, a.kind, a.value, withDescription ? a.description : '']);
}

/** Atoms of `a` whose key is not among `b`'s. */
export function atomsMinus(a: RuleAtom[], b: RuleAtom[]): RuleAtom[] {
  const keys = new Set(b.map((x) => atomKey(x)));
  return a.filter((x) => !keys.has(atomKey(x)));
}

/**
 * IpPermissions for `atoms` of group `groupId`, one per protocol and port range. Fails as
 * hashicorp does for protocol "-1" with ports other than 0.
 */
export function toIpPermissions(atoms: RuleAtom[], groupId: string): IpPermission[] {
  const byRange = new Map<string, IpPermission>();
  for (const a of atoms) {
    const protocol = protocolForValue(a.protocol);
    if (protocol === '-1' && (a.from !== 0 || a.to !== 0)) {
      throw new ProviderError(`from_port (${a.from}) and to_port (${a.to}) must both be 0 to use the 'ALL' "-1" protocol!`);
    }
    const k = `${protocol}/${a.from}/${a.to}`;
    let p = byRange.get(k);
    if (!p) {
      p = { IpProtocol: protocol };
      if (protocol !== '-1') { p.FromPort = a.from; p.ToPort = a.to; }
      byRange.set(k, p);
    }
    const Description = a.description || undefined;
    switch (a.kind) {
      case 'cidr': (p.IpRanges ??= []).push({ CidrIp: a.value, Description }); break;
      case 'ipv6': (p.Ipv6Ranges ??= []).push({ CidrIpv6: a.value, Description }); break;
      case 'pl': (p.PrefixListIds ??= []).push({ PrefixListId: a.value, Description }); break;
      case 'self': (p.UserIdGroupPairs ??= []).push({ GroupId: groupId, Description }); break;
      case 'sg': {
        const [owner, id] = a.value.includes('/') ? a.value.split('/', 2) as [string, string] : [undefined, a.value];
        (p.UserIdGroupPairs ??= []).push({ GroupId: id, UserId: owner, Description });
        break;
      }
    }
  }
  return [...byRange.values()];
}

/** The atoms of what AWS reports for a group (self for pairs naming the group itself). */
export function remoteAtoms(perms: IpPermission[] | undefined, groupId: string, ownerId: string | undefined): RuleAtom[] {
  const out: RuleAtom[] = [];
  for (const p of perms ?? []) {
    const base = { protocol: p.IpProtocol ?? '', from: p.FromPort ?? 0, to: p.ToPort ?? 0 };
    for (const r of p.IpRanges ?? []) out.push({ ...base, description: r.Description ?? '', kind: 'cidr', value: r.CidrIp ?? '' });
    for (const r of p.Ipv6Ranges ?? []) out.push({ ...base, description: r.Description ?? '', kind: 'ipv6', value: r.CidrIpv6 ?? '' });
    for (const r of p.PrefixListIds ?? []) out.push({ ...base, description: r.Description ?? '', kind: 'pl', value: r.PrefixListId ?? '' });
    for (const g of p.UserIdGroupPairs ?? []) {
      const id = g.GroupId ?? '';
      if (id === groupId) { out.push({ ...base, description: g.Description ?? '', kind: 'self', value: '' }); continue; }
      const user = g.UserId && g.UserId !== ownerId ? g.UserId : undefined;
      out.push({ ...base, description: g.Description ?? '', kind: 'sg', value: user ? `${user}/${id}` : id });
    }
  }
  return out;
}

/**
 * The rules to store after a read: each rule of `local` (the prior state) whose every
 * source AWS still has, with the description AWS reports; then what AWS has beyond them,
 * one rule per protocol, port range and description.
 */
export function matchRules(local: InlineRule[], remote: RuleAtom[]): InlineRule[] {
  const pool = [...remote];
  const saves: InlineRule[] = [];
  for (const l of local) {
    const want = ruleAtoms(l);
    if (want.length === 0) continue;
    const taken: number[] = [];
    let description: string | undefined;
    let ok = true;
    for (const w of want) {
      const k = atomKey(w, false);
      const i = pool.findIndex((r, j) => !taken.includes(j) && atomKey(r, false) === k && (description === undefined || r.description === description));
      if (i < 0) { ok = false; break; }
      description ??= pool[i]!.description;
      taken.push(i);
    }
    if (!ok) continue;
    for (const i of taken.sort((x, y) => y - x)) pool.splice(i, 1);
    saves.push({ ...l, description: description ?? l.description });
  }
  const groups = new Map<string, InlineRule>();
  for (const r of pool) {
    const k = JSON.stringify([r.protocol, r.from, r.to, r.description]);
    let g = groups.get(k);
    if (!g) {
      g = { cidr_blocks: [], description: r.description, from_port: r.from, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: r.protocol, security_groups: [], self: false, to_port: r.to };
      groups.set(k, g);
      saves.push(g);
    }
    switch (r.kind) {
      case 'cidr': g.cidr_blocks.push(r.value); break;
      case 'ipv6': g.ipv6_cidr_blocks.push(r.value); break;
      case 'pl': g.prefix_list_ids.push(r.value); break;
      case 'sg': g.security_groups.push(r.value); break;
      case 'self': g.self = true; break;
    }
  }
  for (const g of groups.values()) g.security_groups.sort();
  return saves;
}
