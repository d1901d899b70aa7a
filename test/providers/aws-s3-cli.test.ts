/**
 * A static-site bucket stack through terrane's commands, run in this process against the
 * in-process cloud (TERRANE_CLOUD_ENDPOINT): apply, no changes after, versioning and tags
 * changed behind terrane's back show in the next plan, import by bucket name, destroy.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadBucketCommand, PutBucketTaggingCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { main } from '../../src/cli/main.js';
import { copyFixture } from '../support/cli.js';

let cloud: RunningCloud;
let s3: S3Client;
const saved = { ...process.env };

beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
  process.env.TERRANE_CLOUD_ENDPOINT = cloud.url;
  process.env.NO_COLOR = '1';
  s3 = new S3Client({ endpoint: cloud.url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  s3?.destroy();
  await cloud?.close();
  process.env = saved;
});

async function terrane(cwd: string, ...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = { write: (s: string | Uint8Array) => { out += String(s); return true; } };
  const code = await main(args, { cwd, env: process.env, stdout: sink as never, stderr: sink as never });
  return { code, out };
}

describe('S3 static-site stack through the commands', () => {
  it('applies, plans no change, sees drift, and destroys', async () => {
    const dir = copyFixture(join(import.meta.dirname, '../../testdata/providers/aws-s3-site'));
    expect((await terrane(dir, 'init')).code).toBe(0);
    const apply = await terrane(dir, 'apply', '-auto-approve');
    expect(apply.code, apply.out).toBe(0);
    expect(apply.out).toContain('Apply complete! Resources: 8 added, 0 changed, 0 destroyed.');
    const bucket = /bucket = "(site-\d{18}[0-9a-f]{8})"/.exec(apply.out)?.[1];
    expect(bucket, apply.out).toBeDefined();
    expect(apply.out).toContain(`regional_domain = "${bucket}.s3.us-east-1.amazonaws.com"`);

    const clean = await terrane(dir, 'plan', '-detailed-exitcode');
    expect(clean.code, clean.out).toBe(0);
    expect(clean.out).toContain('No changes.');

    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: [{ Key: 'Name', Value: 'by-hand' }] } }));
    const drift = await terrane(dir, 'plan', '-detailed-exitcode');
    expect(drift.code, drift.out).toBe(2);
    expect(drift.out).toContain('# aws_s3_bucket.site will be updated in-place');
    expect(drift.out).toContain('# aws_s3_bucket_versioning.site will be updated in-place');
    expect(drift.out).toContain('"Suspended" -> "Enabled"');
    expect(drift.out).toContain('"by-hand" -> "site"');
    expect(drift.out).toContain('Plan: 0 to add, 2 to change, 0 to destroy.');
    expect((await terrane(dir, 'apply', '-auto-approve')).code).toBe(0);
    expect((await terrane(dir, 'plan', '-detailed-exitcode')).code).toBe(0);

    const destroy = await terrane(dir, 'destroy', '-auto-approve');
    expect(destroy.code, destroy.out).toBe(0);
    expect(destroy.out).toContain('Destroy complete! Resources: 8 destroyed.');
    await expect(s3.send(new HeadBucketCommand({ Bucket: bucket }))).rejects.toThrow();
  }, 120_000);
});
