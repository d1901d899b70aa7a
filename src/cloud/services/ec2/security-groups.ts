/** Security groups and their rules (Authorize/Revoke, DescribeSecurityGroupRules, ModifySecurityGroupRules). */
import { AwsError } from '../../errors.js';
import type { Action, Call, Db } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { newId, wellFormed } from './ids.js';
import { requireDoc } from './lookup.js';
import { K, type InstanceDoc, type SgDoc, type SgRuleDoc, type VpcDoc } from './model.js';
import { paginate } from './pagination.js';
import { field, structs } from './params.js';
import { describeRule, groupPermissions, parsePermissions, renderRule, ruleFromRequest, sameRule, sub } from './sg-rules.js';
import { checkSpecTypes, specTags, tagSet } from './tags.js';

/** The default VPC of the account and region, if any. */
export function defaultVpc(db: Db): VpcDoc | undefined {
  return db.list<VpcDoc>(K.vpc).find((v) => v.isDefault);
}

function arn(db: Db, id: string): string {
  return `arn:aws:ec2:${db.region}:${db.account}:security-group/${id}`;
}

function render(g: SgDoc, db: Db): Record<string, unknown> {
  return {
    ownerId: db.account,
    groupId: g.groupId,
    groupName: g.groupName,
    groupDescription: g.description,
    vpcId: g.vpcId,
    securityGroupArn: arn(db, g.groupId),
    ipPermissions: groupPermissions(g.rules.filter((r) => !r.isEgress), db, g.vpcId),
    ipPermissionsEgress: groupPermissions(g.rules.filter((r) => r.isEgress), db, g.vpcId),
    tagSet: tagSet(g.tags),
  };
}

const createSecurityGroup: Action = ({ p, db }) => {
  checkSpecTypes(p, ['security-group']);
  const name = p.req('GroupName');
  const description = p.str('GroupDescription');
  if (description === undefined || description === '') throw new AwsError('MissingParameter', 'The request must contain the parameter GroupDescription');
  if (name.length > 255) throw new AwsError('InvalidParameterValue', `Value (${name}) for parameter GroupName is invalid. Group name is too long`);
  if (name.startsWith('sg-')) throw new AwsError('InvalidParameterValue', `Value (${name}) for parameter GroupName is invalid. Group names may not be in the format sg-*.`);
  if (name === 'default') throw new AwsError('InvalidGroup.Reserved', `The security group 'default' is reserved`);
  let vpcId = p.str('VpcId');
  if (vpcId) requireDoc<VpcDoc>(db, K.vpc, vpcId);
  else {
    const d = defaultVpc(db);
    if (!d) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user');
    vpcId = d.vpcId;
  }
  if (db.list<SgDoc>(K.sg).some((g) => g.vpcId === vpcId && g.groupName === name)) {
    throw new AwsError('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpcId}'`);
  }
  const g: SgDoc = {
    groupId: newId('sg'),
    groupName: name,
    description,
    vpcId,
    rules: [{ securityGroupRuleId: newId('sgr'), isEgress: true, ipProtocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0', tags: [] }],
    tags: specTags(p, 'security-group'),
  };
  db.put(K.sg, g.groupId, g);
  return { return: true, groupId: g.groupId, securityGroupArn: arn(db, g.groupId), tagSet: tagSet(g.tags) };
};

/** The group a request names by GroupId (or, for the default VPC, GroupName). */
function targetGroup({ p, db }: Call): SgDoc {
  const id = p.str('GroupId');
  if (id) return requireDoc<SgDoc>(db, K.sg, id);
  const name = p.str('GroupName');
  if (!name) throw new AwsError('MissingParameter', 'The request must contain the parameter groupName or groupId');
  const d = defaultVpc(db);
  const g = db.list<SgDoc>(K.sg).find((x) => x.groupName === name && x.vpcId === d?.vpcId);
  if (!g) throw new AwsError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${d?.vpcId ?? 'none'}'`);
  return g;
}

const deleteSecurityGroup: Action = (c) => {
  const { db } = c;
  const g = targetGroup(c);
  if (g.groupName === 'default') {
    throw new AwsError('CannotDelete', `the specified group: "${g.groupId}" name: "default" cannot be deleted by a user`);
  }
  const inUse =
    db.list<InstanceDoc>(K.instance).some((i) => i.state !== 'terminated' && i.groups.includes(g.groupId)) ||
    db.list<SgDoc>(K.sg).some((o) => o.groupId !== g.groupId && o.rules.some((r) => r.referencedGroupId === g.groupId));
  if (inUse) throw new AwsError('DependencyViolation', `resource ${g.groupId} has a dependent object`);
  db.delete(K.sg, g.groupId);
  return { return: true, groupId: g.groupId };
};

function authorize(egress: boolean): Action {
  return (c) => {
    const { p, db } = c;
    checkSpecTypes(p, ['security-group-rule']);
    const g = egress ? requireDoc<SgDoc>(db, K.sg, p.req('GroupId')) : targetGroup(c);
    const rules = parsePermissions(p, db, g, egress, specTags(p, 'security-group-rule'));
    for (const r of rules) {
      if (g.rules.some((x) => sameRule(x, r)) || rules.some((x) => x !== r && sameRule(x, r) && rules.indexOf(x) < rules.indexOf(r))) {
        throw new AwsError('InvalidPermission.Duplicate', `the specified rule "${describeRule(r)}" already exists`);
      }
    }
    if (g.rules.filter((r) => r.isEgress === egress).length + rules.length > 60) {
      throw new AwsError('RulesPerSecurityGroupLimitExceeded', 'The maximum number of rules per security group has been reached.');
    }
    g.rules.push(...rules);
    db.put(K.sg, g.groupId, g);
    return { return: true, securityGroupRuleSet: rules.map((r) => renderRule(r, g, db)) };
  };
}

function revoke(egress: boolean): Action {
  return (c) => {
    const { p, db } = c;
    const g = egress ? requireDoc<SgDoc>(db, K.sg, p.req('GroupId')) : targetGroup(c);
    const ids = p.strs('SecurityGroupRuleId');
    let removed: SgRuleDoc[];
    if (ids.length) {
      removed = [];
      for (const id of ids) {
        const r = g.rules.find((x) => x.securityGroupRuleId === id && x.isEgress === egress);
        if (!r) throw new AwsError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
        removed.push(r);
      }
    } else {
      const wanted = parsePermissions(p, db, g, egress);
      removed = [];
      for (const w of wanted) {
        const r = g.rules.find((x) => sameRule(x, w));
        if (!r) throw new AwsError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
        removed.push(r);
      }
    }
    g.rules = g.rules.filter((r) => !removed.includes(r));
    db.put(K.sg, g.groupId, g);
    return { return: true, revokedSecurityGroupRuleSet: removed.map((r) => ({ securityGroupRuleId: r.securityGroupRuleId, groupId: g.groupId, isEgress: r.isEgress, ipProtocol: r.ipProtocol, fromPort: r.fromPort, toPort: r.toPort, cidrIpv4: r.cidrIpv4, cidrIpv6: r.cidrIpv6, prefixListId: r.prefixListId, referencedGroupId: r.referencedGroupId, description: r.description })) };
  };
}

function permFilter(egress: boolean, f: (r: SgRuleDoc) => string | number | undefined) {
  return (g: SgDoc) => g.rules.filter((r) => r.isEgress === egress).map(f);
}

const sgFilters: FilterSpec<SgDoc> = {
  'group-id': (g) => g.groupId,
  'group-name': (g) => g.groupName,
  description: (g) => g.description,
  'vpc-id': (g) => g.vpcId,
  'owner-id': () => undefined,
  'ip-permission.cidr': permFilter(false, (r) => r.cidrIpv4),
  'ip-permission.ipv6-cidr': permFilter(false, (r) => r.cidrIpv6),
  'ip-permission.from-port': permFilter(false, (r) => r.fromPort),
  'ip-permission.to-port': permFilter(false, (r) => r.toPort),
  'ip-permission.protocol': permFilter(false, (r) => r.ipProtocol),
  'ip-permission.group-id': permFilter(false, (r) => r.referencedGroupId),
  'ip-permission.prefix-list-id': permFilter(false, (r) => r.prefixListId),
  'ip-permission.user-id': permFilter(false, (r) => r.referencedUserId),
  'egress.ip-permission.cidr': permFilter(true, (r) => r.cidrIpv4),
  'egress.ip-permission.ipv6-cidr': permFilter(true, (r) => r.cidrIpv6),
  'egress.ip-permission.from-port': permFilter(true, (r) => r.fromPort),
  'egress.ip-permission.to-port': permFilter(true, (r) => r.toPort),
  'egress.ip-permission.protocol': permFilter(true, (r) => r.ipProtocol),
  'egress.ip-permission.group-id': permFilter(true, (r) => r.referencedGroupId),
  'egress.ip-permission.prefix-list-id': permFilter(true, (r) => r.prefixListId),
};

const describeSecurityGroups: Action = ({ p, db }) => {
  const ids = p.strs('GroupId');
  const names = p.strs('GroupName');
  let items = db.list<SgDoc>(K.sg);
  if (ids.length) {
    for (const id of ids) {
      if (!wellFormed(id, 'sg')) throw new AwsError('InvalidGroupId.Malformed', `Invalid id: "${id}" (expecting "sg-...")`);
      if (!items.some((g) => g.groupId === id)) throw new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    }
    items = items.filter((g) => ids.includes(g.groupId));
  }
  if (names.length) {
    const d = defaultVpc(db);
    for (const n of names) {
      if (!items.some((g) => g.groupName === n && g.vpcId === d?.vpcId)) {
        throw new AwsError('InvalidGroup.NotFound', `The security group '${n}' does not exist in default VPC '${d?.vpcId ?? 'none'}'`);
      }
    }
    items = items.filter((g) => names.includes(g.groupName) && g.vpcId === d?.vpcId);
  }
  items = filtered(p, items, { ...sgFilters, 'owner-id': () => db.account });
  const page = paginate(p, items, { min: 5, max: 1000 });
  return { securityGroupInfo: page.items.map((g) => render(g, db)), nextToken: page.nextToken };
};

interface RuleRow {
  rule: SgRuleDoc;
  group: SgDoc;
  tags: SgRuleDoc['tags'];
}

const ruleFilters: FilterSpec<RuleRow> = {
  'group-id': (r) => r.group.groupId,
  'security-group-rule-id': (r) => r.rule.securityGroupRuleId,
};

const describeSecurityGroupRules: Action = ({ p, db }) => {
  const ids = p.strs('SecurityGroupRuleId');
  let rows: RuleRow[] = [];
  for (const g of db.list<SgDoc>(K.sg)) for (const r of g.rules) rows.push({ rule: r, group: g, tags: r.tags });
  if (ids.length) {
    for (const id of ids) {
      if (!rows.some((r) => r.rule.securityGroupRuleId === id)) {
        throw new AwsError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
      }
    }
    rows = rows.filter((r) => ids.includes(r.rule.securityGroupRuleId));
  }
  rows = filtered(p, rows, ruleFilters);
  const page = paginate(p, rows, { min: 5, max: 1000 });
  return { securityGroupRuleSet: page.items.map((r) => renderRule(r.rule, r.group, db)), nextToken: page.nextToken };
};

const modifySecurityGroupRules: Action = ({ p, db }) => {
  const g = requireDoc<SgDoc>(db, K.sg, p.req('GroupId'));
  const updates = p.structs('SecurityGroupRule');
  if (updates.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter SecurityGroupRule');
  for (const u of updates) {
    const id = field(u, 'SecurityGroupRuleId') ?? '';
    const i = g.rules.findIndex((r) => r.securityGroupRuleId === id);
    if (i < 0) throw new AwsError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
    const next = ruleFromRequest(sub(u, 'SecurityGroupRule'), g.rules[i]!, db);
    if (g.rules.some((r, j) => j !== i && sameRule(r, next))) {
      throw new AwsError('InvalidPermission.Duplicate', `the specified rule "${describeRule(next)}" already exists`);
    }
    g.rules[i] = next;
  }
  db.put(K.sg, g.groupId, g);
  return { return: true };
};

function updateDescriptions(egress: boolean): Action {
  return (c) => {
    const { p, db } = c;
    const g = targetGroup(c);
    const byId = p.structs('SecurityGroupRuleDescription');
    if (byId.length) {
      for (const d of byId) {
        const r = g.rules.find((x) => x.securityGroupRuleId === field(d, 'SecurityGroupRuleId') && x.isEgress === egress);
        if (!r) throw new AwsError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${field(d, 'SecurityGroupRuleId')}' does not exist`);
        r.description = field(d, 'Description');
      }
    } else {
      for (const w of parsePermissions(p, db, g, egress)) {
        const r = g.rules.find((x) => sameRule(x, w));
        if (!r) throw new AwsError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
        r.description = w.description;
      }
    }
    db.put(K.sg, g.groupId, g);
    return { return: true };
  };
}

/** The security group actions. */
export const securityGroupActions: Record<string, Action> = {
  CreateSecurityGroup: createSecurityGroup,
  DeleteSecurityGroup: deleteSecurityGroup,
  DescribeSecurityGroups: describeSecurityGroups,
  AuthorizeSecurityGroupIngress: authorize(false),
  AuthorizeSecurityGroupEgress: authorize(true),
  RevokeSecurityGroupIngress: revoke(false),
  RevokeSecurityGroupEgress: revoke(true),
  DescribeSecurityGroupRules: describeSecurityGroupRules,
  ModifySecurityGroupRules: modifySecurityGroupRules,
  UpdateSecurityGroupRuleDescriptionsIngress: updateDescriptions(false),
  UpdateSecurityGroupRuleDescriptionsEgress: updateDescriptions(true),
};

export { structs };
