import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { service as dynamodbService } from '../../src/cloud/services/dynamodb/index.js';
import { awsCli } from './aws-cli.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, services: [dynamodbService] });
});
afterAll(() => cloud.close());

describe('DynamoDB with the AWS CLI v2', () => {
  it('creates a table, puts items with a condition, gets and queries them', async () => {
    const t = JSON.parse(await awsCli(cloud.url, [
      'dynamodb', 'create-table', '--table-name', 'cli', '--billing-mode', 'PAY_PER_REQUEST',
      '--attribute-definitions', 'AttributeName=id,AttributeType=S', '--key-schema', 'AttributeName=id,KeyType=HASH',
    ]));
    expect(t.TableDescription.TableArn).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/cli');
    await awsCli(cloud.url, ['dynamodb', 'wait', 'table-exists', '--table-name', 'cli']);
    const put = ['dynamodb', 'put-item', '--table-name', 'cli', '--item', '{"id":{"S":"k1"},"n":{"N":"1"}}', '--condition-expression', 'attribute_not_exists(id)'];
    await awsCli(cloud.url, put);
    await expect(awsCli(cloud.url, put)).rejects.toThrow(
      'An error occurred (ConditionalCheckFailedException) when calling the PutItem operation: The conditional request failed',
    );
    const got = JSON.parse(await awsCli(cloud.url, ['dynamodb', 'get-item', '--table-name', 'cli', '--key', '{"id":{"S":"k1"}}']));
    expect(got.Item).toEqual({ id: { S: 'k1' }, n: { N: '1' } });
    const upd = JSON.parse(await awsCli(cloud.url, [
      'dynamodb', 'update-item', '--table-name', 'cli', '--key', '{"id":{"S":"k1"}}', '--update-expression', 'SET n = n + :d',
      '--expression-attribute-values', '{":d":{"N":"41"}}', '--return-values', 'UPDATED_NEW',
    ]));
    expect(upd.Attributes).toEqual({ n: { N: '42' } });
    const q = JSON.parse(await awsCli(cloud.url, [
      'dynamodb', 'query', '--table-name', 'cli', '--key-condition-expression', 'id = :k', '--expression-attribute-values', '{":k":{"S":"k1"}}',
    ]));
    expect(q.Count).toBe(1);
  });

  it('reports a missing table like AWS', async () => {
    await expect(awsCli(cloud.url, ['dynamodb', 'describe-table', '--table-name', 'nope'])).rejects.toThrow(
      'An error occurred (ResourceNotFoundException) when calling the DescribeTable operation: Requested resource not found: Table: nope not found',
    );
  });
});
