import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import * as N from '@aws-sdk/client-sns';
import * as Q from '@aws-sdk/client-sqs';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { service as snsService } from '../../src/cloud/services/sns/index.js';
import { service as sqsService } from '../../src/cloud/services/sqs/index.js';

let cloud: RunningCloud;
let sns: N.SNSClient;
let sqs: Q.SQSClient;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, services: [snsService, sqsService] });
  const opts = { endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  sns = new N.SNSClient(opts);
  sqs = new Q.SQSClient(opts);
});
afterAll(() => cloud.close());

async function fails(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

async function queueArn(name: string, attrs?: Record<string, string>): Promise<{ url: string; arn: string }> {
  const url = (await sqs.send(new Q.CreateQueueCommand({ QueueName: name, Attributes: attrs }))).QueueUrl!;
  const arn = (await sqs.send(new Q.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  return { url, arn };
}

describe('SNS topics', () => {
  it('creates idempotently, reads and sets attributes, tags, lists and deletes', async () => {
    const arn = (await sns.send(new N.CreateTopicCommand({ Name: 'events', Attributes: { DisplayName: 'Events' }, Tags: [{ Key: 'env', Value: 'dev' }] }))).TopicArn!;
    expect(arn).toBe('arn:aws:sns:us-east-1:000000000000:events');
    expect((await sns.send(new N.CreateTopicCommand({ Name: 'events', Attributes: { DisplayName: 'Events' } }))).TopicArn).toBe(arn);
    expect(await fails(sns.send(new N.CreateTopicCommand({ Name: 'events', Attributes: { DisplayName: 'Other' } })))).toMatchObject({
      name: 'InvalidParameterException', message: 'Invalid parameter: Attributes Reason: Topic already exists with different attributes',
    });
    const a = (await sns.send(new N.GetTopicAttributesCommand({ TopicArn: arn }))).Attributes!;
    expect(a).toMatchObject({ TopicArn: arn, Owner: '000000000000', DisplayName: 'Events', SubscriptionsConfirmed: '0', SubscriptionsPending: '0' });
    expect(JSON.parse(a['Policy']!).Statement[0].Resource).toBe(arn);
    await sns.send(new N.SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'DisplayName', AttributeValue: 'New' }));
    expect((await sns.send(new N.GetTopicAttributesCommand({ TopicArn: arn }))).Attributes?.['DisplayName']).toBe('New');
    expect(await fails(sns.send(new N.SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'Bogus', AttributeValue: 'x' })))).toMatchObject({
      name: 'InvalidParameterException', message: 'Invalid parameter: AttributeName',
    });
    await sns.send(new N.TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'team', Value: 'x' }] }));
    await sns.send(new N.UntagResourceCommand({ ResourceArn: arn, TagKeys: ['env'] }));
    expect((await sns.send(new N.ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: 'team', Value: 'x' }]);
    expect((await sns.send(new N.ListTopicsCommand({}))).Topics?.map((t) => t.TopicArn)).toContain(arn);
    await sns.send(new N.DeleteTopicCommand({ TopicArn: arn }));
    expect(await fails(sns.send(new N.GetTopicAttributesCommand({ TopicArn: arn })))).toMatchObject({ name: 'NotFoundException', message: 'Topic does not exist', status: 404 });
    await sns.send(new N.DeleteTopicCommand({ TopicArn: arn }));
  });

  it('validates names and FIFO topics', async () => {
    expect(await fails(sns.send(new N.CreateTopicCommand({ Name: 'bad name' })))).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Topic Name' });
    expect((await fails(sns.send(new N.CreateTopicCommand({ Name: 'nofifo', Attributes: { FifoTopic: 'true' } })))).message).toMatch(/Fifo Topic names must end with .fifo/);
    const arn = (await sns.send(new N.CreateTopicCommand({ Name: 'orders.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } }))).TopicArn!;
    expect((await sns.send(new N.GetTopicAttributesCommand({ TopicArn: arn }))).Attributes).toMatchObject({ FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    expect(await fails(sns.send(new N.PublishCommand({ TopicArn: arn, Message: 'x' })))).toMatchObject({
      message: 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
    });
    const r = await sns.send(new N.PublishCommand({ TopicArn: arn, Message: 'x', MessageGroupId: 'g' }));
    expect(r.SequenceNumber).toMatch(/^\d{20}$/);
  });
});

describe('SNS subscriptions and publish', () => {
  it('delivers to SQS in an envelope, raw, and through filter policies', async () => {
    const topic = (await sns.send(new N.CreateTopicCommand({ Name: 'fanout' }))).TopicArn!;
    const env = await queueArn('env-q');
    const raw = await queueArn('raw-q');
    const filtered = await queueArn('filtered-q');
    const s1 = await sns.send(new N.SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: env.arn }));
    expect(s1.SubscriptionArn).toMatch(new RegExp(`^${topic}:[0-9a-f-]{36}$`));
    const s2 = await sns.send(new N.SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: raw.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const s3 = await sns.send(new N.SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: filtered.arn, ReturnSubscriptionArn: true }));
    await sns.send(new N.SetSubscriptionAttributesCommand({ SubscriptionArn: s3.SubscriptionArn!, AttributeName: 'FilterPolicy', AttributeValue: JSON.stringify({ kind: ['order'], price: [{ numeric: ['>', 10] }] }) }));
    const sa = (await sns.send(new N.GetSubscriptionAttributesCommand({ SubscriptionArn: s2.SubscriptionArn! }))).Attributes!;
    expect(sa).toMatchObject({ RawMessageDelivery: 'true', Protocol: 'sqs', Endpoint: raw.arn, TopicArn: topic, PendingConfirmation: 'false' });
    expect((await sns.send(new N.ListSubscriptionsByTopicCommand({ TopicArn: topic }))).Subscriptions).toHaveLength(3);

    const pub = await sns.send(new N.PublishCommand({
      TopicArn: topic, Message: 'hello', Subject: 'greet',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' }, price: { DataType: 'Number', StringValue: '5' } },
    }));
    expect(pub.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const m1 = (await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: env.url }))).Messages![0]!;
    const envelope = JSON.parse(m1.Body!);
    expect(envelope).toMatchObject({ Type: 'Notification', MessageId: pub.MessageId, TopicArn: topic, Subject: 'greet', Message: 'hello', MessageAttributes: { kind: { Type: 'String', Value: 'order' } } });
    const m2 = (await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: raw.url, MessageAttributeNames: ['All'] }))).Messages![0]!;
    expect(m2.Body).toBe('hello');
    expect(m2.MessageAttributes?.['kind']?.StringValue).toBe('order');
    // price 5 fails the numeric filter; price 20 passes.
    expect((await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: filtered.url }))).Messages).toBeUndefined();
    await sns.send(new N.PublishCommand({ TopicArn: topic, Message: 'big', MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' }, price: { DataType: 'Number', StringValue: '20' } } }));
    expect(JSON.parse((await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: filtered.url }))).Messages![0]!.Body!).Message).toBe('big');

    await sns.send(new N.UnsubscribeCommand({ SubscriptionArn: s1.SubscriptionArn! }));
    expect(await fails(sns.send(new N.GetSubscriptionAttributesCommand({ SubscriptionArn: s1.SubscriptionArn! })))).toMatchObject({ name: 'NotFoundException', message: 'Subscription does not exist' });
    expect((await sns.send(new N.ListSubscriptionsCommand({}))).Subscriptions?.some((s) => s.SubscriptionArn === s1.SubscriptionArn)).toBe(false);
  });

  it('keeps HTTP and email subscriptions pending until confirmed', async () => {
    const topic = (await sns.send(new N.CreateTopicCommand({ Name: 'hooks' }))).TopicArn!;
    const received: { type?: string; body: string }[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => { received.push({ type: req.headers['x-amz-sns-message-type'] as string, body }); res.end('ok'); });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      const s = await sns.send(new N.SubscribeCommand({ TopicArn: topic, Protocol: 'http', Endpoint: `http://127.0.0.1:${port}/hook` }));
      expect(s.SubscriptionArn).toBe('pending confirmation');
      const e = await sns.send(new N.SubscribeCommand({ TopicArn: topic, Protocol: 'email', Endpoint: 'ops@example.com' }));
      expect(e.SubscriptionArn).toBe('pending confirmation');
      const attrs = (await sns.send(new N.GetTopicAttributesCommand({ TopicArn: topic }))).Attributes!;
      expect(attrs['SubscriptionsPending']).toBe('2');
      for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const conf = JSON.parse(received[0]!.body);
      expect(received[0]!.type).toBe('SubscriptionConfirmation');
      expect(conf.Type).toBe('SubscriptionConfirmation');
      const c = await sns.send(new N.ConfirmSubscriptionCommand({ TopicArn: topic, Token: conf.Token }));
      expect(c.SubscriptionArn).toMatch(new RegExp(`^${topic}:`));
      await sns.send(new N.PublishCommand({ TopicArn: topic, Message: 'to http' }));
      for (let i = 0; i < 50 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(JSON.parse(received[1]!.body)).toMatchObject({ Type: 'Notification', Message: 'to http' });
    } finally {
      server.close();
    }
  });

  it.each([
    [{ Protocol: 'sqs', Endpoint: 'not-an-arn' }, 'Invalid parameter: SQS endpoint ARN'],
    [{ Protocol: 'email', Endpoint: 'nope' }, 'Invalid parameter: Email address'],
    [{ Protocol: 'carrier-pigeon', Endpoint: 'x' }, 'Invalid parameter: Invalid protocol type: carrier-pigeon'],
  ])('rejects subscription %j', async (input, message) => {
    const topic = (await sns.send(new N.CreateTopicCommand({ Name: 'subs-bad' }))).TopicArn!;
    expect(await fails(sns.send(new N.SubscribeCommand({ TopicArn: topic, ...input })))).toMatchObject({ name: 'InvalidParameterException', message });
  });

  it('rejects publishing to a missing topic and empty or malformed messages', async () => {
    expect(await fails(sns.send(new N.PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:none', Message: 'x' })))).toMatchObject({ name: 'NotFoundException', message: 'Topic does not exist' });
    const topic = (await sns.send(new N.CreateTopicCommand({ Name: 'pub-bad' }))).TopicArn!;
    expect(await fails(sns.send(new N.PublishCommand({ TopicArn: topic, Message: '{"sqs":"x"}', MessageStructure: 'json' })))).toMatchObject({
      message: 'Invalid parameter: Message Structure - No default entry in JSON message body',
    });
    expect(await fails(sns.send(new N.SubscribeCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:none', Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q' })))).toMatchObject({ name: 'NotFoundException' });
  });

  it('publishes batches', async () => {
    const topic = (await sns.send(new N.CreateTopicCommand({ Name: 'batchy' }))).TopicArn!;
    const q = await queueArn('batchy-q');
    await sns.send(new N.SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const r = await sns.send(new N.PublishBatchCommand({ TopicArn: topic, PublishBatchRequestEntries: [{ Id: 'a', Message: 'A' }, { Id: 'b', Message: 'B' }, { Id: 'c', Message: '' }] }));
    expect(r.Successful?.map((s) => s.Id)).toEqual(['a', 'b']);
    expect(r.Failed?.[0]).toMatchObject({ Id: 'c', Code: 'InvalidParameter', SenderFault: true });
    const got = await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: q.url, MaxNumberOfMessages: 10 }));
    expect(got.Messages?.map((m) => m.Body).sort()).toEqual(['A', 'B']);
  });
});
