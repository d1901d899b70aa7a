/**
 * Schemas of aws_sqs_queue and aws_sqs_queue_policy as hashicorp/aws 5.x defines them
 * (defaults and force-new from its source). No AWS SDK import: schemas load eagerly.
 */
import * as T from '../../../lang/types.js';
import { boolVal, numberVal } from '../../../lang/value.js';
import type { Schema } from '../../protocol.js';
import { a, block, schema, timeoutsBlock } from '../schema-dsl.js';
import { tagsAttributes } from '../tags-schema.js';

const S = T.String, N = T.Number, B = T.Bool;

/** aws_sqs_queue. */
export const queueSchema: Schema = schema(0, block({
  arn: a(S, 'c'),
  content_based_deduplication: a(B, 'o', { default: boolVal(false) }),
  deduplication_scope: a(S, 'oc'),
  delay_seconds: a(N, 'o', { default: numberVal(0) }),
  fifo_queue: a(B, 'of', { default: boolVal(false) }),
  fifo_throughput_limit: a(S, 'oc'),
  id: a(S, 'oc'),
  kms_data_key_reuse_period_seconds: a(N, 'oc'),
  kms_master_key_id: a(S, 'o'),
  max_message_size: a(N, 'o', { default: numberVal(262144) }),
  message_retention_seconds: a(N, 'o', { default: numberVal(345600) }),
  name: a(S, 'ocf'),
  name_prefix: a(S, 'ocf'),
  policy: a(S, 'oc'),
  receive_wait_time_seconds: a(N, 'o', { default: numberVal(0) }),
  redrive_allow_policy: a(S, 'oc'),
  redrive_policy: a(S, 'oc'),
  sqs_managed_sse_enabled: a(B, 'oc'),
  ...tagsAttributes,
  url: a(S, 'c'),
  visibility_timeout_seconds: a(N, 'o', { default: numberVal(30) }),
}, { timeouts: timeoutsBlock('create', 'delete', 'update') }));

/** aws_sqs_queue_policy. */
export const queuePolicySchema: Schema = schema(1, block({
  id: a(S, 'oc'),
  policy: a(S, 'r'),
  queue_url: a(S, 'rf'),
}));
