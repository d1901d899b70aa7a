/**
 * The messaging stack (SNS, SQS, DynamoDB lock table, ECR) through the engine's Workdir API
 * and the real aws provider against the in-process cloud: apply, then a plan with no
 * changes (policies written with jsonencode survive AWS's re-serialisation), the message
 * path works end to end, and destroy leaves nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ListQueuesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { Workdir } from '../../src/apply/workdir.js';

let cloud: RunningCloud;
const saved = process.env.TERRANE_CLOUD_ENDPOINT;

beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  process.env.TERRANE_CLOUD_ENDPOINT = cloud.url;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.TERRANE_CLOUD_ENDPOINT;
  else process.env.TERRANE_CLOUD_ENDPOINT = saved;
  await cloud?.close();
});

const clientOpts = () => ({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

async function run(wd: Workdir, mode?: 'destroy') {
  const { state } = await wd.readState();
  const p = await wd.plan(state, { variables: new Map(), ...(mode ? { mode } : {}) });
  expect(p.diags.filter((d) => d.severity === 'error')).toEqual([]);
  const a = await wd.apply(p, { variables: new Map() });
  expect(a.diags.filter((d) => d.severity === 'error')).toEqual([]);
  return p;
}

describe('messaging stack through the engine', () => {
  it('applies, plans no changes, delivers a message, and destroys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-aws-msg-'));
    cpSync(join(import.meta.dirname, '../../testdata/providers/aws-messaging'), dir, { recursive: true });
    const opened = await Workdir.open({ dir });
    expect(opened.diags.filter((d) => d.severity === 'error')).toEqual([]);
    const wd = opened.wd!;
    expect((await wd.ensureBackend()).filter((d) => d.severity === 'error')).toEqual([]);

    const first = await run(wd);
    expect(first.plan.changes.filter((c) => c.action === 'create')).toHaveLength(8);

    const { state } = await wd.readState();
    const again = await wd.plan(state, { variables: new Map() });
    expect(again.diags.filter((d) => d.severity === 'error')).toEqual([]);
    expect(again.plan.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.addr} ${c.action}`)).toEqual([]);

    const sns = new SNSClient(clientOpts()), sqs = new SQSClient(clientOpts());
    try {
      const topicArn = 'arn:aws:sns:us-east-1:000000000000:orders-events';
      await sns.send(new PublishCommand({ TopicArn: topicArn, Message: '{"id":1}', MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } } }));
      const url = (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'orders' }))).QueueUrls!.find((u) => u.endsWith('/orders'))!;
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
      // raw_message_delivery: the body is the message itself, not the SNS envelope.
      expect(got.Messages?.[0]?.Body).toBe('{"id":1}');
    } finally {
      sns.destroy();
      sqs.destroy();
    }

    await run(wd, 'destroy');
    const sqs2 = new SQSClient(clientOpts()), ddb = new DynamoDBClient(clientOpts()), ecr = new ECRClient(clientOpts());
    try {
      expect((await sqs2.send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
      expect((await ddb.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      expect((await ecr.send(new DescribeRepositoriesCommand({}))).repositories).toEqual([]);
    } finally {
      sqs2.destroy();
      ddb.destroy();
      ecr.destroy();
    }
  }, 60_000);
});
