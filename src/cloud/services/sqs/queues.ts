/** SQS queues: names, URLs, attributes with their validation, and the queue operations. */
import type { RequestContext } from '../../context.js';
import { invalidAttributeValue, invalidParameter, missing, noQueue, sqsError, unknownAttribute } from './errors.js';
import { messageStore } from './message-store.js';

/** A stored queue. */
export interface Queue {
  name: string;
  account: string;
  region: string;
  arn: string;
  fifo: boolean;
  created: number;
  modified: number;
  /** Settable attributes, values as strings like the API carries them. */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  lastPurge?: number;
}

/** One SQS operation over the JSON-shaped input. */
export type SqsOp = (input: Record<string, unknown>, ctx: RequestContext) => Record<string, unknown>;

const DEFAULTS: Record<string, string> = {
  DelaySeconds: '0', MaximumMessageSize: '262144', MessageRetentionPeriod: '345600', ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30', SqsManagedSseEnabled: 'true',
};
const FIFO_DEFAULTS: Record<string, string> = { ContentBasedDeduplication: 'false', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' };

const RANGES: Record<string, [number, number]> = {
  DelaySeconds: [0, 900], MaximumMessageSize: [1024, 1048576], MessageRetentionPeriod: [60, 1209600],
  ReceiveMessageWaitTimeSeconds: [0, 20], VisibilityTimeout: [0, 43200], KmsDataKeyReusePeriodSeconds: [60, 86400],
};
const SETTABLE = new Set([
  ...Object.keys(RANGES), 'Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'SqsManagedSseEnabled',
  'FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit',
]);
const READ_ONLY = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed', 'CreatedTimestamp', 'LastModifiedTimestamp', 'QueueArn'];
const FIFO_ONLY = new Set(['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

/** Checks attributes given to CreateQueue/SetQueueAttributes; returns them normalized. */
export function checkAttributes(attrs: Record<string, string>, fifo: boolean, creating: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, raw] of Object.entries(attrs)) {
    const v = String(raw);
    if (!SETTABLE.has(k)) throw unknownAttribute(k);
    if (FIFO_ONLY.has(k) && !fifo && !(k === 'FifoQueue' && v === 'false')) throw unknownAttribute(k);
    if (k === 'FifoQueue' && !creating) throw invalidAttributeValue(k);
    const r = RANGES[k];
    if (r && (!/^\d+$/.test(v) || Number(v) < r[0] || Number(v) > r[1])) throw invalidAttributeValue(k);
    if ((k === 'ContentBasedDeduplication' || k === 'SqsManagedSseEnabled' || k === 'FifoQueue') && v !== 'true' && v !== 'false') throw invalidAttributeValue(k);
    if (k === 'DeduplicationScope' && v !== 'queue' && v !== 'messageGroup') throw invalidAttributeValue(k);
    if (k === 'FifoThroughputLimit' && v !== 'perQueue' && v !== 'perMessageGroupId') throw invalidAttributeValue(k);
    if (k === 'Policy' && v !== '') {
      try { JSON.parse(v); } catch { throw invalidAttributeValue(k, 'Policy is not a valid JSON'); }
    }
    if (k === 'RedrivePolicy' && v !== '') {
      let rp: { deadLetterTargetArn?: string; maxReceiveCount?: number | string };
      try { rp = JSON.parse(v); } catch { throw invalidAttributeValue(k, 'Redrive policy is not a valid JSON map.'); }
      if (!rp.deadLetterTargetArn) throw invalidAttributeValue(k, 'Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
      if (rp.maxReceiveCount === undefined) throw invalidAttributeValue(k, 'Redrive policy does not contain mandatory attribute: maxReceiveCount.');
      const n = Number(rp.maxReceiveCount);
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw invalidAttributeValue(k, `Invalid value for maxReceiveCount: ${rp.maxReceiveCount}, valid values are from 1 to 1000 both inclusive.`);
    }
    out[k] = v;
  }
  return out;
}

/** `http://host:port/<account>/<name>`. */
export function queueUrl(ctx: RequestContext, q: Pick<Queue, 'account' | 'name'>): string {
  return `${ctx.endpoint}/${q.account}/${q.name}`;
}

/** The queue a QueueUrl names, or QueueDoesNotExist. */
export function queueFromUrl(ctx: RequestContext, url: unknown): Queue {
  if (typeof url !== 'string' || url === '') throw missing('QueueUrl');
  let path = url;
  try { path = new URL(url).pathname; } catch { /* a bare path */ }
  const parts = path.split('/').filter(Boolean);
  const name = parts[parts.length - 1];
  const acct = parts.length >= 2 && /^\d{12}$/.test(parts[parts.length - 2]!) ? parts[parts.length - 2]! : ctx.account;
  const q = name ? ctx.store.get<Queue>('sqs', 'queue', acct, ctx.region, name) : undefined;
  if (!q) throw noQueue();
  return q;
}

/** Saves a queue. */
export function saveQueue(ctx: RequestContext, q: Queue): void {
  ctx.store.put('sqs', 'queue', q.account, q.region, q.name, q);
}

/** The queue with this arn in this cloud, if any (redrive targets, SNS subscriptions). */
export function queueByArn(ctx: RequestContext, arn: string): Queue | undefined {
  const m = /^arn:aws[a-z-]*:sqs:([^:]+):(\d{12}):(.+)$/.exec(arn);
  return m ? ctx.store.get<Queue>('sqs', 'queue', m[2]!, m[1]!, m[3]!) : undefined;
}

/** Every attribute of a queue, computed ones included. */
export function allAttributes(ctx: RequestContext, q: Queue): Record<string, string> {
  const counts = messageStore(ctx.store).counts(q, ctx.now().getTime());
  const out: Record<string, string> = {
    QueueArn: q.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(q.created),
    LastModifiedTimestamp: String(q.modified),
    ...DEFAULTS,
    ...(q.fifo ? { FifoQueue: 'true', ...FIFO_DEFAULTS } : {}),
    ...q.attributes,
  };
  if (out['KmsMasterKeyId'] && out['KmsDataKeyReusePeriodSeconds'] === undefined) out['KmsDataKeyReusePeriodSeconds'] = '300';
  if (out['KmsMasterKeyId']) delete out['SqsManagedSseEnabled'];
  for (const k of Object.keys(out)) if (out[k] === '' && (k === 'Policy' || k === 'RedrivePolicy' || k === 'RedriveAllowPolicy')) delete out[k];
  return out;
}

/** An attribute map from the input (JSON map). */
function attrMap(v: unknown): Record<string, string> {
  if (v === undefined || v === null) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = String(x);
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The queue-level operations. */
export const queueOps: Record<string, SqsOp> = {
  CreateQueue(input, ctx) {
    const name = str(input['QueueName']);
    if (!name) throw missing('QueueName');
    const attrs = attrMap(input['Attributes']);
    const fifo = attrs['FifoQueue'] === 'true';
    if (fifo ? !/^[A-Za-z0-9_-]{1,75}\.fifo$/.test(name) : !/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
      throw invalidParameter(fifo
        ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
        : `Value ${name} for parameter QueueName is invalid. Reason: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.`);
    }
    const checked = checkAttributes(attrs, fifo, true);
    delete checked['FifoQueue'];
    const existing = ctx.store.get<Queue>('sqs', 'queue', ctx.account, ctx.region, name);
    if (existing) {
      const have = allAttributes(ctx, existing);
      for (const [k, v] of Object.entries(checked)) {
        if (have[k] !== v) throw sqsError('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${k}`, 'QueueAlreadyExists');
      }
      return { QueueUrl: queueUrl(ctx, existing) };
    }
    const now = Math.floor(ctx.now().getTime() / 1000);
    const q: Queue = {
      name, account: ctx.account, region: ctx.region, arn: `arn:aws:sqs:${ctx.region}:${ctx.account}:${name}`, fifo,
      created: now, modified: now, attributes: checked, tags: (input['tags'] ?? input['Tags'] ?? {}) as Record<string, string>,
    };
    saveQueue(ctx, q);
    return { QueueUrl: queueUrl(ctx, q) };
  },
  GetQueueUrl(input, ctx) {
    const name = str(input['QueueName']);
    if (!name) throw missing('QueueName');
    const acct = str(input['QueueOwnerAWSAccountId']) ?? ctx.account;
    const q = ctx.store.get<Queue>('sqs', 'queue', acct, ctx.region, name);
    if (!q) throw noQueue();
    return { QueueUrl: queueUrl(ctx, q) };
  },
  ListQueues(input, ctx) {
    const prefix = str(input['QueueNamePrefix']) ?? '';
    const max = input['MaxResults'] === undefined ? 1000 : Number(input['MaxResults']);
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw invalidParameter('Value for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.');
    const all = ctx.store.list<Queue>('sqs', 'queue', ctx.account, ctx.region).filter((q) => q.name.startsWith(prefix));
    const start = input['NextToken'] ? Number(Buffer.from(String(input['NextToken']), 'base64').toString()) || 0 : 0;
    const page = all.slice(start, start + max);
    const out: Record<string, unknown> = {};
    if (page.length) out['QueueUrls'] = page.map((q) => queueUrl(ctx, q));
    if (input['MaxResults'] !== undefined && start + max < all.length) out['NextToken'] = Buffer.from(String(start + max)).toString('base64');
    return out;
  },
  DeleteQueue(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    messageStore(ctx.store).purge(q);
    ctx.store.delete('sqs', 'queue', q.account, q.region, q.name);
    return {};
  },
  GetQueueAttributes(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    const names = (input['AttributeNames'] as string[] | undefined) ?? [];
    const all = allAttributes(ctx, q);
    const known = new Set([...SETTABLE, ...READ_ONLY, 'All']);
    for (const n of names) if (!known.has(n)) throw unknownAttribute(n);
    const want = names.includes('All') ? Object.keys(all) : names;
    const out: Record<string, string> = {};
    for (const n of want) if (all[n] !== undefined) out[n] = all[n]!;
    return Object.keys(out).length ? { Attributes: out } : {};
  },
  SetQueueAttributes(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    const attrs = checkAttributes(attrMap(input['Attributes']), q.fifo, false);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === '' && (k === 'Policy' || k === 'RedrivePolicy' || k === 'RedriveAllowPolicy' || k === 'KmsMasterKeyId')) delete q.attributes[k];
      else q.attributes[k] = v;
    }
    q.modified = Math.floor(ctx.now().getTime() / 1000);
    saveQueue(ctx, q);
    return {};
  },
  TagQueue(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    const tags = (input['Tags'] ?? {}) as Record<string, string>;
    Object.assign(q.tags, tags);
    if (Object.keys(q.tags).length > 50) throw invalidParameter('Too many tags added for queue ' + q.name + '.');
    saveQueue(ctx, q);
    return {};
  },
  UntagQueue(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    for (const k of (input['TagKeys'] as string[] | undefined) ?? []) delete q.tags[k];
    saveQueue(ctx, q);
    return {};
  },
  ListQueueTags(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    return Object.keys(q.tags).length ? { Tags: q.tags } : {};
  },
  PurgeQueue(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    const now = ctx.now().getTime();
    if (q.lastPurge !== undefined && now - q.lastPurge < 60_000) {
      throw sqsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${q.name} is allowed every 60 seconds.`, 'AWS.SimpleQueueService.PurgeQueueInProgress', 403);
    }
    q.lastPurge = now;
    saveQueue(ctx, q);
    messageStore(ctx.store).purge(q);
    return {};
  },
  ListDeadLetterSourceQueues(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    const sources = ctx.store.list<Queue>('sqs', 'queue', ctx.account, ctx.region).filter((s) => {
      try { return JSON.parse(s.attributes['RedrivePolicy'] ?? '{}').deadLetterTargetArn === q.arn; } catch { return false; }
    });
    return { queueUrls: sources.map((s) => queueUrl(ctx, s)) };
  },
};
