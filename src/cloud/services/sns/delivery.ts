/** Delivers published messages: to SQS queues of this cloud at once, to HTTP(S) endpoints after the request. */
import { createHash, randomUUID } from 'node:crypto';
import type { RequestContext } from '../../context.js';
import { enqueue } from '../sqs/messages.js';
import { queueByArn } from '../sqs/queues.js';
import type { MessageAttributeValue } from '../sqs/md5.js';
import { type FilterValue, matchesPolicy } from './filter-policy.js';
import type { Subscription, Topic } from './model.js';

/** One published message, as delivery needs it. */
export interface Published {
  messageId: string;
  message: string;
  /** Per-protocol messages when MessageStructure is json. */
  perProtocol?: Record<string, string>;
  subject?: string;
  attrs: Record<string, MessageAttributeValue>;
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
  timestamp: string;
}

function signingCertUrl(region: string): string {
  return `https://sns.${region}.amazonaws.com/SimpleNotificationService-0000000000000000000000000000000.pem`;
}

function fakeSignature(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/** The JSON envelope SNS wraps a notification in (unless raw delivery). */
export function notificationEnvelope(ctx: RequestContext, t: Topic, s: Subscription, m: Published, text: string): string {
  const env: Record<string, unknown> = {
    Type: 'Notification',
    MessageId: m.messageId,
    ...(m.sequenceNumber ? { SequenceNumber: m.sequenceNumber } : {}),
    TopicArn: t.arn,
    ...(m.subject !== undefined ? { Subject: m.subject } : {}),
    Message: text,
    Timestamp: m.timestamp,
    SignatureVersion: t.attributes['SignatureVersion'] ?? '1',
    Signature: fakeSignature(m.messageId + text),
    SigningCertURL: signingCertUrl(t.region),
    UnsubscribeURL: `${ctx.endpoint}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(s.arn)}`,
  };
  if (Object.keys(m.attrs).length) {
    env['MessageAttributes'] = Object.fromEntries(Object.entries(m.attrs).map(([k, v]) => [k, { Type: v.DataType, Value: v.StringValue ?? v.BinaryValue }]));
  }
  return JSON.stringify(env);
}

function attributeLookup(attrs: Record<string, MessageAttributeValue>) {
  return (path: string[]): { present: boolean; value: FilterValue } => {
    const a = path.length === 1 ? attrs[path[0]!] : undefined;
    if (!a) return { present: false, value: undefined };
    if (a.DataType.startsWith('Number')) return { present: true, value: Number(a.StringValue) };
    if (a.DataType === 'String.Array') {
      try { return { present: true, value: JSON.parse(a.StringValue ?? '[]') as (string | number)[] }; } catch { return { present: true, value: a.StringValue }; }
    }
    return { present: true, value: a.StringValue ?? null };
  };
}

function bodyLookup(message: string) {
  let doc: unknown;
  try { doc = JSON.parse(message); } catch { doc = undefined; }
  return (path: string[]): { present: boolean; value: FilterValue } => {
    let cur: unknown = doc;
    for (const k of path) {
      if (cur === null || typeof cur !== 'object' || !(k in (cur as object))) return { present: false, value: undefined };
      cur = (cur as Record<string, unknown>)[k];
    }
    return { present: true, value: cur as FilterValue };
  };
}

/** True when the subscription's filter policy lets the message through. */
export function passesFilter(s: Subscription, m: Published): boolean {
  const fp = s.attributes['FilterPolicy'];
  if (!fp) return true;
  let policy: Record<string, unknown>;
  try { policy = JSON.parse(fp) as Record<string, unknown>; } catch { return true; }
  const lookup = s.attributes['FilterPolicyScope'] === 'MessageBody' ? bodyLookup(m.message) : attributeLookup(m.attrs);
  return matchesPolicy(policy, lookup);
}

/** Delivers to every confirmed subscription; HTTP posts go out after the request completes. */
export function deliver(ctx: RequestContext, t: Topic, subs: Subscription[], m: Published): void {
  for (const s of subs) {
    if (s.pending || !passesFilter(s, m)) continue;
    const text = m.perProtocol?.[s.protocol] ?? m.perProtocol?.['default'] ?? m.message;
    const raw = s.attributes['RawMessageDelivery'] === 'true';
    if (s.protocol === 'sqs') {
      const q = queueByArn(ctx, s.endpoint);
      if (!q) continue;
      const dedupId = m.dedupId ?? (q.fifo ? createHash('sha256').update(m.messageId).digest('hex') : undefined);
      try {
        enqueue(ctx, q, raw ? text : notificationEnvelope(ctx, t, s, m, text), {
          attrs: raw ? m.attrs : {}, groupId: q.fifo ? m.groupId ?? 'default' : undefined, dedupId: q.fifo ? dedupId : undefined, senderId: ctx.account,
        });
      } catch {
        // A delivery failure does not fail the publish, as on AWS.
      }
    } else if (s.protocol === 'http' || s.protocol === 'https') {
      const body = raw ? text : notificationEnvelope(ctx, t, s, m, text);
      postLater(s.endpoint, body, { 'x-amz-sns-message-type': 'Notification', 'x-amz-sns-message-id': m.messageId, 'x-amz-sns-topic-arn': t.arn, 'x-amz-sns-subscription-arn': s.arn });
    }
  }
}

/** Sends the SubscriptionConfirmation message an HTTP(S) endpoint needs to confirm. */
export function confirmationRequest(ctx: RequestContext, t: Topic, s: Subscription): void {
  const subscribeUrl = `${ctx.endpoint}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(t.arn)}&Token=${s.token}`;
  const messageId = randomUUID();
  const msg = `You have chosen to subscribe to the topic ${t.arn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`;
  const body = JSON.stringify({
    Type: 'SubscriptionConfirmation', MessageId: messageId, Token: s.token, TopicArn: t.arn, Message: msg, SubscribeURL: subscribeUrl,
    Timestamp: ctx.now().toISOString(), SignatureVersion: '1', Signature: fakeSignature(messageId), SigningCertURL: signingCertUrl(t.region),
  });
  postLater(s.endpoint, body, { 'x-amz-sns-message-type': 'SubscriptionConfirmation', 'x-amz-sns-message-id': messageId, 'x-amz-sns-topic-arn': t.arn });
}

function postLater(url: string, body: string, headers: Record<string, string>): void {
  setImmediate(() => {
    fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain; charset=UTF-8', ...headers }, body, signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  });
}
