/** Internet gateways and their attachment to VPCs. */
import { AwsError } from '../../errors.js';
import type { Action, Db } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { newId } from './ids.js';
import { listOrIds, requireDoc } from './lookup.js';
import { K, type EipDoc, type IgwDoc, type InstanceDoc, type NatDoc, type VpcDoc } from './model.js';
import { paginate } from './pagination.js';
import { checkSpecTypes, specTags, tagSet } from './tags.js';

function render(g: IgwDoc, db: Db): Record<string, unknown> {
  return {
    internetGatewayId: g.internetGatewayId,
    ownerId: db.account,
    attachmentSet: g.attachments.map((a) => ({ vpcId: a.vpcId, state: a.state })),
    tagSet: tagSet(g.tags),
  };
}

const createInternetGateway: Action = ({ p, db }) => {
  checkSpecTypes(p, ['internet-gateway']);
  const g: IgwDoc = { internetGatewayId: newId('igw'), attachments: [], tags: specTags(p, 'internet-gateway') };
  db.put(K.igw, g.internetGatewayId, g);
  return { internetGateway: render(g, db) };
};

const deleteInternetGateway: Action = ({ p, db }) => {
  const g = requireDoc<IgwDoc>(db, K.igw, p.req('InternetGatewayId'));
  if (g.attachments.length) {
    throw new AwsError('DependencyViolation', `The internetGateway '${g.internetGatewayId}' has dependencies and cannot be deleted.`);
  }
  db.delete(K.igw, g.internetGatewayId);
  return { return: true };
};

const attachInternetGateway: Action = ({ p, db }) => {
  const g = requireDoc<IgwDoc>(db, K.igw, p.req('InternetGatewayId'));
  const vpc = requireDoc<VpcDoc>(db, K.vpc, p.req('VpcId'));
  if (g.attachments.length) {
    throw new AwsError('Resource.AlreadyAssociated', `resource ${g.internetGatewayId} is already attached to network ${g.attachments[0]!.vpcId}`);
  }
  const other = db.list<IgwDoc>(K.igw).find((o) => o.attachments.some((a) => a.vpcId === vpc.vpcId));
  if (other) {
    throw new AwsError('Resource.AlreadyAssociated', `resource ${vpc.vpcId} is already attached to internet gateway ${other.internetGatewayId}`);
  }
  g.attachments = [{ vpcId: vpc.vpcId, state: 'available' }];
  db.put(K.igw, g.internetGatewayId, g);
  return { return: true };
};

const detachInternetGateway: Action = ({ p, db }) => {
  const g = requireDoc<IgwDoc>(db, K.igw, p.req('InternetGatewayId'));
  const vpcId = p.req('VpcId');
  if (!g.attachments.some((a) => a.vpcId === vpcId)) {
    throw new AwsError('Gateway.NotAttached', `resource ${g.internetGatewayId} is not attached to network ${vpcId}`);
  }
  const mapped =
    db.list<InstanceDoc>(K.instance).some((i) => i.vpcId === vpcId && i.publicIpAddress && i.state !== 'terminated') ||
    db.list<NatDoc>(K.nat).some((n) => n.vpcId === vpcId && n.publicIp && n.state !== 'deleted') ||
    db.list<EipDoc>(K.eip).some((e) => e.associationId && e.instanceId && db.get<InstanceDoc>(K.instance, e.instanceId)?.vpcId === vpcId);
  if (mapped) {
    throw new AwsError('DependencyViolation', `Network ${vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`);
  }
  g.attachments = [];
  db.put(K.igw, g.internetGatewayId, g);
  return { return: true };
};

const igwFilters: FilterSpec<IgwDoc> = {
  'internet-gateway-id': (g) => g.internetGatewayId,
  'attachment.vpc-id': (g) => g.attachments.map((a) => a.vpcId),
  'attachment.state': (g) => g.attachments.map((a) => a.state),
  'owner-id': () => undefined,
};

const describeInternetGateways: Action = ({ p, db }) => {
  const spec = { ...igwFilters, 'owner-id': () => db.account };
  const items = filtered(p, listOrIds<IgwDoc>(db, K.igw, p.strs('InternetGatewayId')), spec);
  const page = paginate(p, items, { min: 5, max: 1000 });
  return { internetGatewaySet: page.items.map((g) => render(g, db)), nextToken: page.nextToken };
};

/** The internet gateway actions. */
export const igwActions: Record<string, Action> = {
  CreateInternetGateway: createInternetGateway,
  DeleteInternetGateway: deleteInternetGateway,
  AttachInternetGateway: attachInternetGateway,
  DetachInternetGateway: detachInternetGateway,
  DescribeInternetGateways: describeInternetGateways,
};
