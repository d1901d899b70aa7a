/**
 * aws_sqs_queue as hashicorp/aws defines it: id = the queue URL (also the import id); the
 * name is given, made from name_prefix, or generated, and a FIFO queue's name ends in
 * ".fifo"; queue attributes update in place with SetQueueAttributes; JSON policies keep the
 * configured text while AWS's copy means the same.
 */
import {
  CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, ListQueueTagsCommand, SetQueueAttributesCommand,
  TagQueueCommand, UntagQueueCommand, type QueueAttributeName,
} from '@aws-sdk/client-sqs';
import type { Value } from '../../../lang/value.js';
import { attr, str, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { equivalentJson, equivalentPolicy, keepEquivalent, suppressEquivalent } from '../json-policy.js';
import { planTagsAll, tagMap, tagsForState } from '../tags.js';
import { generatedName, prefixFromName } from './names.js';
import { queueSchema } from './schemas.js';
import { keepZeroValues } from './zero-values.js';

/** The SQS error codes that mean "no such queue" (JSON and query-compatible forms). */
export const NO_QUEUE = ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'];

type Kind = 'int' | 'bool' | 'string' | 'policy' | 'json';
/** Terraform attribute -> SQS attribute name and how its value reads. */
const ATTRS: [string, QueueAttributeName, Kind][] = [
  ['content_based_deduplication', 'ContentBasedDeduplication', 'bool'],
  ['deduplication_scope', 'DeduplicationScope', 'string'],
  ['delay_seconds', 'DelaySeconds', 'int'],
  ['fifo_queue', 'FifoQueue', 'bool'],
  ['fifo_throughput_limit', 'FifoThroughputLimit', 'string'],
  ['kms_data_key_reuse_period_seconds', 'KmsDataKeyReusePeriodSeconds', 'int'],
  ['kms_master_key_id', 'KmsMasterKeyId', 'string'],
  ['max_message_size', 'MaximumMessageSize', 'int'],
  ['message_retention_seconds', 'MessageRetentionPeriod', 'int'],
  ['policy', 'Policy', 'policy'],
  ['receive_wait_time_seconds', 'ReceiveMessageWaitTimeSeconds', 'int'],
  ['redrive_allow_policy', 'RedriveAllowPolicy', 'json'],
  ['redrive_policy', 'RedrivePolicy', 'json'],
  ['sqs_managed_sse_enabled', 'SqsManagedSseEnabled', 'bool'],
  ['visibility_timeout_seconds', 'VisibilityTimeout', 'int'],
];

const FIFO_SUFFIX = '.fifo';

function wire(v: Value): string | undefined {
  if (!v.isKnown || v.isNull) return undefined;
  return typeof v.v === 'string' ? v.v : String(v.v);
}

function isZeroWire(s: string): boolean {
  return s === '' || s === '0' || s === 'false';
}

/** The queue's name from its URL (the last path segment). */
export function queueNameFromUrl(url: string): string {
  const parts = url.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

/** The aws_sqs_queue resource. */
export const awsSqsQueue: ResourceDef<AwsMeta> = {
  schema: queueSchema,

  customizePlan(ctx, p) {
    let out = planTagsAll(ctx.meta, p);
    out = suppressEquivalent(out, ['policy'], equivalentPolicy);
    out = suppressEquivalent(out, ['redrive_policy', 'redrive_allow_policy'], equivalentJson);
    out = keepZeroValues(out, queueSchema.block);
    const fifo = attr(p.config, 'fifo_queue');
    const cbd = attr(p.config, 'content_based_deduplication');
    if (fifo.isKnown && cbd.isKnown && cbd.v === true && fifo.v !== true) {
      throw new ProviderError('content-based deduplication can only be set for FIFO queue');
    }
    if (!p.prior) {
      const name = str(p.config, 'name');
      const isFifo = fifo.v === true;
      if (name !== undefined && fifo.isKnown) {
        const re = isFifo ? /^[a-zA-Z0-9_-]{1,75}\.fifo$/ : /^[a-zA-Z0-9_-]{1,80}$/;
        if (!re.test(name)) throw new ProviderError(`invalid queue name: ${name}`, undefined, [{ attr: 'name' }]);
      }
    }
    return out;
  },

  async create(ctx, planned) {
    const sqs = ctx.meta.sqs();
    const fifo = attr(planned, 'fifo_queue').v === true;
    const name = generatedName(str(planned, 'name'), str(planned, 'name_prefix'), fifo ? FIFO_SUFFIX : '');
    const attributes: Record<string, string> = {};
    for (const [tf, api] of ATTRS) {
      const s = wire(attr(planned, tf));
      // Like the plugin SDK's GetOk: zero values are left to AWS's defaults, except an
      // explicit SSE choice.
      if (s === undefined || (isZeroWire(s) && tf !== 'sqs_managed_sse_enabled')) continue;
      attributes[api] = s;
    }
    const tags = tagMap(planned, 'tags_all');
    const input = new CreateQueueCommand({ QueueName: name, Attributes: attributes, tags: Object.keys(tags).length ? tags : undefined });
    const out = await awsCall(`creating SQS Queue (${name})`, () => retryDeletedRecently(() => sqs.send(input), ctx.signal));
    const url = out.QueueUrl!;
    await waitAttributes(ctx.meta, url, attributes, ctx.signal);
    const got = await readQueue(ctx.meta, url, withAttrs(planned, { id: url }), true);
    if (!got) throw new ProviderError(`reading SQS Queue (${url}): empty result after creation`);
    return got;
  },

  async read(ctx, state) {
    return readQueue(ctx.meta, str(state, 'id')!, state, false);
  },

  async update(ctx, prior, planned) {
    const url = str(prior, 'id')!;
    const sqs = ctx.meta.sqs();
    const changed: Record<string, string> = {};
    for (const [tf, api] of ATTRS) {
      if (tf === 'fifo_queue') continue;
      const pv = attr(prior, tf), nv = attr(planned, tf);
      if (!nv.isKnown) continue;
      const before = wire(pv) ?? '', after = wire(nv) ?? (nv.type.kind === 'bool' ? 'false' : nv.type.kind === 'number' ? '0' : '');
      if (before !== after) changed[api] = after;
    }
    if (Object.keys(changed).length) {
      await awsCall(`updating SQS Queue (${url}) attributes`, () => sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: changed })));
      await waitAttributes(ctx.meta, url, changed, ctx.signal);
    }
    const before = tagMap(prior, 'tags_all'), after = tagMap(planned, 'tags_all');
    const removed = Object.keys(before).filter((k) => !(k in after));
    const added = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v));
    if (removed.length) await awsCall(`untagging SQS Queue (${url})`, () => sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: removed })));
    if (Object.keys(added).length) await awsCall(`tagging SQS Queue (${url})`, () => sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: added })));
    const got = await readQueue(ctx.meta, url, planned, true);
    if (!got) throw new ProviderError(`reading SQS Queue (${url}): not found after update`);
    return got;
  },

  async delete(ctx, state) {
    const url = str(state, 'id')!;
    try {
      await ctx.meta.sqs().send(new DeleteQueueCommand({ QueueUrl: url }));
    } catch (e) {
      if (isAwsCode(e, ...NO_QUEUE)) return;
      await awsCall(`deleting SQS Queue (${url})`, () => Promise.reject(e));
    }
    // AWS takes up to a minute to forget a queue; wait until it reads as gone.
    await waitGone(ctx.meta, url);
  },
};

/**
 * SQS refuses a queue name for 60 seconds after a queue of that name was deleted (so a
 * replacement must wait); retried for up to 70 seconds, the first attempt immediate.
 */
async function retryDeletedRecently<R>(fn: () => Promise<R>, signal?: AbortSignal): Promise<R> {
  const deadline = Date.now() + 70_000;
  for (let delay = 1000; ; delay = Math.min(delay * 2, 10_000)) {
    try {
      return await fn();
    } catch (e) {
      if (!isAwsCode(e, 'QueueDeletedRecently', 'AWS.SimpleQueueService.QueueDeletedRecently') || Date.now() + delay > deadline || signal?.aborted) throw e;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * SQS attributes take up to a minute to show everywhere after they are set: polls until the
 * queue reports every value just sent (JSON documents by meaning), the first poll
 * immediate, as hashicorp waits before reading the state back.
 */
export async function waitAttributes(meta: AwsMeta, url: string, sent: Record<string, string>, signal?: AbortSignal): Promise<void> {
  const names = Object.keys(sent).filter((k) => k !== 'FifoQueue');
  if (!names.length) return;
  const same = (k: string, want: string, got: string | undefined) => {
    if (k === 'Policy') return want === '' ? !got : got !== undefined && equivalentPolicy(want, got);
    if (k === 'RedrivePolicy' || k === 'RedriveAllowPolicy') return want === '' ? !got : got !== undefined && equivalentJson(want, got);
    if (k === 'KmsMasterKeyId' && want === '') return !got;
    return got === want;
  };
  const deadline = Date.now() + 60_000;
  for (let delay = 500; ; delay = Math.min(delay * 2, 5000)) {
    let got: Record<string, string> = {};
    try {
      got = (await meta.sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes ?? {};
    } catch (e) {
      if (!isAwsCode(e, ...NO_QUEUE)) throw awsFailure(`waiting for SQS Queue (${url}) attributes`, e);
    }
    if (names.every((k) => same(k, sent[k]!, got[k]))) return;
    // SQS may report a value in its own form (an alias, a re-ordered JSON); stop waiting rather than fail.
    if (Date.now() + delay > deadline || signal?.aborted) return;
    await new Promise((r) => setTimeout(r, delay));
  }
}

async function waitGone(meta: AwsMeta, url: string): Promise<void> {
  let delay = 200;
  for (let i = 0; i < 30; i++) {
    try {
      await meta.sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
    } catch (e) {
      if (isAwsCode(e, ...NO_QUEUE)) return;
      throw new ProviderError(`waiting for SQS Queue (${url}) delete: ${e instanceof Error ? e.message : String(e)}`);
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 5000);
  }
}

/**
 * The state of the queue at `url`, or null when it does not exist. Right after a create
 * or update (`fresh`) a missing queue is retried briefly, as AWS is eventually consistent.
 */
export async function readQueue(meta: AwsMeta, url: string, prior: Value, fresh: boolean): Promise<Value | null> {
  const sqs = meta.sqs();
  let attrs: Record<string, string> | undefined;
  for (let i = 0, delay = 200; ; i++, delay = Math.min(delay * 2, 5000)) {
    try {
      attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes ?? {};
      break;
    } catch (e) {
      if (isAwsCode(e, ...NO_QUEUE)) {
        if (!fresh || i >= 10) return fresh ? awsCall(`reading SQS Queue (${url})`, () => Promise.reject(e)) : null;
        await new Promise((r) => setTimeout(r, delay));
        continue;
      }
      return awsCall(`reading SQS Queue (${url})`, () => Promise.reject(e));
    }
  }
  const tagsOut = await awsCall(`listing tags for SQS Queue (${url})`, () => sqs.send(new ListQueueTagsCommand({ QueueUrl: url })));
  const values: Record<string, unknown> = {};
  for (const [tf, api, kind] of ATTRS) {
    const raw = attrs[api];
    switch (kind) {
      case 'int': values[tf] = raw === undefined ? 0 : Number(raw); break;
      case 'bool': values[tf] = raw === 'true'; break;
      case 'string': values[tf] = raw ?? ''; break;
      case 'policy': values[tf] = keepEquivalent(str(prior, tf), raw, equivalentPolicy); break;
      case 'json': values[tf] = keepEquivalent(str(prior, tf), raw, equivalentJson); break;
    }
  }
  // hashicorp reports AWS's default reuse period when none is set.
  if (values['kms_data_key_reuse_period_seconds'] === 0) values['kms_data_key_reuse_period_seconds'] = 300;
  const name = queueNameFromUrl(url);
  const fifo = values['fifo_queue'] === true;
  const remoteTags = Object.entries(tagsOut.Tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  return withAttrs(prior, {
    ...values,
    id: url, url, arn: attrs['QueueArn'] ?? '', name,
    name_prefix: prefixFromName(name, fifo ? FIFO_SUFFIX : '') ?? null,
    ...tagsForState(meta, remoteTags, prior),
  });
}
