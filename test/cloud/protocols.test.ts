import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Writable } from 'node:stream';
import { EC2Client, DescribeVpcsCommand, DeleteVpcCommand } from '@aws-sdk/client-ec2';
import { IAMClient, GetUserCommand, DeleteUserCommand } from '@aws-sdk/client-iam';
import { DynamoDBClient, ListTablesCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { ECRClient, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { startCloud, AwsError, type RunningCloud, type ServiceDef } from '../../src/cloud/index.js';
import { ec2Headers, ec2Response } from '../../src/cloud/protocols/ec2.js';
import { parseQuery, queryHeaders, queryResponse } from '../../src/cloud/protocols/query.js';
import { jsonBody, jsonHeaders, parseJsonBody, targetOperation } from '../../src/cloud/protocols/json.js';
import { invalidAction } from '../../src/cloud/errors.js';
import { x, xlist } from '../../src/cloud/xml.js';
import { loadServices } from '../../src/cloud/services/registry.js';

/** Tiny stand-ins for each protocol, so the envelopes are proved with the real SDK clients. */
const fakeEc2: ServiceDef = {
  name: 'ec2', signingNames: ['ec2'], protocol: 'ec2', actions: ['DescribeVpcs'],
  handle(req, ctx) {
    const p = parseQuery(req.query, req.body, req.headers['content-type']);
    if (p['Action'] === 'DescribeVpcs') {
      return { status: 200, headers: ec2Headers(ctx), body: ec2Response('DescribeVpcs', xlist('vpcSet', ['vpc-0a1b2c3d'], (id) => x('vpcId', id)), ctx) };
    }
    if (p['Action'] === 'DeleteVpc') throw new AwsError('InvalidVpcID.NotFound', `The vpc ID '${p['VpcId']}' does not exist`);
    if (p['Action'] === 'CrashVpc') throw new TypeError('a bug');
    throw invalidAction(p['Action'] ?? '');
  },
};
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const fakeIam: ServiceDef = {
  name: 'iam', signingNames: ['iam'], protocol: 'query', xmlNamespace: IAM_NS,
  handle(req, ctx) {
    const p = parseQuery(req.query, req.body, req.headers['content-type']);
    if (p['Action'] === 'GetUser') {
      const user = x('User', [x('Path', '/'), x('UserName', 'ana'), x('UserId', 'AIDAEXAMPLE'), x('Arn', 'arn:aws:iam::000000000000:user/ana'), x('CreateDate', '2024-01-01T00:00:00Z')]);
      return { status: 200, headers: queryHeaders(ctx), body: queryResponse('GetUser', user, ctx, IAM_NS) };
    }
    throw new AwsError('NoSuchEntity', `The user with name ${p['UserName']} cannot be found.`, 404);
  },
};
const fakeDynamo: ServiceDef = {
  name: 'dynamodb', signingNames: ['dynamodb'], targetPrefixes: ['DynamoDB_20120810'], protocol: 'json',
  jsonErrorPrefix: 'com.amazonaws.dynamodb.v20120810#',
  handle(req, ctx) {
    const body = parseJsonBody(req.body);
    const op = targetOperation(req.headers['x-amz-target']);
    if (op === 'ListTables') return { status: 200, headers: jsonHeaders(ctx), body: jsonBody({ TableNames: ['locks'] }) };
    if (op === 'DescribeTable') throw new AwsError('ResourceNotFoundException', `Requested resource not found: Table: ${String(body['TableName'])} not found`);
    throw new AwsError('UnknownOperationException', '');
  },
};
const fakeSqs: ServiceDef = {
  name: 'sqs', signingNames: ['sqs'], targetPrefixes: ['AmazonSQS'], protocol: 'json', queryCompatible: true, jsonErrorPrefix: 'com.amazonaws.sqs#',
  handle() {
    const e = new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
    e.queryCode = 'AWS.SimpleQueueService.NonExistentQueue';
    throw e;
  },
};
const fakeEcr: ServiceDef = {
  name: 'ecr', signingNames: ['ecr', 'api.ecr'], targetPrefixes: ['AmazonEC2ContainerRegistry_V20150921'], protocol: 'json', jsonContentType: 'application/x-amz-json-1.1',
  handle() {
    throw new AwsError('RepositoryNotFoundException', "The repository with name 'x' does not exist in the registry with id '000000000000'");
  },
};

let cloud: RunningCloud;
const logLines: Record<string, unknown>[] = [];
const logSink = new Writable({
  write(chunk, _enc, cb) {
    for (const l of String(chunk).split('\n')) if (l.trim()) logLines.push(JSON.parse(l) as Record<string, unknown>);
    cb();
  },
});
beforeAll(async () => {
  cloud = await startCloud({ port: 0, services: [fakeEc2, fakeIam, fakeDynamo, fakeSqs, fakeEcr], logLevel: 'info', logDestination: logSink as never });
});
afterAll(() => cloud.close());
const creds = { accessKeyId: 'test', secretAccessKey: 'test' };
const cfg = () => ({ endpoint: cloud.url, region: 'eu-central-1', credentials: creds, maxAttempts: 1 });

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected failure');
}

describe('protocol envelopes, proved with the SDK clients', () => {
  it('EC2: success and error envelopes', async () => {
    const ec2 = new EC2Client(cfg());
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs).toEqual([{ VpcId: 'vpc-0a1b2c3d' }]);
    expect(await failure(ec2.send(new DeleteVpcCommand({ VpcId: 'vpc-1' })))).toEqual({ name: 'InvalidVpcID.NotFound', message: "The vpc ID 'vpc-1' does not exist", status: 400 });
  });

  it('query: success and error envelopes with the namespace', async () => {
    const iam = new IAMClient(cfg());
    expect((await iam.send(new GetUserCommand({}))).User?.UserName).toBe('ana');
    expect(await failure(iam.send(new DeleteUserCommand({ UserName: 'bob' })))).toEqual({ name: 'NoSuchEntityException', message: 'The user with name bob cannot be found.', status: 404 }); // the SDK maps the query code NoSuchEntity to its modeled exception
  });

  it('JSON 1.0 and 1.1: __type and X-Amzn-ErrorType', async () => {
    const ddb = new DynamoDBClient(cfg());
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toEqual(['locks']);
    expect(await failure(ddb.send(new DescribeTableCommand({ TableName: 'nope' })))).toEqual({ name: 'ResourceNotFoundException', message: 'Requested resource not found: Table: nope not found', status: 400 });
    const ecr = new ECRClient(cfg());
    expect((await failure(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['x'] })))).name).toBe('RepositoryNotFoundException');
  });

  it('awsQueryCompatible JSON (SQS): x-amzn-query-error carries the legacy code', async () => {
    const sqs = new SQSClient(cfg());
    const e = await failure(sqs.send(new GetQueueUrlCommand({ QueueName: 'none' })));
    expect(e.message).toBe('The specified queue does not exist.');
    expect(['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue']).toContain(e.name);
    const r = await fetch(cloud.url, { method: 'POST', headers: { 'x-amz-target': 'AmazonSQS.GetQueueUrl', 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
    expect(r.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect(r.headers.get('x-amzn-errortype')).toBe('QueueDoesNotExist');
    expect(await r.json()).toEqual({ __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' });
  });

  it('malformed JSON is 400 SerializationException, never a 500', async () => {
    const r = await fetch(cloud.url, { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0' }, body: '{"TableName":' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { __type: string }).__type).toBe('com.amazonaws.dynamodb.v20120810#SerializationException');
  });

  it('an unknown query action is 400 InvalidAction in the EC2 envelope', async () => {
    const r = await fetch(cloud.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0' },
      body: 'Action=Teleport&Version=2016-11-15',
    });
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Errors><Error><Code>InvalidAction<\/Code><Message>The action Teleport is not valid for this web service.<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/);
  });

  it('a bug in a service is a logged 500 InternalFailure in the protocol envelope', async () => {
    const r = await fetch(cloud.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0' },
      body: 'Action=CrashVpc',
    });
    expect(r.status).toBe(500);
    expect(await r.text()).toContain('<Code>InternalFailure</Code>');
    const line = logLines.find((l) => l['op'] === 'CrashVpc');
    expect(line).toMatchObject({ level: 50, status: 500, service: 'ec2' });
    expect(JSON.stringify(line)).toContain('a bug');
  });

  it('routes unsigned query requests by Action, and takes region and account from the credential', async () => {
    const r = await fetch(`${cloud.url}/?Action=DescribeVpcs&Version=2016-11-15`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('<vpcId>vpc-0a1b2c3d</vpcId>');
    await new EC2Client({ ...cfg(), region: 'ap-south-1', credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' } }).send(new DescribeVpcsCommand({}));
    const line = logLines.filter((l) => l['op'] === 'DescribeVpcs').pop();
    expect(line).toMatchObject({ region: 'ap-south-1', account: '123456789012', status: 200 });
    expect(line?.['reqId']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('health and metrics', () => {
  it('reports services in /_terrane/health', async () => {
    const h = (await (await fetch(`${cloud.url}/_terrane/health`)).json()) as { services: Record<string, string> };
    expect(Object.keys(h.services)).toEqual(['dynamodb', 'ec2', 'ecr', 'iam', 'sqs']);
    expect(h.services['ec2']).toBe('running');
  });

  it('exposes request counters and latency histograms in Prometheus format', async () => {
    const text = await (await fetch(`${cloud.url}/metrics`)).text();
    expect(text).toMatch(/terrane_cloud_requests_total\{service="ec2",operation="DescribeVpcs",status="200"\} \d+/);
    expect(text).toMatch(/terrane_cloud_requests_total\{service="dynamodb",operation="DescribeTable",status="400"\} 1/);
    expect(text).toContain('terrane_cloud_request_duration_seconds_bucket{le="0.005",service="ec2",operation="DescribeVpcs"}');
  });

  it('loads the built-in services, S3 and STS among them', async () => {
    const names = (await loadServices()).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['s3', 'sts']));
  });
});
