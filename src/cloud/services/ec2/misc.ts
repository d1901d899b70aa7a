/** Read-only calls the provider makes around the core resources: account attributes, prefix lists, ENIs. */
import { createHash } from 'node:crypto';
import { privateDnsName, publicDnsName } from './addresses-pool.js';
import type { Action, Db, Tag } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { K, type InstanceDoc, type NatDoc, type SgDoc, type SubnetDoc, type VpcDoc } from './model.js';
import { paginate } from './pagination.js';
import { notFoundFor } from './tags.js';

const describeAccountAttributes: Action = ({ p, db }) => {
  const dv = db.list<VpcDoc>(K.vpc).find((v) => v.isDefault);
  const all: [string, string[]][] = [
    ['supported-platforms', ['VPC']],
    ['default-vpc', [dv?.vpcId ?? 'none']],
    ['max-instances', ['20']],
    ['vpc-max-security-groups-per-interface', ['5']],
    ['max-elastic-ips', ['5']],
    ['vpc-max-elastic-ips', ['5']],
  ];
  const names = p.strs('AttributeName');
  return {
    accountAttributeSet: all
      .filter(([n]) => names.length === 0 || names.includes(n))
      .map(([n, vs]) => ({ attributeName: n, attributeValueSet: vs.map((v) => ({ attributeValue: v })) })),
  };
};

interface PrefixList {
  prefixListId: string;
  prefixListName: string;
  cidrs: string[];
  tags?: Tag[];
}

/** The AWS-managed prefix lists of gateway endpoints (S3, DynamoDB). */
function prefixLists(region: string): PrefixList[] {
  const id = (svc: string, known?: string) => known ?? `pl-${createHash('sha256').update(`${region}/${svc}`).digest('hex').slice(0, 8)}`;
  return [
    { prefixListId: id('s3', region === 'us-east-1' ? 'pl-63a5400a' : undefined), prefixListName: `com.amazonaws.${region}.s3`, cidrs: ['3.5.0.0/19', '16.182.0.0/16', '52.216.0.0/15', '54.231.0.0/16'] },
    { prefixListId: id('dynamodb', region === 'us-east-1' ? 'pl-02cd2c6b' : undefined), prefixListName: `com.amazonaws.${region}.dynamodb`, cidrs: ['3.218.180.0/22', '35.71.64.0/22', '52.94.0.0/22'] },
  ];
}

const describePrefixLists: Action = ({ p, db }) => {
  const ids = p.strs('PrefixListId');
  let items = prefixLists(db.region);
  for (const id of ids) {
    if (!items.some((x) => x.prefixListId === id)) {
      throw Object.assign(notFoundFor(id), { code: 'InvalidPrefixListID.NotFound', message: `The prefix list ID '${id}' does not exist` });
    }
  }
  if (ids.length) items = items.filter((x) => ids.includes(x.prefixListId));
  const spec: FilterSpec<PrefixList> = { 'prefix-list-id': (x) => x.prefixListId, 'prefix-list-name': (x) => x.prefixListName };
  const page = paginate(p, filtered(p, items, spec), { min: 5, max: 1000 });
  return { prefixListSet: page.items.map((x) => ({ prefixListId: x.prefixListId, prefixListName: x.prefixListName, cidrSet: x.cidrs })), nextToken: page.nextToken };
};

interface Eni {
  id: string;
  subnet: SubnetDoc | undefined;
  vpcId: string;
  privateIp: string;
  publicIp?: string;
  groups: string[];
  instanceId?: string;
  attachmentId?: string;
  attachTime?: string;
  type: string;
  description: string;
  requesterId?: string;
  mac: string;
  sourceDestCheck: boolean;
  tags: Tag[];
}

function enis(db: Db): Eni[] {
  const out: Eni[] = [];
  for (const i of db.list<InstanceDoc>(K.instance)) {
    if (i.state === 'terminated' || i.state === 'shutting-down') continue;
    out.push({
      id: i.networkInterfaceId,
      subnet: db.get<SubnetDoc>(K.subnet, i.subnetId),
      vpcId: i.vpcId,
      privateIp: i.privateIpAddress,
      publicIp: i.publicIpAddress,
      groups: i.groups,
      instanceId: i.instanceId,
      attachmentId: i.eniAttachmentId,
      attachTime: i.launchTime,
      type: 'interface',
      description: '',
      mac: i.macAddress,
      sourceDestCheck: i.sourceDestCheck,
      tags: [],
    });
  }
  for (const n of db.list<NatDoc>(K.nat)) {
    if (n.state === 'deleted') continue;
    out.push({
      id: n.networkInterfaceId,
      subnet: db.get<SubnetDoc>(K.subnet, n.subnetId),
      vpcId: n.vpcId,
      privateIp: n.privateIp,
      publicIp: n.publicIp,
      groups: [],
      type: 'nat_gateway',
      description: `Interface for NAT Gateway ${n.natGatewayId}`,
      requesterId: 'amazon-nat',
      mac: '0e:00:00:00:00:00',
      sourceDestCheck: false,
      tags: [],
    });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

const describeNetworkInterfaces: Action = ({ p, db }) => {
  const ids = p.strs('NetworkInterfaceId');
  let items = enis(db);
  for (const id of ids) {
    if (!items.some((e) => e.id === id)) {
      throw Object.assign(notFoundFor(id), { code: 'InvalidNetworkInterfaceID.NotFound', message: `The networkInterface ID '${id}' does not exist` });
    }
  }
  if (ids.length) items = items.filter((e) => ids.includes(e.id));
  const spec: FilterSpec<Eni> = {
    'network-interface-id': (e) => e.id,
    'subnet-id': (e) => e.subnet?.subnetId,
    'vpc-id': (e) => e.vpcId,
    'group-id': (e) => e.groups,
    'attachment.instance-id': (e) => e.instanceId,
    'attachment.attachment-id': (e) => e.attachmentId,
    'attachment.status': (e) => (e.instanceId || e.type !== 'interface' ? 'attached' : undefined),
    description: (e) => e.description,
    status: () => 'in-use',
    'interface-type': (e) => e.type,
    'requester-id': (e) => e.requesterId,
    'requester-managed': (e) => e.type !== 'interface',
    'private-ip-address': (e) => e.privateIp,
    'addresses.private-ip-address': (e) => e.privateIp,
    'association.public-ip': (e) => e.publicIp,
    'availability-zone': (e) => e.subnet?.availabilityZone,
    'mac-address': (e) => e.mac,
    'owner-id': () => db.account,
  };
  const page = paginate(p, filtered(p, items, spec), { min: 5, max: 1000 });
  return {
    networkInterfaceSet: page.items.map((e) => {
      const assoc = e.publicIp ? { publicIp: e.publicIp, publicDnsName: publicDnsName(e.publicIp, db.region), ipOwnerId: 'amazon' } : undefined;
      const privDns = privateDnsName(e.privateIp, db.region);
      return {
        networkInterfaceId: e.id,
        subnetId: e.subnet?.subnetId,
        vpcId: e.vpcId,
        availabilityZone: e.subnet?.availabilityZone,
        description: e.description,
        ownerId: db.account,
        requesterId: e.requesterId,
        requesterManaged: e.type !== 'interface',
        status: 'in-use',
        macAddress: e.mac,
        privateIpAddress: e.privateIp,
        privateDnsName: privDns,
        sourceDestCheck: e.sourceDestCheck,
        groupSet: e.groups.map((g) => ({ groupId: g, groupName: db.get<SgDoc>(K.sg, g)?.groupName ?? '' })),
        attachment: e.instanceId
          ? { attachmentId: e.attachmentId, instanceId: e.instanceId, instanceOwnerId: db.account, deviceIndex: 0, status: 'attached', attachTime: e.attachTime, deleteOnTermination: true, networkCardIndex: 0 }
          : undefined,
        association: assoc,
        tagSet: [],
        privateIpAddressesSet: [{ privateIpAddress: e.privateIp, privateDnsName: privDns, primary: true, association: assoc }],
        ipv6AddressesSet: [],
        interfaceType: e.type,
      };
    }),
    nextToken: page.nextToken,
  };
};

/** The auxiliary read actions. */
export const miscActions: Record<string, Action> = {
  DescribeAccountAttributes: describeAccountAttributes,
  DescribePrefixLists: describePrefixLists,
  DescribeNetworkInterfaces: describeNetworkInterfaces,
};
