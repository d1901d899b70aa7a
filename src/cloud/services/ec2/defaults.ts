/**
 * What AWS gives every VPC (main route table, default network ACL, default security group) and
 * every account in every region (a default VPC 172.31.0.0/16 with a default subnet per zone).
 */
import type { Db } from './db.js';
import { newId } from './ids.js';
import { K, type AclDoc, type IgwDoc, type RtbDoc, type SgDoc, type SubnetDoc, type VpcDoc } from './model.js';
import { zonesOf } from './zones.js';

/** The default DHCP options set id every VPC points at. */
export function dhcpOptionsId(db: Db): string {
  return `dopt-${db.account.slice(-8).padStart(8, '0')}`;
}

/** Creates a VPC's main route table, default network ACL and default security group. */
export function createVpcDefaults(db: Db, vpc: VpcDoc): { rtb: RtbDoc; acl: AclDoc; sg: SgDoc } {
  const rtb: RtbDoc = {
    routeTableId: newId('rtb'),
    vpcId: vpc.vpcId,
    routes: [{ destinationCidrBlock: vpc.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' }],
    associations: [{ routeTableAssociationId: newId('rtbassoc'), main: true }],
    tags: [],
  };
  const all = (egress: boolean) => [
    { ruleNumber: 100, protocol: '-1', ruleAction: 'allow' as const, egress, cidrBlock: '0.0.0.0/0' },
    { ruleNumber: 32767, protocol: '-1', ruleAction: 'deny' as const, egress, cidrBlock: '0.0.0.0/0' },
  ];
  const acl: AclDoc = { networkAclId: newId('acl'), vpcId: vpc.vpcId, isDefault: true, entries: [...all(true), ...all(false)], associations: [], tags: [] };
  const groupId = newId('sg');
  const sg: SgDoc = {
    groupId,
    groupName: 'default',
    description: 'default VPC security group',
    vpcId: vpc.vpcId,
    rules: [
      { securityGroupRuleId: newId('sgr'), isEgress: false, ipProtocol: '-1', fromPort: -1, toPort: -1, referencedGroupId: groupId, referencedUserId: db.account, tags: [] },
      { securityGroupRuleId: newId('sgr'), isEgress: true, ipProtocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0', tags: [] },
    ],
    tags: [],
  };
  db.put(K.rtb, rtb.routeTableId, rtb);
  db.put(K.acl, acl.networkAclId, acl);
  db.put(K.sg, sg.groupId, sg);
  return { rtb, acl, sg };
}

/** A new subnet document with AWS's defaults. */
export function newSubnet(vpcId: string, cidrBlock: string, zone: { zoneName: string; zoneId: string }, defaultForAz: boolean): SubnetDoc {
  return {
    subnetId: newId('subnet'),
    vpcId,
    cidrBlock,
    availabilityZone: zone.zoneName,
    availabilityZoneId: zone.zoneId,
    defaultForAz,
    mapPublicIpOnLaunch: defaultForAz,
    assignIpv6AddressOnCreation: false,
    enableDns64: false,
    hostnameType: 'ip-name',
    enableResourceNameDnsARecord: false,
    enableResourceNameDnsAAAARecord: false,
    usedOffsets: [],
    tags: [],
  };
}

/** Associates a subnet with its VPC's default network ACL. */
export function associateDefaultAcl(db: Db, subnet: SubnetDoc): void {
  const acl = db.list<AclDoc>(K.acl).find((a) => a.vpcId === subnet.vpcId && a.isDefault);
  if (!acl) return;
  acl.associations.push({ networkAclAssociationId: newId('aclassoc'), subnetId: subnet.subnetId });
  db.put(K.acl, acl.networkAclId, acl);
}

/** Creates the default VPC of the account and region with its subnets, gateway and routes. */
export function createDefaultVpc(db: Db): VpcDoc {
  const vpc: VpcDoc = {
    vpcId: newId('vpc'),
    cidrBlock: '172.31.0.0/16',
    cidrAssociationId: newId('vpc-cidr-assoc'),
    state: 'available',
    isDefault: true,
    instanceTenancy: 'default',
    dhcpOptionsId: dhcpOptionsId(db),
    enableDnsSupport: true,
    enableDnsHostnames: true,
    enableNetworkAddressUsageMetrics: false,
    tags: [],
  };
  db.put(K.vpc, vpc.vpcId, vpc);
  const { rtb } = createVpcDefaults(db, vpc);
  const igw: IgwDoc = { internetGatewayId: newId('igw'), attachments: [{ vpcId: vpc.vpcId, state: 'available' }], tags: [] };
  db.put(K.igw, igw.internetGatewayId, igw);
  rtb.routes.push({ destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.internetGatewayId, origin: 'CreateRoute' });
  db.put(K.rtb, rtb.routeTableId, rtb);
  zonesOf(db.region).forEach((z, i) => {
    const s = newSubnet(vpc.vpcId, `172.31.${i * 16}.0/20`, z, true);
    db.put(K.subnet, s.subnetId, s);
    associateDefaultAcl(db, s);
  });
  return vpc;
}

const seeded = new WeakMap<object, Set<string>>();

/** Seeds the default VPC the first time an account touches a region (once per store). */
export function ensureDefaults(db: Db): void {
  let set = seeded.get(db.store);
  if (!set) seeded.set(db.store, (set = new Set()));
  const key = `${db.account}/${db.region}`;
  if (set.has(key)) return;
  // Only a marker read back from the store is cached: a seed written by this request may still roll back.
  if (db.get(K.meta, 'defaults')) {
    set.add(key);
    return;
  }
  createDefaultVpc(db);
  db.put(K.meta, 'defaults', { seeded: true });
}
