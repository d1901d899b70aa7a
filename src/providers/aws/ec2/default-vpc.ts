/**
 * aws_default_vpc, as hashicorp/aws defines it: adopts the region's default VPC (creating
 * one when the account has none) and manages its DNS settings and tags; destroying only
 * forgets it, unless force_destroy is set.
 */
import { CreateDefaultVpcCommand, DeleteVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import type { Value } from '../../../lang/value.js';
import { bool, str, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode, retryDependencyViolation } from '../errors.js';
import { planTagsAll, tagMap, updateEc2Tags } from '../tags.js';
import { defaultVpcSchema } from './schemas.js';
import { readVpc, setDnsAttributes } from './vpc.js';
import { keepZeroValues } from './vpc-plan.js';

/** The aws_default_vpc resource. */
export const awsDefaultVpc: ResourceDef<AwsMeta> = {
  schema: defaultVpcSchema,

  customizePlan: (ctx, p) => planTagsAll(ctx.meta, keepZeroValues(p)),

  async create(ctx, planned) {
    const ec2 = ctx.meta.ec2();
    const found = await awsCall('reading EC2 Default VPC', () => ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'isDefault', Values: ['true'] }] })));
    let id = found.Vpcs?.[0]?.VpcId;
    const existing = id !== undefined;
    if (!id) {
      const made = await awsCall('creating EC2 Default VPC', () => ec2.send(new CreateDefaultVpcCommand({})));
      id = made.Vpc!.VpcId!;
    }
    const current = await readVpc(ctx.meta, id, planned);
    if (!current) throw new ProviderError(`reading EC2 Default VPC (${id}): couldn't find resource`);
    await setDnsAttributes(ctx.meta, id, planned, current);
    await updateEc2Tags(ctx.meta, id, tagMap(current, 'tags_all'), tagMap(planned, 'tags_all'));
    return mustRead(ctx.meta, id, withAttrs(planned, { existing_default_vpc: existing }));
  },

  async read(ctx, state) {
    const got = await readVpc(ctx.meta, str(state, 'id')!, state);
    if (!got) return null;
    return bool(got, 'existing_default_vpc') === undefined ? withAttrs(got, { existing_default_vpc: true }) : got;
  },

  async update(ctx, prior, planned) {
    const id = str(prior, 'id')!;
    await setDnsAttributes(ctx.meta, id, planned, prior);
    await updateEc2Tags(ctx.meta, id, tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    return mustRead(ctx.meta, id, planned);
  },

  async delete(ctx, state) {
    // Without force_destroy the default VPC stays: it only leaves the state.
    if (!bool(state, 'force_destroy')) return;
    const id = str(state, 'id')!;
    try {
      await retryDependencyViolation(() => ctx.meta.ec2().send(new DeleteVpcCommand({ VpcId: id })));
    } catch (e) {
      if (isAwsCode(e, 'InvalidVpcID.NotFound')) return;
      throw awsFailure(`deleting EC2 VPC (${id})`, e);
    }
  },
};

async function mustRead(meta: AwsMeta, id: string, planned: Value): Promise<Value> {
  const got = await readVpc(meta, id, planned);
  if (!got) throw new ProviderError(`reading EC2 Default VPC (${id}): couldn't find resource`);
  return got;
}
