/** Elastic IP addresses: allocate, associate, disassociate, release, describe. */
import { AwsError } from '../../errors.js';
import { autoPublicIp, elasticIp, publicDnsName } from './addresses-pool.js';
import type { Action, Db } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { newId } from './ids.js';
import { requireInstances } from './instances.js';
import { K, type EipDoc, type IgwDoc, type InstanceDoc, type NatDoc } from './model.js';
import type { Params } from './params.js';
import { checkSpecTypes, notFoundFor, specTags, tagSet } from './tags.js';

function render(e: EipDoc, db: Db): Record<string, unknown> {
  return {
    publicIp: e.publicIp,
    allocationId: e.allocationId,
    domain: e.domain,
    instanceId: e.instanceId,
    associationId: e.associationId,
    networkInterfaceId: e.networkInterfaceId,
    networkInterfaceOwnerId: e.networkInterfaceId ? db.account : undefined,
    privateIpAddress: e.privateIpAddress,
    tagSet: tagSet(e.tags),
    publicIpv4Pool: e.publicIpv4Pool,
    networkBorderGroup: e.networkBorderGroup,
  };
}

/** The address a request names by AllocationId or PublicIp. */
function target(p: Params, db: Db): EipDoc {
  const id = p.str('AllocationId');
  if (id) {
    const e = db.get<EipDoc>(K.eip, id);
    if (!e) throw notFoundFor(id);
    return e;
  }
  const ip = p.str('PublicIp');
  if (!ip) throw new AwsError('MissingParameter', 'The request must contain the parameter AllocationId or PublicIp');
  const e = db.list<EipDoc>(K.eip).find((x) => x.publicIp === ip);
  if (!e) throw new AwsError('InvalidAddress.NotFound', `Address '${ip}' not found.`);
  return e;
}

const allocateAddress: Action = ({ p, db }) => {
  checkSpecTypes(p, ['elastic-ip']);
  const domain = (p.str('Domain') ?? 'vpc') as 'vpc' | 'standard';
  if (domain !== 'vpc' && domain !== 'standard') throw new AwsError('InvalidParameterValue', `Value (${domain}) for parameter domain is invalid.`);
  const nbg = p.str('NetworkBorderGroup') ?? db.region;
  if (nbg !== db.region) throw new AwsError('InvalidParameterValue', `Network Border Group ${nbg} is not valid for this region.`);
  const e: EipDoc = {
    allocationId: newId('eipalloc'),
    publicIp: elasticIp(db),
    domain: 'vpc',
    networkBorderGroup: nbg,
    publicIpv4Pool: p.str('PublicIpv4Pool') ?? 'amazon',
    tags: specTags(p, 'elastic-ip'),
  };
  db.put(K.eip, e.allocationId, e);
  return { publicIp: e.publicIp, allocationId: e.allocationId, publicIpv4Pool: e.publicIpv4Pool, networkBorderGroup: e.networkBorderGroup, domain: e.domain };
};

function unmapFromInstance(db: Db, e: EipDoc): void {
  if (!e.instanceId) return;
  const i = db.get<InstanceDoc>(K.instance, e.instanceId);
  if (i && i.state !== 'terminated') {
    i.publicIpAddress = i.autoPublicIp && i.state !== 'stopped' && i.state !== 'stopping' ? autoPublicIp(db) : undefined;
    db.put(K.instance, i.instanceId, i);
  }
}

const associateAddress: Action = ({ p, db, now }) => {
  const e = target(p, db);
  const instanceId = p.str('InstanceId');
  const eniId = p.str('NetworkInterfaceId');
  if (!instanceId && !eniId) throw new AwsError('MissingParameter', 'The request must contain the parameter instanceId or networkInterfaceId');
  let inst: InstanceDoc | undefined;
  if (instanceId) inst = requireInstances(db, [instanceId], now)[0];
  else {
    inst = db.list<InstanceDoc>(K.instance).find((i) => i.networkInterfaceId === eniId && i.state !== 'terminated');
    if (!inst) throw new AwsError('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${eniId}' does not exist`);
  }
  if (inst!.state === 'terminated' || inst!.state === 'shutting-down') {
    throw new AwsError('IncorrectInstanceState', `The instance '${inst!.instanceId}' is not in a valid state for this operation.`);
  }
  if (!db.list<IgwDoc>(K.igw).some((g) => g.attachments.some((a) => a.vpcId === inst!.vpcId))) {
    throw new AwsError('Gateway.NotAttached', `Network ${inst!.vpcId} is not attached to any internet gateway`);
  }
  if (db.list<NatDoc>(K.nat).some((n) => n.allocationId === e.allocationId && n.state !== 'deleted')) {
    throw new AwsError('Resource.AlreadyAssociated', `resource ${e.allocationId} is already associated with associate-id ${e.associationId}`);
  }
  if (e.associationId && e.instanceId !== inst!.instanceId && !(p.bool('AllowReassociation') ?? false)) {
    throw new AwsError('Resource.AlreadyAssociated', `resource ${e.allocationId} is already associated with associate-id ${e.associationId}`);
  }
  if (e.associationId) unmapFromInstance(db, e);
  const prior = db.list<EipDoc>(K.eip).find((x) => x.instanceId === inst!.instanceId && x.allocationId !== e.allocationId);
  if (prior) {
    prior.associationId = prior.instanceId = prior.networkInterfaceId = prior.privateIpAddress = undefined;
    db.put(K.eip, prior.allocationId, prior);
  }
  e.associationId = newId('eipassoc');
  e.instanceId = inst!.instanceId;
  e.networkInterfaceId = inst!.networkInterfaceId;
  e.privateIpAddress = p.str('PrivateIpAddress') ?? inst!.privateIpAddress;
  db.put(K.eip, e.allocationId, e);
  inst!.publicIpAddress = e.publicIp;
  db.put(K.instance, inst!.instanceId, inst);
  return { return: true, associationId: e.associationId };
};

const disassociateAddress: Action = ({ p, db }) => {
  const assoc = p.str('AssociationId');
  let e: EipDoc | undefined;
  if (assoc) {
    e = db.list<EipDoc>(K.eip).find((x) => x.associationId === assoc);
    if (!e) throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${assoc}' does not exist`);
  } else {
    const ip = p.str('PublicIp');
    if (!ip) throw new AwsError('MissingParameter', 'The request must contain the parameter AssociationId or PublicIp');
    e = db.list<EipDoc>(K.eip).find((x) => x.publicIp === ip);
    if (!e) throw new AwsError('InvalidAddress.NotFound', `Address '${ip}' not found.`);
    if (!e.associationId) return { return: true };
  }
  if (db.list<NatDoc>(K.nat).some((n) => n.eipAssociationId === e!.associationId && n.state !== 'deleted')) {
    throw new AwsError('AuthFailure', 'You do not have permission to access the specified resource.');
  }
  unmapFromInstance(db, e);
  e.associationId = e.instanceId = e.networkInterfaceId = e.privateIpAddress = undefined;
  db.put(K.eip, e.allocationId, e);
  return { return: true };
};

const releaseAddress: Action = ({ p, db }) => {
  const e = target(p, db);
  if (e.associationId) throw new AwsError('InvalidIPAddress.InUse', `Address ${e.publicIp} is in use.`);
  db.delete(K.eip, e.allocationId);
  return { return: true };
};

const eipFilters: FilterSpec<EipDoc> = {
  'allocation-id': (e) => e.allocationId,
  'association-id': (e) => e.associationId,
  domain: (e) => e.domain,
  'instance-id': (e) => e.instanceId,
  'network-interface-id': (e) => e.networkInterfaceId,
  'network-interface-owner-id': () => undefined,
  'private-ip-address': (e) => e.privateIpAddress,
  'public-ip': (e) => e.publicIp,
  'network-border-group': (e) => e.networkBorderGroup,
  'public-ipv4-pool': (e) => e.publicIpv4Pool,
};

const describeAddresses: Action = ({ p, db }) => {
  const ids = p.strs('AllocationId');
  const ips = p.strs('PublicIp');
  let items = db.list<EipDoc>(K.eip);
  for (const id of ids) if (!items.some((e) => e.allocationId === id)) throw notFoundFor(id);
  for (const ip of ips) if (!items.some((e) => e.publicIp === ip)) throw new AwsError('InvalidAddress.NotFound', `Address '${ip}' not found.`);
  if (ids.length || ips.length) items = items.filter((e) => ids.includes(e.allocationId) || ips.includes(e.publicIp));
  items = filtered(p, items, { ...eipFilters, 'network-interface-owner-id': (e) => (e.networkInterfaceId ? db.account : undefined) });
  return { addressesSet: items.map((e) => render(e, db)) };
};

const describeAddressesAttribute: Action = ({ p, db }) => {
  const ids = p.strs('AllocationId');
  let items = db.list<EipDoc>(K.eip);
  for (const id of ids) if (!items.some((e) => e.allocationId === id)) throw notFoundFor(id);
  if (ids.length) items = items.filter((e) => ids.includes(e.allocationId));
  return { addressSet: items.map((e) => ({ publicIp: e.publicIp, allocationId: e.allocationId })) };
};

/** The Elastic IP actions. */
export const addressActions: Record<string, Action> = {
  AllocateAddress: allocateAddress,
  AssociateAddress: associateAddress,
  DisassociateAddress: disassociateAddress,
  ReleaseAddress: releaseAddress,
  DescribeAddresses: describeAddresses,
  DescribeAddressesAttribute: describeAddressesAttribute,
};

export { publicDnsName };
