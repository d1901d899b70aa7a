import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { startCloud, type RunningCloud } from '../../index.js';

let cloud: RunningCloud;
let ddb: DynamoDBClient;
beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  ddb = new DynamoDBClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  ddb?.destroy();
  await cloud?.close();
});

describe('on-demand throughput', () => {
  it('keeps the maxima given on create, reports -1 for an unset one, and updates one at a time', async () => {
    await ddb.send(new CreateTableCommand({
      TableName: 'odt', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], OnDemandThroughput: { MaxReadRequestUnits: 50 },
    }));
    const t = async () => (await ddb.send(new DescribeTableCommand({ TableName: 'odt' }))).Table?.OnDemandThroughput;
    expect(await t()).toEqual({ MaxReadRequestUnits: 50, MaxWriteRequestUnits: -1 });
    await ddb.send(new UpdateTableCommand({ TableName: 'odt', OnDemandThroughput: { MaxWriteRequestUnits: 20 } }));
    expect(await t()).toEqual({ MaxReadRequestUnits: 50, MaxWriteRequestUnits: 20 });
  });
});
