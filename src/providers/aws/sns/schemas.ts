/**
 * Schemas of aws_sns_topic and aws_sns_topic_subscription as hashicorp/aws 5.x defines
 * them (defaults and force-new from its source). No AWS SDK import: schemas load eagerly.
 */
import * as T from '../../../lang/types.js';
import { boolVal, numberVal } from '../../../lang/value.js';
import type { AttributeSchema, Schema } from '../../protocol.js';
import { a, block, schema } from '../schema-dsl.js';
import { tagsAttributes } from '../tags-schema.js';

const S = T.String, N = T.Number, B = T.Bool;

/** The delivery-status feedback protocols of a topic. */
export const FEEDBACK_PROTOCOLS = ['application', 'firehose', 'http', 'lambda', 'sqs'] as const;

const feedback: Record<string, AttributeSchema> = Object.fromEntries(FEEDBACK_PROTOCOLS.flatMap((p) => [
  [`${p}_failure_feedback_role_arn`, a(S, 'o')],
  [`${p}_success_feedback_role_arn`, a(S, 'o')],
  [`${p}_success_feedback_sample_rate`, a(N, 'o')],
]));

/** aws_sns_topic. */
export const topicSchema: Schema = schema(0, block({
  ...feedback,
  archive_policy: a(S, 'o'),
  arn: a(S, 'c'),
  beginning_archive_time: a(S, 'c'),
  content_based_deduplication: a(B, 'o', { default: boolVal(false) }),
  delivery_policy: a(S, 'o'),
  display_name: a(S, 'o'),
  fifo_throughput_scope: a(S, 'oc'),
  fifo_topic: a(B, 'of', { default: boolVal(false) }),
  id: a(S, 'oc'),
  kms_master_key_id: a(S, 'o'),
  name: a(S, 'ocf'),
  name_prefix: a(S, 'ocf'),
  owner: a(S, 'c'),
  policy: a(S, 'oc'),
  signature_version: a(N, 'oc'),
  ...tagsAttributes,
  tracing_config: a(S, 'oc'),
}));

/** aws_sns_topic_subscription. */
export const topicSubscriptionSchema: Schema = schema(0, block({
  arn: a(S, 'c'),
  confirmation_timeout_in_minutes: a(N, 'o', { default: numberVal(1) }),
  confirmation_was_authenticated: a(B, 'c'),
  delivery_policy: a(S, 'o'),
  endpoint: a(S, 'rf'),
  endpoint_auto_confirms: a(B, 'o', { default: boolVal(false) }),
  filter_policy: a(S, 'o'),
  filter_policy_scope: a(S, 'oc'),
  id: a(S, 'oc'),
  owner_id: a(S, 'c'),
  pending_confirmation: a(B, 'c'),
  protocol: a(S, 'rf'),
  raw_message_delivery: a(B, 'o', { default: boolVal(false) }),
  redrive_policy: a(S, 'o'),
  replay_policy: a(S, 'o'),
  subscription_role_arn: a(S, 'o'),
  topic_arn: a(S, 'rf'),
}));
