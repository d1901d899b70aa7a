/**
 * aws_sqs_queue_policy as hashicorp/aws defines it: the queue's Policy attribute managed on
 * its own; id = the queue URL (also the import id); create and update set the attribute,
 * delete sets it empty; an empty policy on AWS reads as gone.
 */
import { GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Value } from '../../../lang/value.js';
import { str, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';
import { compactJson, equivalentPolicy, keepEquivalent, suppressEquivalent } from '../json-policy.js';
import { NO_QUEUE, waitAttributes } from './queue.js';
import { queuePolicySchema } from './schemas.js';

async function put(meta: AwsMeta, url: string, policy: string): Promise<void> {
  const Policy = compactJson(policy);
  await awsCall(`setting SQS Queue (${url}) attribute (Policy)`, () =>
    meta.sqs().send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy } })));
  await waitAttributes(meta, url, { Policy });
}

async function readPolicy(meta: AwsMeta, url: string, prior: Value): Promise<Value | null> {
  let policy: string | undefined;
  try {
    const out = await meta.sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy'] }));
    policy = out.Attributes?.['Policy'];
  } catch (e) {
    if (isAwsCode(e, ...NO_QUEUE)) return null;
    return awsCall(`reading SQS Queue (${url}) attribute (Policy)`, () => Promise.reject(e));
  }
  if (!policy) return null;
  return withAttrs(prior, { id: url, queue_url: url, policy: keepEquivalent(str(prior, 'policy'), policy, equivalentPolicy) });
}

/** The aws_sqs_queue_policy resource. */
export const awsSqsQueuePolicy: ResourceDef<AwsMeta> = {
  schema: queuePolicySchema,

  customizePlan: (_ctx, p) => suppressEquivalent(p, ['policy'], equivalentPolicy),

  async create(ctx, planned) {
    const url = str(planned, 'queue_url')!;
    await put(ctx.meta, url, str(planned, 'policy')!);
    const got = await readPolicy(ctx.meta, url, withAttrs(planned, { id: url }));
    if (!got) throw new ProviderError(`reading SQS Queue (${url}) attribute (Policy): empty result after creation`);
    return got;
  },

  read: (ctx, state) => readPolicy(ctx.meta, str(state, 'id')!, state),

  async update(ctx, prior, planned) {
    const url = str(prior, 'id')!;
    await put(ctx.meta, url, str(planned, 'policy')!);
    const got = await readPolicy(ctx.meta, url, planned);
    if (!got) throw new ProviderError(`reading SQS Queue (${url}) attribute (Policy): not found after update`);
    return got;
  },

  async delete(ctx, state) {
    const url = str(state, 'id')!;
    try {
      await ctx.meta.sqs().send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: '' } }));
    } catch (e) {
      if (isAwsCode(e, ...NO_QUEUE)) return;
      await awsCall(`deleting SQS Queue (${url}) attribute (Policy)`, () => Promise.reject(e));
    }
  },
};
