/** Plan-time checks of ECR configuration, as hashicorp's validators word them. No AWS SDK import. */
import type { Value } from '../../../lang/value.js';
import type { ProviderDiagnostic } from '../../protocol.js';
import { stringInSlice, stringIsJson } from '../sqs/checks.js';

/** Validates an aws_ecr_repository body. */
export function validateRepository(config: Value): ProviderDiagnostic[] {
  return stringInSlice(config, 'image_tag_mutability', ['MUTABLE', 'IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION']);
}

/** Validates an aws_ecr_lifecycle_policy body. */
export function validateLifecyclePolicy(config: Value): ProviderDiagnostic[] {
  return stringIsJson(config, 'policy');
}
