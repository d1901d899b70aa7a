/**
 * aws_security_group, as hashicorp/aws defines it: import id = the group id; the name is
 * given, made from name_prefix or generated ("terraform-" + unique suffix); description and
 * vpc_id force a new group; AWS's default allow-all egress rule is revoked on create, so
 * `egress` holds only what is configured; inline rules are revoked and authorized by
 * difference (inline-rules.ts); delete retries while the group is still in use.
 */
import {
  CreateSecurityGroupCommand, DeleteSecurityGroupCommand, DescribeSecurityGroupRulesCommand, DescribeSecurityGroupsCommand,
  RevokeSecurityGroupEgressCommand, type EC2Client, type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { authorize, revoke } from './ec2-calls.js';
import { impliedType } from '../../schema.js';
import { attr, bool, str, toJS, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import type { ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { ec2Tags, planTagsAll, tagMap, tagsForState, updateEc2Tags } from '../tags.js';
import { atomsMinus, matchRules, normalizeRule, remoteAtoms, ruleAtoms, toIpPermissions, type InlineRule } from './inline-rules.js';
import { generatedName, namePrefixFromName } from './names.js';
import { planInlineRules } from './security-group-plan.js';
import { durationMs, retryWhileCodes, untilGone } from './retry.js';
import { securityGroupSchema } from './schemas.js';
import type { Value } from '../../../lang/value.js';

/** The aws_security_group resource. */
export const awsSecurityGroup: ResourceDef<AwsMeta> = {
  schema: securityGroupSchema,

  customizePlan(ctx, p) {
    const prior = p.requiresReplace.length > 0 ? null : p.prior;
    let planned = planInlineRules(p.planned, prior, p.config);
    // revoke_rules_on_delete comes only from configuration: an imported group has none, and
    // hashicorp's SDK plans no default for it while the configuration leaves it unset.
    if (prior && !prior.isNull && attr(prior, 'revoke_rules_on_delete').isNull && attr(p.config, 'revoke_rules_on_delete').isNull) {
      planned = withAttrs(planned, { revoke_rules_on_delete: null });
    }
    return planTagsAll(ctx.meta, { ...p, planned });
  },

  async create(ctx, planned) {
    const ec2 = ctx.meta.ec2();
    const name = generatedName(str(planned, 'name'), str(planned, 'name_prefix'));
    const tags = ec2Tags(tagMap(planned, 'tags_all'));
    const out = await awsCall(`creating Security Group (${name})`, () => ec2.send(new CreateSecurityGroupCommand({
      GroupName: name,
      Description: str(planned, 'description'),
      VpcId: str(planned, 'vpc_id'),
      TagSpecifications: tags ? [{ ResourceType: 'security-group', Tags: tags }] : undefined,
    })));
    const id = out.GroupId!;
    try {
      return await finishCreate(ctx.meta, id, name, planned);
    } catch (e) {
      // hashicorp would keep the half-made group as tainted; terrane's SDK keeps no state
      // from a failed create, so the group is removed rather than left behind unknown.
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: id })).catch(() => undefined);
      throw e;
    }
  },

  async read(ctx, state) {
    return readGroup(ctx.meta, str(state, 'id')!, state);
  },

  async update(ctx, prior, planned) {
    const id = str(prior, 'id')!;
    const ec2 = ctx.meta.ec2();
    for (const kind of ['ingress', 'egress'] as const) {
      const next = attr(planned, kind);
      if (next.isNull || !next.isKnown) continue;
      await updateRules(ec2, id, kind, rulesOf(prior, kind), rulesOf(planned, kind));
    }
    await updateEc2Tags(ctx.meta, id, tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    const got = await readGroup(ctx.meta, id, planned);
    if (!got) throw awsFailure(`reading Security Group (${id})`, new Error('not found after update'));
    return got;
  },

  async delete(ctx, state) {
    const id = str(state, 'id')!;
    const ec2 = ctx.meta.ec2();
    const revoke = bool(state, 'revoke_rules_on_delete') === true;
    if (revoke) await forceRevokeRules(ec2, id, false);
    const del = () => ec2.send(new DeleteSecurityGroupCommand({ GroupId: id }));
    const inUse = ['DependencyViolation', 'InvalidGroup.InUse'];
    // hashicorp waits up to the delete timeout (15 minutes) for dependents to go; terrane
    // waits as long as `timeouts.delete` says, or about half a minute when it is not set.
    const configured = durationMs(str(attr(state, 'timeouts'), 'delete'));
    const limits = configured === undefined ? { attempts: 8 } : { attempts: Infinity, withinMs: configured };
    try {
      try {
        await retryWhileCodes(del, inUse, revoke ? { attempts: 3 } : limits);
      } catch (e) {
        if (!isAwsCode(e, ...inUse) || !revoke) throw e;
        // A rule in another group may still name this one: with revoke_rules_on_delete,
        // look through every group, as hashicorp does, then try again.
        await forceRevokeRules(ec2, id, true);
        await retryWhileCodes(del, inUse, limits);
      }
    } catch (e) {
      if (isAwsCode(e, 'InvalidGroup.NotFound')) return;
      throw awsFailure(`deleting Security Group (${id})`, e);
    }
    await untilGone(() => findGroup(ec2, id), `waiting for Security Group (${id}) delete`);
  },

  async importState(_ctx, id) {
    return withAttrs(nullObject(impliedType(securityGroupSchema.block)), { id });
  },
};

/** Everything after CreateSecurityGroup: wait, drop AWS's default egress, add the rules, read. */
async function finishCreate(meta: AwsMeta, id: string, name: string, planned: Value): Promise<Value> {
  const ec2 = meta.ec2();
  await untilFound(ec2, id, `waiting for Security Group (${id}) create`);
  // AWS gives every new group an allow-all egress rule; hashicorp revokes it so that
  // only configured egress exists.
  await awsCall(`revoking default IPv4 egress rule for Security Group (${id})`, () => ec2.send(new RevokeSecurityGroupEgressCommand({
    GroupId: id, IpPermissions: [{ IpProtocol: '-1', FromPort: 0, ToPort: 0, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
  })));
  try {
    await ec2.send(new RevokeSecurityGroupEgressCommand({
      GroupId: id, IpPermissions: [{ IpProtocol: '-1', FromPort: 0, ToPort: 0, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }],
    }));
  } catch (e) {
    // NotFound (or AWS's remote-ipv6-range complaint): the group has no IPv6 default rule.
    const noIpv6 = isAwsCode(e, 'InvalidPermission.NotFound')
      || (isAwsCode(e, 'InvalidParameterValue') && e instanceof Error && e.message.includes('remote-ipv6-range'));
    if (!noIpv6) throw awsFailure(`revoking default IPv6 egress rule for Security Group (${id})`, e);
  }
  for (const kind of ['ingress', 'egress'] as const) await updateRules(ec2, id, kind, [], rulesOf(planned, kind));
  const got = await readGroup(meta, id, withAttrs(planned, { id, name }));
  if (!got) throw awsFailure(`reading Security Group (${id})`, new Error('not found after creation'));
  return got;
}

/** The rules of `kind` in a planned or prior value (none when null or unknown). */
function rulesOf(v: Value, kind: 'ingress' | 'egress'): InlineRule[] {
  const js = toJS(attr(v, kind));
  return Array.isArray(js) ? js.map((r) => normalizeRule(r as Record<string, unknown>)) : [];
}

/** Revokes what `before` has beyond `after`, then authorizes what is new. */
async function updateRules(ec2: EC2Client, id: string, kind: 'ingress' | 'egress', before: InlineRule[], after: InlineRule[]): Promise<void> {
  const oldAtoms = before.flatMap(ruleAtoms);
  const newAtoms = after.flatMap(ruleAtoms);
  const what = `updating Security Group (${id}) ${kind} rules`;
  let del, add;
  try {
    del = toIpPermissions(atomsMinus(oldAtoms, newAtoms), id);
    add = toIpPermissions(atomsMinus(newAtoms, oldAtoms), id);
  } catch (e) {
    throw awsFailure(`${what}: updating rules`, e instanceof Error ? new Error(e.message) : e);
  }
  if (del.length) {
    await awsCall(`${what}: revoking Security Group (${kind}) rules`, () => revoke(ec2, kind === 'egress', { GroupId: id, IpPermissions: del }));
  }
  if (add.length) {
    await awsCall(`${what}: authorizing Security Group (${kind}) rules`, () => authorize(ec2, kind === 'egress', { GroupId: id, IpPermissions: add }));
  }
}

/** The group, or undefined when AWS says it does not exist. */
export async function findGroup(ec2: EC2Client, id: string): Promise<SecurityGroup | undefined> {
  try {
    const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }));
    return out.SecurityGroups?.find((g) => g.GroupId === id);
  } catch (e) {
    if (isAwsCode(e, 'InvalidGroup.NotFound', 'InvalidGroupId.NotFound')) return undefined;
    throw e;
  }
}

async function untilFound(ec2: EC2Client, id: string, what: string): Promise<SecurityGroup> {
  for (let i = 0, delay = 250; ; i++, delay = Math.min(delay * 2, 5000)) {
    const g = await awsCall(what, () => findGroup(ec2, id));
    if (g) return g;
    if (i >= 20) throw awsFailure(what, new Error('timeout while waiting for state to become \'found\''));
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** The full state of group `id`, or null when it no longer exists. */
async function readGroup(meta: AwsMeta, id: string, prior: Value): Promise<Value | null> {
  const g = await awsCall(`reading Security Group (${id})`, () => findGroup(meta.ec2(), id));
  if (!g) return null;
  const owner = g.OwnerId ?? meta.accountId;
  const name = g.GroupName ?? '';
  return withAttrs(prior, {
    id,
    arn: `arn:${meta.partition}:ec2:${meta.region}:${owner}:security-group/${id}`,
    description: g.Description ?? '',
    name,
    // hashicorp/aws stores "" when the name has no generated suffix.
    name_prefix: namePrefixFromName(name) ?? '',
    owner_id: owner,
    vpc_id: g.VpcId ?? '',
    ingress: matchRules(rulesOf(prior, 'ingress'), remoteAtoms(g.IpPermissions, id, g.OwnerId)),
    egress: matchRules(rulesOf(prior, 'egress'), remoteAtoms(g.IpPermissionsEgress, id, g.OwnerId)),
    // Never read from AWS: what the configuration said, or null after an import.
    revoke_rules_on_delete: bool(prior, 'revoke_rules_on_delete') ?? null,
    ...tagsForState(meta, g.Tags, prior),
  });
}

/**
 * Revokes every rule of the group and, in other groups, every rule naming it (all groups
 * when `searchAll`, else only the groups this one names).
 */
async function forceRevokeRules(ec2: EC2Client, id: string, searchAll: boolean): Promise<void> {
  const what = `revoking Security Group (${id}) rules`;
  let groupIds: string[] | undefined;
  if (!searchAll) {
    const g = await awsCall(`reading Security Group (${id})`, () => findGroup(ec2, id));
    if (!g) return;
    const related = new Set([id]);
    for (const p of [...(g.IpPermissions ?? []), ...(g.IpPermissionsEgress ?? [])]) {
      for (const pair of p.UserIdGroupPairs ?? []) if (pair.GroupId) related.add(pair.GroupId);
    }
    groupIds = [...related];
  }
  let token: string | undefined;
  do {
    const page = await awsCall(`${what}: describing security group rules`, () => ec2.send(new DescribeSecurityGroupRulesCommand({
      Filters: groupIds ? [{ Name: 'group-id', Values: groupIds }] : undefined, NextToken: token,
    })));
    for (const r of page.SecurityGroupRules ?? []) {
      if (!r.GroupId || (r.GroupId !== id && r.ReferencedGroupInfo?.GroupId !== id)) continue;
      try {
        await revoke(ec2, r.IsEgress === true, { GroupId: r.GroupId, SecurityGroupRuleIds: [r.SecurityGroupRuleId!] });
      } catch (e) {
        if (isAwsCode(e, 'InvalidSecurityGroupRuleId.NotFound', 'InvalidGroup.NotFound')) continue;
        throw awsFailure(`revoking Security Group (${id}) Rule (${r.SecurityGroupRuleId})`, e);
      }
    }
    token = page.NextToken;
  } while (token);
}
