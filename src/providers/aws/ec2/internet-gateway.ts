/**
 * aws_internet_gateway, as hashicorp/aws defines it: import id = the gateway id; vpc_id
 * attaches (and changing it re-attaches in place); delete detaches first.
 */
import {
  AttachInternetGatewayCommand, CreateInternetGatewayCommand, DeleteInternetGatewayCommand, DescribeInternetGatewaysCommand,
  DetachInternetGatewayCommand, type InternetGateway,
} from '@aws-sdk/client-ec2';
import type { Value } from '../../../lang/value.js';
import { str, withAttrs } from '../../sdk/obj.js';
import type { ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { internetGatewaySchema } from './schemas.js';
import { awsCall, isAwsCode, retryDependencyViolation } from '../errors.js';
import { planTagsAll, tagMap, tagsForState, updateEc2Tags } from '../tags.js';
import { tagSpec } from './vpc.js';

/** The aws_internet_gateway resource. */
export const awsInternetGateway: ResourceDef<AwsMeta> = {
  schema: internetGatewaySchema,

  customizePlan: (ctx, p) => planTagsAll(ctx.meta, p),

  async create(ctx, planned) {
    const out = await awsCall('creating EC2 Internet Gateway', () => ctx.meta.ec2().send(new CreateInternetGatewayCommand({
      TagSpecifications: tagSpec('internet-gateway', tagMap(planned, 'tags_all')),
    })));
    const id = out.InternetGateway!.InternetGatewayId!;
    const vpc = str(planned, 'vpc_id');
    if (vpc) await attach(ctx.meta, id, vpc);
    const got = await readGateway(ctx.meta, id, planned);
    if (!got) throw new Error(`reading EC2 Internet Gateway (${id}): not found after creation`);
    return got;
  },

  async read(ctx, state) {
    return readGateway(ctx.meta, str(state, 'id')!, state);
  },

  async update(ctx, prior, planned) {
    const id = str(prior, 'id')!;
    const before = str(prior, 'vpc_id'), after = str(planned, 'vpc_id');
    if (before !== after) {
      if (before) await detach(ctx.meta, id, before);
      if (after) await attach(ctx.meta, id, after);
    }
    await updateEc2Tags(ctx.meta, id, tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    const got = await readGateway(ctx.meta, id, planned);
    if (!got) throw new Error(`reading EC2 Internet Gateway (${id}): not found after update`);
    return got;
  },

  async delete(ctx, state) {
    const id = str(state, 'id')!;
    const vpc = str(state, 'vpc_id');
    if (vpc) await detach(ctx.meta, id, vpc);
    try {
      await retryDependencyViolation(() => ctx.meta.ec2().send(new DeleteInternetGatewayCommand({ InternetGatewayId: id })));
    } catch (e) {
      if (isAwsCode(e, 'InvalidInternetGatewayID.NotFound')) return;
      await awsCall(`deleting EC2 Internet Gateway (${id})`, () => Promise.reject(e));
    }
  },
};

async function attach(meta: AwsMeta, id: string, vpc: string): Promise<void> {
  await awsCall(`attaching EC2 Internet Gateway (${id}) to VPC (${vpc})`, () =>
    meta.ec2().send(new AttachInternetGatewayCommand({ InternetGatewayId: id, VpcId: vpc })));
}

async function detach(meta: AwsMeta, id: string, vpc: string): Promise<void> {
  try {
    // Detaching fails while public addresses in the VPC are mapped: the same bounded retry.
    await retryDependencyViolation(() => meta.ec2().send(new DetachInternetGatewayCommand({ InternetGatewayId: id, VpcId: vpc })));
  } catch (e) {
    if (isAwsCode(e, 'Gateway.NotAttached', 'InvalidInternetGatewayID.NotFound')) return;
    await awsCall(`detaching EC2 Internet Gateway (${id}) from VPC (${vpc})`, () => Promise.reject(e));
  }
}

/** The full state of gateway `id`, or null when it no longer exists. */
export async function readGateway(meta: AwsMeta, id: string, prior: Value): Promise<Value | null> {
  let g: InternetGateway | undefined;
  try {
    g = (await meta.ec2().send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [id] }))).InternetGateways?.[0];
  } catch (e) {
    if (isAwsCode(e, 'InvalidInternetGatewayID.NotFound')) return null;
    return awsCall(`reading EC2 Internet Gateway (${id})`, () => Promise.reject(e));
  }
  if (!g) return null;
  const owner = g.OwnerId ?? meta.accountId;
  const attached = g.Attachments?.find((a) => (a.State as string) === 'available' || a.State === 'attached');
  return withAttrs(prior, {
    id, arn: `arn:${meta.partition}:ec2:${meta.region}:${owner}:internet-gateway/${id}`, owner_id: owner,
    vpc_id: attached?.VpcId ?? null,
    ...tagsForState(meta, g.Tags, prior),
  });
}
