import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTopicCommand, GetSubscriptionAttributesCommand, SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import { startCloud, type RunningCloud } from '../../index.js';

let cloud: RunningCloud;
let sns: SNSClient;
beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  sns = new SNSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  sns?.destroy();
  await cloud?.close();
});

describe('Unsubscribe of an unconfirmed subscription', () => {
  it('is refused with InvalidParameter as SNS does, and the subscription stays', async () => {
    const topic = (await sns.send(new CreateTopicCommand({ Name: 'mail' }))).TopicArn!;
    const arn = (await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'email', Endpoint: 'a@example.com', ReturnSubscriptionArn: true }))).SubscriptionArn!;
    const e = await sns.send(new UnsubscribeCommand({ SubscriptionArn: arn })).then(() => undefined, (err: unknown) => err as { name: string; message: string; $metadata: { httpStatusCode?: number } });
    expect(e?.name).toBe('InvalidParameterException');
    expect(e?.message).toBe('Invalid parameter: SubscriptionArn Reason: Cannot unsubscribe a subscription that is pending confirmation');
    expect(e?.$metadata.httpStatusCode).toBe(400);
    const attrs = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }));
    expect(attrs.Attributes?.PendingConfirmation).toBe('true');
  });
});
