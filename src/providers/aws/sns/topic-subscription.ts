/**
 * aws_sns_topic_subscription as hashicorp/aws defines it: id = the subscription ARN (also
 * the import id, asked for with ReturnSubscriptionArn so pending subscriptions have one);
 * topic, protocol and endpoint force a new subscription; the other attributes update in
 * place with SetSubscriptionAttributes; JSON policies keep the configured text while AWS's
 * copy means the same.
 */
import { GetSubscriptionAttributesCommand, SetSubscriptionAttributesCommand, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import type { Value } from '../../../lang/value.js';
import { attr, bool, num, str, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';
import { equivalentJson, keepEquivalent, suppressEquivalent } from '../json-policy.js';
import { keepZeroValues } from '../sqs/zero-values.js';
import { topicSubscriptionSchema } from './schemas.js';
import { SNS_NOT_FOUND } from './topic.js';

type Kind = 'bool' | 'string' | 'json';
/** Settable Terraform attribute -> SNS subscription attribute name. */
// The scope comes before the filter policy: a policy on the message body is only valid
// once the scope says MessageBody.
const SETTABLE: [string, string, Kind][] = [
  ['delivery_policy', 'DeliveryPolicy', 'json'],
  ['filter_policy_scope', 'FilterPolicyScope', 'string'],
  ['filter_policy', 'FilterPolicy', 'json'],
  ['raw_message_delivery', 'RawMessageDelivery', 'bool'],
  ['redrive_policy', 'RedrivePolicy', 'json'],
  ['replay_policy', 'ReplayPolicy', 'json'],
  ['subscription_role_arn', 'SubscriptionRoleArn', 'string'],
];
const JSON_ATTRS = SETTABLE.filter(([, , k]) => k === 'json').map(([tf]) => tf);

function wire(v: Value): string | undefined {
  if (!v.isKnown || v.isNull) return undefined;
  return typeof v.v === 'string' ? v.v : String(v.v);
}

/** The aws_sns_topic_subscription resource. */
export const awsSnsTopicSubscription: ResourceDef<AwsMeta> = {
  schema: topicSubscriptionSchema,

  customizePlan(_ctx, p) {
    return keepZeroValues(suppressEquivalent(p, JSON_ATTRS, equivalentJson), topicSubscriptionSchema.block);
  },

  async create(ctx, planned) {
    const attributes: Record<string, string> = {};
    for (const [tf, api] of SETTABLE) {
      const s = wire(attr(planned, tf));
      if (s === undefined || s === '' || s === 'false') continue;
      attributes[api] = s;
    }
    const out = await awsCall('creating SNS Topic Subscription', () => ctx.meta.sns().send(new SubscribeCommand({
      TopicArn: str(planned, 'topic_arn'), Protocol: str(planned, 'protocol'), Endpoint: str(planned, 'endpoint'),
      Attributes: Object.keys(attributes).length ? attributes : undefined, ReturnSubscriptionArn: true,
    })));
    const arn = out.SubscriptionArn!;
    const protocol = str(planned, 'protocol');
    if ((protocol === 'http' || protocol === 'https') && bool(planned, 'endpoint_auto_confirms') === true) {
      await waitConfirmed(ctx.meta, arn, (num(planned, 'confirmation_timeout_in_minutes') ?? 1) * 60_000, ctx.signal);
    }
    const got = await readSubscription(ctx.meta, arn, withAttrs(planned, { id: arn }));
    if (!got) throw new ProviderError(`reading SNS Topic Subscription (${arn}): empty result after creation`);
    return got;
  },

  read: (ctx, state) => readSubscription(ctx.meta, str(state, 'id')!, state),

  async update(ctx, prior, planned) {
    const arn = str(prior, 'id')!;
    for (const [tf, api, kind] of SETTABLE) {
      const pv = attr(prior, tf), nv = attr(planned, tf);
      if (!nv.isKnown) continue;
      const zero = kind === 'bool' ? 'false' : '';
      const before = wire(pv) ?? zero, after = wire(nv) ?? zero;
      if (before === after) continue;
      await awsCall(`setting SNS Topic Subscription (${arn}) attribute (${api})`, () => ctx.meta.sns().send(new SetSubscriptionAttributesCommand({
        SubscriptionArn: arn, AttributeName: api, AttributeValue: after,
      })));
    }
    const got = await readSubscription(ctx.meta, arn, planned);
    if (!got) throw new ProviderError(`reading SNS Topic Subscription (${arn}): not found after update`);
    return got;
  },

  async delete(ctx, state) {
    const arn = str(state, 'id')!;
    try {
      await ctx.meta.sns().send(new UnsubscribeCommand({ SubscriptionArn: arn }));
    } catch (e) {
      if (isAwsCode(e, ...SNS_NOT_FOUND)) return;
      // AWS cannot remove an unconfirmed subscription; it lapses by itself (as hashicorp treats it).
      if (isAwsCode(e, 'InvalidParameter', 'InvalidParameterException') && /pending confirmation/i.test(e instanceof Error ? e.message : '')) return;
      await awsCall(`deleting SNS Topic Subscription (${arn})`, () => Promise.reject(e));
    }
  },
};

/** Polls until an HTTP(S) endpoint that confirms by itself has confirmed the subscription. */
async function waitConfirmed(meta: AwsMeta, arn: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 500; ; delay = Math.min(delay * 2, 5000)) {
    const out = await awsCall(`reading SNS Topic Subscription (${arn})`, () => meta.sns().send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn })));
    if (out.Attributes?.['PendingConfirmation'] === 'false') return;
    if (Date.now() + delay > deadline || signal?.aborted) {
      throw new ProviderError(`waiting for SNS Topic Subscription (${arn}) confirmation: timeout after ${Math.round(timeoutMs / 60_000)}m; the endpoint did not confirm`);
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** The state of subscription `arn`, or null when it no longer exists. */
export async function readSubscription(meta: AwsMeta, arn: string, prior: Value): Promise<Value | null> {
  let attrs: Record<string, string>;
  try {
    attrs = (await meta.sns().send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }))).Attributes ?? {};
  } catch (e) {
    if (isAwsCode(e, ...SNS_NOT_FOUND)) return null;
    return awsCall(`reading SNS Topic Subscription (${arn})`, () => Promise.reject(e));
  }
  const values: Record<string, unknown> = {};
  for (const [tf, api, kind] of SETTABLE) {
    const raw = attrs[api];
    values[tf] = kind === 'bool' ? raw === 'true' : kind === 'json' ? keepEquivalent(str(prior, tf), raw, equivalentJson) : raw ?? '';
  }
  return withAttrs(prior, {
    ...values,
    id: arn, arn,
    topic_arn: attrs['TopicArn'] ?? str(prior, 'topic_arn'), protocol: attrs['Protocol'] ?? str(prior, 'protocol'),
    endpoint: attrs['Endpoint'] ?? str(prior, 'endpoint'), owner_id: attrs['Owner'] ?? '',
    pending_confirmation: attrs['PendingConfirmation'] === 'true',
    confirmation_was_authenticated: attrs['ConfirmationWasAuthenticated'] === 'true',
    confirmation_timeout_in_minutes: attr(prior, 'confirmation_timeout_in_minutes').isNull ? 1 : attr(prior, 'confirmation_timeout_in_minutes'),
    endpoint_auto_confirms: attr(prior, 'endpoint_auto_confirms').isNull ? false : attr(prior, 'endpoint_auto_confirms'),
  });
}
