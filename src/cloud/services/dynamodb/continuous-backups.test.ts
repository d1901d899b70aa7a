import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DescribeContinuousBackupsCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
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

describe('continuous backups of a missing table', () => {
  it.each([
    ['DescribeContinuousBackups', () => ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'nope' }))],
    ['UpdateContinuousBackups', () => ddb.send(new UpdateContinuousBackupsCommand({ TableName: 'nope', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }))],
  ])('%s answers TableNotFoundException as DynamoDB does', async (_op, call) => {
    const e = await call().then(() => undefined, (err: unknown) => err as { name: string; message: string; $metadata: { httpStatusCode?: number } });
    expect(e?.name).toBe('TableNotFoundException');
    expect(e?.message).toBe('Table not found: nope');
    expect(e?.$metadata.httpStatusCode).toBe(400);
  });
});

describe('point-in-time recovery period', () => {
  it('keeps the configured number of days and rejects a period outside 1-35', async () => {
    await ddb.send(new CreateTableCommand({
      TableName: 'pitr', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    }));
    await ddb.send(new UpdateContinuousBackupsCommand({ TableName: 'pitr', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 } }));
    const d = await ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'pitr' }));
    expect(d.ContinuousBackupsDescription?.PointInTimeRecoveryDescription).toMatchObject({ PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 7 });
    const e = await ddb.send(new UpdateContinuousBackupsCommand({ TableName: 'pitr', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 40 } }))
      .then(() => undefined, (err: unknown) => err as { name: string; message: string });
    expect(e?.name).toBe('ValidationException');
    expect(e?.message).toContain("at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 35");
  });
});
