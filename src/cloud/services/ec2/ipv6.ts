/**
 * IPv6 for VPCs and subnets: an Amazon-provided /56 per VPC (CreateVpc with
 * AmazonProvidedIpv6CidrBlock, AssociateVpcCidrBlock) and /64 subnet blocks inside it
 * (CreateSubnet with Ipv6CidrBlock, AssociateSubnetCidrBlock), with AWS's errors.
 */
import { AwsError } from '../../errors.js';
import type { Action, Db } from './db.js';
import { newId } from './ids.js';
import { requireDoc } from './lookup.js';
import { K, type Ipv6AssocDoc, type SubnetDoc, type VpcDoc } from './model.js';

/** The eight 16-bit groups of an IPv6 address, or undefined when malformed. */
export function ipv6Groups(addr: string): number[] | undefined {
  const halves = addr.toLowerCase().split('::');
  if (halves.length > 2) return undefined;
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  const head = part(halves[0]!), tail = halves.length === 2 ? part(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

/** An IPv6 CIDR in canonical compressed form ("2600:1f18:1000:100::/56"). */
function formatCidr(groups: number[], prefix: number): string {
  const hex = groups.map((g) => g.toString(16));
  // Compress the longest run of zero groups (at least two), as RFC 5952 does.
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const text = best < 0 ? hex.join(':') : `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
  return `${text}/${prefix}`;
}

/** A fresh Amazon-provided /56 for a VPC. */
function amazonBlock(db: Db): Ipv6AssocDoc {
  const n = db.seq('ipv6-block');
  return { associationId: newId('vpc-cidr-assoc'), cidrBlock: formatCidr([0x2600, 0x1f18, 0x1000 + (n >> 8), (n & 0xff) << 8, 0, 0, 0, 0], 56) };
}

/** Gives `vpc` an Amazon-provided IPv6 block (CreateVpc / AssociateVpcCidrBlock). */
export function assignVpcIpv6(db: Db, vpc: VpcDoc): Ipv6AssocDoc {
  if (vpc.ipv6) throw new AwsError('CidrLimitExceeded', `This network '${vpc.vpcId}' has met its maximum number of allowed CIDRs: 1`);
  vpc.ipv6 = amazonBlock(db);
  return vpc.ipv6;
}

/** The IPv6 association set of a VPC as EC2 renders it. */
export function renderVpcIpv6(vpc: VpcDoc, region: string): Record<string, unknown>[] | undefined {
  if (!vpc.ipv6) return undefined;
  return [{
    associationId: vpc.ipv6.associationId, ipv6CidrBlock: vpc.ipv6.cidrBlock, ipv6CidrBlockState: { state: 'associated' },
    networkBorderGroup: region, ipv6Pool: 'Amazon',
  }];
}

/** The IPv6 association set of a subnet as EC2 renders it. */
export function renderSubnetIpv6(s: SubnetDoc): Record<string, unknown>[] {
  return s.ipv6 ? [{ associationId: s.ipv6.associationId, ipv6CidrBlock: s.ipv6.cidrBlock, ipv6CidrBlockState: { state: 'associated' } }] : [];
}

/** Checks a subnet IPv6 block against its VPC and siblings; returns it in canonical form. */
export function checkSubnetIpv6(db: Db, vpc: VpcDoc, cidr: string, subnetId?: string): string {
  const [addr, bits] = cidr.split('/');
  const groups = addr ? ipv6Groups(addr) : undefined;
  if (!groups || bits !== '64' || groups.slice(4).some((g) => g !== 0)) {
    throw new AwsError('InvalidParameterValue', `invalid value for parameter ipv6CidrBlock: ${cidr}`);
  }
  const vpcGroups = vpc.ipv6 ? ipv6Groups(vpc.ipv6.cidrBlock.split('/')[0]!)! : undefined;
  if (!vpcGroups || groups[0] !== vpcGroups[0] || groups[1] !== vpcGroups[1] || groups[2] !== vpcGroups[2] || (groups[3]! >> 8) !== (vpcGroups[3]! >> 8)) {
    throw new AwsError('InvalidSubnet.Range', `The IPv6 CIDR '${cidr}' is invalid.`);
  }
  const canonical = formatCidr(groups, 64);
  const clash = db.list<SubnetDoc>(K.subnet).find((s) => s.vpcId === vpc.vpcId && s.subnetId !== subnetId && s.ipv6?.cidrBlock === canonical);
  if (clash) throw new AwsError('InvalidSubnet.Conflict', `The CIDR '${cidr}' conflicts with another subnet`);
  return canonical;
}

const associateVpcCidrBlock: Action = ({ p, db }) => {
  const vpc = requireDoc<VpcDoc>(db, K.vpc, p.req('VpcId'));
  if (!p.bool('AmazonProvidedIpv6CidrBlock')) {
    throw new AwsError('InvalidParameterValue', 'Only an Amazon-provided IPv6 CIDR block can be associated with a VPC in this cloud');
  }
  const a = assignVpcIpv6(db, vpc);
  db.put(K.vpc, vpc.vpcId, vpc);
  return {
    vpcId: vpc.vpcId,
    ipv6CidrBlockAssociation: { associationId: a.associationId, ipv6CidrBlock: a.cidrBlock, ipv6CidrBlockState: { state: 'associated' }, networkBorderGroup: db.region, ipv6Pool: 'Amazon' },
  };
};

const disassociateVpcCidrBlock: Action = ({ p, db }) => {
  const id = p.req('AssociationId');
  const vpc = db.list<VpcDoc>(K.vpc).find((v) => v.ipv6?.associationId === id);
  if (!vpc) throw new AwsError('InvalidVpcCidrBlockAssociationID.NotFound', `The vpc CIDR block association ID '${id}' does not exist`);
  if (db.list<SubnetDoc>(K.subnet).some((s) => s.vpcId === vpc.vpcId && s.ipv6)) {
    throw new AwsError('DependencyViolation', `The vpc CIDR block association '${id}' has dependencies and cannot be disassociated.`);
  }
  const a = vpc.ipv6!;
  vpc.ipv6 = undefined;
  db.put(K.vpc, vpc.vpcId, vpc);
  return { vpcId: vpc.vpcId, ipv6CidrBlockAssociation: { associationId: a.associationId, ipv6CidrBlock: a.cidrBlock, ipv6CidrBlockState: { state: 'disassociating' } } };
};

const associateSubnetCidrBlock: Action = ({ p, db }) => {
  const s = requireDoc<SubnetDoc>(db, K.subnet, p.req('SubnetId'));
  const vpc = requireDoc<VpcDoc>(db, K.vpc, s.vpcId);
  if (s.ipv6) throw new AwsError('CidrLimitExceeded', `This network '${s.subnetId}' has met its maximum number of allowed CIDRs: 1`);
  s.ipv6 = { associationId: newId('subnet-cidr-assoc'), cidrBlock: checkSubnetIpv6(db, vpc, p.req('Ipv6CidrBlock'), s.subnetId) };
  db.put(K.subnet, s.subnetId, s);
  return { subnetId: s.subnetId, ipv6CidrBlockAssociation: { associationId: s.ipv6.associationId, ipv6CidrBlock: s.ipv6.cidrBlock, ipv6CidrBlockState: { state: 'associated' } } };
};

const disassociateSubnetCidrBlock: Action = ({ p, db }) => {
  const id = p.req('AssociationId');
  const s = db.list<SubnetDoc>(K.subnet).find((x) => x.ipv6?.associationId === id);
  if (!s) throw new AwsError('InvalidSubnetCidrBlockAssociationID.NotFound', `The subnet CIDR block association ID '${id}' does not exist`);
  const a = s.ipv6!;
  s.ipv6 = undefined;
  s.assignIpv6AddressOnCreation = false;
  db.put(K.subnet, s.subnetId, s);
  return { subnetId: s.subnetId, ipv6CidrBlockAssociation: { associationId: a.associationId, ipv6CidrBlock: a.cidrBlock, ipv6CidrBlockState: { state: 'disassociating' } } };
};

/** The IPv6 association actions. */
export const ipv6Actions: Record<string, Action> = {
  AssociateVpcCidrBlock: associateVpcCidrBlock,
  DisassociateVpcCidrBlock: disassociateVpcCidrBlock,
  AssociateSubnetCidrBlock: associateSubnetCidrBlock,
  DisassociateSubnetCidrBlock: disassociateSubnetCidrBlock,
};
