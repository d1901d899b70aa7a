/** Plan-time checks of SNS configuration, as hashicorp's validators word them. No AWS SDK import. */
import type { Value } from '../../../lang/value.js';
import type { ProviderDiagnostic } from '../../protocol.js';
import { conflicts, intBetween, stringInSlice, stringIsJson } from '../sqs/checks.js';
import { FEEDBACK_PROTOCOLS } from './schemas.js';

/** Validates an aws_sns_topic body. */
export function validateTopic(config: Value): ProviderDiagnostic[] {
  return [
    ...conflicts(config, 'name', 'name_prefix'),
    ...FEEDBACK_PROTOCOLS.flatMap((p) => intBetween(config, `${p}_success_feedback_sample_rate`, 0, 100)),
    ...stringInSlice(config, 'tracing_config', ['PassThrough', 'Active']),
    ...stringInSlice(config, 'fifo_throughput_scope', ['Topic', 'MessageGroup']),
    ...intBetween(config, 'signature_version', 1, 2),
    ...stringIsJson(config, 'policy'),
    ...stringIsJson(config, 'delivery_policy'),
    ...stringIsJson(config, 'archive_policy'),
  ];
}

/** Validates an aws_sns_topic_subscription body. */
export function validateTopicSubscription(config: Value): ProviderDiagnostic[] {
  return [
    ...stringInSlice(config, 'protocol', ['application', 'email', 'email-json', 'firehose', 'http', 'https', 'lambda', 'sms', 'sqs']),
    ...stringInSlice(config, 'filter_policy_scope', ['MessageAttributes', 'MessageBody']),
    ...stringIsJson(config, 'delivery_policy'),
    ...stringIsJson(config, 'filter_policy'),
    ...stringIsJson(config, 'redrive_policy'),
    ...stringIsJson(config, 'replay_policy'),
  ];
}
