/**
 * aws_dynamodb_table through the provider protocol against the in-process cloud: the
 * Terraform state-lock table plans clean after apply with hashicorp's state, in-place
 * updates (capacity, billing, indexes, TTL, recovery, streams, tags), replacement, drift
 * seen, import by name, destroy, plan-time checks and AWS errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTableCommand, DescribeContinuousBackupsCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, ListTablesCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { nullVal, type Value } from '../../src/lang/value.js';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness, js } from './harness.js';

let cloud: RunningCloud;
let h: Harness;
let ddb: DynamoDBClient;

beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  h = await new Harness(awsProvider).configure({
    region: 'us-east-1', access_key: 'test', secret_key: 'test', endpoints: [{ dynamodb: cloud.url, sts: cloud.url }],
  });
  ddb = new DynamoDBClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  ddb?.destroy();
  await h?.p.close?.();
  await cloud?.close();
});

const D = 'aws_dynamodb_table';

async function step(prior: Value, cfg: Record<string, unknown>): Promise<Value> {
  const pl = await h.plan(D, prior, cfg);
  expect(pl.diagnostics).toEqual([]);
  expect(pl.requiresReplace).toEqual([]);
  return h.expectNoChange(D, await h.apply(D, prior, pl.plannedState, cfg), cfg);
}

describe('aws_dynamodb_table', () => {
  it('creates the Terraform state-lock table with hashicorp state and plans clean after apply', async () => {
    const cfg = { name: 'terraform-locks', billing_mode: 'PAY_PER_REQUEST', hash_key: 'LockID', attribute: [{ name: 'LockID', type: 'S' }] };
    const pl = await h.plan(D, null, cfg);
    expect(pl.diagnostics).toEqual([]);
    expect(pl.plannedState.attrs.get('arn')!.isKnown).toBe(false);
    const s = await h.apply(D, null, pl.plannedState, cfg);
    expect(js(s)).toMatchObject({
      id: 'terraform-locks', name: 'terraform-locks', arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/terraform-locks',
      billing_mode: 'PAY_PER_REQUEST', hash_key: 'LockID', range_key: null, read_capacity: 0, write_capacity: 0,
      attribute: [{ name: 'LockID', type: 'S' }], global_secondary_index: [], local_secondary_index: [],
      stream_enabled: false, stream_view_type: '', stream_arn: '', stream_label: '', table_class: 'STANDARD',
      deletion_protection_enabled: false, server_side_encryption: [], ttl: [{ attribute_name: '', enabled: false }],
      point_in_time_recovery: [{ enabled: false, recovery_period_in_days: 0 }], tags: null, tags_all: {},
    });
    await h.expectNoChange(D, s, cfg);
  });

  it('updates capacity, billing, indexes, TTL, recovery, streams and tags in place', async () => {
    const base = {
      name: 'orders', hash_key: 'pk', range_key: 'sk', read_capacity: 2, write_capacity: 2,
      attribute: [{ name: 'pk', type: 'S' }, { name: 'sk', type: 'S' }],
    };
    let s = await h.expectNoChange(D, await h.create(D, base), base);

    const withGsi = {
      ...base, read_capacity: 5,
      attribute: [...base.attribute, { name: 'status', type: 'S' }],
      global_secondary_index: [{ name: 'by-status', hash_key: 'status', projection_type: 'INCLUDE', non_key_attributes: ['total'], read_capacity: 1, write_capacity: 1 }],
      ttl: [{ attribute_name: 'expires', enabled: true }],
      point_in_time_recovery: [{ enabled: true }],
      tags: { Env: 'dev' },
    };
    s = await step(s, withGsi);
    const t = (await ddb.send(new DescribeTableCommand({ TableName: 'orders' }))).Table!;
    expect(t.ProvisionedThroughput?.ReadCapacityUnits).toBe(5);
    expect(t.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual(['by-status']);
    expect((await ddb.send(new DescribeTimeToLiveCommand({ TableName: 'orders' }))).TimeToLiveDescription?.AttributeName).toBe('expires');
    expect((await ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'orders' }))).ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe('ENABLED');

    const streamed = { ...withGsi, stream_enabled: true, stream_view_type: 'NEW_AND_OLD_IMAGES', deletion_protection_enabled: true };
    s = await step(s, streamed);
    expect(js(s).stream_arn).toMatch(/^arn:aws:dynamodb:us-east-1:000000000000:table\/orders\/stream\//);
    expect(js(s).stream_label).toBe((js(s).stream_arn as string).split('/stream/')[1]);

    const onDemand = {
      ...streamed, billing_mode: 'PAY_PER_REQUEST', read_capacity: undefined, write_capacity: undefined, deletion_protection_enabled: false,
      global_secondary_index: [{ name: 'by-status', hash_key: 'status', projection_type: 'INCLUDE', non_key_attributes: ['total'] }],
      ttl: undefined, point_in_time_recovery: [{ enabled: false }],
    };
    s = await step(s, onDemand);
    expect(js(s)).toMatchObject({ billing_mode: 'PAY_PER_REQUEST', read_capacity: 0, write_capacity: 0, deletion_protection_enabled: false });
    expect(js(s).ttl).toEqual([{ attribute_name: 'expires', enabled: true }]);

    // Back to provisioned billing: the table and its index get capacity in the same change.
    const provisioned = {
      ...onDemand, billing_mode: 'PROVISIONED', read_capacity: 4, write_capacity: 4,
      global_secondary_index: [{ name: 'by-status', hash_key: 'status', projection_type: 'INCLUDE', non_key_attributes: ['total'], read_capacity: 2, write_capacity: 3 }],
    };
    s = await step(s, provisioned);
    const back = (await ddb.send(new DescribeTableCommand({ TableName: 'orders' }))).Table!;
    expect(back.BillingModeSummary?.BillingMode).toBe('PROVISIONED');
    expect(back.GlobalSecondaryIndexes?.[0]?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 2, WriteCapacityUnits: 3 });

    const repl = await h.plan(D, s, { ...onDemand, hash_key: 'sk', range_key: 'pk' });
    expect(repl.diagnostics).toEqual([]);
    expect(repl.requiresReplace).toContainEqual([{ attr: 'range_key' }]);
    const lsi = await h.plan(D, s, { ...onDemand, local_secondary_index: [{ name: 'l', range_key: 'status', projection_type: 'ALL' }] });
    expect(lsi.requiresReplace).toContainEqual([{ attr: 'local_secondary_index' }]);
    await h.destroy(D, s);
    expect(await h.read(D, s)).toBeNull();
  });

  it('creates local and global secondary indexes that read back as configured', async () => {
    const cfg = {
      name: 'events', hash_key: 'tenant', range_key: 'at', billing_mode: 'PAY_PER_REQUEST',
      attribute: [{ name: 'tenant', type: 'S' }, { name: 'at', type: 'N' }, { name: 'kind', type: 'S' }, { name: 'user', type: 'S' }],
      local_secondary_index: [{ name: 'by-kind', range_key: 'kind', projection_type: 'INCLUDE', non_key_attributes: ['payload'] }],
      global_secondary_index: [{ name: 'by-user', hash_key: 'user', range_key: 'at', projection_type: 'KEYS_ONLY' }],
    };
    const s = await h.expectNoChange(D, await h.create(D, cfg), cfg);
    expect(js(s).local_secondary_index).toEqual([{ name: 'by-kind', range_key: 'kind', projection_type: 'INCLUDE', non_key_attributes: ['payload'] }]);
    expect(js(s).global_secondary_index).toEqual([{
      name: 'by-user', hash_key: 'user', range_key: 'at', projection_type: 'KEYS_ONLY', non_key_attributes: null,
      read_capacity: 0, write_capacity: 0, on_demand_throughput: [],
    }]);
    const t = (await ddb.send(new DescribeTableCommand({ TableName: 'events' }))).Table!;
    expect(t.LocalSecondaryIndexes?.[0]?.Projection?.NonKeyAttributes).toEqual(['payload']);
  });

  it('caps on-demand throughput and changes the cap in place', async () => {
    const cfg = { name: 'capped', hash_key: 'id', billing_mode: 'PAY_PER_REQUEST', attribute: [{ name: 'id', type: 'S' }], on_demand_throughput: [{ max_read_request_units: 100 }] };
    const s = await h.expectNoChange(D, await h.create(D, cfg), cfg);
    expect(js(s).on_demand_throughput).toEqual([{ max_read_request_units: 100, max_write_request_units: -1 }]);
    const more = await step(s, { ...cfg, on_demand_throughput: [{ max_read_request_units: 200 }] });
    expect(js(more).on_demand_throughput).toEqual([{ max_read_request_units: 200, max_write_request_units: -1 }]);
    expect((await ddb.send(new DescribeTableCommand({ TableName: 'capped' }))).Table?.OnDemandThroughput).toEqual({ MaxReadRequestUnits: 200, MaxWriteRequestUnits: -1 });
  });

  it('keeps encryption with the AWS key and a table class, plans clean, and switches the class in place', async () => {
    const cfg = {
      name: 'secure', hash_key: 'id', billing_mode: 'PAY_PER_REQUEST', attribute: [{ name: 'id', type: 'S' }],
      server_side_encryption: [{ enabled: true }], table_class: 'STANDARD_INFREQUENT_ACCESS',
    };
    const s = await h.expectNoChange(D, await h.create(D, cfg), cfg);
    expect(js(s).server_side_encryption).toEqual([{ enabled: true, kms_key_arn: expect.stringMatching(/^arn:aws:kms:us-east-1:000000000000:key\//) }]);
    const pitr = await step(s, { ...cfg, point_in_time_recovery: [{ enabled: true, recovery_period_in_days: 7 }] });
    expect(js(pitr).point_in_time_recovery).toEqual([{ enabled: true, recovery_period_in_days: 7 }]);
    const std = await step(pitr, { ...cfg, table_class: 'STANDARD', point_in_time_recovery: [{ enabled: true, recovery_period_in_days: 7 }] });
    expect(js(std).table_class).toBe('STANDARD');
    expect(js((await h.plan(D, std, { ...cfg, table_class: undefined })).plannedState).table_class).toBe('STANDARD');
  });

  it('sees a change made outside, imports by name with no change planned, and destroys', async () => {
    await ddb.send(new CreateTableCommand({
      TableName: 'made-by-hand', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 3 },
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
    }));
    const imp = await h.importState(D, 'made-by-hand');
    expect(imp.diagnostics).toEqual([]);
    const cfg = { name: 'made-by-hand', hash_key: 'id', read_capacity: 3, write_capacity: 3, attribute: [{ name: 'id', type: 'N' }] };
    const s = await h.expectNoChange(D, imp.importedResources[0]!.state, cfg);

    await ddb.send(new UpdateTableCommand({ TableName: 'made-by-hand', ProvisionedThroughput: { ReadCapacityUnits: 9, WriteCapacityUnits: 3 } }));
    const drift = await h.read(D, s);
    expect(js(drift).read_capacity).toBe(9);
    const fix = await h.plan(D, drift, cfg);
    expect(js(fix.plannedState).read_capacity).toBe(3);
    expect(fix.requiresReplace).toEqual([]);

    await h.destroy(D, drift!);
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).not.toContain('made-by-hand');
  });

  it.each([
    { name: 'an unused attribute', cfg: { name: 'x1', hash_key: 'a', billing_mode: 'PAY_PER_REQUEST', attribute: [{ name: 'a', type: 'S' }, { name: 'b', type: 'S' }] }, msg: 'all attributes must be indexed. Unused attributes: ["b"]' },
    { name: 'an undefined key', cfg: { name: 'x2', hash_key: 'a', range_key: 'r', billing_mode: 'PAY_PER_REQUEST', attribute: [{ name: 'a', type: 'S' }] }, msg: 'all indexes must match a defined attribute. Unmatched indexes: ["r"]' },
    { name: 'a stream without a view type', cfg: { name: 'x3', hash_key: 'a', billing_mode: 'PAY_PER_REQUEST', stream_enabled: true, attribute: [{ name: 'a', type: 'S' }] }, msg: 'stream_view_type is required when stream_enabled = true' },
    { name: 'provisioned without capacity', cfg: { name: 'x4', hash_key: 'a', attribute: [{ name: 'a', type: 'S' }] }, msg: 'read_capacity must be at least 1 when billing_mode is "PROVISIONED"' },
  ])('rejects $name at plan', async ({ cfg, msg }) => {
    const pl = await h.plan(D, null, cfg);
    expect(pl.diagnostics.map((d) => d.summary)).toContain(msg);
  });

  it('reports an AWS error with the operation, code and message', async () => {
    const cfg = { name: 'x', hash_key: 'a', billing_mode: 'PAY_PER_REQUEST', attribute: [{ name: 'a', type: 'S' }] };
    const pl = await h.plan(D, null, cfg);
    const r = await h.p.applyResourceChange({ typeName: D, priorState: nullVal(h.type(D)), plannedState: pl.plannedState, config: h.config(D, cfg) } as never);
    expect(r.diagnostics[0]?.summary).toMatch(/^creating Amazon DynamoDB Table \(x\): ValidationException: 1 validation error detected: Value 'x' at 'tableName'/);
  });
});
