/**
 * aws_security_group_rule, as hashicorp/aws defines it: one permission (possibly several
 * sources) added to a group; everything but `description` forces a new rule; id =
 * "sgrule-<crc32>" of the permission; state keeps the arguments as written (protocol
 * normalised) and the rule is gone when AWS no longer has every source; import ids look
 * like "sg-0abc_ingress_tcp_22_22_10.0.0.0/8" (SECURITYGROUPID_TYPE_PROTOCOL_FROMPORT_TOPORT_SOURCE[_SOURCE]*).
 */
import { crc32 } from 'node:zlib';
import { DescribeSecurityGroupRulesCommand, type IpPermission } from '@aws-sdk/client-ec2';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, bool, num, str, toJS, withAttrs } from '../../sdk/obj.js';
import { planResource } from '../../sdk/planner.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsErrorCode, awsFailure, isAwsCode } from '../errors.js';
import { authorize, revoke, updateDescriptions } from './ec2-calls.js';
import { protocolForValue } from './protocol.js';
import { securityGroupRuleSchema } from './schemas.js';
import { withGroupLock } from './group-lock.js';
import { findGroup } from './security-group.js';

const strList = (v: Value, name: string): string[] => {
  const js = toJS(attr(v, name));
  return Array.isArray(js) ? (js as string[]) : [];
};

/** The permission a rule's arguments describe, for group `groupId`. */
export function rulePermission(v: Value, groupId: string): IpPermission {
  const protocol = protocolForValue(str(v, 'protocol') ?? '');
  const p: IpPermission = { IpProtocol: protocol };
  if (protocol !== '-1') { p.FromPort = num(v, 'from_port'); p.ToPort = num(v, 'to_port'); }
  const Description = str(v, 'description') || undefined;
  const cidrs = strList(v, 'cidr_blocks'), v6 = strList(v, 'ipv6_cidr_blocks'), pls = strList(v, 'prefix_list_ids');
  if (cidrs.length) p.IpRanges = cidrs.map((CidrIp) => ({ CidrIp, Description }));
  if (v6.length) p.Ipv6Ranges = v6.map((CidrIpv6) => ({ CidrIpv6, Description }));
  if (pls.length) p.PrefixListIds = pls.map((PrefixListId) => ({ PrefixListId, Description }));
  const pairs: NonNullable<IpPermission['UserIdGroupPairs']> = [];
  if (bool(v, 'self')) pairs.push({ GroupId: groupId, Description });
  const src = str(v, 'source_security_group_id');
  if (src && src !== groupId) {
    const [user, id] = src.includes('/') ? src.split('/', 2) as [string, string] : [undefined, src];
    pairs.push({ GroupId: id, UserId: user, Description });
  }
  if (pairs.length) p.UserIdGroupPairs = pairs;
  return p;
}

/** hashicorp's resource id: "sgrule-" + the CRC-32 of the group, type and permission. */
export function ruleId(groupId: string, type: string, p: IpPermission): string {
  let buf = `${groupId}-`;
  if ((p.FromPort ?? 0) > 0) buf += `${p.FromPort}-`;
  if ((p.ToPort ?? 0) > 0) buf += `${p.ToPort}-`;
  buf += `${p.IpProtocol}-${type}-`;
  const sorted = (xs: (string | undefined)[]) => xs.map((x) => x ?? '').sort();
  for (const c of sorted((p.IpRanges ?? []).map((r) => r.CidrIp))) buf += `${c}-`;
  for (const c of sorted((p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6))) buf += `${c}-`;
  for (const c of sorted((p.PrefixListIds ?? []).map((r) => r.PrefixListId))) buf += `${c}-`;
  for (const g of [...(p.UserIdGroupPairs ?? [])].sort((a, b) => ((a.GroupId ?? '') < (b.GroupId ?? '') ? -1 : 1))) {
    buf += g.GroupId ? `${g.GroupId}-` : '-';
    buf += g.GroupName ? `${g.GroupName}-` : '-';
  }
  return `sgrule-${crc32(buf)}`;
}

/** The remote permission holding every source of `p`, and the first description found. */
function findRuleMatch(p: IpPermission, rules: IpPermission[]): { rule?: IpPermission; description: string } {
  let found: IpPermission | undefined;
  let description = '';
  for (const r of rules) {
    if (p.ToPort !== undefined && r.ToPort !== undefined && p.ToPort !== r.ToPort) continue;
    if (p.FromPort !== undefined && r.FromPort !== undefined && p.FromPort !== r.FromPort) continue;
    if (p.IpProtocol !== r.IpProtocol) continue;
    let desc = '';
    const pick = (d: string | undefined) => { if (d && !desc) desc = d; };
    const all = <A, B>(want: A[] | undefined, have: B[] | undefined, same: (a: A, b: B) => boolean, d: (b: B) => string | undefined) =>
      (want ?? []).every((w) => { const h = (have ?? []).find((x) => same(w, x)); if (h) pick(d(h)); return h !== undefined; });
    if (!all(p.IpRanges, r.IpRanges, (a, b) => a.CidrIp === b.CidrIp, (b) => b.Description)) continue;
    if (!all(p.Ipv6Ranges, r.Ipv6Ranges, (a, b) => a.CidrIpv6 === b.CidrIpv6, (b) => b.Description)) continue;
    if (!all(p.PrefixListIds, r.PrefixListIds, (a, b) => a.PrefixListId === b.PrefixListId, (b) => b.Description)) continue;
    if (!all(p.UserIdGroupPairs, r.UserIdGroupPairs, (a, b) => a.GroupId === b.GroupId, (b) => b.Description)) continue;
    found = r;
    description = desc;
  }
  return { rule: found, description };
}

const DUPLICATE = (sg: string, err: string) => `[WARN] A duplicate Security Group rule was found on (${sg}). This may be
a side effect of a now-fixed Terraform issue causing two security groups with
identical attributes but different source_security_group_ids to overwrite each
other in the state. See https://github.com/hashicorp/terraform/pull/2376 for more
information and instructions for recovery. Error: ${err}`;

const isEgress = (v: Value) => str(v, 'type') === 'egress';

async function readRule(meta: AwsMeta, state: Value): Promise<Value | null> {
  const groupId = str(state, 'security_group_id')!;
  const type = str(state, 'type')!;
  const g = await awsCall(`reading Security Group (${groupId})`, () => findGroup(meta.ec2(), groupId));
  if (!g) return null;
  const p = rulePermission(state, groupId);
  const { rule, description } = findRuleMatch(p, (isEgress(state) ? g.IpPermissionsEgress : g.IpPermissions) ?? []);
  if (!rule) return null;
  let id = str(state, 'id') ?? '';
  if (id === '' || id.includes('_')) id = ruleId(groupId, type, p);
  let ruleIdAws = str(state, 'security_group_rule_id') ?? '';
  if (!ruleIdAws) ruleIdAws = await lookupRuleId(meta, groupId, isEgress(state), p);
  const source = attr(state, 'source_security_group_id');
  return withAttrs(state, {
    id, type, description, security_group_rule_id: ruleIdAws, source_security_group_id: source.isKnown ? source : null,
    protocol: p.IpProtocol, from_port: p.FromPort ?? 0, to_port: p.ToPort ?? 0,
  });
}

/** The AWS id of the rule when the permission has exactly one source ("" otherwise). */
async function lookupRuleId(meta: AwsMeta, groupId: string, egress: boolean, p: IpPermission): Promise<string> {
  const sources = (p.IpRanges?.length ?? 0) + (p.Ipv6Ranges?.length ?? 0) + (p.PrefixListIds?.length ?? 0) + (p.UserIdGroupPairs?.length ?? 0);
  if (sources !== 1) return '';
  const out = await awsCall(`reading Security Group (${groupId}) rules`, () => meta.ec2().send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] })));
  const r = (out.SecurityGroupRules ?? []).find((x) => (x.IsEgress ?? false) === egress && x.IpProtocol === p.IpProtocol
    && (p.IpProtocol === '-1' || (x.FromPort === p.FromPort && x.ToPort === p.ToPort))
    && (x.CidrIpv4 === p.IpRanges?.[0]?.CidrIp && x.CidrIpv6 === p.Ipv6Ranges?.[0]?.CidrIpv6 && x.PrefixListId === p.PrefixListIds?.[0]?.PrefixListId
      && x.ReferencedGroupInfo?.GroupId === p.UserIdGroupPairs?.[0]?.GroupId));
  return r?.SecurityGroupRuleId ?? '';
}

/** The aws_security_group_rule resource. */
export const awsSecurityGroupRule: ResourceDef<AwsMeta> = {
  schema: securityGroupRuleSchema,

  customizePlan(_ctx, p) {
    // Plan as hashicorp's SDK does with the protocol's StateFunc and the port
    // DiffSuppressFunc: "6" is "tcp", and stored ports 0 stand for any ports under "-1".
    const proto = attr(p.config, 'protocol');
    if (!proto.isKnown || proto.isNull) return p;
    const normalized = protocolForValue(proto.str);
    const changes: Record<string, unknown> = { protocol: normalized };
    // The SDK stores "" for an unset description and does not tell "" from null.
    if (p.prior && attr(p.config, 'description').isNull && str(p.prior, 'description') === '') changes['description'] = '';
    if (normalized === '-1' && p.prior) {
      for (const k of ['from_port', 'to_port']) if (num(p.prior, k) === 0) changes[k] = 0;
    }
    const config = withAttrs(p.config, changes);
    const { planned, requiresReplace } = planResource(securityGroupRuleSchema.block, p.prior, config);
    return { ...p, planned, requiresReplace };
  },

  async create(ctx, planned) {
    return withGroupLock(str(planned, 'security_group_id')!, () => createRule(ctx.meta, planned));
  },

  async read(ctx, state) {
    return readRule(ctx.meta, state);
  },

  async update(ctx, prior, planned) {
    return withGroupLock(str(planned, 'security_group_id')!, () => updateRule(ctx.meta, prior, planned));
  },

  async delete(ctx, state) {
    return withGroupLock(str(state, 'security_group_id')!, () => deleteRule(ctx.meta, state));
  },

  async importState(_ctx, id) {
    return importedRule(id);
  },
};

async function createRule(meta: AwsMeta, planned: Value): Promise<Value> {
  const groupId = str(planned, 'security_group_id')!;
  const type = str(planned, 'type')!;
  const ec2 = meta.ec2();
  const g = await awsCall(`reading Security Group (${groupId})`, () => findGroup(ec2, groupId));
  if (!g) throw new ProviderError(`reading Security Group (${groupId}): couldn't find resource`);
  const p = rulePermission(planned, groupId);
  const id = ruleId(groupId, type, p);
  let created: string | undefined;
  try {
    const rules = await authorize(ec2, type === 'egress', { GroupId: groupId, IpPermissions: [p] });
    if (rules.length === 1) created = rules[0]!.SecurityGroupRuleId;
  } catch (e) {
    if (isAwsCode(e, 'InvalidPermission.Duplicate')) throw new ProviderError(DUPLICATE(groupId, `${awsErrorCode(e)}: ${e instanceof Error ? e.message : String(e)}`));
    throw awsFailure(`authorizing Security Group (${groupId}) Rule (${id})`, e);
  }
  const got = await readRule(meta, withAttrs(planned, { id, security_group_rule_id: created ?? '' }));
  if (!got) throw new ProviderError(`waiting for Security Group (${groupId}) Rule (${id}) create: couldn't find resource`);
  return got;
}

async function updateRule(meta: AwsMeta, prior: Value, planned: Value): Promise<Value> {
  const groupId = str(planned, 'security_group_id')!;
  if (str(prior, 'description') !== str(planned, 'description')) {
    const p = rulePermission(planned, groupId);
    await awsCall(`updating Security Group (${groupId}) Rule (${str(prior, 'id')}) description`, () => updateDescriptions(meta.ec2(), isEgress(planned), groupId, [p]));
  }
  const got = await readRule(meta, withAttrs(planned, { id: str(prior, 'id'), security_group_rule_id: str(prior, 'security_group_rule_id') }));
  if (!got) throw new ProviderError(`reading Security Group (${groupId}) Rule (${str(prior, 'id')}): couldn't find resource`);
  return got;
}

async function deleteRule(meta: AwsMeta, state: Value): Promise<void> {
  const groupId = str(state, 'security_group_id')!;
  try {
    await revoke(meta.ec2(), isEgress(state), { GroupId: groupId, IpPermissions: [rulePermission(state, groupId)] });
  } catch (e) {
    if (isAwsCode(e, 'InvalidPermission.NotFound', 'InvalidGroup.NotFound')) return;
    throw awsFailure(`revoking Security Group (${groupId}) Rule (${str(state, 'id')})`, e);
  }
}

/** The partial state an import id describes (read fills the rest and fixes the id). */
export function importedRule(id: string): Value {
  const bad = (msg: string) => new ProviderError(`unexpected format for ID (${JSON.stringify(id)}), expected SECURITYGROUPID_TYPE_PROTOCOL_FROMPORT_TOPORT_SOURCE[_SOURCE]*: ${msg}`);
  const parts = id.split('_');
  if (parts.length < 6) throw bad('too few parts');
  const [sg, type, protocol, fromPort, toPort, ...sources] = parts as [string, string, string, string, string, ...string[]];
  if (!sg.startsWith('sg-')) throw bad('invalid Security Group ID');
  if (type !== 'ingress' && type !== 'egress') throw bad("expecting 'ingress' or 'egress'");
  const known = ['icmpv6', 'udp', 'tcp', 'icmp', 'all'];
  if (!known.includes(protocol) && !/^-?\d+$/.test(protocol)) throw bad('protocol must be tcp/udp/icmp/icmpv6/all or a number');
  const name = protocolForValue(protocol);
  const from = /^-?\d+$/.test(fromPort) ? Number(fromPort) : NaN;
  const to = /^-?\d+$/.test(toPort) ? Number(toPort) : NaN;
  if (name === 'icmp' || name === 'icmpv6') {
    if (Number.isNaN(from) || from < -1 || from > 255) throw bad('invalid icmp type');
    if (Number.isNaN(to) || to < -1 || to > 255) throw bad('invalid icmp code');
  } else {
    if (Number.isNaN(from)) throw bad('invalid from_port');
    if (Number.isNaN(to)) throw bad('invalid to_port');
    if (to < from) throw bad('to_port lower than from_port');
  }
  for (const s of sources) {
    if (s !== 'self' && !s.includes('sg-') && !s.includes('pl-') && !s.includes(':') && !s.includes('.')) {
      throw bad("source must be cidr, ipv6cidr, prefix list, 'self', or a Security Group ID");
    }
  }
  const cidrs: string[] = [], v6: string[] = [], pls: string[] = [];
  let self = false;
  let source: string | undefined;
  for (const s of sources) {
    if (s === 'self') self = true;
    else if (s.includes('sg-')) source = s;
    else if (s.includes(':')) v6.push(s);
    else if (s.includes('pl-')) pls.push(s);
    else cidrs.push(s);
  }
  const list = (xs: string[]) => (xs.length ? xs : null);
  return withAttrs(nullObject(impliedType(securityGroupRuleSchema.block)), {
    id, security_group_id: sg, type, protocol: name, from_port: from, to_port: to, self,
    source_security_group_id: source ?? null, cidr_blocks: list(cidrs), ipv6_cidr_blocks: list(v6), prefix_list_ids: list(pls),
  });
}
