import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as I from '@aws-sdk/client-iam';
import * as D from '@aws-sdk/client-dynamodb';
import * as E from '@aws-sdk/client-ecr';
import * as Q from '@aws-sdk/client-sqs';
import * as N from '@aws-sdk/client-sns';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startCloud } from '../../src/cloud/index.js';

const dir = mkdtempSync(join(tmpdir(), 'terrane-e3-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function clients(url: string) {
  const o = { endpoint: url, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  return { iam: new I.IAMClient(o), ddb: new D.DynamoDBClient(o), ecr: new E.ECRClient(o), sqs: new Q.SQSClient(o), sns: new N.SNSClient(o) };
}

describe('IAM, DynamoDB, ECR, SQS and SNS survive a restart (services loaded from the registry)', () => {
  it('keeps roles, policies, keys, tables and items, repositories, queues with messages, topics and subscriptions', async () => {
    const first = await startCloud({ dataDir: dir });
    let c = clients(first.url);
    await c.iam.send(new I.CreateRoleCommand({ RoleName: 'kept', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
    const pol = await c.iam.send(new I.CreatePolicyCommand({ PolicyName: 'kept', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) }));
    await c.iam.send(new I.AttachRolePolicyCommand({ RoleName: 'kept', PolicyArn: pol.Policy!.Arn! }));
    await c.iam.send(new I.CreateUserCommand({ UserName: 'keeper' }));
    const key = (await c.iam.send(new I.CreateAccessKeyCommand({ UserName: 'keeper' }))).AccessKey!;
    await c.ddb.send(new D.CreateTableCommand({ TableName: 'kept', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
    await c.ddb.send(new D.PutItemCommand({ TableName: 'kept', Item: { id: { S: 'a' }, v: { N: '1' } } }));
    await c.ecr.send(new E.CreateRepositoryCommand({ repositoryName: 'kept' }));
    const q = (await c.sqs.send(new Q.CreateQueueCommand({ QueueName: 'kept' }))).QueueUrl!;
    await c.sqs.send(new Q.SendMessageCommand({ QueueUrl: q, MessageBody: 'survives' }));
    const topic = (await c.sns.send(new N.CreateTopicCommand({ Name: 'kept' }))).TopicArn!;
    await c.sns.send(new N.SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:eu-west-1:000000000000:kept' }));
    await first.close();

    const second = await startCloud({ dataDir: dir });
    c = clients(second.url);
    expect((await c.iam.send(new I.ListAttachedRolePoliciesCommand({ RoleName: 'kept' }))).AttachedPolicies?.[0]?.PolicyArn).toBe(pol.Policy!.Arn);
    const me = await new STSClient({ endpoint: second.url, region: 'eu-west-1', credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } }).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe('arn:aws:iam::000000000000:user/keeper');
    expect((await c.ddb.send(new D.GetItemCommand({ TableName: 'kept', Key: { id: { S: 'a' } } }))).Item?.['v']).toEqual({ N: '1' });
    expect((await c.ecr.send(new E.DescribeRepositoriesCommand({}))).repositories?.map((r) => r.repositoryName)).toEqual(['kept']);
    await c.sns.send(new N.PublishCommand({ TopicArn: topic, Message: 'after restart' }));
    const msgs = await c.sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: q.replace(/^http:\/\/[^/]+/, second.url), MaxNumberOfMessages: 10 }));
    expect(msgs.Messages?.map((m) => (m.Body!.startsWith('{') ? JSON.parse(m.Body!).Message : m.Body))).toEqual(['survives', 'after restart']);
    await second.close();
  });
});
