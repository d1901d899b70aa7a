/**
 * Real Terraform against the local cloud. Runs when `terraform` is on PATH; the provider stack
 * also needs TERRANE_TF_PLUGIN_MIRROR, a filesystem mirror holding hashicorp/aws 5.100.0.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as D from '@aws-sdk/client-dynamodb';
import * as S from '@aws-sdk/client-s3';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { hasTerraform } from '../support/terraform.js';

const haveTf = hasTerraform();
const mirror = process.env['TERRANE_TF_PLUGIN_MIRROR'];

interface Run { code: number; out: string }

function tf(dir: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('terraform', [...args, '-no-color'], {
      cwd: dir,
      env: { ...process.env, TF_CLI_CONFIG_FILE: join(dir, 'tfrc'), TF_IN_AUTOMATION: '1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1' },
      maxBuffer: 64 << 20,
    }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }));
  });
}

let cloud: RunningCloud;
let dir: string;
beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'terrane-tf-'));
});
afterAll(async () => {
  await cloud?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!haveTf)('Terraform against the local cloud', () => {
  it('locks S3-backend state with a conditional DynamoDB PutItem and reports the holder', async () => {
    const opts = { endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, forcePathStyle: true };
    await new S.S3Client(opts).send(new S.CreateBucketCommand({ Bucket: 'tf-state' }));
    const ddb = new D.DynamoDBClient(opts);
    await ddb.send(new D.CreateTableCommand({ TableName: 'tf-locks', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }] }));
    const work = join(dir, 'backend');
    mkdirSync(work, { recursive: true });
    writeFileSync(join(work, 'tfrc'), '');
    writeFileSync(join(work, 'main.tf'), `terraform {
  backend "s3" {
    bucket = "tf-state"
    key = "team/terraform.tfstate"
    region = "us-east-1"
    dynamodb_table = "tf-locks"
    use_path_style = true
    skip_credentials_validation = true
    skip_requesting_account_id = true
    skip_metadata_api_check = true
    endpoints = { s3 = "${cloud.url}", dynamodb = "${cloud.url}" }
  }
}
resource "terraform_data" "x" { input = "hello" }
`);
    expect((await tf(work, ['init', '-input=false'])).code).toBe(0);
    const applied = await tf(work, ['apply', '-auto-approve', '-input=false']);
    expect(applied.out).toContain('Apply complete! Resources: 1 added');
    const digest = await ddb.send(new D.GetItemCommand({ TableName: 'tf-locks', Key: { LockID: { S: 'tf-state/team/terraform.tfstate-md5' } } }));
    expect(digest.Item?.['Digest']?.S).toMatch(/^[0-9a-f]{32}$/);
    const info = { ID: '11111111-2222-3333-4444-555555555555', Operation: 'OperationTypeApply', Info: '', Who: 'alice@laptop', Version: '1.11.4', Created: '2026-01-01T00:00:00Z', Path: 'tf-state/team/terraform.tfstate' };
    await ddb.send(new D.PutItemCommand({ TableName: 'tf-locks', Item: { LockID: { S: 'tf-state/team/terraform.tfstate' }, Info: { S: JSON.stringify(info) } } }));
    const locked = await tf(work, ['plan', '-input=false', '-lock-timeout=1s']);
    expect(locked.code).not.toBe(0);
    expect(locked.out).toContain('Error acquiring the state lock');
    expect(locked.out).toContain('ConditionalCheckFailedException: The conditional request failed');
    expect(locked.out).toContain('Who:       alice@laptop');
    expect((await tf(work, ['force-unlock', '-force', info.ID])).code).toBe(0);
    expect((await tf(work, ['plan', '-input=false', '-detailed-exitcode'])).code).toBe(0);
  }, 120_000);

  it.skipIf(!mirror)('applies, re-plans with no changes, and destroys an IAM/DynamoDB/SQS/SNS/ECR stack with hashicorp/aws', async () => {
    const work = join(dir, 'stack');
    cpSync(join(import.meta.dirname, '../../testdata/cloud/iam/five-services-stack'), work, { recursive: true });
    writeFileSync(join(work, 'tfrc'), `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
`);
    writeFileSync(join(work, 'terraform.tfvars'), `endpoint = "${cloud.url}"\n`);
    const init = await tf(work, ['init', '-input=false']);
    expect(init.code, init.out).toBe(0);
    const apply = await tf(work, ['apply', '-auto-approve', '-input=false']);
    expect(apply.code, apply.out).toBe(0);
    expect(apply.out).toContain('Apply complete! Resources: 21 added, 0 changed, 0 destroyed.');
    expect(apply.out).toContain('repo_url = "000000000000.dkr.ecr.us-east-1.amazonaws.com/api"');
    const plan = await tf(work, ['plan', '-input=false', '-detailed-exitcode']);
    expect(plan.code, plan.out).toBe(0);
    const destroy = await tf(work, ['destroy', '-auto-approve', '-input=false']);
    expect(destroy.code, destroy.out).toBe(0);
    expect(destroy.out).toContain('Destroy complete! Resources: 21 destroyed.');
  }, 600_000);

  it.skipIf(!mirror)('updates policies, roles, tables, items, queues, topics and repositories in place and re-plans with no changes', async () => {
    const work = join(dir, 'update');
    cpSync(join(import.meta.dirname, '../../testdata/cloud/iam/update-stack'), work, { recursive: true });
    writeFileSync(join(work, 'tfrc'), `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
`);
    writeFileSync(join(work, 'terraform.tfvars'), `endpoint = "${cloud.url}"\n`);
    expect((await tf(work, ['init', '-input=false'])).code).toBe(0);
    const first = await tf(work, ['apply', '-auto-approve', '-input=false']);
    expect(first.out).toContain('Apply complete! Resources: 15 added');
    const second = await tf(work, ['apply', '-auto-approve', '-input=false', '-var', 'gen=2']);
    expect(second.out).toContain('Apply complete! Resources: 0 added, 8 changed, 0 destroyed.');
    const plan = await tf(work, ['plan', '-input=false', '-detailed-exitcode', '-var', 'gen=2']);
    expect(plan.code, plan.out).toBe(0);
    const destroy = await tf(work, ['destroy', '-auto-approve', '-input=false', '-var', 'gen=2']);
    expect(destroy.out).toContain('Destroy complete! Resources: 15 destroyed.');
  }, 600_000);
});
