/** Network ACLs: the default ACL of each VPC and DescribeNetworkAcls (the provider reads it for aws_vpc). */
import type { Action, Db } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { listOrIds } from './lookup.js';
import { K, type AclDoc } from './model.js';
import { paginate } from './pagination.js';
import { tagSet } from './tags.js';

function render(a: AclDoc, db: Db): Record<string, unknown> {
  return {
    networkAclId: a.networkAclId,
    vpcId: a.vpcId,
    default: a.isDefault,
    ownerId: db.account,
    entrySet: a.entries.map((e) => ({
      ruleNumber: e.ruleNumber,
      protocol: e.protocol,
      ruleAction: e.ruleAction,
      egress: e.egress,
      cidrBlock: e.cidrBlock,
      ipv6CidrBlock: e.ipv6CidrBlock,
      portRange: e.portRange ? { from: e.portRange.from, to: e.portRange.to } : undefined,
      icmpTypeCode: e.icmp ? { type: e.icmp.type, code: e.icmp.code } : undefined,
    })),
    associationSet: a.associations.map((x) => ({ networkAclAssociationId: x.networkAclAssociationId, networkAclId: a.networkAclId, subnetId: x.subnetId })),
    tagSet: tagSet(a.tags),
  };
}

const aclFilters: FilterSpec<AclDoc> = {
  'network-acl-id': (a) => a.networkAclId,
  'vpc-id': (a) => a.vpcId,
  default: (a) => a.isDefault,
  'association.association-id': (a) => a.associations.map((x) => x.networkAclAssociationId),
  'association.network-acl-id': (a) => (a.associations.length ? a.networkAclId : undefined),
  'association.subnet-id': (a) => a.associations.map((x) => x.subnetId),
  'entry.rule-number': (a) => a.entries.map((e) => e.ruleNumber),
  'entry.protocol': (a) => a.entries.map((e) => e.protocol),
  'entry.rule-action': (a) => a.entries.map((e) => e.ruleAction),
  'entry.egress': (a) => a.entries.map((e) => e.egress),
  'entry.cidr': (a) => a.entries.map((e) => e.cidrBlock),
  'owner-id': () => undefined,
};

const describeNetworkAcls: Action = ({ p, db }) => {
  const spec = { ...aclFilters, 'owner-id': () => db.account };
  const items = filtered(p, listOrIds<AclDoc>(db, K.acl, p.strs('NetworkAclId')), spec);
  const page = paginate(p, items, { min: 5, max: 100 });
  return { networkAclSet: page.items.map((a) => render(a, db)), nextToken: page.nextToken };
};

/** The network ACL actions. */
export const networkAclActions: Record<string, Action> = {
  DescribeNetworkAcls: describeNetworkAcls,
};
