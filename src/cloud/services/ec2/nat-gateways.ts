/** NAT gateways: pending -> available on the next describe, deleting -> deleted likewise. */
import { AwsError } from '../../errors.js';
import type { Action, Db } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { newId } from './ids.js';
import { requireDoc } from './lookup.js';
import { K, type EipDoc, type IgwDoc, type NatAddressDoc, type NatDoc, type SubnetDoc } from './model.js';
import { paginate } from './pagination.js';
import { allocateIp, releaseIp } from './subnets.js';
import { checkSpecTypes, notFoundFor, specTags, tagSet } from './tags.js';

const DELETED_TTL_MS = 60 * 60 * 1000;

function render(n: NatDoc): Record<string, unknown> {
  return {
    createTime: n.createTime,
    deleteTime: n.deleteTime,
    natGatewayAddressSet: [
      {
        allocationId: n.allocationId,
        networkInterfaceId: n.networkInterfaceId,
        privateIp: n.privateIp,
        publicIp: n.publicIp,
        associationId: n.eipAssociationId,
        isPrimary: true,
        status: n.state === 'deleted' || n.state === 'failed' ? 'disassociated' : n.state === 'pending' ? 'associating' : 'succeeded',
      },
      ...(n.secondary ?? []).map((a) => ({
        allocationId: a.allocationId, networkInterfaceId: n.networkInterfaceId, privateIp: a.privateIp, publicIp: a.publicIp,
        associationId: a.associationId, isPrimary: false, status: 'succeeded',
      })),
    ],
    natGatewayId: n.natGatewayId,
    state: n.state,
    subnetId: n.subnetId,
    vpcId: n.vpcId,
    tagSet: tagSet(n.tags),
    connectivityType: n.connectivityType,
    failureCode: n.failureCode,
    failureMessage: n.failureMessage,
  };
}

/**
 * Moves a gateway on from a transitional state; forgets gateways deleted long ago. A public
 * gateway in a VPC with no internet gateway fails, as on AWS, and gives its address back.
 */
function settle(db: Db, n: NatDoc, now: Date): NatDoc | undefined {
  if (n.state === 'pending') {
    const online = db.list<IgwDoc>(K.igw).some((g) => g.attachments.some((a) => a.vpcId === n.vpcId));
    if (n.connectivityType === 'public' && !online) {
      n.state = 'failed';
      n.failureCode = 'Gateway.NotAttached';
      n.failureMessage = `Network ${n.vpcId} has no Internet gateway attached`;
      n.deleteTime = now.toISOString();
      freeResources(db, n);
    } else n.state = 'available';
    db.put(K.nat, n.natGatewayId, n);
  } else if (n.state === 'deleting') {
    n.state = 'deleted';
    n.deleteTime = now.toISOString();
    db.put(K.nat, n.natGatewayId, n);
  } else if ((n.state === 'deleted' || n.state === 'failed') && n.deleteTime && now.getTime() - Date.parse(n.deleteTime) > DELETED_TTL_MS) {
    db.delete(K.nat, n.natGatewayId);
    return undefined;
  }
  return n;
}

/** Gives the gateway's private IP back to its subnet and disassociates its Elastic IP. */
function freeResources(db: Db, n: NatDoc): void {
  const s = db.get<SubnetDoc>(K.subnet, n.subnetId);
  if (s) {
    releaseIp(s, n.privateIp);
    db.put(K.subnet, s.subnetId, s);
  }
  if (n.allocationId) {
    const e = db.get<EipDoc>(K.eip, n.allocationId);
    if (e && e.associationId === n.eipAssociationId) {
      e.associationId = e.networkInterfaceId = e.privateIpAddress = undefined;
      db.put(K.eip, e.allocationId, e);
    }
  }
  for (const a of n.secondary ?? []) freeSecondary(db, n, a);
}

/** Frees one secondary address: its private IP and its Elastic IP. */
function freeSecondary(db: Db, n: NatDoc, a: NatAddressDoc): void {
  const s = db.get<SubnetDoc>(K.subnet, n.subnetId);
  if (s) {
    releaseIp(s, a.privateIp);
    db.put(K.subnet, s.subnetId, s);
  }
  const e = a.allocationId ? db.get<EipDoc>(K.eip, a.allocationId) : undefined;
  if (e && e.associationId === a.associationId) {
    e.associationId = e.networkInterfaceId = e.privateIpAddress = undefined;
    db.put(K.eip, e.allocationId, e);
  }
}

/** Adds Elastic IPs (public gateway) or private IPs (private gateway) as secondary addresses. */
function addSecondary(db: Db, n: NatDoc, subnet: SubnetDoc, allocationIds: string[], privateIps: string[], count: number): NatAddressDoc[] {
  const added: NatAddressDoc[] = [];
  if (n.connectivityType === 'private' && allocationIds.length) {
    throw new AwsError('InvalidParameterCombination', 'Secondary allocation IDs cannot be specified for a private NAT gateway');
  }
  if (n.connectivityType === 'public' && (count > 0 || (privateIps.length && !allocationIds.length))) {
    throw new AwsError('InvalidParameterCombination', 'Secondary private IP addresses need allocation IDs on a public NAT gateway');
  }
  allocationIds.forEach((id, i) => {
    const e = db.get<EipDoc>(K.eip, id);
    if (!e) throw notFoundFor(id);
    if (e.associationId) throw new AwsError('Resource.AlreadyAssociated', `Elastic IP address [${id}] is already associated`);
    const a: NatAddressDoc = { allocationId: id, publicIp: e.publicIp, privateIp: allocateIp(subnet, privateIps[i]), associationId: newId('eipassoc') };
    e.associationId = a.associationId;
    e.networkInterfaceId = n.networkInterfaceId;
    e.privateIpAddress = a.privateIp;
    db.put(K.eip, e.allocationId, e);
    added.push(a);
  });
  if (n.connectivityType === 'private') {
    for (const ip of privateIps) added.push({ privateIp: allocateIp(subnet, ip) });
    for (let i = 0; i < count; i++) added.push({ privateIp: allocateIp(subnet) });
  }
  n.secondary = [...(n.secondary ?? []), ...added];
  db.put(K.subnet, subnet.subnetId, subnet);
  return added;
}

/** The gateway a request names, which must be available. */
function liveGateway(db: Db, id: string, now: Date): NatDoc {
  const found = db.get<NatDoc>(K.nat, id);
  const n = found ? settle(db, found, now) : undefined;
  if (!n || n.state === 'deleted') throw notFoundFor(id);
  if (n.state !== 'available') throw new AwsError('InvalidParameterValue', `NAT gateway ${id} is in state ${n.state}`);
  return n;
}

function renderAdded(n: NatDoc, added: NatAddressDoc[], status: string): Record<string, unknown>[] {
  return added.map((a) => ({ allocationId: a.allocationId, networkInterfaceId: n.networkInterfaceId, privateIp: a.privateIp, publicIp: a.publicIp, associationId: a.associationId, isPrimary: false, status }));
}

const associateNatGatewayAddress: Action = ({ p, db, now }) => {
  const n = liveGateway(db, p.req('NatGatewayId'), now);
  const subnet = requireDoc<SubnetDoc>(db, K.subnet, n.subnetId);
  const ids = p.strs('AllocationId');
  if (!ids.length) throw new AwsError('MissingParameter', 'The request must contain the parameter AllocationIds');
  const added = addSecondary(db, n, subnet, ids, p.strs('PrivateIpAddress'), 0);
  db.put(K.nat, n.natGatewayId, n);
  return { natGatewayId: n.natGatewayId, natGatewayAddressSet: renderAdded(n, added, 'associating') };
};

const disassociateNatGatewayAddress: Action = ({ p, db, now }) => {
  const n = liveGateway(db, p.req('NatGatewayId'), now);
  const ids = p.strs('AssociationId');
  const gone = (n.secondary ?? []).filter((a) => a.associationId && ids.includes(a.associationId));
  for (const id of ids) if (!gone.some((a) => a.associationId === id)) throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
  for (const a of gone) freeSecondary(db, n, a);
  n.secondary = (n.secondary ?? []).filter((a) => !gone.includes(a));
  db.put(K.nat, n.natGatewayId, n);
  return { natGatewayId: n.natGatewayId, natGatewayAddressSet: renderAdded(n, gone, 'disassociating') };
};

const assignPrivateNatGatewayAddress: Action = ({ p, db, now }) => {
  const n = liveGateway(db, p.req('NatGatewayId'), now);
  if (n.connectivityType !== 'private') throw new AwsError('InvalidParameterValue', `NAT gateway ${n.natGatewayId} is not a private NAT gateway`);
  const subnet = requireDoc<SubnetDoc>(db, K.subnet, n.subnetId);
  const added = addSecondary(db, n, subnet, [], p.strs('PrivateIpAddress'), p.int('PrivateIpAddressCount') ?? 0);
  db.put(K.nat, n.natGatewayId, n);
  return { natGatewayId: n.natGatewayId, natGatewayAddressSet: renderAdded(n, added, 'assigning') };
};

const unassignPrivateNatGatewayAddress: Action = ({ p, db, now }) => {
  const n = liveGateway(db, p.req('NatGatewayId'), now);
  const ips = p.strs('PrivateIpAddress');
  const gone = (n.secondary ?? []).filter((a) => ips.includes(a.privateIp) && !a.allocationId);
  for (const ip of ips) if (!gone.some((a) => a.privateIp === ip)) throw new AwsError('InvalidParameterValue', `Address ${ip} is not a secondary address of ${n.natGatewayId}`);
  for (const a of gone) freeSecondary(db, n, a);
  n.secondary = (n.secondary ?? []).filter((a) => !gone.includes(a));
  db.put(K.nat, n.natGatewayId, n);
  return { natGatewayId: n.natGatewayId, natGatewayAddressSet: renderAdded(n, gone, 'unassigning') };
};

const createNatGateway: Action = ({ p, db, now }) => {
  checkSpecTypes(p, ['natgateway']);
  const subnet = requireDoc<SubnetDoc>(db, K.subnet, p.req('SubnetId'));
  const type = (p.str('ConnectivityType') ?? 'public') as NatDoc['connectivityType'];
  if (type !== 'public' && type !== 'private') throw new AwsError('InvalidParameterValue', `Value (${type}) for parameter connectivityType is invalid.`);
  let eip: EipDoc | undefined;
  const allocationId = p.str('AllocationId');
  if (type === 'public') {
    if (!allocationId) throw new AwsError('MissingParameter', 'The request must contain the parameter AllocationId');
    eip = db.get<EipDoc>(K.eip, allocationId);
    if (!eip) throw notFoundFor(allocationId);
    if (eip.associationId) throw new AwsError('Resource.AlreadyAssociated', `Elastic IP address [${allocationId}] is already associated`);
  } else if (allocationId) {
    throw new AwsError('InvalidParameterCombination', 'AllocationId cannot be specified for a private NAT gateway');
  }
  const n: NatDoc = {
    natGatewayId: newId('nat'),
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    state: 'pending',
    connectivityType: type,
    createTime: now.toISOString(),
    allocationId: eip?.allocationId,
    publicIp: eip?.publicIp,
    privateIp: allocateIp(subnet, p.str('PrivateIpAddress')),
    networkInterfaceId: newId('eni'),
    tags: specTags(p, 'natgateway'),
  };
  addSecondary(db, n, subnet, p.strs('SecondaryAllocationId'), p.strs('SecondaryPrivateIpAddress'), p.int('SecondaryPrivateIpAddressCount') ?? 0);
  db.put(K.subnet, subnet.subnetId, subnet);
  if (eip) {
    n.eipAssociationId = newId('eipassoc');
    eip.associationId = n.eipAssociationId;
    eip.networkInterfaceId = n.networkInterfaceId;
    eip.privateIpAddress = n.privateIp;
    db.put(K.eip, eip.allocationId, eip);
  }
  db.put(K.nat, n.natGatewayId, n);
  return { clientToken: p.str('ClientToken'), natGateway: render(n) };
};

const deleteNatGateway: Action = ({ p, db, now }) => {
  const id = p.req('NatGatewayId');
  const found = db.get<NatDoc>(K.nat, id);
  const n = found ? settle(db, found, now) : undefined;
  if (!n || n.state === 'deleted') throw notFoundFor(id);
  if (n.state !== 'failed') freeResources(db, n);
  n.state = 'deleting';
  db.put(K.nat, n.natGatewayId, n);
  return { natGatewayId: n.natGatewayId };
};

const natFilters: FilterSpec<NatDoc> = {
  'nat-gateway-id': (n) => n.natGatewayId,
  state: (n) => n.state,
  'subnet-id': (n) => n.subnetId,
  'vpc-id': (n) => n.vpcId,
};

const describeNatGateways: Action = ({ p, db, now }) => {
  const ids = p.strs('NatGatewayId');
  let items = db.list<NatDoc>(K.nat).map((n) => settle(db, n, now)).filter((n): n is NatDoc => !!n);
  if (ids.length) {
    for (const id of ids) if (!items.some((n) => n.natGatewayId === id)) throw notFoundFor(id);
    items = items.filter((n) => ids.includes(n.natGatewayId));
  }
  const page = paginate(p, filtered(p, items, natFilters), { min: 5, max: 1000 });
  return { natGatewaySet: page.items.map(render), nextToken: page.nextToken };
};

/** The NAT gateway actions. */
export const natGatewayActions: Record<string, Action> = {
  CreateNatGateway: createNatGateway,
  DeleteNatGateway: deleteNatGateway,
  DescribeNatGateways: describeNatGateways,
  AssociateNatGatewayAddress: associateNatGatewayAddress,
  DisassociateNatGatewayAddress: disassociateNatGatewayAddress,
  AssignPrivateNatGatewayAddress: assignPrivateNatGatewayAddress,
  UnassignPrivateNatGatewayAddress: unassignPrivateNatGatewayAddress,
};
