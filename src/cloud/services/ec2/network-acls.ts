/** Network ACLs: each VPC's default ACL, custom ACLs, their entries and subnet associations. */
import { AwsError } from '../../errors.js';
import { isNetwork, parseCidr } from './cidr.js';
import type { Action, Db } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { newId } from './ids.js';
import { listOrIds, requireDoc } from './lookup.js';
import { K, type AclDoc, type AclEntryDoc, type VpcDoc } from './model.js';
import { paginate } from './pagination.js';
import { field, type Params } from './params.js';
import { checkSpecTypes, specTags, tagSet } from './tags.js';

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

const createNetworkAcl: Action = ({ p, db }) => {
  checkSpecTypes(p, ['network-acl']);
  const vpc = requireDoc<VpcDoc>(db, K.vpc, p.req('VpcId'));
  const deny = (egress: boolean): AclEntryDoc => ({ ruleNumber: 32767, protocol: '-1', ruleAction: 'deny', egress, cidrBlock: '0.0.0.0/0' });
  const a: AclDoc = { networkAclId: newId('acl'), vpcId: vpc.vpcId, isDefault: false, entries: [deny(true), deny(false)], associations: [], tags: specTags(p, 'network-acl') };
  db.put(K.acl, a.networkAclId, a);
  return { networkAcl: render(a, db) };
};

const deleteNetworkAcl: Action = ({ p, db }) => {
  const a = requireDoc<AclDoc>(db, K.acl, p.req('NetworkAclId'));
  if (a.isDefault) throw new AwsError('InvalidParameterValue', `cannot delete default network ACL ${a.networkAclId}`);
  if (a.associations.length) throw new AwsError('DependencyViolation', `The networkAcl '${a.networkAclId}' has dependencies and cannot be deleted.`);
  db.delete(K.acl, a.networkAclId);
  return { return: true };
};

const PROTOCOL_NUMBERS: Record<string, string> = { all: '-1', '-1': '-1', tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };

/** Reads the entry of a Create/ReplaceNetworkAclEntry request. */
function entryOf(p: Params): AclEntryDoc {
  const n = p.int('RuleNumber');
  if (n === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter ruleNumber');
  if (n < 1 || n > 32766) throw new AwsError('InvalidParameterValue', `Value (${n}) for parameter ruleNumber is invalid. The rule number must be between 1 and 32766.`);
  const proto = p.req('Protocol').toLowerCase();
  const protocol = PROTOCOL_NUMBERS[proto] ?? (/^\d+$/.test(proto) && Number(proto) <= 255 ? proto : undefined);
  if (protocol === undefined) throw new AwsError('InvalidParameterValue', `Invalid value '${proto}' for protocol.`);
  const action = p.req('RuleAction').toLowerCase();
  if (action !== 'allow' && action !== 'deny') throw new AwsError('InvalidParameterValue', `Value (${action}) for parameter ruleAction is invalid.`);
  const cidr = p.str('CidrBlock');
  const v6 = p.str('Ipv6CidrBlock');
  if (!cidr && !v6) throw new AwsError('MissingParameter', 'The request must contain the parameter cidrBlock or ipv6CidrBlock');
  if (cidr) {
    const c = parseCidr(cidr);
    if (!c || !isNetwork(c)) throw new AwsError('InvalidParameterValue', `Value (${cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  }
  const e: AclEntryDoc = { ruleNumber: n, protocol, ruleAction: action, egress: p.bool('Egress') ?? false, cidrBlock: cidr, ipv6CidrBlock: v6 };
  const range = p.struct('PortRange');
  if (range && (protocol === '6' || protocol === '17')) e.portRange = { from: Number(field(range, 'From') ?? 0), to: Number(field(range, 'To') ?? 0) };
  const icmp = p.struct('Icmp');
  if (icmp && (protocol === '1' || protocol === '58')) e.icmp = { type: Number(field(icmp, 'Type') ?? -1), code: Number(field(icmp, 'Code') ?? -1) };
  return e;
}

const createNetworkAclEntry: Action = ({ p, db }) => {
  const a = requireDoc<AclDoc>(db, K.acl, p.req('NetworkAclId'));
  const e = entryOf(p);
  if (a.entries.some((x) => x.egress === e.egress && x.ruleNumber === e.ruleNumber)) {
    throw new AwsError('NetworkAclEntryAlreadyExists', `The network acl entry identified by ${e.ruleNumber} already exists.`);
  }
  a.entries.push(e);
  a.entries.sort((x, y) => Number(x.egress) - Number(y.egress) || x.ruleNumber - y.ruleNumber);
  db.put(K.acl, a.networkAclId, a);
  return { return: true };
};

const replaceNetworkAclEntry: Action = ({ p, db }) => {
  const a = requireDoc<AclDoc>(db, K.acl, p.req('NetworkAclId'));
  const e = entryOf(p);
  const i = a.entries.findIndex((x) => x.egress === e.egress && x.ruleNumber === e.ruleNumber);
  if (i < 0) throw new AwsError('InvalidNetworkAclEntry.NotFound', `The network acl entry identified by ${e.ruleNumber} does not exist.`);
  a.entries[i] = e;
  db.put(K.acl, a.networkAclId, a);
  return { return: true };
};

const deleteNetworkAclEntry: Action = ({ p, db }) => {
  const a = requireDoc<AclDoc>(db, K.acl, p.req('NetworkAclId'));
  const n = p.int('RuleNumber');
  const egress = p.bool('Egress') ?? false;
  const i = a.entries.findIndex((x) => x.egress === egress && x.ruleNumber === n);
  if (i < 0 || n === 32767) throw new AwsError('InvalidNetworkAclEntry.NotFound', `The network acl entry identified by ${n} does not exist.`);
  a.entries.splice(i, 1);
  db.put(K.acl, a.networkAclId, a);
  return { return: true };
};

const replaceNetworkAclAssociation: Action = ({ p, db }) => {
  const id = p.req('AssociationId');
  const to = requireDoc<AclDoc>(db, K.acl, p.req('NetworkAclId'));
  const from = db.list<AclDoc>(K.acl).find((a) => a.associations.some((x) => x.networkAclAssociationId === id));
  if (!from) throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
  if (from.vpcId !== to.vpcId) throw new AwsError('InvalidParameterValue', `Network ACL ${to.networkAclId} and association ${id} belong to different networks`);
  const old = from.associations.find((x) => x.networkAclAssociationId === id)!;
  const next = { networkAclAssociationId: newId('aclassoc'), subnetId: old.subnetId };
  from.associations = from.associations.filter((x) => x !== old);
  db.put(K.acl, from.networkAclId, from);
  const target = from.networkAclId === to.networkAclId ? from : to;
  target.associations.push(next);
  db.put(K.acl, target.networkAclId, target);
  return { newAssociationId: next.networkAclAssociationId };
};

/** The network ACL actions. */
export const networkAclActions: Record<string, Action> = {
  DescribeNetworkAcls: describeNetworkAcls,
  CreateNetworkAcl: createNetworkAcl,
  DeleteNetworkAcl: deleteNetworkAcl,
  CreateNetworkAclEntry: createNetworkAclEntry,
  ReplaceNetworkAclEntry: replaceNetworkAclEntry,
  DeleteNetworkAclEntry: deleteNetworkAclEntry,
  ReplaceNetworkAclAssociation: replaceNetworkAclAssociation,
};
