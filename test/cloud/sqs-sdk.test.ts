import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as Q from '@aws-sdk/client-sqs';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { service as sqsService } from '../../src/cloud/services/sqs/index.js';

let cloud: RunningCloud;
let sqs: Q.SQSClient;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, services: [sqsService] });
  sqs = new Q.SQSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
});
afterAll(() => cloud.close());

async function fails(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number; code?: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; Code?: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode, code: err.Code };
  }
  throw new Error('expected the call to fail');
}

async function queue(name: string, Attributes?: Record<string, string>): Promise<string> {
  return (await sqs.send(new Q.CreateQueueCommand({ QueueName: name, Attributes }))).QueueUrl!;
}

describe('SQS queues', () => {
  it('creates idempotently, reads and sets attributes, lists, tags and deletes', async () => {
    const url = await queue('jobs', { VisibilityTimeout: '45' });
    expect(url).toBe(`${cloud.url}/000000000000/jobs`);
    expect(await queue('jobs', { VisibilityTimeout: '45' })).toBe(url);
    expect(await fails(queue('jobs', { VisibilityTimeout: '50' }))).toMatchObject({
      name: 'QueueNameExists', message: 'A queue already exists with the same name and a different value for attribute VisibilityTimeout',
    });
    const a = (await sqs.send(new Q.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes!;
    expect(a).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:jobs', VisibilityTimeout: '45', DelaySeconds: '0', MaximumMessageSize: '262144',
      MessageRetentionPeriod: '345600', ReceiveMessageWaitTimeSeconds: '0', ApproximateNumberOfMessages: '0',
    });
    expect(Number(a['CreatedTimestamp'])).toBeGreaterThan(1_600_000_000);
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: a['QueueArn'] }] });
    await sqs.send(new Q.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: policy, DelaySeconds: '2' } }));
    const b = (await sqs.send(new Q.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy', 'DelaySeconds'] }))).Attributes!;
    expect(b).toEqual({ Policy: policy, DelaySeconds: '2' });
    expect((await sqs.send(new Q.GetQueueUrlCommand({ QueueName: 'jobs' }))).QueueUrl).toBe(url);
    expect((await sqs.send(new Q.ListQueuesCommand({ QueueNamePrefix: 'jo' }))).QueueUrls).toEqual([url]);
    await sqs.send(new Q.TagQueueCommand({ QueueUrl: url, Tags: { env: 'dev', team: 'x' } }));
    await sqs.send(new Q.UntagQueueCommand({ QueueUrl: url, TagKeys: ['team'] }));
    expect((await sqs.send(new Q.ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({ env: 'dev' });
    await sqs.send(new Q.DeleteQueueCommand({ QueueUrl: url }));
    const e = await fails(sqs.send(new Q.GetQueueUrlCommand({ QueueName: 'jobs' })));
    expect(e).toMatchObject({ name: 'QueueDoesNotExist', message: 'The specified queue does not exist.', status: 400 });
  });

  it.each([
    [{ VisibilityTimeout: '50000' }, 'InvalidAttributeValue', 'Invalid value for the parameter VisibilityTimeout.'],
    [{ Bogus: '1' }, 'InvalidAttributeName', 'Unknown Attribute Bogus.'],
    [{ RedrivePolicy: '{"maxReceiveCount":2}' }, 'InvalidAttributeValue', 'Invalid value for the parameter RedrivePolicy. Reason: Redrive policy does not contain mandatory attribute: deadLetterTargetArn.'],
  ])('rejects attributes %j', async (attrs, name, message) => {
    expect(await fails(queue('bad-attrs', attrs))).toMatchObject({ name, message });
  });

  it('checks queue names and FIFO rules', async () => {
    expect(await fails(queue('bad name'))).toMatchObject({ name: 'InvalidParameterValue' });
    expect(await fails(queue('nofifo', { FifoQueue: 'true' }))).toMatchObject({
      message: 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
    });
    const url = await queue('orders.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const a = (await sqs.send(new Q.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes!;
    expect(a).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'true', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' });
    expect(await fails(sqs.send(new Q.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' })))).toMatchObject({
      message: 'The request must contain the parameter MessageGroupId.',
    });
    const s1 = await sqs.send(new Q.SendMessageCommand({ QueueUrl: url, MessageBody: 'one', MessageGroupId: 'g' }));
    const s2 = await sqs.send(new Q.SendMessageCommand({ QueueUrl: url, MessageBody: 'one', MessageGroupId: 'g' }));
    expect(s2.MessageId).toBe(s1.MessageId);
    expect(s1.SequenceNumber).toMatch(/^\d{20}$/);
    await sqs.send(new Q.SendMessageCommand({ QueueUrl: url, MessageBody: 'two', MessageGroupId: 'g' }));
    const r1 = await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }));
    // A group with a message in flight yields nothing more until it is deleted.
    expect(r1.Messages?.map((m) => m.Body)).toEqual(['one']);
    expect(r1.Messages?.[0]?.Attributes?.MessageGroupId).toBe('g');
    expect((await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
    await sqs.send(new Q.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: r1.Messages![0]!.ReceiptHandle! }));
    expect((await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: url }))).Messages?.[0]?.Body).toBe('two');
  });
});

describe('SQS messages', () => {
  it('sends with attributes, receives with visibility timeout, changes visibility and deletes', async () => {
    const url = await queue('work', { VisibilityTimeout: '30' });
    const sent = await sqs.send(new Q.SendMessageCommand({
      QueueUrl: url, MessageBody: 'hello',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' }, n: { DataType: 'Number', StringValue: '7' }, bin: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) } },
    }));
    expect(sent.MD5OfMessageBody).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    const r = await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'] }));
    const m = r.Messages![0]!;
    expect(m.Body).toBe('hello');
    expect(m.MessageId).toBe(sent.MessageId);
    expect(m.MessageAttributes?.['kind']?.StringValue).toBe('greeting');
    expect([...(m.MessageAttributes?.['bin']?.BinaryValue ?? [])]).toEqual([1, 2, 3]);
    expect(m.Attributes?.ApproximateReceiveCount).toBe('1');
    expect((await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
    const attrs = (await sqs.send(new Q.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] }))).Attributes;
    expect(attrs?.ApproximateNumberOfMessagesNotVisible).toBe('1');
    await sqs.send(new Q.ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 }));
    const again = await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(again.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('2');
    await sqs.send(new Q.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: again.Messages![0]!.ReceiptHandle! }));
    expect(await fails(sqs.send(new Q.ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: again.Messages![0]!.ReceiptHandle!, VisibilityTimeout: 5 })))).toMatchObject({
      name: 'MessageNotInflight',
    });
    expect(await fails(sqs.send(new Q.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'garbage' })))).toMatchObject({
      name: 'ReceiptHandleIsInvalid', message: 'The input receipt handle "garbage" is not a valid receipt handle.', status: 404,
    });
  });

  it('makes a message visible again after its visibility timeout', async () => {
    const url = await queue('short-vis');
    await sqs.send(new Q.SendMessageCommand({ QueueUrl: url, MessageBody: 'again' }));
    await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 1 }));
    const r = await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 3 }));
    expect(r.Messages?.[0]?.Body).toBe('again');
  });

  it('long-polls until a message arrives, without blocking other requests', async () => {
    const url = await queue('poll');
    const started = Date.now();
    const pending = sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }));
    await new Promise((r) => setTimeout(r, 300));
    await sqs.send(new Q.SendMessageCommand({ QueueUrl: url, MessageBody: 'late' }));
    const r = await pending;
    expect(r.Messages?.[0]?.Body).toBe('late');
    expect(Date.now() - started).toBeLessThan(4000);
    const empty = await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
    expect(empty.Messages).toBeUndefined();
  });

  it('sends, deletes and changes visibility in batches, reporting per-entry failures', async () => {
    const url = await queue('batch');
    const s = await sqs.send(new Q.SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'A' }, { Id: 'b', MessageBody: 'B', DelaySeconds: 0 }, { Id: 'c', MessageBody: '' }] }));
    expect(s.Successful?.map((e) => e.Id)).toEqual(['a', 'b']);
    expect(s.Failed?.[0]).toMatchObject({ Id: 'c', SenderFault: true });
    expect(await fails(sqs.send(new Q.SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'x', MessageBody: '1' }, { Id: 'x', MessageBody: '2' }] })))).toMatchObject({
      name: 'BatchEntryIdsNotDistinct', message: 'Id x repeated.',
    });
    expect(await fails(sqs.send(new Q.SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' })) })))).toMatchObject({
      name: 'TooManyEntriesInBatchRequest', message: 'Maximum number of entries per request are 10. You have sent 11.',
    });
    const r = await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(r.Messages?.map((m) => m.Body).sort()).toEqual(['A', 'B']);
    const cv = await sqs.send(new Q.ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries: r.Messages!.map((m, i) => ({ Id: `v${i}`, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 60 })) }));
    expect(cv.Successful).toHaveLength(2);
    const d = await sqs.send(new Q.DeleteMessageBatchCommand({ QueueUrl: url, Entries: r.Messages!.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })) }));
    expect(d.Successful).toHaveLength(2);
  });

  it('delays messages, purges, and moves messages to a dead-letter queue after maxReceiveCount', async () => {
    const url = await queue('delayed');
    await sqs.send(new Q.SendMessageCommand({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 60 }));
    const a = (await sqs.send(new Q.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] }))).Attributes;
    expect(a?.ApproximateNumberOfMessagesDelayed).toBe('1');
    await sqs.send(new Q.PurgeQueueCommand({ QueueUrl: url }));
    expect(await fails(sqs.send(new Q.PurgeQueueCommand({ QueueUrl: url })))).toMatchObject({ name: 'PurgeQueueInProgress', status: 403 });

    const dlq = await queue('dead');
    const dlqArn = (await sqs.send(new Q.GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    const src = await queue('src', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) });
    await sqs.send(new Q.SendMessageCommand({ QueueUrl: src, MessageBody: 'poison' }));
    const r1 = await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: src, VisibilityTimeout: 0 }));
    expect(r1.Messages?.[0]?.Body).toBe('poison');
    expect((await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: src }))).Messages).toBeUndefined();
    expect((await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: dlq }))).Messages?.[0]?.Body).toBe('poison');
    expect((await sqs.send(new Q.ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }))).queueUrls).toEqual([src]);
  });

  it('answers a missing queue with the query-compatible error code', async () => {
    const e = await fails(sqs.send(new Q.SendMessageCommand({ QueueUrl: `${cloud.url}/000000000000/nope`, MessageBody: 'x' })));
    expect(e).toMatchObject({ name: 'QueueDoesNotExist', message: 'The specified queue does not exist.' });
    const res = await fetch(cloud.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.GetQueueUrl', authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=x' },
      body: JSON.stringify({ QueueName: 'nope' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect((await res.json()).__type).toBe('com.amazonaws.sqs#QueueDoesNotExist');
  });

  it('speaks the legacy query form', async () => {
    const post = (body: string, path = '/') => fetch(cloud.url + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const c = await post('Action=CreateQueue&QueueName=legacy&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=10&Tag.1.Key=k&Tag.1.Value=v');
    const xml = await c.text();
    expect(xml).toContain(`<QueueUrl>${cloud.url}/000000000000/legacy</QueueUrl>`);
    const s = await post('Action=SendMessage&MessageBody=hi&MessageAttribute.1.Name=a&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=b', '/000000000000/legacy');
    expect(await s.text()).toContain('<MD5OfMessageBody>49f68a5c8493ec2c0bf489821c21fc3b</MD5OfMessageBody>');
    const r = await post(`Action=ReceiveMessage&QueueUrl=${encodeURIComponent(cloud.url + '/000000000000/legacy')}&MessageAttributeName.1=All&AttributeName.1=All`);
    const rx = await r.text();
    expect(rx).toContain('<Body>hi</Body>');
    expect(rx).toMatch(/<MessageAttribute><Name>a<\/Name><Value><StringValue>b<\/StringValue><DataType>String<\/DataType><\/Value><\/MessageAttribute>/);
    const g = await post(`Action=GetQueueAttributes&QueueUrl=${encodeURIComponent(cloud.url + '/000000000000/legacy')}&AttributeName.1=VisibilityTimeout`);
    expect(await g.text()).toContain('<Attribute><Name>VisibilityTimeout</Name><Value>10</Value></Attribute>');
    const e = await post('Action=GetQueueUrl&QueueName=nope');
    expect(e.status).toBe(400);
    expect(await e.text()).toContain('<Code>AWS.SimpleQueueService.NonExistentQueue</Code>');
  });
});
