/** Subnets: create/delete/describe, attributes, and private address allocation. */
import { AwsError } from '../../errors.js';
import { contains, formatIp, isNetwork, network, overlaps, parseCidr, parseIp, size, type Cidr } from './cidr.js';
import type { Action, Db } from './db.js';
import { associateDefaultAcl, newSubnet } from './defaults.js';
import { filtered, type FilterSpec } from './filters.js';
import { listOrIds, requireDoc } from './lookup.js';
import { K, type AclDoc, type InstanceDoc, type NatDoc, type RtbDoc, type SubnetDoc, type VpcDoc } from './model.js';
import { paginate } from './pagination.js';
import { field, toBool } from './params.js';
import { newId } from './ids.js';
import { checkSubnetIpv6, renderSubnetIpv6 } from './ipv6.js';
import { checkSpecTypes, specTags, tagSet } from './tags.js';
import { findZone, zonesOf } from './zones.js';

/** Addresses usable in a subnet (AWS reserves the first four and the last). */
export function availableCount(s: SubnetDoc): number {
  return size(parseCidr(s.cidrBlock)!) - 5 - s.usedOffsets.length;
}

/** A subnet as EC2 renders it. */
export function renderSubnet(s: SubnetDoc, db: Db): Record<string, unknown> {
  return {
    subnetId: s.subnetId,
    subnetArn: `arn:aws:ec2:${db.region}:${db.account}:subnet/${s.subnetId}`,
    state: 'available',
    ownerId: db.account,
    vpcId: s.vpcId,
    cidrBlock: s.cidrBlock,
    ipv6CidrBlockAssociationSet: renderSubnetIpv6(s),
    availableIpAddressCount: availableCount(s),
    availabilityZone: s.availabilityZone,
    availabilityZoneId: s.availabilityZoneId,
    defaultForAz: s.defaultForAz,
    mapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    mapCustomerOwnedIpOnLaunch: false,
    assignIpv6AddressOnCreation: s.assignIpv6AddressOnCreation,
    enableDns64: s.enableDns64,
    ipv6Native: false,
    privateDnsNameOptionsOnLaunch: {
      hostnameType: s.hostnameType,
      enableResourceNameDnsARecord: s.enableResourceNameDnsARecord,
      enableResourceNameDnsAAAARecord: s.enableResourceNameDnsAAAARecord,
    },
    blockPublicAccessStates: { internetGatewayBlockMode: 'off' },
    tagSet: tagSet(s.tags),
  };
}

/** Hands out a private address of the subnet (the requested one if free), recording it. */
export function allocateIp(s: SubnetDoc, requested?: string): string {
  const c = parseCidr(s.cidrBlock)!;
  const base = network(c);
  const last = size(c) - 1;
  if (requested !== undefined) {
    const ip = parseIp(requested);
    if (ip === undefined) throw new AwsError('InvalidParameterValue', `Value (${requested}) for parameter privateIpAddress is invalid. Invalid format.`);
    const off = ip - base;
    if (off < 0 || off > last) {
      throw new AwsError('InvalidParameterValue', `Address ${requested} does not fall within the subnet's address range`);
    }
    if (off < 4 || off === last) throw new AwsError('InvalidParameterValue', `Address ${requested} is in subnet's reserved address range`);
    if (s.usedOffsets.includes(off)) throw new AwsError('InvalidIPAddress.InUse', `Address ${requested} is in use.`);
    s.usedOffsets.push(off);
    return requested;
  }
  const used = new Set(s.usedOffsets);
  // Most subnets fill up in order: start after the highest offset handed out, then wrap.
  const start = s.usedOffsets.length ? Math.max(...s.usedOffsets.slice(-64)) + 1 : 4;
  for (let off = start; off < last; off++) {
    if (!used.has(off)) {
      s.usedOffsets.push(off);
      return formatIp(base + off);
    }
  }
  for (let off = 4; off < last; off++) {
    if (!used.has(off)) {
      s.usedOffsets.push(off);
      return formatIp(base + off);
    }
  }
  throw new AwsError('InsufficientFreeAddressesInSubnet', `There are not enough free addresses in subnet '${s.subnetId}' to satisfy the requested number of instances.`);
}

/** Returns an address to the subnet. */
export function releaseIp(s: SubnetDoc, ip: string): void {
  const off = parseIp(ip)! - network(parseCidr(s.cidrBlock)!);
  s.usedOffsets = s.usedOffsets.filter((o) => o !== off);
}

function invalidCidr(cidr: string): AwsError {
  return new AwsError('InvalidParameterValue', `Value (${cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
}

const createSubnet: Action = ({ p, db }) => {
  checkSpecTypes(p, ['subnet']);
  const vpc = requireDoc<VpcDoc>(db, K.vpc, p.req('VpcId'));
  const cidr = p.req('CidrBlock');
  const c: Cidr | undefined = parseCidr(cidr);
  if (!c || !isNetwork(c)) throw invalidCidr(cidr);
  if (c.prefix < 16 || c.prefix > 28 || !contains(parseCidr(vpc.cidrBlock)!, c)) {
    throw new AwsError('InvalidSubnet.Range', `The CIDR '${cidr}' is invalid.`);
  }
  const siblings = db.list<SubnetDoc>(K.subnet).filter((s) => s.vpcId === vpc.vpcId);
  if (siblings.some((s) => overlaps(parseCidr(s.cidrBlock)!, c))) {
    throw new AwsError('InvalidSubnet.Conflict', `The CIDR '${cidr}' conflicts with another subnet`);
  }
  const zones = zonesOf(db.region);
  const azName = p.str('AvailabilityZone');
  const azId = p.str('AvailabilityZoneId');
  let zone = zones[siblings.length % zones.length]!;
  if (azName !== undefined || azId !== undefined) {
    const z = findZone(db.region, azName ?? azId!);
    if (!z || (azName !== undefined && z.zoneName !== azName) || (azId !== undefined && z.zoneId !== azId)) {
      const param = azName !== undefined ? 'availabilityZone' : 'availabilityZoneId';
      throw new AwsError(
        'InvalidParameterValue',
        `Value (${azName ?? azId}) for parameter ${param} is invalid. Subnets can currently only be created in the following availability zones: ${zones.map((x) => (azName !== undefined ? x.zoneName : x.zoneId)).join(', ')}.`,
      );
    }
    zone = z;
  }
  const s = newSubnet(vpc.vpcId, cidr, zone, false);
  const v6 = p.str('Ipv6CidrBlock');
  if (v6) s.ipv6 = { associationId: newId('subnet-cidr-assoc'), cidrBlock: checkSubnetIpv6(db, vpc, v6) };
  s.tags = specTags(p, 'subnet');
  db.put(K.subnet, s.subnetId, s);
  associateDefaultAcl(db, s);
  return { subnet: { ...renderSubnet(s, db), state: 'pending' } };
};

const deleteSubnet: Action = ({ p, db }) => {
  const s = requireDoc<SubnetDoc>(db, K.subnet, p.req('SubnetId'));
  const busy =
    db.list<InstanceDoc>(K.instance).some((i) => i.subnetId === s.subnetId && i.state !== 'terminated') ||
    db.list<NatDoc>(K.nat).some((n) => n.subnetId === s.subnetId && n.state !== 'deleted');
  if (busy) throw new AwsError('DependencyViolation', `The subnet '${s.subnetId}' has dependencies and cannot be deleted.`);
  for (const r of db.list<RtbDoc>(K.rtb)) {
    if (r.associations.some((a) => a.subnetId === s.subnetId)) {
      r.associations = r.associations.filter((a) => a.subnetId !== s.subnetId);
      db.put(K.rtb, r.routeTableId, r);
    }
  }
  for (const a of db.list<AclDoc>(K.acl)) {
    if (a.associations.some((x) => x.subnetId === s.subnetId)) {
      a.associations = a.associations.filter((x) => x.subnetId !== s.subnetId);
      db.put(K.acl, a.networkAclId, a);
    }
  }
  db.delete(K.subnet, s.subnetId);
  return { return: true };
};

const subnetFilters: FilterSpec<SubnetDoc> = {
  'subnet-id': (s) => s.subnetId,
  'vpc-id': (s) => s.vpcId,
  'vpcId': (s) => s.vpcId,
  'cidr-block': (s) => s.cidrBlock,
  cidr: (s) => s.cidrBlock,
  cidrBlock: (s) => s.cidrBlock,
  'availability-zone': (s) => s.availabilityZone,
  availabilityZone: (s) => s.availabilityZone,
  'availability-zone-id': (s) => s.availabilityZoneId,
  availabilityZoneId: (s) => s.availabilityZoneId,
  'default-for-az': (s) => s.defaultForAz,
  defaultForAz: (s) => s.defaultForAz,
  'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
  state: () => 'available',
  'owner-id': () => undefined,
  'available-ip-address-count': (s) => availableCount(s),
  'ipv6-cidr-block-association.ipv6-cidr-block': (s) => s.ipv6?.cidrBlock,
  'ipv6-cidr-block-association.association-id': (s) => s.ipv6?.associationId,
  'ipv6-cidr-block-association.state': (s) => (s.ipv6 ? 'associated' : undefined),
  'ipv6-native': () => false,
  'assign-ipv6-address-on-creation': (s) => s.assignIpv6AddressOnCreation,
  'enable-dns64': (s) => s.enableDns64,
  'private-dns-name-options-on-launch.hostname-type': (s) => s.hostnameType,
  'subnet-arn': () => undefined,
};

const describeSubnets: Action = ({ p, db }) => {
  const spec: FilterSpec<SubnetDoc> = {
    ...subnetFilters,
    'owner-id': () => db.account,
    'subnet-arn': (s) => `arn:aws:ec2:${db.region}:${db.account}:subnet/${s.subnetId}`,
  };
  const items = filtered(p, listOrIds<SubnetDoc>(db, K.subnet, p.strs('SubnetId')), spec);
  const page = paginate(p, items, { min: 5, max: 1000 });
  return { subnetSet: page.items.map((s) => renderSubnet(s, db)), nextToken: page.nextToken };
};

const BOOL_ATTRS: [param: string, key: keyof SubnetDoc][] = [
  ['MapPublicIpOnLaunch', 'mapPublicIpOnLaunch'],
  ['AssignIpv6AddressOnCreation', 'assignIpv6AddressOnCreation'],
  ['EnableDns64', 'enableDns64'],
  ['EnableResourceNameDnsARecordOnLaunch', 'enableResourceNameDnsARecord'],
  ['EnableResourceNameDnsAAAARecordOnLaunch', 'enableResourceNameDnsAAAARecord'],
];

const modifySubnetAttribute: Action = ({ p, db }) => {
  const s = requireDoc<SubnetDoc>(db, K.subnet, p.req('SubnetId')) as SubnetDoc & Record<string, unknown>;
  let changed = false;
  for (const [param, key] of BOOL_ATTRS) {
    const node = p.struct(param);
    if (!node) continue;
    const v = toBool(field(node, 'Value'), param);
    if (v === undefined) continue;
    if (key === 'assignIpv6AddressOnCreation' && v && !s.ipv6) {
      throw new AwsError('InvalidParameterValue', `Invalid value 'true' for assignIpv6AddressOnCreation. Cannot set assignIpv6AddressOnCreation to true unless the subnet (${s.subnetId}) has an IPv6 CIDR block associated with it.`);
    }
    (s as unknown as Record<string, boolean>)[key] = v;
    changed = true;
  }
  const ht = p.str('PrivateDnsHostnameTypeOnLaunch');
  if (ht !== undefined) {
    if (ht !== 'ip-name' && ht !== 'resource-name') {
      throw new AwsError('InvalidParameterValue', `Value (${ht}) for parameter privateDnsHostnameTypeOnLaunch is invalid.`);
    }
    s.hostnameType = ht;
    changed = true;
  }
  if (!changed && !p.struct('MapCustomerOwnedIpOnLaunch') && p.str('EnableLniAtDeviceIndex') === undefined) {
    throw new AwsError('MissingParameter', 'The request must contain the parameter attribute');
  }
  db.put(K.subnet, s.subnetId, s);
  return { return: true };
};

const createDefaultSubnet: Action = ({ p, db }) => {
  const az = p.req('AvailabilityZone');
  const zone = findZone(db.region, az);
  if (!zone || zone.zoneName !== az) {
    throw new AwsError('InvalidParameterValue', `Value (${az}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zonesOf(db.region).map((z) => z.zoneName).join(', ')}.`);
  }
  const vpc = db.list<VpcDoc>(K.vpc).find((v) => v.isDefault);
  if (!vpc) throw new AwsError('DefaultVpcDoesNotExist', 'No default VPC exists for this account in this region.');
  const subnets = db.list<SubnetDoc>(K.subnet).filter((s) => s.vpcId === vpc.vpcId);
  if (subnets.some((s) => s.defaultForAz && s.availabilityZone === az)) {
    throw new AwsError('DefaultSubnetAlreadyExistsInAvailabilityZone', `A Default Subnet already exists for this account in availability zone ${az}.`);
  }
  // The next free /20 of 172.31.0.0/16, as AWS hands them out.
  let cidr: string | undefined;
  for (let i = 0; i < 16 && !cidr; i++) {
    const c = `172.31.${i * 16}.0/20`;
    if (!subnets.some((s) => overlaps(parseCidr(s.cidrBlock)!, parseCidr(c)!))) cidr = c;
  }
  if (!cidr) throw new AwsError('InsufficientFreeAddressesInSubnet', `The default VPC ${vpc.vpcId} has no free /20 block left.`);
  const s = newSubnet(vpc.vpcId, cidr, zone, true);
  db.put(K.subnet, s.subnetId, s);
  associateDefaultAcl(db, s);
  return { subnet: renderSubnet(s, db) };
};

/** The subnet actions. */
export const subnetActions: Record<string, Action> = {
  CreateSubnet: createSubnet,
  CreateDefaultSubnet: createDefaultSubnet,
  DeleteSubnet: deleteSubnet,
  DescribeSubnets: describeSubnets,
  ModifySubnetAttribute: modifySubnetAttribute,
};
