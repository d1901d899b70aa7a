/**
 * The examples of issue 5, run as a user would with the built CLI and `-local` (each in its
 * own working directory, so each starts its own built-in cloud): apply, a second plan that
 * finds nothing to do, a look at the cloud with the AWS SDK, and a destroy that leaves the
 * cloud empty of the stack.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { cloudInventory, nonEmpty } from '../support/cloud-inventory.js';
import { copyFixture, terrane, type CliResult } from '../support/cli.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const started: string[] = [];
const creds = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

afterAll(() => {
  for (const dir of started) terrane(dir, ['cloud', 'stop', '-local']);
});

function ok(r: CliResult): CliResult {
  expect(r.code, r.stderr + r.stdout).toBe(0);
  return r;
}

function cloudUrl(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, '.terrane/cloud/cloud.pid.json'), 'utf8')) as { url: string }).url;
}

/** init -local, apply; checks the plan after apply is empty; returns the outputs. */
function applyExample(name: string, added: number): { dir: string; url: string; outputs: Record<string, { value: unknown }> } {
  const dir = copyFixture(join(EXAMPLES, name));
  started.push(dir);
  ok(terrane(dir, ['init', '-local']));
  // No flag: `init -local` made the directory use its own cloud from now on.
  const apply = ok(terrane(dir, ['apply', '-auto-approve']));
  expect(apply.stderr).toMatch(/Started terrane's local cloud at http:\/\/127\.0\.0\.1:\d+/);
  expect(apply.stdout).toContain(`Apply complete! Resources: ${added} added, 0 changed, 0 destroyed.`);
  const plan = terrane(dir, ['plan', '-detailed-exitcode']);
  expect(plan.code, plan.stderr + plan.stdout).toBe(0);
  expect(plan.stdout).toContain('No changes. Your infrastructure matches the configuration.');
  const outputs = JSON.parse(ok(terrane(dir, ['output', '-json'])).stdout) as Record<string, { value: unknown }>;
  return { dir, url: cloudUrl(dir), outputs };
}

async function destroyExample(dir: string, url: string, count: number): Promise<void> {
  const destroy = ok(terrane(dir, ['destroy', '-auto-approve']));
  expect(destroy.stdout).toContain(`Destroy complete! Resources: ${count} destroyed.`);
  expect(nonEmpty(await cloudInventory(url))).toEqual({});
  expect(ok(terrane(dir, ['state', 'list'])).stdout).toBe('');
}

describe('examples on the built-in cloud', () => {
  it('network: a VPC with a public subnet, a locked-down security group and a t2.micro host', async () => {
    const { dir, url, outputs } = applyExample('network', 8);
    expect(outputs['public_ip']!.value).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(outputs['ssh_command']!.value).toBe(`ssh -i <your private key> ubuntu@${outputs['public_ip']!.value as string}`);
    expect(outputs['web_urls']!.value).toEqual({
      metabase: `http://${outputs['public_ip']!.value as string}:3000`, 'spark-ui': `http://${outputs['public_ip']!.value as string}:8080`,
    });
    const inv = await cloudInventory(url);
    expect(inv['instances']).toHaveLength(1);
    expect(inv['key_pairs']).toEqual(['data-platform-deployer']);
    expect(inv['vpcs']).toEqual([outputs['vpc_id']!.value]);
    await destroyExample(dir, url, 8);
  });

  it('modules: storage and compute modules called from the root', async () => {
    const { dir, url, outputs } = applyExample('modules', 4);
    expect(outputs['bucket_name']!.value).toMatch(/^shop-dev-data-/);
    const list = ok(terrane(dir, ['state', 'list'])).stdout.trim().split('\n');
    expect(list).toEqual([
      'module.compute.data.aws_ami.al2023', 'module.compute.aws_instance.this',
      'module.storage.aws_s3_bucket.this', 'module.storage.aws_s3_bucket_lifecycle_configuration.this',
      'module.storage.aws_s3_bucket_versioning.this',
    ]);
    expect((await cloudInventory(url))['buckets']).toEqual([outputs['bucket_name']!.value]);
    await destroyExample(dir, url, 4);
  });

  it('team-state: a state bucket, a lock table, an image repository and least-privilege IAM', async () => {
    const { dir, url, outputs } = applyExample('team-state', 15);
    const inv = await cloudInventory(url);
    expect(outputs['backend_config']!.value).toContain(`bucket         = "${inv['buckets']![0]}"`);
    expect(inv['dynamodb_tables']).toEqual(['challenge-tfstate-locks']);
    expect(outputs['repository_url']!.value).toMatch(/^000000000000\.dkr\.ecr\.us-east-1\.[^/]+\/challenge-api$/);
    expect(inv['iam_users']).toEqual(['challenge-ci']);
    expect(outputs['ci_secret_access_key']!.value).toMatch(/^.{20,}$/);
    await destroyExample(dir, url, 15);
  });

  it('messaging: a topic fanned out to queues that really receive its messages', async () => {
    const { dir, url, outputs } = applyExample('messaging', 8);
    const sns = new SNSClient({ ...creds, endpoint: url });
    const sqs = new SQSClient({ ...creds, endpoint: url });
    try {
      await sns.send(new PublishCommand({ TopicArn: outputs['topic_arn']!.value as string, Message: '{"order":42}' }));
      const queues = outputs['queue_urls']!.value as Record<string, string>;
      expect(Object.keys(queues).sort()).toEqual(['billing', 'shipping']);
      for (const q of Object.values(queues)) {
        const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: q, WaitTimeSeconds: 1 }));
        // raw_message_delivery: the body is the message itself, not an SNS envelope.
        expect(got.Messages?.map((m) => m.Body)).toEqual(['{"order":42}']);
      }
    } finally {
      sns.destroy();
      sqs.destroy();
    }
    await destroyExample(dir, url, 8);
  });
});
