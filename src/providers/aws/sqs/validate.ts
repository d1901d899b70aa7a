/** Plan-time checks of aws_sqs_queue configuration, as hashicorp's validators word them. No AWS SDK import. */
import type { Value } from '../../../lang/value.js';
import type { ProviderDiagnostic } from '../../protocol.js';
import { conflicts, intBetween, stringInSlice, stringIsJson } from './checks.js';

/** Validates an aws_sqs_queue body. */
export function validateQueue(config: Value): ProviderDiagnostic[] {
  return [
    ...conflicts(config, 'name', 'name_prefix'),
    ...conflicts(config, 'kms_master_key_id', 'sqs_managed_sse_enabled'),
    ...intBetween(config, 'delay_seconds', 0, 900),
    ...intBetween(config, 'max_message_size', 1024, 1048576),
    ...intBetween(config, 'message_retention_seconds', 60, 1209600),
    ...intBetween(config, 'visibility_timeout_seconds', 0, 43200),
    ...intBetween(config, 'kms_data_key_reuse_period_seconds', 60, 86400),
    ...stringInSlice(config, 'deduplication_scope', ['messageGroup', 'queue']),
    ...stringInSlice(config, 'fifo_throughput_limit', ['perQueue', 'perMessageGroupId']),
    ...stringIsJson(config, 'policy'),
    ...stringIsJson(config, 'redrive_policy'),
    ...stringIsJson(config, 'redrive_allow_policy'),
  ];
}

/** Validates an aws_sqs_queue_policy body. */
export function validateQueuePolicy(config: Value): ProviderDiagnostic[] {
  return stringIsJson(config, 'policy');
}
