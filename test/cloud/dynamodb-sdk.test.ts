import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as D from '@aws-sdk/client-dynamodb';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { service as dynamodbService } from '../../src/cloud/services/dynamodb/index.js';

let cloud: RunningCloud;
let ddb: D.DynamoDBClient;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, services: [dynamodbService] });
  ddb = new D.DynamoDBClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
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

async function table(name: string, extra: Partial<D.CreateTableCommandInput> = {}): Promise<D.CreateTableCommandOutput> {
  return ddb.send(new D.CreateTableCommand({
    TableName: name,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    BillingMode: 'PAY_PER_REQUEST',
    ...extra,
  }));
}

describe('DynamoDB tables', () => {
  it('creates, describes, lists, updates and deletes a table', async () => {
    const c = await table('orders', {
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }, { AttributeName: 'email', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-email', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      Tags: [{ Key: 'env', Value: 'dev' }],
    });
    expect(c.TableDescription).toMatchObject({ TableName: 'orders', TableStatus: 'CREATING', TableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders', BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' } });
    const d = await ddb.send(new D.DescribeTableCommand({ TableName: 'orders' }));
    expect(d.Table?.TableStatus).toBe('ACTIVE');
    expect(d.Table?.CreationDateTime).toBeInstanceOf(Date);
    expect(d.Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'by-email', IndexStatus: 'ACTIVE' });
    expect((await ddb.send(new D.ListTablesCommand({}))).TableNames).toContain('orders');
    expect((await ddb.send(new D.ListTagsOfResourceCommand({ ResourceArn: d.Table!.TableArn! }))).Tags).toEqual([{ Key: 'env', Value: 'dev' }]);
    await ddb.send(new D.TagResourceCommand({ ResourceArn: d.Table!.TableArn!, Tags: [{ Key: 'team', Value: 'x' }] }));
    await ddb.send(new D.UntagResourceCommand({ ResourceArn: d.Table!.TableArn!, TagKeys: ['env'] }));
    expect((await ddb.send(new D.ListTagsOfResourceCommand({ ResourceArn: d.Table!.TableArn! }))).Tags).toEqual([{ Key: 'team', Value: 'x' }]);

    const u = await ddb.send(new D.UpdateTableCommand({ TableName: 'orders', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'by-email' } }] }));
    expect(u.TableDescription?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 5, WriteCapacityUnits: 5 });
    expect(u.TableDescription?.GlobalSecondaryIndexes).toBeUndefined();
    expect(u.TableDescription?.AttributeDefinitions?.map((a) => a.AttributeName)).toEqual(['pk', 'sk']);

    await ddb.send(new D.UpdateTimeToLiveCommand({ TableName: 'orders', TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true } }));
    expect((await ddb.send(new D.DescribeTimeToLiveCommand({ TableName: 'orders' }))).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
    expect(await fails(ddb.send(new D.UpdateTimeToLiveCommand({ TableName: 'orders', TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true } })))).toMatchObject({
      name: 'ValidationException', message: 'TimeToLive is already enabled',
    });
    const cb = await ddb.send(new D.DescribeContinuousBackupsCommand({ TableName: 'orders' }));
    expect(cb.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe('DISABLED');
    await ddb.send(new D.UpdateContinuousBackupsCommand({ TableName: 'orders', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
    expect((await ddb.send(new D.DescribeContinuousBackupsCommand({ TableName: 'orders' }))).ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe('ENABLED');

    const del = await ddb.send(new D.DeleteTableCommand({ TableName: 'orders' }));
    expect(del.TableDescription?.TableStatus).toBe('DELETING');
    expect(await fails(ddb.send(new D.DescribeTableCommand({ TableName: 'orders' })))).toMatchObject({
      name: 'ResourceNotFoundException', message: 'Requested resource not found: Table: orders not found', status: 400,
    });
  });

  it('rejects a duplicate table with ResourceInUseException', async () => {
    await table('dup');
    expect(await fails(table('dup'))).toMatchObject({ name: 'ResourceInUseException', message: 'Table already exists: dup' });
  });

  it.each([
    [{ TableName: 'ab' }, /Member must have length greater than or equal to 3/],
    [{ KeySchema: [{ AttributeName: 'pk', KeyType: 'RANGE' }, { AttributeName: 'sk', KeyType: 'HASH' }] }, /The first KeySchemaElement is not a HASH key type/],
    [{ AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] }, /Some index key attributes are not defined in AttributeDefinitions. Keys: \[sk\]/],
    [{ AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }, { AttributeName: 'x', AttributeType: 'S' }] }, /Number of attributes in KeySchema does not exactly match/],
    [{ BillingMode: 'PROVISIONED' }, /ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED/],
    [{ ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }, /Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST/],
  ] as [Partial<D.CreateTableCommandInput>, RegExp][])('validates CreateTable %j', async (extra, msg) => {
    const e = await fails(table('bad-table', extra));
    expect(e.name).toBe('ValidationException');
    expect(e.message).toMatch(msg);
  });
});

describe('DynamoDB items', () => {
  beforeAll(async () => {
    await table('items', {
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }, { AttributeName: 'status', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-status', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    });
    const puts = [];
    for (let i = 1; i <= 10; i++) {
      puts.push({ PutRequest: { Item: { pk: { S: 'a' }, sk: { N: String(i) }, status: { S: i % 2 ? 'odd' : 'even' }, v: { N: String(i * 10) } } } });
    }
    puts.push({ PutRequest: { Item: { pk: { S: 'b' }, sk: { N: '1' }, v: { N: '5' } } } });
    await ddb.send(new D.BatchWriteItemCommand({ RequestItems: { items: puts } }));
  });

  it('locks state like the Terraform S3 backend: conditional PutItem on LockID', async () => {
    await ddb.send(new D.CreateTableCommand({
      TableName: 'tf-locks', AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST',
    }));
    const lock = (who: string) => ddb.send(new D.PutItemCommand({
      TableName: 'tf-locks', Item: { LockID: { S: 'bucket/terraform.tfstate' }, Info: { S: JSON.stringify({ Who: who }) } },
      ConditionExpression: 'attribute_not_exists(LockID)',
    }));
    await lock('first');
    expect(await fails(lock('second'))).toMatchObject({ name: 'ConditionalCheckFailedException', message: 'The conditional request failed', status: 400 });
    const held = await ddb.send(new D.GetItemCommand({ TableName: 'tf-locks', Key: { LockID: { S: 'bucket/terraform.tfstate' } }, ProjectionExpression: 'LockID, Info', ConsistentRead: true }));
    expect(JSON.parse(held.Item!['Info']!.S!)).toEqual({ Who: 'first' });
    await ddb.send(new D.DeleteItemCommand({ TableName: 'tf-locks', Key: { LockID: { S: 'bucket/terraform.tfstate' } } }));
    await lock('second');
    await ddb.send(new D.PutItemCommand({ TableName: 'tf-locks', Item: { LockID: { S: 'bucket/terraform.tfstate-md5' }, Digest: { S: 'abc' } } }));
    expect((await ddb.send(new D.GetItemCommand({ TableName: 'tf-locks', Key: { LockID: { S: 'bucket/terraform.tfstate-md5' } } }))).Item?.['Digest']).toEqual({ S: 'abc' });
  });

  it('puts and gets with ReturnValues and conditions', async () => {
    const old = await ddb.send(new D.PutItemCommand({ TableName: 'items', Item: { pk: { S: 'c' }, sk: { N: '1' }, n: { N: '1' } }, ReturnValues: 'ALL_OLD' }));
    expect(old.Attributes).toBeUndefined();
    const old2 = await ddb.send(new D.PutItemCommand({
      TableName: 'items', Item: { pk: { S: 'c' }, sk: { N: '1' }, n: { N: '2' } }, ReturnValues: 'ALL_OLD',
      ConditionExpression: '#n = :one', ExpressionAttributeNames: { '#n': 'n' }, ExpressionAttributeValues: { ':one': { N: '1' } },
    }));
    expect(old2.Attributes?.['n']).toEqual({ N: '1' });
    expect(await fails(ddb.send(new D.DeleteItemCommand({
      TableName: 'items', Key: { pk: { S: 'c' }, sk: { N: '1' } }, ConditionExpression: 'n > :five', ExpressionAttributeValues: { ':five': { N: '5' } },
    })))).toMatchObject({ name: 'ConditionalCheckFailedException' });
    const d = await ddb.send(new D.DeleteItemCommand({ TableName: 'items', Key: { pk: { S: 'c' }, sk: { N: '1' } }, ReturnValues: 'ALL_OLD' }));
    expect(d.Attributes?.['n']).toEqual({ N: '2' });
    expect((await ddb.send(new D.GetItemCommand({ TableName: 'items', Key: { pk: { S: 'c' }, sk: { N: '1' } } }))).Item).toBeUndefined();
  });

  it('updates with SET/REMOVE/ADD/DELETE and returns UPDATED_NEW / ALL_NEW', async () => {
    const r = await ddb.send(new D.UpdateItemCommand({
      TableName: 'items', Key: { pk: { S: 'u' }, sk: { N: '1' } },
      UpdateExpression: 'SET #c = if_not_exists(#c, :zero) + :one, tags = :tags, lst = list_append(if_not_exists(lst, :empty), :l)',
      ExpressionAttributeNames: { '#c': 'count' },
      ExpressionAttributeValues: { ':zero': { N: '0' }, ':one': { N: '1' }, ':tags': { SS: ['x', 'y'] }, ':empty': { L: [] }, ':l': { L: [{ S: 'a' }] } },
      ReturnValues: 'UPDATED_NEW',
    }));
    expect(r.Attributes?.['count']).toEqual({ N: '1' });
    const r2 = await ddb.send(new D.UpdateItemCommand({
      TableName: 'items', Key: { pk: { S: 'u' }, sk: { N: '1' } },
      UpdateExpression: 'ADD #c :one, tags :z DELETE other :x REMOVE lst[0]',
      ConditionExpression: 'attribute_exists(pk) AND contains(tags, :xs)',
      ExpressionAttributeNames: { '#c': 'count' },
      ExpressionAttributeValues: { ':one': { N: '1' }, ':z': { SS: ['z'] }, ':x': { SS: ['x'] }, ':xs': { S: 'x' } },
      ReturnValues: 'ALL_NEW',
    }));
    expect(r2.Attributes?.['count']).toEqual({ N: '2' });
    expect(new Set(r2.Attributes?.['tags']?.SS)).toEqual(new Set(['x', 'y', 'z']));
    expect(r2.Attributes?.['lst']).toEqual({ L: [] });
    expect(await fails(ddb.send(new D.UpdateItemCommand({
      TableName: 'items', Key: { pk: { S: 'u' }, sk: { N: '1' } }, UpdateExpression: 'SET pk = :v', ExpressionAttributeValues: { ':v': { S: 'z' } },
    })))).toMatchObject({ name: 'ValidationException', message: 'One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key' });
  });

  it('queries with key conditions, filters, order, limits and pagination', async () => {
    const q = await ddb.send(new D.QueryCommand({
      TableName: 'items', KeyConditionExpression: 'pk = :a AND sk BETWEEN :lo AND :hi', FilterExpression: 'v > :v',
      ExpressionAttributeValues: { ':a': { S: 'a' }, ':lo': { N: '2' }, ':hi': { N: '8' }, ':v': { N: '30' } }, ScanIndexForward: false,
    }));
    expect(q.Items?.map((i) => i['sk']!.N)).toEqual(['8', '7', '6', '5', '4']);
    expect(q.ScannedCount).toBe(7);
    const seen: string[] = [];
    let start: Record<string, D.AttributeValue> | undefined;
    let pages = 0;
    do {
      const p = await ddb.send(new D.QueryCommand({ TableName: 'items', KeyConditionExpression: 'pk = :a', ExpressionAttributeValues: { ':a': { S: 'a' } }, Limit: 3, ExclusiveStartKey: start }));
      seen.push(...p.Items!.map((i) => i['sk']!.N!));
      start = p.LastEvaluatedKey;
      pages++;
    } while (start);
    expect(seen).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(pages).toBe(4);
    const bw = await ddb.send(new D.QueryCommand({ TableName: 'items', KeyConditionExpression: 'pk = :a AND begins_with(#s, :s)', ExpressionAttributeNames: { '#s': 'sk' }, ExpressionAttributeValues: { ':a': { S: 'b' }, ':s': { N: '1' } } })).catch((e: Error) => e);
    expect((bw as Error).name).toBe('ValidationException');
    const gsi = await ddb.send(new D.QueryCommand({ TableName: 'items', IndexName: 'by-status', KeyConditionExpression: '#st = :e AND sk > :three', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':e': { S: 'even' }, ':three': { N: '3' } } }));
    expect(gsi.Items?.map((i) => i['sk']!.N)).toEqual(['4', '6', '8', '10']);
    expect(Object.keys(gsi.Items![0]!).sort()).toEqual(['pk', 'sk', 'status']);
    const cnt = await ddb.send(new D.QueryCommand({ TableName: 'items', KeyConditionExpression: 'pk = :a', ExpressionAttributeValues: { ':a': { S: 'a' } }, Select: 'COUNT' }));
    expect(cnt.Count).toBe(10);
    expect(cnt.Items).toBeUndefined();
    expect(await fails(ddb.send(new D.QueryCommand({ TableName: 'items', KeyConditionExpression: 'sk = :a', ExpressionAttributeValues: { ':a': { N: '1' } } })))).toMatchObject({
      name: 'ValidationException', message: 'Query condition missed key schema element: pk',
    });
  });

  it('scans with a filter and projection, and batch-gets', async () => {
    const s = await ddb.send(new D.ScanCommand({ TableName: 'items', FilterExpression: 'v >= :v', ProjectionExpression: 'pk, sk', ExpressionAttributeValues: { ':v': { N: '90' } } }));
    expect(s.Items).toHaveLength(2);
    expect(s.Items).toEqual(expect.arrayContaining([{ pk: { S: 'a' }, sk: { N: '9' } }, { pk: { S: 'a' }, sk: { N: '10' } }]));
    expect(s.Count).toBe(2);
    const b = await ddb.send(new D.BatchGetItemCommand({ RequestItems: { items: { Keys: [{ pk: { S: 'a' }, sk: { N: '1' } }, { pk: { S: 'b' }, sk: { N: '1' } }, { pk: { S: 'zz' }, sk: { N: '1' } }] } } }));
    expect(b.Responses?.['items']?.length).toBe(2);
    expect(b.UnprocessedKeys).toEqual({});
  });

  it.each([
    ['missing table', { TableName: 'nope', Item: { pk: { S: 'a' }, sk: { N: '1' } } }, 'ResourceNotFoundException', 'Requested resource not found'],
    ['missing key', { TableName: 'items', Item: { pk: { S: 'a' } } }, 'ValidationException', 'One or more parameter values were invalid: Missing the key sk in the item'],
    ['wrong key type', { TableName: 'items', Item: { pk: { S: 'a' }, sk: { S: '1' } } }, 'ValidationException', 'One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S'],
    ['unused value', { TableName: 'items', Item: { pk: { S: 'a' }, sk: { N: '1' } }, ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':x': { S: 'x' } } }, 'ValidationException', 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}'],
    ['syntax error', { TableName: 'items', Item: { pk: { S: 'a' }, sk: { N: '1' } }, ConditionExpression: 'attribute_exists(' }, 'ValidationException', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "("'],
  ] as [string, D.PutItemCommandInput, string, string][])('PutItem rejects %s', async (_n, input, name, message) => {
    expect(await fails(ddb.send(new D.PutItemCommand(input)))).toMatchObject({ name, message });
  });

  it('runs transactions all or nothing and reports cancellation reasons', async () => {
    const k = (n: string) => ({ pk: { S: 'tx' }, sk: { N: n } });
    await ddb.send(new D.TransactWriteItemsCommand({ TransactItems: [
      { Put: { TableName: 'items', Item: { ...k('1'), bal: { N: '100' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: 'items', Item: { ...k('2'), bal: { N: '0' } } } },
    ] }));
    const transfer = (amount: string) => ddb.send(new D.TransactWriteItemsCommand({ TransactItems: [
      { Update: { TableName: 'items', Key: k('1'), UpdateExpression: 'SET bal = bal - :a', ConditionExpression: 'bal >= :a', ExpressionAttributeValues: { ':a': { N: amount } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
      { Update: { TableName: 'items', Key: k('2'), UpdateExpression: 'SET bal = bal + :a', ExpressionAttributeValues: { ':a': { N: amount } } } },
    ] }));
    await transfer('30');
    const err = await transfer('500').catch((e: D.TransactionCanceledException) => e);
    expect(err).toBeInstanceOf(D.TransactionCanceledException);
    const tce = err as D.TransactionCanceledException;
    expect(tce.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]');
    expect(tce.CancellationReasons?.map((r) => r.Code)).toEqual(['ConditionalCheckFailed', 'None']);
    expect(tce.CancellationReasons?.[0]?.Item?.['bal']).toEqual({ N: '70' });
    const got = await ddb.send(new D.TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'items', Key: k('1') } }, { Get: { TableName: 'items', Key: k('2') } }, { Get: { TableName: 'items', Key: k('9') } }] }));
    expect(got.Responses?.map((r) => r.Item?.['bal']?.N)).toEqual(['70', '30', undefined]);
    const checked = await ddb.send(new D.TransactWriteItemsCommand({ TransactItems: [
      { ConditionCheck: { TableName: 'items', Key: k('9'), ConditionExpression: 'attribute_exists(pk)' } },
      { Put: { TableName: 'items', Item: k('5') } },
    ] })).catch((e: D.TransactionCanceledException) => e);
    expect((checked as D.TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['ConditionalCheckFailed', 'None']);
    expect((await ddb.send(new D.GetItemCommand({ TableName: 'items', Key: k('5') }))).Item).toBeUndefined();
    expect(await fails(ddb.send(new D.TransactWriteItemsCommand({ TransactItems: [
      { Put: { TableName: 'items', Item: k('1') } }, { Delete: { TableName: 'items', Key: k('1') } },
    ] })))).toMatchObject({ name: 'ValidationException', message: 'Transaction request cannot include multiple operations on one item' });
  });

  it('accepts the legacy AttributeUpdates and Expected parameters (as the provider\'s table item does)', async () => {
    const key = { pk: { S: 'legacy' }, sk: { N: '1' } };
    await ddb.send(new D.PutItemCommand({ TableName: 'items', Item: { ...key, a: { S: 'x' }, n: { N: '1' }, s: { SS: ['p', 'q'] } } }));
    await ddb.send(new D.UpdateItemCommand({ TableName: 'items', Key: key, AttributeUpdates: {
      a: { Action: 'PUT', Value: { S: 'y' } }, n: { Action: 'ADD', Value: { N: '2' } }, s: { Action: 'DELETE', Value: { SS: ['p'] } }, gone: { Action: 'DELETE' },
    } }));
    const got = (await ddb.send(new D.GetItemCommand({ TableName: 'items', Key: key }))).Item!;
    expect(got).toEqual({ ...key, a: { S: 'y' }, n: { N: '3' }, s: { SS: ['q'] } });
    expect(await fails(ddb.send(new D.PutItemCommand({ TableName: 'items', Item: key, Expected: { a: { Value: { S: 'nope' } } } })))).toMatchObject({ name: 'ConditionalCheckFailedException' });
    await ddb.send(new D.PutItemCommand({ TableName: 'items', Item: key, Expected: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'y' }] }, zz: { Exists: false } } }));
    expect(await fails(ddb.send(new D.UpdateItemCommand({ TableName: 'items', Key: key, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { S: '1' } }, AttributeUpdates: { b: { Action: 'PUT', Value: { S: '1' } } } })))).toMatchObject({
      name: 'ValidationException', message: 'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}',
    });
  });

  it('returns the old item with a failed condition when asked', async () => {
    await ddb.send(new D.PutItemCommand({ TableName: 'items', Item: { pk: { S: 'old' }, sk: { N: '1' }, v: { S: 'x' } } }));
    const e = await ddb.send(new D.PutItemCommand({
      TableName: 'items', Item: { pk: { S: 'old' }, sk: { N: '1' } }, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    })).catch((x: D.ConditionalCheckFailedException) => x);
    expect(e).toBeInstanceOf(D.ConditionalCheckFailedException);
    expect((e as D.ConditionalCheckFailedException).Item?.['v']).toEqual({ S: 'x' });
  });

  it('GetItem rejects a key that does not match the schema', async () => {
    expect(await fails(ddb.send(new D.GetItemCommand({ TableName: 'items', Key: { pk: { S: 'a' } } })))).toMatchObject({
      name: 'ValidationException', message: 'The provided key element does not match the schema',
    });
  });
});
