/** Security group rules: parsing IpPermissions, matching, rendering both the grouped and the per-rule views. */
import { AwsError } from '../../errors.js';
import { isNetwork, parseCidr } from './cidr.js';
import type { Db, Tag } from './db.js';
import { newId } from './ids.js';
import { K, type SgDoc, type SgRuleDoc } from './model.js';
import { field, structs, sub, toInt, type Params } from './params.js';
import type { QueryTree } from '../../protocols/query.js';

const PROTOCOLS: Record<string, string> = { tcp: 'tcp', '6': 'tcp', udp: 'udp', '17': 'udp', icmp: 'icmp', '1': 'icmp', icmpv6: 'icmpv6', '58': 'icmpv6', '-1': '-1', all: '-1' };

/** Normalizes an IpProtocol as EC2 stores it ('6' -> 'tcp', 'all' -> '-1'). */
export function normalizeProtocol(p: string): string {
  const l = p.toLowerCase();
  if (PROTOCOLS[l]) return PROTOCOLS[l]!;
  if (/^\d+$/.test(l) && Number(l) <= 255) return l;
  throw new AwsError('InvalidParameterValue', `Invalid value '${p}' for IP protocol. Unknown protocol.`);
}

/** Ports of a rule as stored: -1/-1 for protocols without ports. */
function ports(protocol: string, from: number | undefined, to: number | undefined): [number, number] {
  if (protocol === '-1') return [-1, -1];
  if (protocol === 'tcp' || protocol === 'udp') {
    if (from === undefined || to === undefined) {
      throw new AwsError('InvalidParameterValue', `Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.`);
    }
    if (from < 0 || to > 65535 || from > to) {
      throw new AwsError('InvalidParameterValue', `Invalid TCP/UDP port range: from port ${from} to port ${to}.`);
    }
    return [from, to];
  }
  return [from ?? -1, to ?? -1];
}

function checkCidr(cidr: string, v6: boolean): void {
  if (v6) {
    if (!/^[0-9a-fA-F:]+\/\d{1,3}$/.test(cidr)) throw new AwsError('InvalidParameterValue', `CIDR block ${cidr} is malformed`);
    return;
  }
  const c = parseCidr(cidr);
  if (!c) throw new AwsError('InvalidParameterValue', `CIDR block ${cidr} is malformed`);
  if (!isNetwork(c)) throw new AwsError('InvalidParameterValue', `CIDR block ${cidr} is malformed`);
}

/** Finds a group in the account by id. */
function groupById(db: Db, id: string): SgDoc {
  const g = db.get<SgDoc>(K.sg, id);
  if (!g) throw new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
  return g;
}

/** The rules (one source each) that `IpPermissions.N` describes, for group `g`. */
export function parsePermissions(p: Params, db: Db, g: SgDoc, egress: boolean, tags: Tag[] = []): SgRuleDoc[] {
  const perms: QueryTree[] = p.structs('IpPermissions');
  const out: SgRuleDoc[] = [];
  const mk = (proto: string, from: number, to: number, rest: Partial<SgRuleDoc>): SgRuleDoc => ({
    securityGroupRuleId: newId('sgr'),
    isEgress: egress,
    ipProtocol: proto,
    fromPort: from,
    toPort: to,
    ...rest,
    tags: [...tags],
  });
  if (perms.length === 0) {
    // The legacy flat form: IpProtocol/FromPort/ToPort/CidrIp or SourceSecurityGroupName.
    const proto = p.str('IpProtocol');
    if (proto === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter ipPermissions');
    const pr = normalizeProtocol(proto);
    const [from, to] = ports(pr, p.int('FromPort'), p.int('ToPort'));
    const cidr = p.str('CidrIp');
    if (cidr) {
      checkCidr(cidr, false);
      out.push(mk(pr, from, to, { cidrIpv4: cidr }));
    }
    const srcName = p.str('SourceSecurityGroupName');
    if (srcName) {
      const src = db.list<SgDoc>(K.sg).find((x) => x.groupName === srcName && x.vpcId === g.vpcId);
      if (!src) throw new AwsError('InvalidGroup.NotFound', `The security group '${srcName}' does not exist`);
      out.push(mk(pr, from, to, { referencedGroupId: src.groupId, referencedUserId: p.str('SourceSecurityGroupOwnerId') ?? db.account }));
    }
    return out;
  }
  for (const perm of perms) {
    const proto = field(perm, 'IpProtocol');
    if (proto === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter ipPermissions.ipProtocol');
    const pr = normalizeProtocol(proto);
    const [from, to] = ports(pr, toInt(field(perm, 'FromPort'), 'FromPort'), toInt(field(perm, 'ToPort'), 'ToPort'));
    for (const r of structs(perm['IpRanges'])) {
      const cidr = field(r, 'CidrIp') ?? '';
      checkCidr(cidr, false);
      out.push(mk(pr, from, to, { cidrIpv4: cidr, description: field(r, 'Description') }));
    }
    for (const r of structs(perm['Ipv6Ranges'])) {
      const cidr = field(r, 'CidrIpv6') ?? '';
      checkCidr(cidr, true);
      out.push(mk(pr, from, to, { cidrIpv6: cidr.toLowerCase(), description: field(r, 'Description') }));
    }
    for (const r of structs(perm['PrefixListIds'])) {
      out.push(mk(pr, from, to, { prefixListId: field(r, 'PrefixListId'), description: field(r, 'Description') }));
    }
    for (const r of structs(perm['Groups'])) {
      let gid = field(r, 'GroupId');
      const gname = field(r, 'GroupName');
      const uid = field(r, 'UserId');
      if (!gid && gname) {
        const src = db.list<SgDoc>(K.sg).find((x) => x.groupName === gname && x.vpcId === g.vpcId);
        if (!src) throw new AwsError('InvalidGroup.NotFound', `The security group '${gname}' does not exist`);
        gid = src.groupId;
      }
      if (!gid) throw new AwsError('MissingParameter', 'The request must contain the parameter groupId or groupName');
      if (!uid || uid === db.account) groupById(db, gid);
      out.push(mk(pr, from, to, { referencedGroupId: gid, referencedUserId: uid ?? db.account, description: field(r, 'Description') }));
    }
    if (out.length === 0) throw new AwsError('InvalidParameterValue', 'The request must contain at least one source or destination (CIDR, IPv6 CIDR, prefix list or security group)');
  }
  return out;
}

/** True if two rules grant the same thing (descriptions and tags aside). */
export function sameRule(a: SgRuleDoc, b: SgRuleDoc): boolean {
  return (
    a.isEgress === b.isEgress &&
    a.ipProtocol === b.ipProtocol &&
    a.fromPort === b.fromPort &&
    a.toPort === b.toPort &&
    a.cidrIpv4 === b.cidrIpv4 &&
    a.cidrIpv6 === b.cidrIpv6 &&
    a.prefixListId === b.prefixListId &&
    a.referencedGroupId === b.referencedGroupId
  );
}

/** AWS's wording of a rule in InvalidPermission.Duplicate. */
export function describeRule(r: SgRuleDoc): string {
  const peer = r.cidrIpv4 ?? r.cidrIpv6 ?? r.prefixListId ?? r.referencedGroupId ?? '';
  const proto = r.ipProtocol === '-1' ? 'ALL' : r.ipProtocol.toUpperCase();
  const range = r.ipProtocol === '-1' ? '' : `, from port: ${r.fromPort}, to port: ${r.toPort}`;
  return `peer: ${peer}, ${proto}${range}, ALLOW`;
}

function portsOf(r: SgRuleDoc): { fromPort?: number; toPort?: number } {
  return r.ipProtocol === '-1' ? {} : { fromPort: r.fromPort, toPort: r.toPort };
}

/** Rules grouped into IpPermissions, as DescribeSecurityGroups shows them. */
export function groupPermissions(rules: SgRuleDoc[], db: Db, vpcId: string): Record<string, unknown>[] {
  const groups = new Map<string, SgRuleDoc[]>();
  for (const r of rules) {
    const k = `${r.ipProtocol}/${r.fromPort}/${r.toPort}`;
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(r);
  }
  return [...groups.values()].map((rs) => ({
    ipProtocol: rs[0]!.ipProtocol,
    ...portsOf(rs[0]!),
    groups: rs.filter((r) => r.referencedGroupId).map((r) => ({ userId: r.referencedUserId ?? db.account, groupId: r.referencedGroupId, vpcId: r.referencedUserId && r.referencedUserId !== db.account ? undefined : vpcId, description: r.description })),
    ipRanges: rs.filter((r) => r.cidrIpv4).map((r) => ({ cidrIp: r.cidrIpv4, description: r.description })),
    ipv6Ranges: rs.filter((r) => r.cidrIpv6).map((r) => ({ cidrIpv6: r.cidrIpv6, description: r.description })),
    prefixListIds: rs.filter((r) => r.prefixListId).map((r) => ({ prefixListId: r.prefixListId, description: r.description })),
  }));
}

/** One rule as DescribeSecurityGroupRules and Authorize* show it. */
export function renderRule(r: SgRuleDoc, g: SgDoc, db: Db): Record<string, unknown> {
  return {
    securityGroupRuleId: r.securityGroupRuleId,
    groupId: g.groupId,
    groupOwnerId: db.account,
    isEgress: r.isEgress,
    ipProtocol: r.ipProtocol,
    fromPort: r.fromPort,
    toPort: r.toPort,
    cidrIpv4: r.cidrIpv4,
    cidrIpv6: r.cidrIpv6,
    prefixListId: r.prefixListId,
    referencedGroupInfo: r.referencedGroupId ? { groupId: r.referencedGroupId, userId: r.referencedUserId ?? db.account } : undefined,
    description: r.description,
    tagSet: r.tags.length ? r.tags : undefined,
    securityGroupRuleArn: `arn:aws:ec2:${db.region}:${db.account}:security-group-rule/${r.securityGroupRuleId}`,
  };
}

/** Reads a SecurityGroupRuleRequest structure (ModifySecurityGroupRules). */
export function ruleFromRequest(node: QueryTree | undefined, base: SgRuleDoc, db: Db): SgRuleDoc {
  if (!node) throw new AwsError('MissingParameter', 'The request must contain the parameter SecurityGroupRule');
  const proto = normalizeProtocol(field(node, 'IpProtocol') ?? base.ipProtocol);
  const [from, to] = ports(proto, toInt(field(node, 'FromPort'), 'FromPort'), toInt(field(node, 'ToPort'), 'ToPort'));
  const r: SgRuleDoc = { securityGroupRuleId: base.securityGroupRuleId, isEgress: base.isEgress, ipProtocol: proto, fromPort: from, toPort: to, tags: base.tags };
  const v4 = field(node, 'CidrIpv4');
  const v6 = field(node, 'CidrIpv6');
  const pl = field(node, 'PrefixListId');
  const ref = field(node, 'ReferencedGroupId');
  if (v4) {
    checkCidr(v4, false);
    r.cidrIpv4 = v4;
  } else if (v6) {
    checkCidr(v6, true);
    r.cidrIpv6 = v6.toLowerCase();
  } else if (pl) r.prefixListId = pl;
  else if (ref) {
    groupById(db, ref);
    r.referencedGroupId = ref;
    r.referencedUserId = db.account;
  } else throw new AwsError('MissingParameter', 'The request must contain one of cidrIpv4, cidrIpv6, prefixListId or referencedGroupId');
  r.description = field(node, 'Description');
  return r;
}

export { sub };
