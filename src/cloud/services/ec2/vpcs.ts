/** VPCs: create/delete/describe, their attributes, and the default VPC. */
import { AwsError } from '../../errors.js';
import { isNetwork, parseCidr } from './cidr.js';
import type { Action, Db } from './db.js';
import { createDefaultVpc, createVpcDefaults, dhcpOptionsId } from './defaults.js';
import { filtered, type FilterSpec } from './filters.js';
import { newId } from './ids.js';
import { listOrIds, requireDoc } from './lookup.js';
import { K, type AclDoc, type IgwDoc, type RtbDoc, type SgDoc, type SubnetDoc, type VpcDoc } from './model.js';
import { paginate } from './pagination.js';
import { toBool, field } from './params.js';
import { assignVpcIpv6, renderVpcIpv6 } from './ipv6.js';
import { checkSpecTypes, specTags, tagSet } from './tags.js';

/** A VPC as EC2 renders it. */
export function renderVpc(v: VpcDoc, owner: string, region = ''): Record<string, unknown> {
  return {
    vpcId: v.vpcId,
    ownerId: owner,
    state: v.state,
    cidrBlock: v.cidrBlock,
    cidrBlockAssociationSet: [{ cidrBlock: v.cidrBlock, associationId: v.cidrAssociationId, cidrBlockState: { state: 'associated' } }],
    ipv6CidrBlockAssociationSet: renderVpcIpv6(v, region),
    dhcpOptionsId: v.dhcpOptionsId,
    tagSet: tagSet(v.tags),
    instanceTenancy: v.instanceTenancy,
    isDefault: v.isDefault,
    blockPublicAccessStates: { internetGatewayBlockMode: 'off' },
  };
}

/** Validates a VPC CIDR as CreateVpc does. */
function checkVpcCidr(cidr: string): void {
  const c = parseCidr(cidr);
  if (!c || !isNetwork(c)) {
    throw new AwsError('InvalidParameterValue', `Value (${cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  }
  if (c.prefix < 16 || c.prefix > 28) throw new AwsError('InvalidVpc.Range', `The CIDR '${cidr}' is invalid.`);
}

const createVpc: Action = ({ p, db }) => {
  checkSpecTypes(p, ['vpc']);
  const cidr = p.str('CidrBlock');
  if (cidr === undefined || cidr === '') {
    if (p.str('Ipv4IpamPoolId')) throw new AwsError('InvalidParameterValue', 'IPAM pools are not supported by this cloud');
    throw new AwsError('MissingParameter', 'Either cidrBlock or ipv4IpamPoolId must be specified');
  }
  checkVpcCidr(cidr);
  const tenancy = p.str('InstanceTenancy') ?? 'default';
  if (!['default', 'dedicated', 'host'].includes(tenancy)) {
    throw new AwsError('InvalidParameterValue', `Value (${tenancy}) for parameter instanceTenancy is invalid.`);
  }
  const vpc: VpcDoc = {
    vpcId: newId('vpc'),
    cidrBlock: cidr,
    cidrAssociationId: newId('vpc-cidr-assoc'),
    state: 'pending',
    isDefault: false,
    instanceTenancy: tenancy,
    dhcpOptionsId: dhcpOptionsId(db),
    enableDnsSupport: true,
    enableDnsHostnames: false,
    enableNetworkAddressUsageMetrics: false,
    tags: specTags(p, 'vpc'),
  };
  if (p.bool('AmazonProvidedIpv6CidrBlock')) assignVpcIpv6(db, vpc);
  db.put(K.vpc, vpc.vpcId, { ...vpc, state: 'available' });
  createVpcDefaults(db, vpc);
  return { vpc: renderVpc(vpc, db.account, db.region) };
};

const createDefaultVpcAction: Action = ({ db }) => {
  if (db.list<VpcDoc>(K.vpc).some((v) => v.isDefault)) {
    throw new AwsError('DefaultVpcAlreadyExists', 'A Default VPC already exists for this account in this region.');
  }
  const vpc = createDefaultVpc(db);
  return { vpc: renderVpc(vpc, db.account, db.region) };
};

/** Deletes a VPC once nothing but its default objects depends on it. */
function deleteVpcDoc(db: Db, vpc: VpcDoc): void {
  const dep = () => new AwsError('DependencyViolation', `The vpc '${vpc.vpcId}' has dependencies and cannot be deleted.`);
  if (db.list<SubnetDoc>(K.subnet).some((s) => s.vpcId === vpc.vpcId)) throw dep();
  if (db.list<IgwDoc>(K.igw).some((g) => g.attachments.some((a) => a.vpcId === vpc.vpcId))) throw dep();
  const sgs = db.list<SgDoc>(K.sg).filter((g) => g.vpcId === vpc.vpcId);
  if (sgs.some((g) => g.groupName !== 'default')) throw dep();
  const rtbs = db.list<RtbDoc>(K.rtb).filter((r) => r.vpcId === vpc.vpcId);
  if (rtbs.some((r) => !r.associations.some((a) => a.main))) throw dep();
  const acls = db.list<AclDoc>(K.acl).filter((a) => a.vpcId === vpc.vpcId);
  if (acls.some((a) => !a.isDefault)) throw dep();
  for (const g of sgs) db.delete(K.sg, g.groupId);
  for (const r of rtbs) db.delete(K.rtb, r.routeTableId);
  for (const a of acls) db.delete(K.acl, a.networkAclId);
  db.delete(K.vpc, vpc.vpcId);
}

const deleteVpc: Action = ({ p, db }) => {
  const vpc = requireDoc<VpcDoc>(db, K.vpc, p.req('VpcId'));
  deleteVpcDoc(db, vpc);
  return { return: true };
};

const vpcFilters: FilterSpec<VpcDoc> = {
  'vpc-id': (v) => v.vpcId,
  cidr: (v) => v.cidrBlock,
  'cidr-block': (v) => v.cidrBlock,
  'cidr-block-association.cidr-block': (v) => v.cidrBlock,
  'cidr-block-association.association-id': (v) => v.cidrAssociationId,
  'cidr-block-association.state': () => 'associated',
  'dhcp-options-id': (v) => v.dhcpOptionsId,
  'is-default': (v) => v.isDefault,
  // The provider's aws_default_vpc and data "aws_vpc" still use the legacy camel-case name.
  isDefault: (v) => v.isDefault,
  'owner-id': () => undefined,
  state: (v) => v.state,
  'instance-tenancy': (v) => v.instanceTenancy,
  'ipv6-cidr-block-association.ipv6-cidr-block': (v) => v.ipv6?.cidrBlock,
  'ipv6-cidr-block-association.ipv6-pool': (v) => (v.ipv6 ? 'Amazon' : undefined),
  'ipv6-cidr-block-association.association-id': (v) => v.ipv6?.associationId,
  'ipv6-cidr-block-association.state': (v) => (v.ipv6 ? 'associated' : undefined),
};

const describeVpcs: Action = ({ p, db }) => {
  const ids = p.strs('VpcId');
  const spec = { ...vpcFilters, 'owner-id': () => db.account };
  const items = filtered(p, listOrIds<VpcDoc>(db, K.vpc, ids), spec);
  const page = paginate(p, items, { min: 5, max: 1000 });
  return { vpcSet: page.items.map((v) => renderVpc(v, db.account, db.region)), nextToken: page.nextToken };
};

const VPC_ATTRS = ['enableDnsSupport', 'enableDnsHostnames', 'enableNetworkAddressUsageMetrics'] as const;

const describeVpcAttribute: Action = ({ p, db }) => {
  const attr = p.req('Attribute');
  const vpc = requireDoc<VpcDoc>(db, K.vpc, p.req('VpcId'));
  if (!(VPC_ATTRS as readonly string[]).includes(attr)) {
    throw new AwsError('InvalidParameterValue', `Value (${attr}) for parameter attribute is invalid. Unknown attribute.`);
  }
  return { vpcId: vpc.vpcId, [attr]: { value: vpc[attr as (typeof VPC_ATTRS)[number]] } };
};

const modifyVpcAttribute: Action = ({ p, db }) => {
  const vpc = requireDoc<VpcDoc>(db, K.vpc, p.req('VpcId'));
  const given = VPC_ATTRS.filter((a) => p.struct(a.charAt(0).toUpperCase() + a.slice(1)) !== undefined);
  if (given.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter attribute');
  if (given.length > 1) {
    throw new AwsError('InvalidParameterCombination', `Fields for multiple attribute types specified: ${given.join(', ')}`);
  }
  const a = given[0]!;
  const v = toBool(field(p.struct(a.charAt(0).toUpperCase() + a.slice(1)), 'Value'), a);
  if (v === undefined) throw new AwsError('MissingParameter', `The request must contain the parameter ${a}.value`);
  if (a === 'enableDnsHostnames' && v && !vpc.enableDnsSupport) {
    throw new AwsError('InvalidParameterValue', 'Cannot enable DNS hostnames when DNS support is disabled for the VPC');
  }
  vpc[a] = v;
  db.put(K.vpc, vpc.vpcId, vpc);
  return { return: true };
};

/** The VPC actions. */
export const vpcActions: Record<string, Action> = {
  CreateVpc: createVpc,
  CreateDefaultVpc: createDefaultVpcAction,
  DeleteVpc: deleteVpc,
  DescribeVpcs: describeVpcs,
  DescribeVpcAttribute: describeVpcAttribute,
  ModifyVpcAttribute: modifyVpcAttribute,
};
