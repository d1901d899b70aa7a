/**
 * Schemas of the S3 bucket configuration resources and aws_s3_object, as hashicorp/aws 5.x
 * defines them (force-new and defaults from its source). No AWS SDK import.
 */
import * as T from '../../../lang/types.js';
import { boolVal } from '../../../lang/value.js';
import type { Schema } from '../../protocol.js';
import { a, block, nested, schema, timeoutsBlock } from '../schema-dsl.js';

const S = T.String;
const N = T.Number;
const B = T.Bool;
const no = boolVal(false);

/** aws_s3_bucket_versioning. */
export const bucketVersioningSchema: Schema = schema(0, block(
  {
    bucket: a(S, 'rf'),
    expected_bucket_owner: a(S, 'of'),
    id: a(S, 'oc'),
    mfa: a(S, 'o'),
  },
  {
    versioning_configuration: nested('list', block({ mfa_delete: a(S, 'oc'), status: a(S, 'r') }), { min: 1, max: 1 }),
  },
));

const lifecycleFilterAnd = block({
  object_size_greater_than: a(N, 'oc'),
  object_size_less_than: a(N, 'oc'),
  prefix: a(S, 'oc'),
  tags: a(T.Map(S), 'o'),
});

const lifecycleFilter = block(
  { object_size_greater_than: a(N, 'oc'), object_size_less_than: a(N, 'oc'), prefix: a(S, 'oc') },
  {
    and: nested('list', lifecycleFilterAnd),
    tag: nested('list', block({ key: a(S, 'r'), value: a(S, 'r') })),
  },
);

/** aws_s3_bucket_lifecycle_configuration (a plugin-framework resource, schema version 1). */
export const bucketLifecycleSchema: Schema = schema(1, block(
  {
    bucket: a(S, 'rf'),
    expected_bucket_owner: a(S, 'ocf'),
    id: a(S, 'c', { deprecated: 'Use the "bucket" attribute instead.' }),
    transition_default_minimum_object_size: a(S, 'oc'),
  },
  {
    rule: nested('list', block(
      {
        id: a(S, 'r'),
        prefix: a(S, 'oc', { deprecated: "Specify a prefix using 'filter' instead" }),
        status: a(S, 'r'),
      },
      {
        abort_incomplete_multipart_upload: nested('list', block({ days_after_initiation: a(N, 'o') })),
        expiration: nested('list', block({ date: a(S, 'o'), days: a(N, 'oc'), expired_object_delete_marker: a(B, 'oc') })),
        filter: nested('list', lifecycleFilter),
        noncurrent_version_expiration: nested('list', block({ newer_noncurrent_versions: a(N, 'oc'), noncurrent_days: a(N, 'r') })),
        noncurrent_version_transition: nested('set', block({ newer_noncurrent_versions: a(N, 'oc'), noncurrent_days: a(N, 'r'), storage_class: a(S, 'r') })),
        transition: nested('set', block({ date: a(S, 'o'), days: a(N, 'oc'), storage_class: a(S, 'r') })),
      },
    )),
    timeouts: timeoutsBlock('create', 'update'),
  },
));

/** aws_s3_bucket_policy. */
export const bucketPolicySchema: Schema = schema(0, block({
  bucket: a(S, 'rf'),
  id: a(S, 'oc'),
  policy: a(S, 'r'),
}));

/** aws_s3_bucket_public_access_block. */
export const bucketPublicAccessBlockSchema: Schema = schema(0, block({
  block_public_acls: a(B, 'o', { default: no }),
  block_public_policy: a(B, 'o', { default: no }),
  bucket: a(S, 'rf'),
  id: a(S, 'oc'),
  ignore_public_acls: a(B, 'o', { default: no }),
  restrict_public_buckets: a(B, 'o', { default: no }),
}));

/** aws_s3_bucket_server_side_encryption_configuration. */
export const bucketSseSchema: Schema = schema(0, block(
  {
    bucket: a(S, 'rf'),
    expected_bucket_owner: a(S, 'of'),
    id: a(S, 'oc'),
  },
  {
    rule: nested('set', block(
      { bucket_key_enabled: a(B, 'o') },
      { apply_server_side_encryption_by_default: nested('list', block({ kms_master_key_id: a(S, 'o'), sse_algorithm: a(S, 'r') }), { max: 1 }) },
    ), { min: 1 }),
  },
));

/** aws_s3_bucket_ownership_controls. */
export const bucketOwnershipControlsSchema: Schema = schema(0, block(
  { bucket: a(S, 'rf'), id: a(S, 'oc') },
  { rule: nested('list', block({ object_ownership: a(S, 'r') }), { min: 1, max: 1 }) },
));

/** aws_s3_object. */
export const objectSchema: Schema = schema(0, block(
  {
    acl: a(S, 'oc'),
    arn: a(S, 'c'),
    bucket: a(S, 'rf'),
    bucket_key_enabled: a(B, 'oc'),
    cache_control: a(S, 'o'),
    checksum_algorithm: a(S, 'o'),
    checksum_crc32: a(S, 'c'),
    checksum_crc32c: a(S, 'c'),
    checksum_crc64nvme: a(S, 'c'),
    checksum_sha1: a(S, 'c'),
    checksum_sha256: a(S, 'c'),
    content: a(S, 'o'),
    content_base64: a(S, 'o'),
    content_disposition: a(S, 'o'),
    content_encoding: a(S, 'o'),
    content_language: a(S, 'o'),
    content_type: a(S, 'oc'),
    etag: a(S, 'oc'),
    force_destroy: a(B, 'o', { default: no }),
    id: a(S, 'oc'),
    key: a(S, 'rf'),
    kms_key_id: a(S, 'oc'),
    metadata: a(T.Map(S), 'o'),
    object_lock_legal_hold_status: a(S, 'o'),
    object_lock_mode: a(S, 'o'),
    object_lock_retain_until_date: a(S, 'o'),
    server_side_encryption: a(S, 'oc'),
    source: a(S, 'o'),
    source_hash: a(S, 'o'),
    storage_class: a(S, 'oc'),
    tags: a(T.Map(S), 'o'),
    tags_all: a(T.Map(S), 'oc'),
    version_id: a(S, 'c'),
    website_redirect: a(S, 'o'),
  },
  {
    override_provider: nested('list', block({}, {
      default_tags: nested('list', block({ tags: a(T.Map(S), 'o') }), { max: 1 }),
    }), { max: 1 }),
  },
));
