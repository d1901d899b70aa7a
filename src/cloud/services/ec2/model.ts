/** The documents the EC2 service stores, one kind per resource type. */
import type { Tag } from './db.js';

/** Store kinds. */
export const K = {
  vpc: 'vpc',
  subnet: 'subnet',
  igw: 'igw',
  rtb: 'rtb',
  acl: 'acl',
  sg: 'sg',
  key: 'key',
  instance: 'instance',
  volume: 'volume',
  eip: 'eip',
  nat: 'nat',
  meta: 'meta',
  /** RunInstances client tokens -> the instances they launched. */
  token: 'run-token',
} as const;

export interface VpcDoc {
  vpcId: string;
  cidrBlock: string;
  cidrAssociationId: string;
  state: 'pending' | 'available';
  isDefault: boolean;
  instanceTenancy: string;
  dhcpOptionsId: string;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
  enableNetworkAddressUsageMetrics: boolean;
  /** The Amazon-provided IPv6 /56, when one is associated. */
  ipv6?: Ipv6AssocDoc;
  tags: Tag[];
}

/** An IPv6 CIDR block associated with a VPC or subnet. */
export interface Ipv6AssocDoc {
  associationId: string;
  cidrBlock: string;
}

export interface SubnetDoc {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  availabilityZoneId: string;
  defaultForAz: boolean;
  mapPublicIpOnLaunch: boolean;
  assignIpv6AddressOnCreation: boolean;
  enableDns64: boolean;
  hostnameType: string;
  enableResourceNameDnsARecord: boolean;
  enableResourceNameDnsAAAARecord: boolean;
  /** The subnet's IPv6 /64, when one is associated. */
  ipv6?: Ipv6AssocDoc;
  /** Host offsets handed out (AWS reserves the first four and the last address). */
  usedOffsets: number[];
  tags: Tag[];
}

export interface IgwDoc {
  internetGatewayId: string;
  attachments: { vpcId: string; state: string }[];
  tags: Tag[];
}

export interface RouteDoc {
  destinationCidrBlock?: string;
  destinationIpv6CidrBlock?: string;
  destinationPrefixListId?: string;
  gatewayId?: string;
  natGatewayId?: string;
  instanceId?: string;
  networkInterfaceId?: string;
  vpcPeeringConnectionId?: string;
  transitGatewayId?: string;
  egressOnlyInternetGatewayId?: string;
  localGatewayId?: string;
  carrierGatewayId?: string;
  vpcEndpointId?: string;
  coreNetworkArn?: string;
  origin: 'CreateRouteTable' | 'CreateRoute';
}

export interface RtbAssocDoc {
  routeTableAssociationId: string;
  main: boolean;
  subnetId?: string;
  gatewayId?: string;
}

export interface RtbDoc {
  routeTableId: string;
  vpcId: string;
  routes: RouteDoc[];
  associations: RtbAssocDoc[];
  tags: Tag[];
}

export interface AclEntryDoc {
  ruleNumber: number;
  protocol: string;
  ruleAction: 'allow' | 'deny';
  egress: boolean;
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  portRange?: { from: number; to: number };
  icmp?: { type: number; code: number };
}

export interface AclDoc {
  networkAclId: string;
  vpcId: string;
  isDefault: boolean;
  entries: AclEntryDoc[];
  associations: { networkAclAssociationId: string; subnetId: string }[];
  tags: Tag[];
}

/** One security group rule as AWS keeps it: a single source or destination. */
export interface SgRuleDoc {
  securityGroupRuleId: string;
  isEgress: boolean;
  ipProtocol: string;
  fromPort: number;
  toPort: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  prefixListId?: string;
  referencedGroupId?: string;
  referencedUserId?: string;
  description?: string;
  tags: Tag[];
}

export interface SgDoc {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  rules: SgRuleDoc[];
  tags: Tag[];
}

export interface KeyPairDoc {
  keyPairId: string;
  keyName: string;
  keyFingerprint: string;
  keyType: 'rsa' | 'ed25519';
  publicKey: string;
  createTime: string;
  tags: Tag[];
}

export type InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

export interface InstanceDoc {
  instanceId: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  state: InstanceStateName;
  stateReason?: string;
  stateTransitionReason: string;
  /** ISO time the instance reached terminated (it stays visible for an hour, as on AWS). */
  terminatedAt?: string;
  keyName?: string;
  launchTime: string;
  amiLaunchIndex: number;
  availabilityZone: string;
  availabilityZoneId: string;
  tenancy: string;
  subnetId: string;
  vpcId: string;
  privateIpAddress: string;
  /** Secondary private addresses of the primary network interface. */
  secondaryPrivateIps?: string[];
  publicIpAddress?: string;
  /** True when the public IP came from the subnet/launch setting (released on stop), not an EIP. */
  autoPublicIp: boolean;
  networkInterfaceId: string;
  macAddress: string;
  eniAttachmentId: string;
  groups: string[];
  sourceDestCheck: boolean;
  architecture: string;
  rootDeviceName: string;
  volumeIds: string[];
  ebsOptimized: boolean;
  monitoring: boolean;
  userData?: string;
  disableApiTermination: boolean;
  disableApiStop: boolean;
  shutdownBehavior: 'stop' | 'terminate';
  cpuCredits?: string;
  coreCount: number;
  threadsPerCore: number;
  metadata: { httpTokens: string; httpPutResponseHopLimit: number; httpEndpoint: string; httpProtocolIpv6: string; instanceMetadataTags: string };
  hostnameType: string;
  enableResourceNameDnsARecord: boolean;
  enableResourceNameDnsAAAARecord: boolean;
  iamInstanceProfile?: { arn: string; id: string };
  /** The id of the instance profile association (iip-assoc-...), while a profile is associated. */
  iamProfileAssociationId?: string;
  autoRecovery: string;
  clientToken: string;
  bootMode?: string;
  hibernation: boolean;
  tags: Tag[];
}

export interface VolumeDoc {
  volumeId: string;
  size: number;
  volumeType: string;
  iops?: number;
  throughput?: number;
  encrypted: boolean;
  kmsKeyId?: string;
  snapshotId: string;
  availabilityZone: string;
  availabilityZoneId: string;
  createTime: string;
  state: 'creating' | 'available' | 'in-use' | 'deleting' | 'deleted';
  attachment?: { instanceId: string; device: string; deleteOnTermination: boolean; attachTime: string };
  tags: Tag[];
}

export interface EipDoc {
  allocationId: string;
  publicIp: string;
  domain: 'vpc' | 'standard';
  associationId?: string;
  instanceId?: string;
  networkInterfaceId?: string;
  privateIpAddress?: string;
  networkBorderGroup: string;
  publicIpv4Pool: string;
  tags: Tag[];
}

/** A secondary address of a NAT gateway. */
export interface NatAddressDoc {
  allocationId?: string;
  publicIp?: string;
  privateIp: string;
  associationId?: string;
}

export interface NatDoc {
  natGatewayId: string;
  subnetId: string;
  vpcId: string;
  state: 'pending' | 'available' | 'deleting' | 'deleted' | 'failed';
  connectivityType: 'public' | 'private';
  createTime: string;
  deleteTime?: string;
  allocationId?: string;
  publicIp?: string;
  privateIp: string;
  networkInterfaceId: string;
  eipAssociationId?: string;
  /** Secondary addresses (an Elastic IP each on a public gateway, private IPs only on a private one). */
  secondary?: NatAddressDoc[];
  /** Why a gateway failed (AWS's failureCode / failureMessage). */
  failureCode?: string;
  failureMessage?: string;
  tags: Tag[];
}
