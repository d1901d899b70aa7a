/** Route tables: routes, subnet/gateway associations and the main route table of each VPC. */
import { AwsError } from '../../errors.js';
import { isNetwork, parseCidr } from './cidr.js';
import type { Action, Call, Db } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { newId } from './ids.js';
import { listOrIds, requireDoc } from './lookup.js';
import { K, type IgwDoc, type InstanceDoc, type NatDoc, type RouteDoc, type RtbDoc, type SubnetDoc, type VpcDoc } from './model.js';
import { paginate } from './pagination.js';
import type { Params } from './params.js';
import { checkSpecTypes, specTags, tagSet } from './tags.js';

/** Route target parameters and the route field each sets. */
const TARGETS: [param: string, key: keyof RouteDoc][] = [
  ['GatewayId', 'gatewayId'],
  ['NatGatewayId', 'natGatewayId'],
  ['InstanceId', 'instanceId'],
  ['NetworkInterfaceId', 'networkInterfaceId'],
  ['VpcPeeringConnectionId', 'vpcPeeringConnectionId'],
  ['TransitGatewayId', 'transitGatewayId'],
  ['EgressOnlyInternetGatewayId', 'egressOnlyInternetGatewayId'],
  ['LocalGatewayId', 'localGatewayId'],
  ['CarrierGatewayId', 'carrierGatewayId'],
  ['VpcEndpointId', 'vpcEndpointId'],
  ['CoreNetworkArn', 'coreNetworkArn'],
];

/** `active`, or `blackhole` when the route's target is gone. */
function routeState(r: RouteDoc, db: Db, vpcId: string): string {
  if (r.gatewayId && r.gatewayId.startsWith('igw-')) {
    const g = db.get<IgwDoc>(K.igw, r.gatewayId);
    return g && g.attachments.some((a) => a.vpcId === vpcId) ? 'active' : 'blackhole';
  }
  if (r.natGatewayId) {
    const n = db.get<NatDoc>(K.nat, r.natGatewayId);
    return n && n.state !== 'deleted' && n.state !== 'deleting' && n.state !== 'failed' ? 'active' : 'blackhole';
  }
  if (r.instanceId) {
    const i = db.get<InstanceDoc>(K.instance, r.instanceId);
    return i && i.state === 'running' ? 'active' : 'blackhole';
  }
  return 'active';
}

function renderRoute(r: RouteDoc, db: Db, vpcId: string): Record<string, unknown> {
  const inst = r.instanceId ? db.get<InstanceDoc>(K.instance, r.instanceId) : undefined;
  return {
    destinationCidrBlock: r.destinationCidrBlock,
    destinationIpv6CidrBlock: r.destinationIpv6CidrBlock,
    destinationPrefixListId: r.destinationPrefixListId,
    gatewayId: r.gatewayId ?? r.vpcEndpointId,
    natGatewayId: r.natGatewayId,
    instanceId: r.instanceId,
    instanceOwnerId: r.instanceId ? db.account : undefined,
    networkInterfaceId: r.networkInterfaceId ?? inst?.networkInterfaceId,
    vpcPeeringConnectionId: r.vpcPeeringConnectionId,
    transitGatewayId: r.transitGatewayId,
    egressOnlyInternetGatewayId: r.egressOnlyInternetGatewayId,
    localGatewayId: r.localGatewayId,
    carrierGatewayId: r.carrierGatewayId,
    coreNetworkArn: r.coreNetworkArn,
    state: routeState(r, db, vpcId),
    origin: r.origin,
  };
}

/** A route table as EC2 renders it. */
export function renderRtb(t: RtbDoc, db: Db): Record<string, unknown> {
  return {
    routeTableId: t.routeTableId,
    vpcId: t.vpcId,
    ownerId: db.account,
    routeSet: t.routes.map((r) => renderRoute(r, db, t.vpcId)),
    associationSet: t.associations.map((a) => ({
      routeTableAssociationId: a.routeTableAssociationId,
      routeTableId: t.routeTableId,
      main: a.main,
      subnetId: a.subnetId,
      gatewayId: a.gatewayId,
      associationState: { state: 'associated' },
    })),
    propagatingVgwSet: [],
    tagSet: tagSet(t.tags),
  };
}

const createRouteTable: Action = ({ p, db }) => {
  checkSpecTypes(p, ['route-table']);
  const vpc = requireDoc<VpcDoc>(db, K.vpc, p.req('VpcId'));
  const t: RtbDoc = {
    routeTableId: newId('rtb'),
    vpcId: vpc.vpcId,
    routes: [{ destinationCidrBlock: vpc.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' }],
    associations: [],
    tags: specTags(p, 'route-table'),
  };
  db.put(K.rtb, t.routeTableId, t);
  return { routeTable: renderRtb(t, db) };
};

const deleteRouteTable: Action = ({ p, db }) => {
  const t = requireDoc<RtbDoc>(db, K.rtb, p.req('RouteTableId'));
  if (t.associations.length) {
    throw new AwsError('DependencyViolation', `The routeTable '${t.routeTableId}' has dependencies and cannot be deleted.`);
  }
  db.delete(K.rtb, t.routeTableId);
  return { return: true };
};

/** The destination of a route request and the key it is matched by. */
function destination(p: Params): { field: 'destinationCidrBlock' | 'destinationIpv6CidrBlock' | 'destinationPrefixListId'; value: string; label: string } {
  const v4 = p.str('DestinationCidrBlock');
  const v6 = p.str('DestinationIpv6CidrBlock');
  const pl = p.str('DestinationPrefixListId');
  if (v4 !== undefined) {
    const c = parseCidr(v4);
    if (!c) throw new AwsError('InvalidParameterValue', `Value (${v4}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`);
    if (!isNetwork(c)) throw new AwsError('InvalidParameterValue', `Value (${v4}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`);
    return { field: 'destinationCidrBlock', value: v4, label: 'destination-cidr-block' };
  }
  if (v6 !== undefined) return { field: 'destinationIpv6CidrBlock', value: v6.toLowerCase(), label: 'destination-ipv6-cidr-block' };
  if (pl !== undefined) return { field: 'destinationPrefixListId', value: pl, label: 'destination-prefix-list-id' };
  throw new AwsError('MissingParameter', 'The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock or destinationPrefixListId');
}

/** Reads and checks the one target of a route request. */
function target(c: Call, t: RtbDoc): Partial<RouteDoc> {
  const { p, db } = c;
  const given = TARGETS.filter(([param]) => p.str(param) !== undefined && p.str(param) !== '');
  if (given.length === 0) {
    throw new AwsError('InvalidParameterCombination', 'The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, vpcPeeringConnectionId, egressOnlyInternetGatewayId, transitGatewayId, localGatewayId, carrierGatewayId, vpcEndpointId, coreNetworkArn or instanceId');
  }
  if (given.length > 1) {
    throw new AwsError('InvalidParameterCombination', `More than one target specified: ${given.map(([x]) => x.charAt(0).toLowerCase() + x.slice(1)).join(', ')}`);
  }
  const [param, key] = given[0]!;
  const id = p.str(param)!;
  if (param === 'GatewayId') {
    if (id.startsWith('igw-')) {
      const g = db.get<IgwDoc>(K.igw, id);
      if (!g) throw new AwsError('InvalidGatewayID.NotFound', `The gateway ID '${id}' does not exist`);
      if (!g.attachments.some((a) => a.vpcId === t.vpcId)) {
        throw new AwsError('InvalidParameterValue', `route table ${t.routeTableId} and network gateway ${id} belong to different networks`);
      }
    } else if (id.startsWith('vpce-')) {
      return { vpcEndpointId: id };
    } else if (id.startsWith('nat-')) {
      // AWS takes a NAT gateway given as GatewayId and reports it as natGatewayId.
      const n = db.get<NatDoc>(K.nat, id);
      if (!n || n.state === 'deleted') throw new AwsError('InvalidGatewayID.NotFound', `The gateway ID '${id}' does not exist`);
      return { natGatewayId: id };
    } else if (!id.startsWith('vgw-') && id !== 'local') {
      throw new AwsError('InvalidGatewayID.NotFound', `The gateway ID '${id}' does not exist`);
    }
  } else if (param === 'NatGatewayId') {
    const n = db.get<NatDoc>(K.nat, id);
    if (!n || n.state === 'deleted') throw new AwsError('InvalidNatGatewayID.NotFound', `The natGateway ID '${id}' does not exist`);
  } else if (param === 'InstanceId') {
    const i = requireDoc<InstanceDoc>(db, K.instance, id);
    if (i.vpcId !== t.vpcId) throw new AwsError('InvalidParameterValue', `route table ${t.routeTableId} and instance ${id} belong to different networks`);
  }
  return { [key]: id };
}

const createRoute: Action = (c) => {
  const t = requireDoc<RtbDoc>(c.db, K.rtb, c.p.req('RouteTableId'));
  const d = destination(c.p);
  const tg = target(c, t);
  if (t.routes.some((r) => r[d.field] === d.value)) {
    throw new AwsError('RouteAlreadyExists', `The route identified by ${d.value} already exists.`);
  }
  t.routes.push({ [d.field]: d.value, ...tg, origin: 'CreateRoute' });
  c.db.put(K.rtb, t.routeTableId, t);
  return { return: true };
};

const replaceRoute: Action = (c) => {
  const t = requireDoc<RtbDoc>(c.db, K.rtb, c.p.req('RouteTableId'));
  const d = destination(c.p);
  const i = t.routes.findIndex((r) => r[d.field] === d.value);
  if (i < 0) {
    throw new AwsError('InvalidParameterValue', `There is no route defined for '${d.value}' in the route table. Use CreateRoute instead.`);
  }
  if (c.p.str('LocalTarget') === 'true') {
    t.routes[i] = { [d.field]: d.value, gatewayId: 'local', origin: t.routes[i]!.origin };
  } else {
    t.routes[i] = { [d.field]: d.value, ...target(c, t), origin: 'CreateRoute' };
  }
  c.db.put(K.rtb, t.routeTableId, t);
  return { return: true };
};

const deleteRoute: Action = ({ p, db }) => {
  const t = requireDoc<RtbDoc>(db, K.rtb, p.req('RouteTableId'));
  const d = destination(p);
  const r = t.routes.find((x) => x[d.field] === d.value);
  if (!r) throw new AwsError('InvalidRoute.NotFound', `no route with ${d.label} ${d.value} in route table ${t.routeTableId}`);
  if (r.gatewayId === 'local') throw new AwsError('InvalidParameterValue', `cannot remove local route ${d.value} in route table ${t.routeTableId}`);
  t.routes = t.routes.filter((x) => x !== r);
  db.put(K.rtb, t.routeTableId, t);
  return { return: true };
};

const associateRouteTable: Action = ({ p, db }) => {
  const t = requireDoc<RtbDoc>(db, K.rtb, p.req('RouteTableId'));
  const subnetId = p.str('SubnetId');
  const gatewayId = p.str('GatewayId');
  if (!subnetId && !gatewayId) throw new AwsError('MissingParameter', 'The request must contain the parameter subnetId or gatewayId');
  const all = db.list<RtbDoc>(K.rtb);
  if (subnetId) {
    const s = requireDoc<SubnetDoc>(db, K.subnet, subnetId);
    if (s.vpcId !== t.vpcId) throw new AwsError('InvalidParameterValue', `Route table ${t.routeTableId} and subnet ${subnetId} belong to different networks`);
    if (all.some((r) => r.associations.some((a) => a.subnetId === subnetId))) {
      throw new AwsError('Resource.AlreadyAssociated', `the specified association for route table ${t.routeTableId} conflicts with an existing association`);
    }
  } else {
    requireDoc<IgwDoc>(db, K.igw, gatewayId!);
    if (all.some((r) => r.associations.some((a) => a.gatewayId === gatewayId))) {
      throw new AwsError('Resource.AlreadyAssociated', `the specified association for route table ${t.routeTableId} conflicts with an existing association`);
    }
  }
  const id = newId('rtbassoc');
  t.associations.push({ routeTableAssociationId: id, main: false, subnetId: subnetId || undefined, gatewayId: subnetId ? undefined : gatewayId });
  db.put(K.rtb, t.routeTableId, t);
  return { associationId: id, associationState: { state: 'associated' } };
};

function findAssociation(db: Db, id: string): RtbDoc {
  const t = db.list<RtbDoc>(K.rtb).find((r) => r.associations.some((a) => a.routeTableAssociationId === id));
  if (!t) throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
  return t;
}

const disassociateRouteTable: Action = ({ p, db }) => {
  const id = p.req('AssociationId');
  const t = findAssociation(db, id);
  const a = t.associations.find((x) => x.routeTableAssociationId === id)!;
  if (a.main) throw new AwsError('InvalidParameterValue', `cannot disassociate the main route table association ${id}`);
  t.associations = t.associations.filter((x) => x !== a);
  db.put(K.rtb, t.routeTableId, t);
  return { return: true };
};

const replaceRouteTableAssociation: Action = ({ p, db }) => {
  const id = p.req('AssociationId');
  const to = requireDoc<RtbDoc>(db, K.rtb, p.req('RouteTableId'));
  const from = findAssociation(db, id);
  const a = from.associations.find((x) => x.routeTableAssociationId === id)!;
  if (to.vpcId !== from.vpcId) throw new AwsError('InvalidParameterValue', `Route table ${to.routeTableId} and association ${id} belong to different networks`);
  const newAssoc = { ...a, routeTableAssociationId: newId('rtbassoc') };
  if (from.routeTableId === to.routeTableId) {
    to.associations = to.associations.map((x) => (x === a ? newAssoc : x));
  } else {
    from.associations = from.associations.filter((x) => x !== a);
    to.associations.push(newAssoc);
    db.put(K.rtb, from.routeTableId, from);
  }
  db.put(K.rtb, to.routeTableId, to);
  return { newAssociationId: newAssoc.routeTableAssociationId, associationState: { state: 'associated' } };
};

const rtbFilters: FilterSpec<RtbDoc> = {
  'route-table-id': (t) => t.routeTableId,
  'vpc-id': (t) => t.vpcId,
  'owner-id': () => undefined,
  'association.main': (t) => t.associations.map((a) => a.main),
  'association.route-table-association-id': (t) => t.associations.map((a) => a.routeTableAssociationId),
  'association.route-table-id': (t) => (t.associations.length ? t.routeTableId : undefined),
  'association.subnet-id': (t) => t.associations.map((a) => a.subnetId),
  'association.gateway-id': (t) => t.associations.map((a) => a.gatewayId),
  'route.destination-cidr-block': (t) => t.routes.map((r) => r.destinationCidrBlock),
  'route.destination-ipv6-cidr-block': (t) => t.routes.map((r) => r.destinationIpv6CidrBlock),
  'route.destination-prefix-list-id': (t) => t.routes.map((r) => r.destinationPrefixListId),
  'route.gateway-id': (t) => t.routes.map((r) => r.gatewayId),
  'route.nat-gateway-id': (t) => t.routes.map((r) => r.natGatewayId),
  'route.instance-id': (t) => t.routes.map((r) => r.instanceId),
  'route.egress-only-internet-gateway-id': (t) => t.routes.map((r) => r.egressOnlyInternetGatewayId),
  'route.transit-gateway-id': (t) => t.routes.map((r) => r.transitGatewayId),
  'route.vpc-peering-connection-id': (t) => t.routes.map((r) => r.vpcPeeringConnectionId),
  'route.origin': (t) => t.routes.map((r) => r.origin),
  'route.state': () => undefined,
};

const describeRouteTables: Action = ({ p, db }) => {
  const spec: FilterSpec<RtbDoc> = {
    ...rtbFilters,
    'owner-id': () => db.account,
    'route.state': (t) => t.routes.map((r) => routeState(r, db, t.vpcId)),
  };
  const items = filtered(p, listOrIds<RtbDoc>(db, K.rtb, p.strs('RouteTableId')), spec);
  const page = paginate(p, items, { min: 5, max: 100 });
  return { routeTableSet: page.items.map((t) => renderRtb(t, db)), nextToken: page.nextToken };
};

/** Route propagation needs a virtual private gateway, which this cloud does not have. */
const vgwRoutePropagation: Action = ({ p, db }) => {
  requireDoc<RtbDoc>(db, K.rtb, p.req('RouteTableId'));
  const id = p.req('GatewayId');
  throw new AwsError('InvalidVpnGatewayID.NotFound', `The vpnGateway ID '${id}' does not exist`);
};

/** The route table actions. */
export const routeTableActions: Record<string, Action> = {
  EnableVgwRoutePropagation: vgwRoutePropagation,
  DisableVgwRoutePropagation: vgwRoutePropagation,
  CreateRouteTable: createRouteTable,
  DeleteRouteTable: deleteRouteTable,
  DescribeRouteTables: describeRouteTables,
  CreateRoute: createRoute,
  ReplaceRoute: replaceRoute,
  DeleteRoute: deleteRoute,
  AssociateRouteTable: associateRouteTable,
  DisassociateRouteTable: disassociateRouteTable,
  ReplaceRouteTableAssociation: replaceRouteTableAssociation,
};
