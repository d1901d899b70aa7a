/**
 * The aws_s3_bucket schema as hashicorp/aws 5.x defines it, with the deprecated inline
 * configuration blocks (versioning, lifecycle_rule, server_side_encryption_configuration ...)
 * that are optional and computed: unset, they take what the bucket has (bucket.ts plans them
 * from prior state). No AWS SDK import: schemas load eagerly.
 */
import * as T from '../../../lang/types.js';
import { boolVal } from '../../../lang/value.js';
import type { Schema } from '../../protocol.js';
import { a, block, nested, schema, timeoutsBlock } from '../schema-dsl.js';

const S = T.String;
const N = T.Number;
const B = T.Bool;
const tagsMap = T.Map(T.String);
const dep = (name: string, instead: string) => ({ deprecated: `${name} is deprecated. ${instead}` });

const corsRule = block({
  allowed_headers: a(T.List(S), 'o'),
  allowed_methods: a(T.List(S), 'r'),
  allowed_origins: a(T.List(S), 'r'),
  expose_headers: a(T.List(S), 'o'),
  max_age_seconds: a(N, 'o'),
});

const grant = block({
  id: a(S, 'o'),
  permissions: a(T.Set(S), 'r'),
  type: a(S, 'r'),
  uri: a(S, 'o'),
});

const lifecycleRule = block(
  {
    abort_incomplete_multipart_upload_days: a(N, 'o'),
    enabled: a(B, 'r'),
    id: a(S, 'oc'),
    prefix: a(S, 'o'),
    tags: a(tagsMap, 'o'),
  },
  {
    expiration: nested('list', block({ date: a(S, 'o'), days: a(N, 'o'), expired_object_delete_marker: a(B, 'o') }), { max: 1 }),
    noncurrent_version_expiration: nested('list', block({ days: a(N, 'o') }), { max: 1 }),
    noncurrent_version_transition: nested('set', block({ days: a(N, 'o'), storage_class: a(S, 'r') })),
    transition: nested('set', block({ date: a(S, 'o'), days: a(N, 'o'), storage_class: a(S, 'r') })),
  },
);

const objectLockConfiguration = block(
  { object_lock_enabled: a(S, 'of') },
  {
    rule: nested('list', block({}, {
      default_retention: nested('list', block({ days: a(N, 'o'), mode: a(S, 'r'), years: a(N, 'o') }), { min: 1, max: 1 }),
    }), { max: 1 }),
  },
);

const replicationDestination = block(
  { account_id: a(S, 'o'), bucket: a(S, 'r'), replica_kms_key_id: a(S, 'o'), storage_class: a(S, 'o') },
  {
    access_control_translation: nested('list', block({ owner: a(S, 'r') }), { max: 1 }),
    metrics: nested('list', block({ minutes: a(N, 'o'), status: a(S, 'o') }), { max: 1 }),
    replication_time: nested('list', block({ minutes: a(N, 'o'), status: a(S, 'o') }), { max: 1 }),
  },
);

const replicationConfiguration = block(
  { role: a(S, 'r') },
  {
    rules: nested('set', block(
      {
        delete_marker_replication_status: a(S, 'o'),
        id: a(S, 'o'),
        prefix: a(S, 'o'),
        priority: a(N, 'o'),
        status: a(S, 'r'),
      },
      {
        destination: nested('list', replicationDestination, { min: 1, max: 1 }),
        filter: nested('list', block({ prefix: a(S, 'o'), tags: a(tagsMap, 'o') }), { max: 1 }),
        source_selection_criteria: nested('list', block({}, {
          sse_kms_encrypted_objects: nested('list', block({ enabled: a(B, 'r') }), { max: 1 }),
        }), { max: 1 }),
      },
    ), { min: 1 }),
  },
);

const sseConfiguration = block({}, {
  rule: nested('list', block(
    { bucket_key_enabled: a(B, 'o') },
    { apply_server_side_encryption_by_default: nested('list', block({ kms_master_key_id: a(S, 'o'), sse_algorithm: a(S, 'r') }), { min: 1, max: 1 }) },
  ), { min: 1, max: 1 }),
});

/**
 * The deprecated blocks hashicorp marks Optional+Computed: when the configuration leaves
 * one out, the plan keeps what the bucket has instead of planning its removal.
 */
export const BUCKET_COMPUTED_BLOCKS = [
  'cors_rule', 'grant', 'lifecycle_rule', 'logging', 'object_lock_configuration', 'replication_configuration',
  'server_side_encryption_configuration', 'versioning', 'website',
] as const;

/** aws_s3_bucket. */
export const bucketSchema: Schema = schema(0, block(
  {
    acceleration_status: a(S, 'oc', dep('acceleration_status', 'Use the aws_s3_bucket_accelerate_configuration resource instead.')),
    acl: a(S, 'oc', dep('acl', 'Use the aws_s3_bucket_acl resource instead.')),
    arn: a(S, 'c'),
    bucket: a(S, 'ocf'),
    bucket_domain_name: a(S, 'c'),
    bucket_prefix: a(S, 'ocf'),
    bucket_regional_domain_name: a(S, 'c'),
    force_destroy: a(B, 'o', { default: boolVal(false) }),
    hosted_zone_id: a(S, 'c'),
    id: a(S, 'oc'),
    object_lock_enabled: a(B, 'ocf'),
    policy: a(S, 'oc', dep('policy', 'Use the aws_s3_bucket_policy resource instead.')),
    region: a(S, 'c'),
    request_payer: a(S, 'oc', dep('request_payer', 'Use the aws_s3_bucket_request_payment_configuration resource instead.')),
    tags: a(tagsMap, 'o'),
    tags_all: a(tagsMap, 'oc'),
    website_domain: a(S, 'c', dep('website_domain', 'Use the aws_s3_bucket_website_configuration resource instead.')),
    website_endpoint: a(S, 'c', dep('website_endpoint', 'Use the aws_s3_bucket_website_configuration resource instead.')),
  },
  {
    cors_rule: nested('list', corsRule),
    grant: nested('set', grant),
    lifecycle_rule: nested('list', lifecycleRule),
    logging: nested('list', block({ target_bucket: a(S, 'r'), target_prefix: a(S, 'o') }), { max: 1 }),
    object_lock_configuration: nested('list', objectLockConfiguration, { max: 1 }),
    replication_configuration: nested('list', replicationConfiguration, { max: 1 }),
    server_side_encryption_configuration: nested('list', sseConfiguration, { max: 1 }),
    timeouts: timeoutsBlock('create', 'read', 'update', 'delete'),
    versioning: nested('list', block({
      enabled: a(B, 'o', { default: boolVal(false) }),
      mfa_delete: a(B, 'o', { default: boolVal(false) }),
    }), { max: 1 }),
    website: nested('list', block({
      error_document: a(S, 'o'), index_document: a(S, 'o'), redirect_all_requests_to: a(S, 'o'), routing_rules: a(S, 'o'),
    }), { max: 1 }),
  },
));
