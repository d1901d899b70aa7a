/**
 * aws_sns_topic as hashicorp/aws defines it: id = the topic ARN (also the import id); the
 * name is given, made from name_prefix, or generated, and a FIFO topic's name ends in
 * ".fifo"; FifoTopic goes with CreateTopic and every other attribute is set afterwards one
 * by one with SetTopicAttributes; the access policy AWS gives a new topic is kept in state,
 * and JSON documents keep the configured text while AWS's copy means the same.
 */
import {
  CreateTopicCommand, DeleteTopicCommand, GetTopicAttributesCommand, ListTagsForResourceCommand, SetTopicAttributesCommand,
  TagResourceCommand, UntagResourceCommand,
} from '@aws-sdk/client-sns';
import type { Value } from '../../../lang/value.js';
import { attr, str, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';
import { equivalentJson, equivalentPolicy, keepEquivalent, suppressEquivalent } from '../json-policy.js';
import { planTagsAll, tagMap, tagsForState } from '../tags.js';
import { generatedName, prefixFromName } from '../sqs/names.js';
import { keepZeroValues } from '../sqs/zero-values.js';
import { FEEDBACK_PROTOCOLS, topicSchema } from './schemas.js';

/** The SNS error codes that mean "no such topic or subscription". */
export const SNS_NOT_FOUND = ['NotFound', 'NotFoundException', 'ResourceNotFound', 'ResourceNotFoundException'];

type Kind = 'int' | 'bool' | 'string' | 'policy' | 'json';
const API_NAMES: Record<string, string> = { application: 'Application', firehose: 'Firehose', http: 'HTTP', lambda: 'Lambda', sqs: 'SQS' };
/** Terraform attribute -> SNS topic attribute name and how its value reads. */
const ATTRS: [string, string, Kind][] = [
  ...FEEDBACK_PROTOCOLS.flatMap((p): [string, string, Kind][] => [
    [`${p}_failure_feedback_role_arn`, `${API_NAMES[p]}FailureFeedbackRoleArn`, 'string'],
    [`${p}_success_feedback_role_arn`, `${API_NAMES[p]}SuccessFeedbackRoleArn`, 'string'],
    [`${p}_success_feedback_sample_rate`, `${API_NAMES[p]}SuccessFeedbackSampleRate`, 'int'],
  ]),
  ['archive_policy', 'ArchivePolicy', 'json'],
  ['content_based_deduplication', 'ContentBasedDeduplication', 'bool'],
  ['delivery_policy', 'DeliveryPolicy', 'json'],
  ['display_name', 'DisplayName', 'string'],
  ['fifo_throughput_scope', 'FifoThroughputScope', 'string'],
  ['fifo_topic', 'FifoTopic', 'bool'],
  ['kms_master_key_id', 'KmsMasterKeyId', 'string'],
  ['policy', 'Policy', 'policy'],
  ['signature_version', 'SignatureVersion', 'int'],
  ['tracing_config', 'TracingConfig', 'string'],
];

const FIFO_SUFFIX = '.fifo';

function wire(v: Value): string | undefined {
  if (!v.isKnown || v.isNull) return undefined;
  return typeof v.v === 'string' ? v.v : String(v.v);
}

function zeroWire(v: Value): string {
  return v.type.kind === 'bool' ? 'false' : v.type.kind === 'number' ? '0' : '';
}

/** The aws_sns_topic resource. */
export const awsSnsTopic: ResourceDef<AwsMeta> = {
  schema: topicSchema,

  customizePlan(ctx, p) {
    let out = planTagsAll(ctx.meta, p);
    out = suppressEquivalent(out, ['policy'], equivalentPolicy);
    out = suppressEquivalent(out, ['delivery_policy', 'archive_policy'], equivalentJson);
    out = keepZeroValues(out, topicSchema.block);
    const fifo = attr(p.config, 'fifo_topic');
    const name = str(p.config, 'name');
    if (!p.prior && name !== undefined && fifo.isKnown) {
      const re = fifo.v === true ? /^[a-zA-Z0-9_-]{1,251}\.fifo$/ : /^[a-zA-Z0-9_-]{1,256}$/;
      if (!re.test(name)) throw new ProviderError(`invalid topic name: ${name}`, undefined, [{ attr: 'name' }]);
    }
    if (fifo.isKnown && fifo.v !== true) {
      const set = (n: string) => { const v = attr(p.config, n); return v.isKnown && !v.isNull && v.v !== '' && v.v !== false; };
      if (set('archive_policy')) throw new ProviderError('message archive policy can only be set for FIFO topics');
      if (set('fifo_throughput_scope')) throw new ProviderError('FIFO throughput scope can only be set for FIFO topics');
      if (set('content_based_deduplication')) throw new ProviderError('content-based deduplication can only be set for FIFO topics');
    }
    return out;
  },

  async create(ctx, planned) {
    const sns = ctx.meta.sns();
    const fifo = attr(planned, 'fifo_topic').v === true;
    const name = generatedName(str(planned, 'name'), str(planned, 'name_prefix'), fifo ? FIFO_SUFFIX : '');
    const tags = Object.entries(tagMap(planned, 'tags_all')).map(([Key, Value]) => ({ Key, Value }));
    const out = await awsCall(`creating SNS Topic (${name})`, () => sns.send(new CreateTopicCommand({
      // FifoTopic (and a FIFO topic's throughput scope) can only be given to CreateTopic.
      Name: name, Attributes: fifo ? { FifoTopic: 'true', ...(str(planned, 'fifo_throughput_scope') ? { FifoThroughputScope: str(planned, 'fifo_throughput_scope')! } : {}) } : undefined,
      Tags: tags.length ? tags : undefined,
    })));
    const arn = out.TopicArn!;
    for (const [tf, api] of ATTRS) {
      if (tf === 'fifo_topic' || (fifo && tf === 'fifo_throughput_scope')) continue;
      const s = wire(attr(planned, tf));
      if (s === undefined || s === '' || s === '0' || s === 'false') continue;
      await setAttribute(ctx.meta, arn, api, s);
    }
    const got = await readTopic(ctx.meta, arn, withAttrs(planned, { id: arn }));
    if (!got) throw new ProviderError(`reading SNS Topic (${arn}): empty result after creation`);
    return got;
  },

  read: (ctx, state) => readTopic(ctx.meta, str(state, 'id')!, state),

  async update(ctx, prior, planned) {
    const arn = str(prior, 'id')!;
    for (const [tf, api] of ATTRS) {
      if (tf === 'fifo_topic') continue;
      const pv = attr(prior, tf), nv = attr(planned, tf);
      if (!nv.isKnown) continue;
      const before = wire(pv) ?? zeroWire(pv), after = wire(nv) ?? zeroWire(nv);
      if (before !== after) await setAttribute(ctx.meta, arn, api, after);
    }
    await updateTags(ctx.meta, arn, tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    const got = await readTopic(ctx.meta, arn, planned);
    if (!got) throw new ProviderError(`reading SNS Topic (${arn}): not found after update`);
    return got;
  },

  async delete(ctx, state) {
    const arn = str(state, 'id')!;
    try {
      await ctx.meta.sns().send(new DeleteTopicCommand({ TopicArn: arn }));
    } catch (e) {
      if (isAwsCode(e, ...SNS_NOT_FOUND)) return;
      await awsCall(`deleting SNS Topic (${arn})`, () => Promise.reject(e));
    }
  },
};

async function setAttribute(meta: AwsMeta, arn: string, name: string, value: string): Promise<void> {
  await awsCall(`setting SNS Topic (${arn}) attribute (${name})`, () =>
    meta.sns().send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: name, AttributeValue: value })));
}

/** Applies the difference between two tags_all maps to an SNS topic. */
export async function updateTags(meta: AwsMeta, arn: string, before: Record<string, string>, after: Record<string, string>): Promise<void> {
  const removed = Object.keys(before).filter((k) => !(k in after));
  const changed = Object.entries(after).filter(([k, v]) => before[k] !== v).map(([Key, Value]) => ({ Key, Value }));
  if (removed.length) await awsCall(`untagging resource (${arn})`, () => meta.sns().send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: removed })));
  if (changed.length) await awsCall(`tagging resource (${arn})`, () => meta.sns().send(new TagResourceCommand({ ResourceArn: arn, Tags: changed })));
}

/** The state of the topic `arn`, or null when it no longer exists. */
export async function readTopic(meta: AwsMeta, arn: string, prior: Value): Promise<Value | null> {
  const sns = meta.sns();
  let attrs: Record<string, string>;
  try {
    attrs = (await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes ?? {};
  } catch (e) {
    if (isAwsCode(e, ...SNS_NOT_FOUND)) return null;
    return awsCall(`reading SNS Topic (${arn})`, () => Promise.reject(e));
  }
  const tags = await awsCall(`listing tags for SNS Topic (${arn})`, () => sns.send(new ListTagsForResourceCommand({ ResourceArn: arn })));
  const values: Record<string, unknown> = {};
  for (const [tf, api, kind] of ATTRS) {
    const raw = attrs[api];
    switch (kind) {
      case 'int': values[tf] = raw === undefined || raw === '' ? 0 : Number(raw); break;
      case 'bool': values[tf] = raw === 'true'; break;
      case 'string': values[tf] = raw ?? ''; break;
      case 'policy': values[tf] = keepEquivalent(str(prior, tf), raw, equivalentPolicy); break;
      case 'json': values[tf] = keepEquivalent(str(prior, tf), raw, equivalentJson); break;
    }
  }
  const name = arn.split(':').pop() ?? '';
  return withAttrs(prior, {
    ...values,
    id: arn, arn, name, owner: attrs['Owner'] ?? '', beginning_archive_time: attrs['BeginningArchiveTime'] ?? '',
    name_prefix: prefixFromName(name, values['fifo_topic'] === true ? FIFO_SUFFIX : '') ?? null,
    ...tagsForState(meta, tags.Tags, prior),
  });
}
