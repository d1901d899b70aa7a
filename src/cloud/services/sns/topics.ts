/** SNS topic actions: create (idempotent), attributes, delete, list, tags. */
import type { RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { qList, qMap, qTags, type QueryParams } from '../../protocols/query.js';
import { x, xlist, xs } from '../../xml.js';
import type { QueryAction } from '../iam/query-service.js';
import { type Topic, deleteSubscription, findTopic, invalidParameter, parseArn, saveTopic, subscriptionsOf, topicOrThrow } from './model.js';

const FEEDBACK = ['Application', 'HTTP', 'Lambda', 'SQS', 'Firehose'].flatMap((p) => [`${p}SuccessFeedbackRoleArn`, `${p}SuccessFeedbackSampleRate`, `${p}FailureFeedbackRoleArn`]);
const SETTABLE = new Set([
  'DisplayName', 'Policy', 'DeliveryPolicy', 'KmsMasterKeyId', 'FifoTopic', 'ContentBasedDeduplication', 'SignatureVersion',
  'TracingConfig', 'ArchivePolicy', 'DataProtectionPolicy', 'FifoThroughputScope', ...FEEDBACK,
]);

/** The access policy AWS gives a new topic. */
export function defaultPolicy(arn: string, account: string): string {
  return JSON.stringify({
    Version: '2008-10-17', Id: '__default_policy_ID',
    Statement: [{
      Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' },
      Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
      Resource: arn, Condition: { StringEquals: { 'AWS:SourceOwner': account } },
    }],
  });
}

/** The delivery policy SNS reports as effective when none is set. */
export const EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear' },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
  },
});

function checkAttribute(name: string, value: string, fifo: boolean, creating: boolean): void {
  if (!SETTABLE.has(name)) throw invalidParameter('AttributeName');
  if ((name === 'Policy' || name === 'DeliveryPolicy' || name === 'DataProtectionPolicy' || name === 'ArchivePolicy') && value !== '') {
    try { JSON.parse(value); } catch { throw invalidParameter(`Attributes Reason: ${name}: failed to parse JSON`); }
  }
  if (name === 'FifoTopic' && !creating) throw invalidParameter('AttributeName');
  if (name === 'ContentBasedDeduplication' && !fifo) throw invalidParameter('Attributes Reason: Content based deduplication can only be set for FIFO topics');
  if ((name === 'FifoTopic' || name === 'ContentBasedDeduplication') && value !== 'true' && value !== 'false') throw invalidParameter(`Attributes Reason: ${name}: Invalid value [${value}]. Must be true or false.`);
  if (name === 'SignatureVersion' && value !== '1' && value !== '2') throw invalidParameter('Attributes Reason: SignatureVersion: Invalid value. Valid values are 1 or 2.');
  if (name === 'TracingConfig' && value !== 'Active' && value !== 'PassThrough') throw invalidParameter('Attributes Reason: TracingConfig: Invalid value. Valid values are Active or PassThrough.');
}

function topicAttributes(ctx: RequestContext, t: Topic): Record<string, string> {
  const subs = subscriptionsOf(ctx, t);
  const out: Record<string, string> = {
    Policy: defaultPolicy(t.arn, t.account),
    Owner: t.account,
    SubscriptionsPending: String(subs.filter((s) => s.pending).length),
    TopicArn: t.arn,
    EffectiveDeliveryPolicy: EFFECTIVE_DELIVERY_POLICY,
    SubscriptionsConfirmed: String(subs.filter((s) => !s.pending).length),
    DisplayName: '',
    SubscriptionsDeleted: '0',
    ...(t.fifo ? { FifoTopic: 'true', ContentBasedDeduplication: 'false' } : {}),
    ...t.attributes,
  };
  if (t.fifo) out['FifoTopic'] = 'true';
  else delete out['FifoTopic'];
  return out;
}

function tagsOf(p: QueryParams): { Key: string; Value: string }[] {
  const tags = qTags(p);
  for (const t of tags) {
    if (t.Key.length < 1 || t.Key.length > 128) throw invalidParameter('Tags Reason: Tag keys must be between 1 and 128 characters');
    if (t.Value.length > 256) throw invalidParameter('Tags Reason: Tag values must be at most 256 characters');
  }
  return tags;
}

function byArn(ctx: RequestContext, arn: string | undefined): Topic {
  const t = findTopic(ctx, arn);
  if (!t) throw new AwsError('ResourceNotFound', 'Resource does not exist', 404);
  return t;
}

/** Topic actions. */
export const topicActions: Record<string, QueryAction> = {
  CreateTopic(p, ctx) {
    const name = p['Name'] ?? '';
    const attrs = qMap(p, 'Attributes');
    const fifo = attrs['FifoTopic'] === 'true';
    if (fifo ? !/^[A-Za-z0-9_-]{1,251}\.fifo$/.test(name) : !/^[A-Za-z0-9_-]{1,256}$/.test(name)) {
      throw invalidParameter(fifo
        ? 'Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.'
        : 'Topic Name');
    }
    for (const [k, v] of Object.entries(attrs)) checkAttribute(k, v, fifo, true);
    delete attrs['FifoTopic'];
    const arn = `arn:aws:sns:${ctx.region}:${ctx.account}:${name}`;
    const tags = tagsOf(p);
    const existing = findTopic(ctx, arn);
    if (existing) {
      const have = topicAttributes(ctx, existing);
      if (Object.entries(attrs).some(([k, v]) => have[k] !== v)) throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
      const haveTags = new Map(existing.tags.map((t) => [t.Key, t.Value]));
      if (tags.length && (tags.length !== haveTags.size || tags.some((t) => haveTags.get(t.Key) !== t.Value))) {
        throw invalidParameter('Tags Reason: Topic already exists with different tags');
      }
      return x('TopicArn', arn);
    }
    saveTopic(ctx, { arn, name, account: ctx.account, region: ctx.region, fifo, attributes: attrs, tags });
    return x('TopicArn', arn);
  },
  GetTopicAttributes(p, ctx) {
    const t = topicOrThrow(ctx, p['TopicArn']);
    return xlist('Attributes', Object.entries(topicAttributes(ctx, t)), ([k, v]) => xs(x('key', k), x('value', v)), 'entry');
  },
  SetTopicAttributes(p, ctx) {
    const t = topicOrThrow(ctx, p['TopicArn']);
    const name = p['AttributeName'] ?? '';
    const value = p['AttributeValue'] ?? '';
    checkAttribute(name, value, t.fifo, false);
    if (value === '' && name !== 'DisplayName') delete t.attributes[name];
    else t.attributes[name] = value;
    saveTopic(ctx, t);
    return '';
  },
  DeleteTopic(p, ctx) {
    const arn = p['TopicArn'];
    if (!arn || !parseArn(arn)) throw invalidParameter('TopicArn');
    const t = findTopic(ctx, arn);
    // Deleting a topic that does not exist succeeds, as on AWS.
    if (!t) return '';
    for (const s of subscriptionsOf(ctx, t)) deleteSubscription(ctx, s);
    ctx.store.delete('sns', 'topic', t.account, t.region, t.arn);
    return '';
  },
  ListTopics(p, ctx) {
    const all = ctx.store.list<Topic>('sns', 'topic', ctx.account, ctx.region);
    const start = p['NextToken'] ? Number(Buffer.from(p['NextToken'], 'base64').toString()) || 0 : 0;
    const page = all.slice(start, start + 100);
    const more = start + 100 < all.length;
    return xs(xlist('Topics', page, (t) => x('TopicArn', t.arn), 'member'), more ? x('NextToken', Buffer.from(String(start + 100)).toString('base64')) : undefined);
  },
  TagResource(p, ctx) {
    const t = byArn(ctx, p['ResourceArn']);
    const m = new Map(t.tags.map((x) => [x.Key, x.Value]));
    for (const tag of tagsOf(p)) m.set(tag.Key, tag.Value);
    if (m.size > 50) throw new AwsError('TagLimitExceeded', 'Could not complete request: tag quota of per resource exceeded', 400);
    t.tags = [...m].map(([Key, Value]) => ({ Key, Value }));
    saveTopic(ctx, t);
    return '';
  },
  UntagResource(p, ctx) {
    const t = byArn(ctx, p['ResourceArn']);
    const keys = new Set(qList(p, 'TagKeys'));
    t.tags = t.tags.filter((x) => !keys.has(x.Key));
    saveTopic(ctx, t);
    return '';
  },
  ListTagsForResource(p, ctx) {
    const t = byArn(ctx, p['ResourceArn']);
    return xlist('Tags', t.tags, (tag) => xs(x('Key', tag.Key), x('Value', tag.Value)), 'member');
  },
};
