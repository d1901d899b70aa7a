/** Service-linked roles: roles AWS services create for themselves under /aws-service-role/. */
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors.js';
import { required } from '../../protocols/query.js';
import { x } from '../../xml.js';
import { type Role, iamArn, load, save, timestamp, uniqueId } from './model.js';
import { getRole, roleXml } from './principals.js';
import type { QueryAction } from './query-service.js';

// Role names AWS gives the service-linked roles of common services.
const NAMES: Record<string, string> = {
  'autoscaling.amazonaws.com': 'AWSServiceRoleForAutoScaling',
  'elasticloadbalancing.amazonaws.com': 'AWSServiceRoleForElasticLoadBalancing',
  'eks.amazonaws.com': 'AWSServiceRoleForAmazonEKS',
  'eks-nodegroup.amazonaws.com': 'AWSServiceRoleForAmazonEKSNodegroup',
  'eks-fargate.amazonaws.com': 'AWSServiceRoleForAmazonEKSForFargate',
  'ecs.amazonaws.com': 'AWSServiceRoleForECS',
  'rds.amazonaws.com': 'AWSServiceRoleForRDS',
  'es.amazonaws.com': 'AWSServiceRoleForAmazonElasticsearchService',
  'opensearchservice.amazonaws.com': 'AWSServiceRoleForAmazonOpenSearchService',
  'spot.amazonaws.com': 'AWSServiceRoleForEC2Spot',
  'spotfleet.amazonaws.com': 'AWSServiceRoleForEC2SpotFleet',
  'elasticache.amazonaws.com': 'AWSServiceRoleForElastiCache',
  'grafana.amazonaws.com': 'AWSServiceRoleForAmazonGrafana',
  'aps.amazonaws.com': 'AWSServiceRoleForAmazonPrometheusScraper',
};

function roleNameFor(service: string): string {
  const known = NAMES[service];
  if (known) return known;
  const head = service.split('.')[0]!;
  return 'AWSServiceRoleFor' + head.split(/[-_]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/** Service-linked role actions. */
export const serviceLinkedActions: Record<string, QueryAction> = {
  CreateServiceLinkedRole(p, ctx) {
    const service = required(p, 'AWSServiceName');
    if (!/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(service)) throw new AwsError('InvalidInput', `Invalid service name: ${service}`);
    const suffix = p['CustomSuffix'];
    const name = roleNameFor(service) + (suffix ? `_${suffix}` : '');
    if (load(ctx, 'role', name)) throw new AwsError('InvalidInput', `Service role name ${name} has been taken in this account, please try a different suffix.`);
    const path = `/aws-service-role/${service}/`;
    const r: Role = {
      name, path, id: uniqueId('AROA'), arn: iamArn(ctx, 'role', path, name), createDate: timestamp(ctx),
      assumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }] }),
      description: p['Description'], maxSessionDuration: 3600, tags: [], inline: {}, attached: [],
    };
    save(ctx, 'role', name, r);
    return x('Role', roleXml(r));
  },
  DeleteServiceLinkedRole(p, ctx) {
    const r = getRole(ctx, required(p, 'RoleName'));
    const m = /^\/aws-service-role\/([^/]+)\/$/.exec(r.path);
    if (!m) throw new AwsError('InvalidInput', `Role ${r.name} is not a service-linked role.`);
    ctx.store.delete('iam', 'role', ctx.account, '', r.name.toLowerCase());
    return x('DeletionTaskId', `task/aws-service-role/${m[1]}/${r.name}/${randomUUID()}`);
  },
  GetServiceLinkedRoleDeletionStatus(p) {
    required(p, 'DeletionTaskId');
    return x('Status', 'SUCCEEDED');
  },
};
