/**
 * Reading a DynamoDB table into aws_dynamodb_table state the way hashicorp/aws flattens
 * it: DescribeTable plus the TTL, continuous backups and tags calls, with the same
 * zero values ("" , false, 0, one-element ttl and point_in_time_recovery blocks).
 */
import {
  DescribeContinuousBackupsCommand, DescribeTableCommand, DescribeTimeToLiveCommand, ListTagsOfResourceCommand, type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { Value } from '../../../lang/value.js';
import { attr, toJS, withAttrs } from '../../sdk/obj.js';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';
import { tagsForState } from '../tags.js';

/** The resource name hashicorp uses in messages. */
export const TABLE = 'Amazon DynamoDB Table';

/** The table's description, or undefined when it does not exist. */
export async function describeTable(meta: AwsMeta, name: string): Promise<TableDescription | undefined> {
  try {
    return (await meta.dynamodb().send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (e) {
    if (isAwsCode(e, 'ResourceNotFoundException')) return undefined;
    return awsCall(`reading ${TABLE} (${name})`, () => Promise.reject(e));
  }
}

function gsiState(t: TableDescription, prior: Value): unknown[] {
  // Keep each configured non_key_attributes set as written when AWS reports the same names.
  const priorGsis = (toJS(attr(prior, 'global_secondary_index')) as { name: string; on_demand_throughput?: unknown }[] | null) ?? [];
  return (t.GlobalSecondaryIndexes ?? []).map((g) => {
    const hash = g.KeySchema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
    const range = g.KeySchema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
    const nka = g.Projection?.NonKeyAttributes;
    const p = priorGsis.find((x) => x.name === g.IndexName);
    return {
      name: g.IndexName, hash_key: hash, range_key: range ?? null, projection_type: g.Projection?.ProjectionType,
      non_key_attributes: nka?.length ? nka : null,
      read_capacity: g.ProvisionedThroughput?.ReadCapacityUnits ?? 0, write_capacity: g.ProvisionedThroughput?.WriteCapacityUnits ?? 0,
      // AWS reports -1 (no limit) for on-demand indexes without a configured maximum.
      on_demand_throughput: g.OnDemandThroughput && ((g.OnDemandThroughput.MaxReadRequestUnits ?? 0) > 0 || (g.OnDemandThroughput.MaxWriteRequestUnits ?? 0) > 0)
        ? [{ max_read_request_units: g.OnDemandThroughput.MaxReadRequestUnits ?? 0, max_write_request_units: g.OnDemandThroughput.MaxWriteRequestUnits ?? 0 }]
        : p?.on_demand_throughput ?? [],
    };
  });
}

function lsiState(t: TableDescription): unknown[] {
  return (t.LocalSecondaryIndexes ?? []).map((l) => ({
    name: l.IndexName, range_key: l.KeySchema?.find((k) => k.KeyType === 'RANGE')?.AttributeName,
    projection_type: l.Projection?.ProjectionType,
    non_key_attributes: l.Projection?.NonKeyAttributes?.length ? l.Projection.NonKeyAttributes : null,
  }));
}

/** The full state of table `name`, or null when it no longer exists. */
export async function readTable(meta: AwsMeta, name: string, prior: Value): Promise<Value | null> {
  const t = await describeTable(meta, name);
  if (!t) return null;
  const ddb = meta.dynamodb();
  const [ttl, backups, tags] = await Promise.all([
    awsCall(`reading ${TABLE} (${name}) time to live`, () => ddb.send(new DescribeTimeToLiveCommand({ TableName: name }))),
    awsCall(`reading ${TABLE} (${name}) continuous backups`, () => ddb.send(new DescribeContinuousBackupsCommand({ TableName: name }))),
    awsCall(`listing tags for ${TABLE} (${t.TableArn})`, () => ddb.send(new ListTagsOfResourceCommand({ ResourceArn: t.TableArn }))),
  ]);
  const hash = t.KeySchema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
  const range = t.KeySchema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  const stream = t.StreamSpecification;
  const ttlDesc = ttl.TimeToLiveDescription;
  const ttlOn = ttlDesc?.TimeToLiveStatus === 'ENABLED' || ttlDesc?.TimeToLiveStatus === 'ENABLING';
  const pitr = backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
  const sse = t.SSEDescription;
  const odt = t.OnDemandThroughput;
  return withAttrs(prior, {
    id: t.TableName, name: t.TableName, arn: t.TableArn,
    attribute: (t.AttributeDefinitions ?? []).map((d) => ({ name: d.AttributeName, type: d.AttributeType })),
    billing_mode: t.BillingModeSummary?.BillingMode ?? 'PROVISIONED',
    read_capacity: t.ProvisionedThroughput?.ReadCapacityUnits ?? 0,
    write_capacity: t.ProvisionedThroughput?.WriteCapacityUnits ?? 0,
    hash_key: hash,
    range_key: range ?? attr(prior, 'range_key'),
    global_secondary_index: gsiState(t, prior),
    local_secondary_index: lsiState(t),
    stream_enabled: stream?.StreamEnabled ?? false,
    stream_view_type: stream?.StreamEnabled ? stream.StreamViewType ?? '' : '',
    stream_arn: t.LatestStreamArn ?? '',
    stream_label: t.LatestStreamLabel ?? '',
    server_side_encryption: sse ? [{ enabled: sse.Status === 'ENABLED' || sse.Status === 'ENABLING', kms_key_arn: sse.KMSMasterKeyArn ?? '' }] : [],
    ttl: [{ attribute_name: ttlOn ? ttlDesc?.AttributeName ?? '' : '', enabled: ttlOn }],
    point_in_time_recovery: [{ enabled: pitr?.PointInTimeRecoveryStatus === 'ENABLED', recovery_period_in_days: pitr?.RecoveryPeriodInDays ?? 0 }],
    table_class: t.TableClassSummary?.TableClass ?? 'STANDARD',
    deletion_protection_enabled: t.DeletionProtectionEnabled ?? false,
    on_demand_throughput: odt && ((odt.MaxReadRequestUnits ?? 0) > 0 || (odt.MaxWriteRequestUnits ?? 0) > 0)
      ? [{ max_read_request_units: odt.MaxReadRequestUnits ?? 0, max_write_request_units: odt.MaxWriteRequestUnits ?? 0 }]
      : [],
    // Not readable back from AWS: kept from configuration (an import starts with none).
    import_table: attr(prior, 'import_table').isNull ? [] : attr(prior, 'import_table'),
    replica: (t.Replicas ?? []).map((r) => ({ region_name: r.RegionName, kms_key_arn: r.KMSMasterKeyId ?? '', point_in_time_recovery: false, propagate_tags: false, arn: '', stream_arn: '', stream_label: '' })),
    ...tagsForState(meta, tags.Tags, prior),
  });
}
