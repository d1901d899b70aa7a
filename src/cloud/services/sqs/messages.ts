/** SQS messages: send (single and batch), receive with visibility timeouts, delete, change visibility. */
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { RequestContext } from '../../context.js';
import type { AwsError } from '../../errors.js';
import { invalidParameter, missing, sqsError } from './errors.js';
import { md5Hex, md5OfAttributes, type MessageAttributeValue } from './md5.js';
import { type Message, messageStore } from './message-store.js';
import { type Queue, type SqsOp, allAttributes, queueByArn, queueFromUrl } from './queues.js';

/** Wakes long polls of a queue when a message arrives. */
export const arrivals = new EventEmitter();
arrivals.setMaxListeners(0);

/** The event name long polls of a queue listen on. */
export function queueEvent(q: Pick<Queue, 'account' | 'region' | 'name'>): string {
  return `${q.account}/${q.region}/${q.name}`;
}

/** Options of one message to enqueue. */
export interface SendOptions {
  attrs?: Record<string, MessageAttributeValue>;
  delaySeconds?: number;
  groupId?: string;
  dedupId?: string;
  senderId: string;
  traceHeader?: string;
}

/** What SendMessage answers for one message. */
export interface SendResult { MessageId: string; MD5OfMessageBody: string; MD5OfMessageAttributes?: string; SequenceNumber?: string }

const BODY_OK = /^[\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

function checkAttrs(attrs: Record<string, MessageAttributeValue>): void {
  const names = Object.keys(attrs);
  if (names.length > 10) throw invalidParameter(`Number of message attributes [${names.length}] exceeds the allowed maximum [10].`);
  for (const n of names) {
    const a = attrs[n]!;
    if (!/^[A-Za-z0-9_.-]{1,256}$/.test(n) || /^(aws\.|amazon\.)/i.test(n) || n.startsWith('.') || n.endsWith('.') || n.includes('..')) {
      throw invalidParameter(`Message attribute name '${n}' is invalid.`);
    }
    const t = a.DataType ?? '';
    if (!/^(String|Number|Binary)(\..+)?$/.test(t)) throw invalidParameter(`The type of message (user) attribute '${n}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
    if (t.startsWith('Binary') ? !a.BinaryValue : (a.StringValue === undefined || a.StringValue === '')) {
      throw invalidParameter(`The message attribute '${n}' must contain non-empty message attribute value for message attribute type '${t.split('.')[0]}'.`);
    }
    if (t.startsWith('Number') && !Number.isFinite(Number(a.StringValue))) throw invalidParameter(`Can't cast the value of message (user) attribute '${n}' to a number.`);
  }
}

/** Validates and stores one message; shared by SendMessage, SendMessageBatch and SNS delivery. */
export function enqueue(ctx: RequestContext, q: Queue, body: unknown, opts: SendOptions): SendResult {
  if (typeof body !== 'string' || body === '') throw missing('MessageBody');
  if (!BODY_OK.test(body)) throw sqsError('InvalidMessageContents', 'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF');
  const attrs = opts.attrs ?? {};
  checkAttrs(attrs);
  const all = allAttributes(ctx, q);
  const max = Number(all['MaximumMessageSize']);
  const size = Buffer.byteLength(body) + Object.entries(attrs).reduce((s, [k, a]) => s + k.length + a.DataType.length + (a.StringValue?.length ?? 0) + (a.BinaryValue ? Buffer.from(a.BinaryValue, 'base64').length : 0), 0);
  if (size > max) throw invalidParameter(`One or more parameters are invalid. Reason: Message must be shorter than ${max} bytes.`);
  const now = ctx.now().getTime();
  const store = messageStore(ctx.store);
  let delay = Number(all['DelaySeconds']);
  if (opts.delaySeconds !== undefined) {
    if (q.fifo) throw invalidParameter(`Value ${opts.delaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`);
    if (!Number.isInteger(opts.delaySeconds) || opts.delaySeconds < 0 || opts.delaySeconds > 900) {
      throw invalidParameter(`Value ${opts.delaySeconds} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.`);
    }
    delay = opts.delaySeconds;
  }
  let dedupId: string | null = null, groupId: string | null = null, seqnum: string | null = null;
  const md5 = md5Hex(body);
  const md5attrs = Object.keys(attrs).length ? md5OfAttributes(attrs) : null;
  if (q.fifo) {
    if (!opts.groupId) throw missing('MessageGroupId');
    groupId = opts.groupId;
    dedupId = opts.dedupId ?? (all['ContentBasedDeduplication'] === 'true' ? createHash('sha256').update(body).digest('hex') : null);
    if (!dedupId) throw invalidParameter('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    const key = all['DeduplicationScope'] === 'messageGroup' ? `${groupId}\u0000${dedupId}` : dedupId;
    const seen = store.dedup(q, key);
    // Within the 5-minute window a duplicate is accepted but not enqueued again.
    if (seen && now - seen.at < 300_000) {
      return { MessageId: seen.id, MD5OfMessageBody: md5, ...(md5attrs ? { MD5OfMessageAttributes: md5attrs } : {}), ...(seen.seqnum ? { SequenceNumber: seen.seqnum } : {}) };
    }
    seqnum = String(ctx.store.nextSeq('sqs-sequence')).padStart(20, '0');
    const id = randomUUID();
    store.putDedup(q, key, id, seqnum, now);
    store.insert(q, message(ctx, id, body, attrs, md5, md5attrs, now, now, groupId, dedupId, seqnum, opts));
    arrivals.emit(queueEvent(q));
    return { MessageId: id, MD5OfMessageBody: md5, ...(md5attrs ? { MD5OfMessageAttributes: md5attrs } : {}), SequenceNumber: seqnum };
  }
  const id = randomUUID();
  store.insert(q, message(ctx, id, body, attrs, md5, md5attrs, now, now + delay * 1000, opts.groupId ?? null, null, null, opts));
  arrivals.emit(queueEvent(q));
  return { MessageId: id, MD5OfMessageBody: md5, ...(md5attrs ? { MD5OfMessageAttributes: md5attrs } : {}) };
}

function message(
  ctx: RequestContext, id: string, body: string, attrs: Record<string, MessageAttributeValue>, md5: string, md5attrs: string | null,
  now: number, visibleAt: number, groupId: string | null, dedupId: string | null, seqnum: string | null, opts: SendOptions,
): Message {
  const sys: Record<string, string> = { SenderId: opts.senderId };
  if (opts.traceHeader) sys['AWSTraceHeader'] = opts.traceHeader;
  return {
    id, seq: ctx.store.nextSeq('sqs-message'), body, attrs, sys, md5, md5attrs, sentAt: now, visibleAt, receiveCount: 0,
    firstReceive: null, receipt: null, groupId, dedupId, seqnum,
  };
}

function sendOptions(input: Record<string, unknown>, ctx: RequestContext): SendOptions {
  const sysAttrs = input['MessageSystemAttributes'] as Record<string, MessageAttributeValue> | undefined;
  return {
    attrs: (input['MessageAttributes'] ?? {}) as Record<string, MessageAttributeValue>,
    delaySeconds: input['DelaySeconds'] === undefined ? undefined : Number(input['DelaySeconds']),
    groupId: typeof input['MessageGroupId'] === 'string' ? input['MessageGroupId'] : undefined,
    dedupId: typeof input['MessageDeduplicationId'] === 'string' ? input['MessageDeduplicationId'] : undefined,
    senderId: ctx.userId || ctx.account,
    traceHeader: sysAttrs?.['AWSTraceHeader']?.StringValue,
  };
}

function receiptFor(q: Queue, id: string): string {
  return Buffer.from(`${q.name}\u0000${id}\u0000${randomBytes(12).toString('hex')}`).toString('base64');
}

function parseReceipt(q: Queue, handle: unknown): string {
  if (typeof handle !== 'string' || handle === '') throw missing('ReceiptHandle');
  const parts = Buffer.from(handle, 'base64').toString('utf8').split('\u0000');
  if (parts.length !== 3 || parts[0] !== q.name) {
    throw sqsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`, 'ReceiptHandleIsInvalid', 404);
  }
  return parts[1]!;
}

function checkBatch(entries: unknown, what: string): Record<string, unknown>[] {
  const list = Array.isArray(entries) ? (entries as Record<string, unknown>[]) : [];
  if (list.length === 0) throw sqsError('EmptyBatchRequest', `There should be at least one ${what} in the request.`, 'AWS.SimpleQueueService.EmptyBatchRequest');
  if (list.length > 10) throw sqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${list.length}.`, 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest');
  const ids = new Set<string>();
  for (const e of list) {
    const id = String(e['Id'] ?? '');
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) {
      throw sqsError('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.', 'AWS.SimpleQueueService.InvalidBatchEntryId');
    }
    if (ids.has(id)) throw sqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct');
    ids.add(id);
  }
  return list;
}

function failed(id: string, e: unknown): Record<string, unknown> {
  const err = e as AwsError;
  return { Id: id, SenderFault: true, Code: err.queryCode ?? err.code ?? 'InternalError', Message: err.message };
}

const SYSTEM_NAMES = ['SenderId', 'SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp', 'MessageGroupId', 'MessageDeduplicationId', 'SequenceNumber', 'AWSTraceHeader'];

/** Attempts a receive now; an empty list means the caller may wait and try again. */
export function receiveNow(input: Record<string, unknown>, ctx: RequestContext): Record<string, unknown>[] {
  const q = queueFromUrl(ctx, input['QueueUrl']);
  const all = allAttributes(ctx, q);
  const max = input['MaxNumberOfMessages'] === undefined ? 1 : Number(input['MaxNumberOfMessages']);
  const vis = input['VisibilityTimeout'] === undefined ? Number(all['VisibilityTimeout']) : Number(input['VisibilityTimeout']);
  const now = ctx.now().getTime();
  const store = messageStore(ctx.store);
  store.expire(q, now - Number(all['MessageRetentionPeriod']) * 1000);
  let redrive: { target?: Queue; max: number } | undefined;
  if (all['RedrivePolicy']) {
    try {
      const rp = JSON.parse(all['RedrivePolicy']) as { deadLetterTargetArn: string; maxReceiveCount: number | string };
      redrive = { target: queueByArn(ctx, rp.deadLetterTargetArn), max: Number(rp.maxReceiveCount) };
    } catch { /* checked when set */ }
  }
  const busy = q.fifo ? store.inFlightGroups(q, now) : new Set<string>();
  const names = new Set([...((input['AttributeNames'] as string[] | undefined) ?? []), ...((input['MessageSystemAttributeNames'] as string[] | undefined) ?? [])]);
  const wantAll = names.has('All');
  const attrNames = (input['MessageAttributeNames'] as string[] | undefined) ?? [];
  const out: Record<string, unknown>[] = [];
  for (const m of store.available(q, now, 100)) {
    if (out.length >= max) break;
    if (q.fifo && m.groupId && busy.has(m.groupId)) continue;
    if (redrive?.target && m.receiveCount >= redrive.max) {
      // Moved to the dead-letter queue with its identity and attributes, as AWS does.
      store.delete(q, m.id);
      messageStore(ctx.store).insert(redrive.target, { ...m, seq: ctx.store.nextSeq('sqs-message'), visibleAt: now, receiveCount: 0, firstReceive: null, receipt: null });
      arrivals.emit(queueEvent(redrive.target));
      continue;
    }
    m.receiveCount++;
    m.firstReceive ??= now;
    m.visibleAt = now + vis * 1000;
    m.receipt = receiptFor(q, m.id);
    store.markReceived(q, m);
    if (q.fifo && m.groupId) busy.add(m.groupId);
    const sys: Record<string, string> = {
      ...m.sys, SentTimestamp: String(m.sentAt), ApproximateReceiveCount: String(m.receiveCount), ApproximateFirstReceiveTimestamp: String(m.firstReceive),
      ...(m.groupId ? { MessageGroupId: m.groupId } : {}), ...(m.dedupId ? { MessageDeduplicationId: m.dedupId } : {}), ...(m.seqnum ? { SequenceNumber: m.seqnum } : {}),
    };
    const attributes: Record<string, string> = {};
    for (const n of SYSTEM_NAMES) if ((wantAll || names.has(n)) && sys[n] !== undefined) attributes[n] = sys[n]!;
    const msgAttrs: Record<string, MessageAttributeValue> = {};
    for (const [k, v] of Object.entries(m.attrs)) {
      if (attrNames.some((n) => n === 'All' || n === '.*' || n === k || (n.endsWith('.*') && k.startsWith(n.slice(0, -1))))) msgAttrs[k] = v;
    }
    const r: Record<string, unknown> = { MessageId: m.id, ReceiptHandle: m.receipt, MD5OfBody: m.md5, Body: m.body };
    if (Object.keys(attributes).length) r['Attributes'] = attributes;
    if (Object.keys(msgAttrs).length) { r['MD5OfMessageAttributes'] = md5OfAttributes(msgAttrs); r['MessageAttributes'] = msgAttrs; }
    out.push(r);
  }
  return out;
}

/** Checks ReceiveMessage's parameters; returns how long the caller may wait, in ms. */
export function receiveWait(input: Record<string, unknown>, ctx: RequestContext): number {
  const q = queueFromUrl(ctx, input['QueueUrl']);
  const max = input['MaxNumberOfMessages'];
  if (max !== undefined && (!Number.isInteger(Number(max)) || Number(max) < 1 || Number(max) > 10)) {
    throw invalidParameter(`Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`);
  }
  const vt = input['VisibilityTimeout'];
  if (vt !== undefined && (!Number.isInteger(Number(vt)) || Number(vt) < 0 || Number(vt) > 43200)) {
    throw invalidParameter(`Value ${vt} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.`);
  }
  const w = input['WaitTimeSeconds'] === undefined ? Number(allAttributes(ctx, q)['ReceiveMessageWaitTimeSeconds']) : Number(input['WaitTimeSeconds']);
  if (!Number.isInteger(w) || w < 0 || w > 20) throw invalidParameter(`Value ${input['WaitTimeSeconds']} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`);
  return w * 1000;
}

/** The message-level operations (ReceiveMessage's waiting lives in index.ts). */
export const messageOps: Record<string, SqsOp> = {
  SendMessage(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    return { ...enqueue(ctx, q, input['MessageBody'], sendOptions(input, ctx)) };
  },
  SendMessageBatch(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    const entries = checkBatch(input['Entries'], 'SendMessageBatchRequestEntry');
    const total = entries.reduce((s, e) => s + Buffer.byteLength(String(e['MessageBody'] ?? '')), 0);
    const max = Number(allAttributes(ctx, q)['MaximumMessageSize']);
    if (total > max) throw sqsError('BatchRequestTooLong', `Batch requests cannot be longer than ${max} bytes. You have sent ${total} bytes.`, 'AWS.SimpleQueueService.BatchRequestTooLong');
    const Successful: Record<string, unknown>[] = [];
    const Failed: Record<string, unknown>[] = [];
    for (const e of entries) {
      try {
        Successful.push({ Id: e['Id'], ...enqueue(ctx, q, e['MessageBody'], sendOptions(e, ctx)) });
      } catch (err) {
        Failed.push(failed(String(e['Id']), err));
      }
    }
    return { Successful, Failed };
  },
  DeleteMessage(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    messageStore(ctx.store).delete(q, parseReceipt(q, input['ReceiptHandle']));
    return {};
  },
  DeleteMessageBatch(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    const entries = checkBatch(input['Entries'], 'DeleteMessageBatchRequestEntry');
    const Successful: Record<string, unknown>[] = [];
    const Failed: Record<string, unknown>[] = [];
    for (const e of entries) {
      try {
        messageStore(ctx.store).delete(q, parseReceipt(q, e['ReceiptHandle']));
        Successful.push({ Id: e['Id'] });
      } catch (err) {
        Failed.push(failed(String(e['Id']), err));
      }
    }
    return { Successful, Failed };
  },
  ChangeMessageVisibility(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    changeVisibility(ctx, q, input['ReceiptHandle'], input['VisibilityTimeout']);
    return {};
  },
  ChangeMessageVisibilityBatch(input, ctx) {
    const q = queueFromUrl(ctx, input['QueueUrl']);
    const entries = checkBatch(input['Entries'], 'ChangeMessageVisibilityBatchRequestEntry');
    const Successful: Record<string, unknown>[] = [];
    const Failed: Record<string, unknown>[] = [];
    for (const e of entries) {
      try {
        changeVisibility(ctx, q, e['ReceiptHandle'], e['VisibilityTimeout']);
        Successful.push({ Id: e['Id'] });
      } catch (err) {
        Failed.push(failed(String(e['Id']), err));
      }
    }
    return { Successful, Failed };
  },
};

function changeVisibility(ctx: RequestContext, q: Queue, handle: unknown, timeout: unknown): void {
  const id = parseReceipt(q, handle);
  const t = Number(timeout);
  if (timeout === undefined) throw missing('VisibilityTimeout');
  if (!Number.isInteger(t) || t < 0 || t > 43200) throw invalidParameter(`Value ${String(timeout)} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.`);
  const store = messageStore(ctx.store);
  const m = store.get(q, id);
  const now = ctx.now().getTime();
  if (!m || m.receipt === null || m.visibleAt <= now) {
    throw sqsError('MessageNotInflight', 'Message does not exist or is not available for visibility timeout change.', 'AWS.SimpleQueueService.MessageNotInflight');
  }
  store.setVisibleAt(q, id, now + t * 1000);
  if (t === 0) arrivals.emit(queueEvent(q));
}
