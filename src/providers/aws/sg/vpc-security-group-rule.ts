/**
 * aws_vpc_security_group_ingress_rule and aws_vpc_security_group_egress_rule, as
 * hashicorp/aws defines them: one rule with one source, id = the AWS rule id (sgr-...),
 * import by that id; every argument but security_group_id updates in place through
 * ModifySecurityGroupRules, except that changing the kind of source replaces the rule.
 * The protocol keeps the value written when AWS reports an equivalent one ("6" / "tcp").
 */
import { DescribeSecurityGroupRulesCommand, ModifySecurityGroupRulesCommand, type IpPermission, type SecurityGroupRule } from '@aws-sdk/client-ec2';
import type * as T from '../../../lang/types.js';
import { unknownVal, type Path, type Value } from '../../../lang/value.js';
import { num, str, withAttrs } from '../../sdk/obj.js';
import type { ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { planTagsAll, tagMap, tagsForState, updateEc2Tags } from '../tags.js';
import { authorize, revoke } from './ec2-calls.js';
import { protocolForValue } from './protocol.js';
import { vpcSecurityGroupRuleSchema } from './schemas.js';

const SOURCES = ['cidr_ipv4', 'cidr_ipv6', 'prefix_list_id', 'referenced_security_group_id'] as const;

function sourceOf(v: Value): string {
  return SOURCES.find((s) => str(v, s) !== undefined) ?? '';
}

/** The IpPermission one rule's arguments describe. */
function permission(v: Value): IpPermission {
  const Description = str(v, 'description');
  const p: IpPermission = { IpProtocol: str(v, 'ip_protocol'), FromPort: num(v, 'from_port'), ToPort: num(v, 'to_port') };
  const v4 = str(v, 'cidr_ipv4'), v6 = str(v, 'cidr_ipv6'), pl = str(v, 'prefix_list_id'), ref = str(v, 'referenced_security_group_id');
  if (v4) p.IpRanges = [{ CidrIp: v4, Description }];
  if (v6) p.Ipv6Ranges = [{ CidrIpv6: v6, Description }];
  if (pl) p.PrefixListIds = [{ PrefixListId: pl, Description }];
  if (ref) {
    const [user, group] = ref.includes('/') ? ref.split('/', 2) as [string, string] : [undefined, ref];
    p.UserIdGroupPairs = [{ GroupId: group, UserId: user, Description }];
  }
  return p;
}

function ruleResource(egress: boolean): ResourceDef<AwsMeta> {
  const what = 'VPC Security Group Rule';

  async function find(meta: AwsMeta, id: string): Promise<SecurityGroupRule | undefined> {
    try {
      const out = await meta.ec2().send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [id] }));
      return out.SecurityGroupRules?.find((r) => r.SecurityGroupRuleId === id && (r.IsEgress ?? false) === egress);
    } catch (e) {
      if (isAwsCode(e, 'InvalidSecurityGroupRuleId.NotFound', 'InvalidGroup.NotFound')) return undefined;
      throw awsFailure(`reading ${what} (${id})`, e);
    }
  }

  async function readRule(meta: AwsMeta, id: string, prior: Value): Promise<Value | null> {
    const r = await find(meta, id);
    if (!r) return null;
    const ref = r.ReferencedGroupInfo;
    const referenced = ref ? (!ref.UserId || ref.UserId === meta.accountId ? ref.GroupId : `${ref.UserId}/${ref.GroupId}`) : undefined;
    const priorProtocol = str(prior, 'ip_protocol');
    const protocol = priorProtocol !== undefined && protocolForValue(priorProtocol) === protocolForValue(r.IpProtocol ?? '') ? priorProtocol : r.IpProtocol;
    // Ports AWS reports as -1 stay null when they were not written (protocol "-1").
    const port = (got: number | undefined, name: string) => (got === -1 && num(prior, name) === undefined ? null : got);
    const owner = r.GroupOwnerId ?? meta.accountId;
    return withAttrs(prior, {
      id, security_group_rule_id: id, arn: `arn:${meta.partition}:ec2:${meta.region}:${owner}:security-group-rule/${id}`,
      cidr_ipv4: r.CidrIpv4, cidr_ipv6: r.CidrIpv6, description: r.Description, ip_protocol: protocol,
      prefix_list_id: r.PrefixListId, referenced_security_group_id: referenced, security_group_id: r.GroupId,
      from_port: port(r.FromPort, 'from_port'), to_port: port(r.ToPort, 'to_port'),
      ...tagsForState(meta, r.Tags, prior),
    });
  }

  return {
    schema: vpcSecurityGroupRuleSchema,

    customizePlan(ctx, p) {
      let requiresReplace: Path[] = p.requiresReplace;
      if (p.prior) {
        // Semantically equal protocols ("6" and "tcp") are no change.
        const before = str(p.prior, 'ip_protocol'), after = str(p.planned, 'ip_protocol');
        let planned = p.planned;
        if (before !== undefined && after !== undefined && before !== after && protocolForValue(before) === protocolForValue(after)) {
          planned = withAttrs(planned, { ip_protocol: before });
        }
        // AWS cannot change the kind of a rule's source.
        const was = sourceOf(p.prior), now = sourceOf(planned);
        if (was !== now && was !== '' && now !== '') requiresReplace = [...requiresReplace, [{ attr: was }], [{ attr: now }]];
        if (requiresReplace.length > 0 && p.requiresReplace.length === 0) {
          planned = withAttrs(planned, Object.fromEntries(['id', 'arn', 'security_group_rule_id'].map((k) => [k, unknownOf(planned, k)])));
        }
        return planTagsAll(ctx.meta, { ...p, planned, requiresReplace });
      }
      return planTagsAll(ctx.meta, p);
    },

    async create(ctx, planned) {
      const groupId = str(planned, 'security_group_id')!;
      const rules = await awsCall(`creating ${what}`, () => authorize(ctx.meta.ec2(), egress, { GroupId: groupId, IpPermissions: [permission(planned)] }));
      const id = rules[0]?.SecurityGroupRuleId;
      if (!id) throw awsFailure(`creating ${what}`, new Error('AWS returned no security group rule'));
      try {
        const tags = tagMap(planned, 'tags_all');
        if (Object.keys(tags).length) await updateEc2Tags(ctx.meta, id, {}, tags);
        const got = await readRule(ctx.meta, id, withAttrs(planned, { id }));
        if (!got) throw awsFailure(`reading ${what} (${id})`, new Error('not found after creation'));
        return got;
      } catch (e) {
        // No state survives a failed create in terrane's SDK: take the rule back out.
        await revoke(ctx.meta.ec2(), egress, { GroupId: groupId, SecurityGroupRuleIds: [id] }).catch(() => undefined);
        throw e;
      }
    },

    async read(ctx, state) {
      return readRule(ctx.meta, str(state, 'id')!, state);
    },

    async update(ctx, prior, planned) {
      const id = str(prior, 'id')!;
      const changed = ['cidr_ipv4', 'cidr_ipv6', 'description', 'from_port', 'ip_protocol', 'prefix_list_id', 'referenced_security_group_id', 'to_port']
        .some((k) => JSON.stringify(prior.attrs.get(k)?.v) !== JSON.stringify(planned.attrs.get(k)?.v));
      if (changed) {
        await awsCall(`updating ${what} (${id})`, () => ctx.meta.ec2().send(new ModifySecurityGroupRulesCommand({
          GroupId: str(planned, 'security_group_id'),
          SecurityGroupRules: [{
            SecurityGroupRuleId: id,
            SecurityGroupRule: {
              CidrIpv4: str(planned, 'cidr_ipv4'), CidrIpv6: str(planned, 'cidr_ipv6'), Description: str(planned, 'description'),
              FromPort: num(planned, 'from_port'), ToPort: num(planned, 'to_port'), IpProtocol: str(planned, 'ip_protocol'),
              PrefixListId: str(planned, 'prefix_list_id'), ReferencedGroupId: str(planned, 'referenced_security_group_id'),
            },
          }],
        })));
      }
      await updateEc2Tags(ctx.meta, id, tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
      const got = await readRule(ctx.meta, id, planned);
      if (!got) throw awsFailure(`reading ${what} (${id})`, new Error('not found after update'));
      return got;
    },

    async delete(ctx, state) {
      const id = str(state, 'id')!;
      try {
        await revoke(ctx.meta.ec2(), egress, { GroupId: str(state, 'security_group_id')!, SecurityGroupRuleIds: [id] });
      } catch (e) {
        if (isAwsCode(e, 'InvalidGroup.NotFound', 'InvalidSecurityGroupRuleId.NotFound')) return;
        throw awsFailure(`deleting ${what} (${id})`, e);
      }
    },
  };
}

function unknownOf(v: Value, name: string): Value {
  return unknownVal((v.type as T.ObjectType).attrs[name]!);
}

/** The aws_vpc_security_group_ingress_rule resource. */
export const awsVpcSecurityGroupIngressRule = ruleResource(false);
/** The aws_vpc_security_group_egress_rule resource. */
export const awsVpcSecurityGroupEgressRule = ruleResource(true);
