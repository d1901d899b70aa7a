/** NAT gateways: pending -> available on the next describe, deleting -> deleted likewise. */
import { AwsError } from '../../errors.js';
import type { Action, Db } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { newId } from './ids.js';
import { requireDoc } from './lookup.js';
import { K, type EipDoc, type IgwDoc, type NatDoc, type SubnetDoc } from './model.js';
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
}

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
};
