import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { service as sqsService } from '../../src/cloud/services/sqs/index.js';
import { awsCli } from './aws-cli.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, services: [sqsService] });
});
afterAll(() => cloud.close());

describe('SQS with the AWS CLI v2', () => {
  it('creates a queue, sends, receives and deletes a message', async () => {
    const { QueueUrl } = JSON.parse(await awsCli(cloud.url, ['sqs', 'create-queue', '--queue-name', 'cli-q', '--attributes', 'VisibilityTimeout=60']));
    expect(QueueUrl).toBe(`${cloud.url}/000000000000/cli-q`);
    const sent = JSON.parse(await awsCli(cloud.url, ['sqs', 'send-message', '--queue-url', QueueUrl, '--message-body', 'from the cli',
      '--message-attributes', '{"k":{"DataType":"String","StringValue":"v"}}']));
    expect(sent.MD5OfMessageBody).toMatch(/^[0-9a-f]{32}$/);
    const got = JSON.parse(await awsCli(cloud.url, ['sqs', 'receive-message', '--queue-url', QueueUrl, '--message-attribute-names', 'All', '--wait-time-seconds', '1']));
    expect(got.Messages[0].Body).toBe('from the cli');
    expect(got.Messages[0].MessageAttributes.k.StringValue).toBe('v');
    await awsCli(cloud.url, ['sqs', 'delete-message', '--queue-url', QueueUrl, '--receipt-handle', got.Messages[0].ReceiptHandle]);
    const attrs = JSON.parse(await awsCli(cloud.url, ['sqs', 'get-queue-attributes', '--queue-url', QueueUrl, '--attribute-names', 'All']));
    expect(attrs.Attributes).toMatchObject({ VisibilityTimeout: '60', ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  it('reports a missing queue like AWS', async () => {
    await expect(awsCli(cloud.url, ['sqs', 'get-queue-url', '--queue-name', 'nope'])).rejects.toThrow(
      /An error occurred \((AWS\.SimpleQueueService\.NonExistentQueue|QueueDoesNotExist)\) when calling the GetQueueUrl operation: The specified queue does not exist/,
    );
  });
});
