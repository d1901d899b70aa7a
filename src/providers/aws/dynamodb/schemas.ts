/**
 * The schema of aws_dynamodb_table as hashicorp/aws 5.x defines it (defaults and force-new
 * from its source). No AWS SDK import: schemas load eagerly.
 */
import * as T from '../../../lang/types.js';
import { boolVal, stringVal } from '../../../lang/value.js';
import type { Schema } from '../../protocol.js';
import { a, block, nested, schema, timeoutsBlock } from '../schema-dsl.js';
import { tagsAttributes } from '../tags-schema.js';

const S = T.String, N = T.Number, B = T.Bool;

const onDemandThroughput = nested('list', block({
  max_read_request_units: a(N, 'oc'),
  max_write_request_units: a(N, 'oc'),
}), { max: 1 });

/** aws_dynamodb_table. */
export const tableSchema: Schema = schema(1, block({
  arn: a(S, 'c'),
  billing_mode: a(S, 'o', { default: stringVal('PROVISIONED') }),
  deletion_protection_enabled: a(B, 'o'),
  hash_key: a(S, 'ocf'),
  id: a(S, 'oc'),
  name: a(S, 'rf'),
  range_key: a(S, 'of'),
  read_capacity: a(N, 'oc'),
  restore_date_time: a(S, 'of'),
  restore_source_name: a(S, 'of'),
  restore_source_table_arn: a(S, 'of'),
  restore_to_latest_time: a(B, 'of'),
  stream_arn: a(S, 'c'),
  stream_enabled: a(B, 'o'),
  stream_label: a(S, 'c'),
  stream_view_type: a(S, 'oc'),
  table_class: a(S, 'o', { default: stringVal('STANDARD') }),
  ...tagsAttributes,
  write_capacity: a(N, 'oc'),
}, {
  attribute: nested('set', block({ name: a(S, 'r'), type: a(S, 'r') })),
  global_secondary_index: nested('set', block({
    hash_key: a(S, 'r'),
    name: a(S, 'r'),
    non_key_attributes: a(T.Set(S), 'o'),
    projection_type: a(S, 'r'),
    range_key: a(S, 'o'),
    read_capacity: a(N, 'oc'),
    write_capacity: a(N, 'oc'),
  }, { on_demand_throughput: onDemandThroughput })),
  import_table: nested('list', block({
    input_compression_type: a(S, 'o'),
    input_format: a(S, 'r'),
  }, {
    input_format_options: nested('list', block({}, {
      csv: nested('list', block({ delimiter: a(S, 'o'), header_list: a(T.Set(S), 'o') }), { max: 1 }),
    }), { max: 1 }),
    s3_bucket_source: nested('list', block({ bucket: a(S, 'r'), bucket_owner: a(S, 'o'), key_prefix: a(S, 'o') }), { min: 1, max: 1 }),
  }), { max: 1, forceNew: true }),
  local_secondary_index: nested('set', block({
    name: a(S, 'rf'),
    non_key_attributes: a(T.List(S), 'of'),
    projection_type: a(S, 'rf'),
    range_key: a(S, 'rf'),
  }), { forceNew: true }),
  on_demand_throughput: onDemandThroughput,
  point_in_time_recovery: nested('list', block({ enabled: a(B, 'r'), recovery_period_in_days: a(N, 'oc') }), { max: 1 }),
  replica: nested('set', block({
    arn: a(S, 'c'),
    kms_key_arn: a(S, 'oc'),
    point_in_time_recovery: a(B, 'o', { default: boolVal(false) }),
    propagate_tags: a(B, 'o', { default: boolVal(false) }),
    region_name: a(S, 'r'),
    stream_arn: a(S, 'c'),
    stream_label: a(S, 'c'),
  })),
  server_side_encryption: nested('list', block({ enabled: a(B, 'r'), kms_key_arn: a(S, 'oc') }), { max: 1 }),
  timeouts: timeoutsBlock('create', 'delete', 'update'),
  ttl: nested('list', block({ attribute_name: a(S, 'o'), enabled: a(B, 'o', { default: boolVal(false) }) }), { max: 1 }),
}));
