/**
 * State written by hashicorp/aws (Terraform) for a lock table and a queue, taken over by
 * terrane: upgraded from the stored JSON, refreshed, and planned against the same
 * configuration with no change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness, js } from './harness.js';

let cloud: RunningCloud;
let h: Harness;
const creds = { accessKeyId: 'test', secretAccessKey: 'test' };

beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  h = await new Harness(awsProvider).configure({
    region: 'us-east-1', access_key: 'test', secret_key: 'test', endpoints: [{ dynamodb: cloud.url, sqs: cloud.url, sts: cloud.url }],
  });
});
afterAll(async () => {
  await h?.p.close?.();
  await cloud?.close();
});

async function takeOver(typeName: string, version: number, raw: Record<string, unknown>, cfg: Record<string, unknown>) {
  const up = h.p.upgradeResourceState!({ typeName, version, rawState: raw });
  expect(up.diagnostics).toEqual([]);
  const read = await h.read(typeName, up.upgradedState);
  expect(read).not.toBeNull();
  const plan = await h.plan(typeName, read, cfg);
  expect(plan.diagnostics).toEqual([]);
  expect(plan.requiresReplace).toEqual([]);
  expect(js(plan.plannedState)).toEqual(js(read));
  return read!;
}

describe('state written by hashicorp/aws', () => {
  it('takes over a state-lock table with no change', async () => {
    const ddb = new DynamoDBClient({ endpoint: cloud.url, region: 'us-east-1', credentials: creds });
    await ddb.send(new CreateTableCommand({
      TableName: 'tf-locks', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
    }));
    ddb.destroy();
    const raw = {
      arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/tf-locks', attribute: [{ name: 'LockID', type: 'S' }], billing_mode: 'PAY_PER_REQUEST',
      deletion_protection_enabled: false, global_secondary_index: [], hash_key: 'LockID', id: 'tf-locks', import_table: [], local_secondary_index: [],
      name: 'tf-locks', on_demand_throughput: [], point_in_time_recovery: [{ enabled: false, recovery_period_in_days: 0 }], range_key: null,
      read_capacity: 0, replica: [], restore_date_time: null, restore_source_name: null, restore_source_table_arn: null, restore_to_latest_time: null,
      server_side_encryption: [], stream_arn: '', stream_enabled: false, stream_label: '', stream_view_type: '', table_class: 'STANDARD',
      tags: {}, tags_all: {}, timeouts: null, ttl: [{ attribute_name: '', enabled: false }], write_capacity: 0,
    };
    const cfg = { name: 'tf-locks', billing_mode: 'PAY_PER_REQUEST', hash_key: 'LockID', attribute: [{ name: 'LockID', type: 'S' }] };
    const read = await takeOver('aws_dynamodb_table', 1, raw, cfg);
    expect(js(read)).toMatchObject({ tags: {}, ttl: [{ attribute_name: '', enabled: false }] });
  });

  it('takes over a queue whose policy hashicorp stored normalised', async () => {
    const sqs = new SQSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: creds });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }] };
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'jobs', Attributes: { Policy: JSON.stringify(policy), VisibilityTimeout: '60' } }))).QueueUrl!;
    sqs.destroy();
    const raw = {
      arn: 'arn:aws:sqs:us-east-1:000000000000:jobs', content_based_deduplication: false, deduplication_scope: '', delay_seconds: 0, fifo_queue: false,
      fifo_throughput_limit: '', id: url, kms_data_key_reuse_period_seconds: 300, kms_master_key_id: '', max_message_size: 262144,
      message_retention_seconds: 345600, name: 'jobs', name_prefix: '', receive_wait_time_seconds: 0, redrive_allow_policy: '', redrive_policy: '',
      policy: '{"Statement":[{"Action":"sqs:SendMessage","Effect":"Allow","Principal":"*","Resource":"*"}],"Version":"2012-10-17"}',
      sqs_managed_sse_enabled: true, tags: {}, tags_all: {}, timeouts: null, url, visibility_timeout_seconds: 60,
    };
    const cfg = { name: 'jobs', visibility_timeout_seconds: 60, policy: `{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*" }]\n}` };
    const read = await takeOver('aws_sqs_queue', 0, raw, cfg);
    expect(js(read).policy).toBe(raw.policy);
  });
});
