/** The EC2 service of the local cloud: EC2 query protocol, dispatch by Action. */
import type { CloudRequest, CloudResponse, RequestContext } from '../../context.js';
import { AwsError, invalidAction } from '../../errors.js';
import { ec2Headers, ec2Response } from '../../protocols/ec2.js';
import { parseQuery } from '../../protocols/query.js';
import type { ServiceDef } from '../registry.js';
import { addressActions } from './addresses.js';
import { Db, type Action } from './db.js';
import { ensureDefaults } from './defaults.js';
import { igwActions } from './igw.js';
import { imageActions } from './images.js';
import { instanceAttributeActions } from './instance-attributes.js';
import { instanceTypeActions } from './instance-types.js';
import { ipv6Actions } from './ipv6.js';
import { instanceActions } from './instances.js';
import { keyPairActions } from './key-pairs.js';
import { miscActions } from './misc.js';
import { natGatewayActions } from './nat-gateways.js';
import { networkAclActions } from './network-acls.js';
import { Params } from './params.js';
import { renderObject, type XmlObject } from './render.js';
import { routeTableActions } from './route-tables.js';
import { securityGroupActions } from './security-groups.js';
import { subnetActions } from './subnets.js';
import { tagActions } from './tags.js';
import { vpcActions } from './vpcs.js';
import { zoneActions } from './zones.js';

/** Every action the service answers. */
export const ACTIONS: Record<string, Action> = {
  ...vpcActions,
  ...subnetActions,
  ...ipv6Actions,
  ...igwActions,
  ...routeTableActions,
  ...networkAclActions,
  ...securityGroupActions,
  ...keyPairActions,
  ...instanceActions,
  ...instanceAttributeActions,
  ...instanceTypeActions,
  ...imageActions,
  ...zoneActions,
  ...addressActions,
  ...natGatewayActions,
  ...tagActions,
  ...miscActions,
};

/** Actions that need no default VPC (pure catalogue reads), so they stay cheap. */
const NO_SEED = new Set(['DescribeRegions', 'DescribeAvailabilityZones', 'DescribeImages', 'DescribeInstanceTypes', 'DescribeInstanceTypeOfferings', 'DescribePrefixLists']);

function handle(req: CloudRequest, ctx: RequestContext): CloudResponse {
  const flat = parseQuery(req.query, req.body, req.headers['content-type'] ?? '');
  const action = flat['Action'];
  if (!action) throw new AwsError('MissingAction', 'The request must contain the parameter Action');
  ctx.operation = action;
  const fn = ACTIONS[action];
  if (!fn) throw invalidAction(action);
  const db = new Db(ctx.store, ctx.account, ctx.region);
  if (!NO_SEED.has(action)) ensureDefaults(db);
  const p = new Params(flat);
  if (p.bool('DryRun')) {
    throw new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
  }
  const out = fn({ p, db, ctx, now: ctx.now() });
  return { status: 200, headers: ec2Headers(ctx), body: ec2Response(action, renderObject(out as XmlObject), ctx) };
}

/** The EC2 service definition the registry loads. */
export const service: ServiceDef = {
  name: 'ec2',
  signingNames: ['ec2'],
  protocol: 'ec2',
  xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  handle,
};
