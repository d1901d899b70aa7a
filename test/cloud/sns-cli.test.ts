import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { service as snsService } from '../../src/cloud/services/sns/index.js';
import { service as sqsService } from '../../src/cloud/services/sqs/index.js';
import { awsCli } from './aws-cli.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, services: [snsService, sqsService] });
});
afterAll(() => cloud.close());

describe('SNS with the AWS CLI v2', () => {
  it('publishes to a topic and the message arrives in a subscribed SQS queue', async () => {
    const { TopicArn } = JSON.parse(await awsCli(cloud.url, ['sns', 'create-topic', '--name', 'cli-topic']));
    expect(TopicArn).toBe('arn:aws:sns:us-east-1:000000000000:cli-topic');
    const { QueueUrl } = JSON.parse(await awsCli(cloud.url, ['sqs', 'create-queue', '--queue-name', 'cli-sub']));
    const sub = JSON.parse(await awsCli(cloud.url, ['sns', 'subscribe', '--topic-arn', TopicArn, '--protocol', 'sqs',
      '--notification-endpoint', 'arn:aws:sqs:us-east-1:000000000000:cli-sub']));
    expect(sub.SubscriptionArn).toMatch(/^arn:aws:sns:us-east-1:000000000000:cli-topic:/);
    const pub = JSON.parse(await awsCli(cloud.url, ['sns', 'publish', '--topic-arn', TopicArn, '--message', 'hello cli', '--subject', 's']));
    const got = JSON.parse(await awsCli(cloud.url, ['sqs', 'receive-message', '--queue-url', QueueUrl]));
    const env = JSON.parse(got.Messages[0].Body);
    expect(env).toMatchObject({ Type: 'Notification', MessageId: pub.MessageId, Message: 'hello cli', Subject: 's', TopicArn });
    const attrs = JSON.parse(await awsCli(cloud.url, ['sns', 'get-topic-attributes', '--topic-arn', TopicArn]));
    expect(attrs.Attributes.SubscriptionsConfirmed).toBe('1');
  });

  it('reports a missing topic like AWS', async () => {
    await expect(awsCli(cloud.url, ['sns', 'get-topic-attributes', '--topic-arn', 'arn:aws:sns:us-east-1:000000000000:nope'])).rejects.toThrow(
      'An error occurred (NotFound) when calling the GetTopicAttributes operation: Topic does not exist',
    );
  });
});
