/** SNS subscription actions and Publish. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { qMap, qStructs, str, type QueryParams } from '../../protocols/query.js';
import { x, xlist, xs, type Raw } from '../../xml.js';
import type { QueryAction } from '../iam/query-service.js';
import type { MessageAttributeValue } from '../sqs/md5.js';
import { type Published, confirmationRequest, deliver } from './delivery.js';
import { filterPolicyError } from './filter-policy.js';
import {
  type Subscription, type Topic, deleteSubscription, findSubscription, findTopic, invalidParameter, notFound, parseArn,
  saveSubscription, subscriptionsOf, topicOrThrow,
} from './model.js';
import { EFFECTIVE_DELIVERY_POLICY } from './topics.js';

const PROTOCOLS = new Set(['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose']);
const CONFIRMED_AT_ONCE = new Set(['sqs', 'lambda', 'firehose', 'application', 'sms']);
const SUB_ATTRS = new Set(['DeliveryPolicy', 'FilterPolicy', 'FilterPolicyScope', 'RawMessageDelivery', 'RedrivePolicy', 'SubscriptionRoleArn', 'ReplayPolicy']);

function checkEndpoint(protocol: string, endpoint: string): void {
  const ok =
    protocol === 'sqs' ? /^arn:aws[a-z-]*:sqs:[^:]+:\d{12}:.+$/.test(endpoint)
    : protocol === 'http' ? /^http:\/\/.+/.test(endpoint)
    : protocol === 'https' ? /^https:\/\/.+/.test(endpoint)
    : protocol === 'email' || protocol === 'email-json' ? /^[^@\s]+@[^@\s]+$/.test(endpoint)
    : protocol === 'lambda' ? /^arn:aws[a-z-]*:lambda:.+/.test(endpoint)
    : protocol === 'firehose' ? /^arn:aws[a-z-]*:firehose:.+/.test(endpoint)
    : endpoint !== '';
  if (!ok) {
    throw invalidParameter(protocol === 'sqs' ? 'SQS endpoint ARN' : protocol.startsWith('email') ? 'Email address' : protocol === 'lambda' ? 'Lambda endpoint ARN' : 'Endpoint must match the specified protocol');
  }
}

function checkSubAttribute(name: string, value: string): void {
  if (!SUB_ATTRS.has(name)) throw invalidParameter('AttributeName');
  if (name === 'RawMessageDelivery' && value !== 'true' && value !== 'false') throw invalidParameter(`Attributes Reason: RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
  if (name === 'FilterPolicy' && value !== '') { const e = filterPolicyError(value); if (e) throw invalidParameter(e); }
  if (name === 'FilterPolicyScope' && value !== 'MessageAttributes' && value !== 'MessageBody') throw invalidParameter('Attributes Reason: FilterPolicyScope: Invalid value [' + value + ']. Please use either MessageBody or MessageAttributes');
  if ((name === 'RedrivePolicy' || name === 'DeliveryPolicy') && value !== '') {
    try { JSON.parse(value); } catch { throw invalidParameter(`Attributes Reason: ${name}: failed to parse JSON`); }
  }
}

function subscriptionAttributes(s: Subscription): Record<string, string> {
  const out: Record<string, string> = {
    Owner: s.owner, RawMessageDelivery: 'false', TopicArn: s.topicArn, Endpoint: s.endpoint, Protocol: s.protocol,
    PendingConfirmation: String(s.pending), ConfirmationWasAuthenticated: String(!s.pending), SubscriptionArn: s.arn,
    ...s.attributes,
  };
  if (s.protocol === 'http' || s.protocol === 'https') out['EffectiveDeliveryPolicy'] = s.attributes['DeliveryPolicy'] ?? EFFECTIVE_DELIVERY_POLICY;
  if (out['FilterPolicy'] && !out['FilterPolicyScope']) out['FilterPolicyScope'] = 'MessageAttributes';
  return out;
}

function listXml(subs: Subscription[]): Raw {
  return xlist('Subscriptions', subs, (s) => xs(
    x('SubscriptionArn', s.pending ? 'PendingConfirmation' : s.arn), x('Owner', s.owner), x('Protocol', s.protocol), x('Endpoint', s.endpoint), x('TopicArn', s.topicArn),
  ), 'member');
}

function pageOf(subs: Subscription[], p: QueryParams): { items: Subscription[]; tail: Raw } {
  const start = p['NextToken'] ? Number(Buffer.from(p['NextToken'], 'base64').toString()) || 0 : 0;
  const items = subs.slice(start, start + 100);
  return { items, tail: start + 100 < subs.length ? x('NextToken', Buffer.from(String(start + 100)).toString('base64')) : xs() };
}

function messageAttributes(p: QueryParams, prefix: string): Record<string, MessageAttributeValue> {
  const out: Record<string, MessageAttributeValue> = {};
  for (const e of qStructs(p, prefix)) {
    const name = str(e, 'Name');
    const v = e['Value'];
    if (!name || typeof v !== 'object') continue;
    const dataType = str(v, 'DataType');
    if (!dataType) throw invalidParameter(`The message attribute '${name}' must contain non-empty message attribute type.`);
    if (!/^(String|Number|Binary)(\..+)?$/.test(dataType)) throw invalidParameter(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    const sv = str(v, 'StringValue'), bv = str(v, 'BinaryValue');
    if (dataType.startsWith('Binary') ? !bv : sv === undefined) throw invalidParameter(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType.split('.')[0]}'.`);
    if (dataType.startsWith('Number') && !Number.isFinite(Number(sv))) throw invalidParameter(`Could not cast message attribute '${name}' value to number.`);
    out[name] = { DataType: dataType, ...(sv !== undefined ? { StringValue: sv } : {}), ...(bv !== undefined ? { BinaryValue: bv } : {}) };
  }
  return out;
}

/** Validates one publish request and delivers it; returns MessageId (and SequenceNumber for FIFO). */
function publishOne(ctx: RequestContext, t: Topic, p: QueryParams, attrPrefix: string): { messageId: string; sequenceNumber?: string } {
  const message = p['Message'];
  if (message === undefined || message === '') throw invalidParameter('Empty message');
  if (Buffer.byteLength(message) > 262144) throw invalidParameter('Message too long');
  const subject = p['Subject'];
  if (subject !== undefined && (subject === '' || subject.length > 100 || /[\r\n]/.test(subject))) throw invalidParameter('Subject');
  let perProtocol: Record<string, string> | undefined;
  if (p['MessageStructure'] === 'json') {
    try { perProtocol = JSON.parse(message) as Record<string, string>; } catch { throw invalidParameter('Message Structure - JSON message body failed to parse'); }
    if (typeof perProtocol?.['default'] !== 'string') throw invalidParameter('Message Structure - No default entry in JSON message body');
  } else if (p['MessageStructure'] !== undefined) {
    throw invalidParameter('MessageStructure');
  }
  const attrs = messageAttributes(p, attrPrefix);
  let groupId: string | undefined = p['MessageGroupId'];
  let dedupId: string | undefined = p['MessageDeduplicationId'];
  let sequenceNumber: string | undefined;
  if (t.fifo) {
    if (!groupId) throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
    if (!dedupId) {
      if (t.attributes['ContentBasedDeduplication'] !== 'true') throw invalidParameter('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      dedupId = createHash('sha256').update(message).digest('hex');
    }
    sequenceNumber = String(ctx.store.nextSeq('sns-sequence')).padStart(20, '0');
  } else {
    if (dedupId) throw invalidParameter('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
    groupId = groupId || undefined;
  }
  const m: Published = {
    messageId: randomUUID(), message: perProtocol?.['default'] ?? message, perProtocol, subject, attrs, groupId, dedupId, sequenceNumber,
    timestamp: ctx.now().toISOString(),
  };
  deliver(ctx, t, subscriptionsOf(ctx, t), m);
  return { messageId: m.messageId, sequenceNumber };
}

/** Subscription and publish actions. */
export const subscriptionActions: Record<string, QueryAction> = {
  Subscribe(p, ctx) {
    const t = topicOrThrow(ctx, p['TopicArn']);
    const protocol = p['Protocol'] ?? '';
    if (!PROTOCOLS.has(protocol)) throw invalidParameter(`Invalid protocol type: ${protocol}`);
    const endpoint = p['Endpoint'] ?? '';
    checkEndpoint(protocol, endpoint);
    const attrs = qMap(p, 'Attributes');
    for (const [k, v] of Object.entries(attrs)) checkSubAttribute(k, v);
    if (protocol === 'sqs' && t.fifo) {
      const q = parseArn(endpoint.replace(':sqs:', ':sns:'));
      if (q && !q.name.endsWith('.fifo')) throw invalidParameter('Endpoint Reason: FIFO SNS Topics currently only support FIFO SQS Queues as endpoints.');
    }
    const existing = subscriptionsOf(ctx, t).find((s) => s.protocol === protocol && s.endpoint === endpoint);
    if (existing) {
      const have = subscriptionAttributes(existing);
      if (Object.entries(attrs).some(([k, v]) => have[k] !== v)) throw invalidParameter('Attributes Reason: Subscription already exists with different attributes');
      return x('SubscriptionArn', existing.pending && p['ReturnSubscriptionArn'] !== 'true' ? 'pending confirmation' : existing.arn);
    }
    const s: Subscription = {
      arn: `${t.arn}:${randomUUID()}`, topicArn: t.arn, owner: ctx.account, protocol, endpoint,
      pending: !CONFIRMED_AT_ONCE.has(protocol), token: randomBytes(64).toString('hex'), attributes: attrs,
    };
    saveSubscription(ctx, s);
    if (s.pending && (protocol === 'http' || protocol === 'https')) confirmationRequest(ctx, t, s);
    return x('SubscriptionArn', s.pending && p['ReturnSubscriptionArn'] !== 'true' ? 'pending confirmation' : s.arn);
  },
  ConfirmSubscription(p, ctx) {
    const t = topicOrThrow(ctx, p['TopicArn']);
    const token = p['Token'] ?? '';
    const s = subscriptionsOf(ctx, t).find((x) => x.token === token);
    if (!s) throw invalidParameter('Token');
    s.pending = false;
    saveSubscription(ctx, s);
    return x('SubscriptionArn', s.arn);
  },
  Unsubscribe(p, ctx) {
    const arn = p['SubscriptionArn'];
    if (!arn || !parseArn(arn)?.sub) throw invalidParameter('SubscriptionArn');
    const s = findSubscription(ctx, arn);
    if (!s) throw notFound('Subscription does not exist');
    // An unconfirmed subscription cannot be removed; it lapses (or goes with its topic).
    if (s.pending) throw invalidParameter('SubscriptionArn Reason: Cannot unsubscribe a subscription that is pending confirmation');
    deleteSubscription(ctx, s);
    return '';
  },
  GetSubscriptionAttributes(p, ctx) {
    const arn = p['SubscriptionArn'];
    if (!arn || !parseArn(arn)?.sub) throw invalidParameter('SubscriptionArn');
    const s = findSubscription(ctx, arn);
    if (!s) throw notFound('Subscription does not exist');
    return xlist('Attributes', Object.entries(subscriptionAttributes(s)), ([k, v]) => xs(x('key', k), x('value', v)), 'entry');
  },
  SetSubscriptionAttributes(p, ctx) {
    const arn = p['SubscriptionArn'];
    if (!arn || !parseArn(arn)?.sub) throw invalidParameter('SubscriptionArn');
    const s = findSubscription(ctx, arn);
    if (!s) throw notFound('Subscription does not exist');
    const name = p['AttributeName'] ?? '';
    const value = p['AttributeValue'] ?? '';
    checkSubAttribute(name, value);
    if (value === '' && name !== 'RawMessageDelivery') delete s.attributes[name];
    else s.attributes[name] = value;
    saveSubscription(ctx, s);
    return '';
  },
  ListSubscriptions(p, ctx) {
    const all = ctx.store.list<Subscription>('sns', 'subscription', ctx.account, ctx.region);
    const pg = pageOf(all, p);
    return xs(listXml(pg.items), pg.tail);
  },
  ListSubscriptionsByTopic(p, ctx) {
    const t = topicOrThrow(ctx, p['TopicArn']);
    const pg = pageOf(subscriptionsOf(ctx, t), p);
    return xs(listXml(pg.items), pg.tail);
  },
  Publish(p, ctx) {
    const arn = p['TopicArn'] ?? p['TargetArn'];
    if (!arn && p['PhoneNumber']) return x('MessageId', randomUUID());
    const t = findTopic(ctx, arn);
    if (!t) {
      if (!arn || !parseArn(arn)) throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
      throw notFound('Topic does not exist');
    }
    const r = publishOne(ctx, t, p, 'MessageAttributes');
    return xs(x('MessageId', r.messageId), x('SequenceNumber', r.sequenceNumber));
  },
  PublishBatch(p, ctx) {
    const t = topicOrThrow(ctx, p['TopicArn']);
    const entries = qStructs(p, 'PublishBatchRequestEntries');
    if (entries.length === 0) throw new AwsError('EmptyBatchRequest', "The batch request doesn't contain any entries");
    if (entries.length > 10) throw new AwsError('TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible.');
    const ok: Raw[] = [], bad: Raw[] = [];
    const ids = new Set<string>();
    for (const e of entries) {
      const id = str(e, 'Id') ?? '';
      if (ids.has(id)) throw new AwsError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');
      ids.add(id);
      // Flatten the entry back into parameters so one validation path serves Publish and PublishBatch.
      const flat: QueryParams = {};
      const walk = (node: unknown, prefix: string) => {
        if (typeof node === 'string') flat[prefix] = node;
        else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
      };
      walk(e, '');
      try {
        const r = publishOne(ctx, t, flat, 'MessageAttributes');
        ok.push(x('member', xs(x('Id', id), x('MessageId', r.messageId), x('SequenceNumber', r.sequenceNumber))));
      } catch (err) {
        const ae = err as { code?: string; message: string };
        bad.push(x('member', xs(x('Id', id), x('Code', ae.code ?? 'InternalError'), x('Message', ae.message), x('SenderFault', true))));
      }
    }
    return xs(x('Successful', xs(...ok)), x('Failed', xs(...bad)));
  },
};
