/**
 * Schemas of aws_ecr_repository and aws_ecr_lifecycle_policy as hashicorp/aws 5.x defines
 * them (defaults and force-new from its source). No AWS SDK import: schemas load eagerly.
 */
import * as T from '../../../lang/types.js';
import { stringVal } from '../../../lang/value.js';
import type { Schema } from '../../protocol.js';
import { a, block, nested, schema, timeoutsBlock } from '../schema-dsl.js';
import { tagsAttributes } from '../tags-schema.js';

const S = T.String, B = T.Bool;

/** aws_ecr_repository. */
export const repositorySchema: Schema = schema(0, block({
  arn: a(S, 'c'),
  force_delete: a(B, 'o'),
  id: a(S, 'oc'),
  image_tag_mutability: a(S, 'o', { default: stringVal('MUTABLE') }),
  name: a(S, 'rf'),
  registry_id: a(S, 'c'),
  repository_url: a(S, 'c'),
  ...tagsAttributes,
}, {
  // Forces a new repository; planned in repository.ts because a missing block means
  // "AWS's default" (SuppressMissingOptionalConfigurationBlock) rather than a change.
  encryption_configuration: nested('list', block({
    encryption_type: a(S, 'o', { default: stringVal('AES256') }),
    kms_key: a(S, 'oc'),
  })),
  image_scanning_configuration: nested('list', block({ scan_on_push: a(B, 'r') }), { max: 1 }),
  timeouts: timeoutsBlock('delete'),
}));

/** aws_ecr_lifecycle_policy. */
export const lifecyclePolicySchema: Schema = schema(0, block({
  id: a(S, 'oc'),
  policy: a(S, 'rf'),
  registry_id: a(S, 'c'),
  repository: a(S, 'rf'),
}));
