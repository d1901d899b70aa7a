/**
 * The ingress/egress pairs of EC2 calls behind one function each, so rule code can say
 * "authorize these for `egress`" without branching on two command types.
 */
import {
  AuthorizeSecurityGroupEgressCommand, AuthorizeSecurityGroupIngressCommand, RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand, UpdateSecurityGroupRuleDescriptionsEgressCommand,
  UpdateSecurityGroupRuleDescriptionsIngressCommand, type EC2Client, type IpPermission, type SecurityGroupRule,
} from '@aws-sdk/client-ec2';

/** What an authorize or revoke call names: permissions or rule ids of a group. */
export interface RuleTarget {
  GroupId: string;
  IpPermissions?: IpPermission[];
  SecurityGroupRuleIds?: string[];
}

/** AuthorizeSecurityGroupIngress / Egress; returns the rules created. */
export async function authorize(ec2: EC2Client, egress: boolean, t: RuleTarget): Promise<SecurityGroupRule[]> {
  const out = egress
    ? await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: t.GroupId, IpPermissions: t.IpPermissions }))
    : await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: t.GroupId, IpPermissions: t.IpPermissions }));
  return out.SecurityGroupRules ?? [];
}

/** RevokeSecurityGroupIngress / Egress. */
export async function revoke(ec2: EC2Client, egress: boolean, t: RuleTarget): Promise<void> {
  if (egress) await ec2.send(new RevokeSecurityGroupEgressCommand(t));
  else await ec2.send(new RevokeSecurityGroupIngressCommand(t));
}

/** UpdateSecurityGroupRuleDescriptionsIngress / Egress. */
export async function updateDescriptions(ec2: EC2Client, egress: boolean, groupId: string, perms: IpPermission[]): Promise<void> {
  if (egress) await ec2.send(new UpdateSecurityGroupRuleDescriptionsEgressCommand({ GroupId: groupId, IpPermissions: perms }));
  else await ec2.send(new UpdateSecurityGroupRuleDescriptionsIngressCommand({ GroupId: groupId, IpPermissions: perms }));
}
