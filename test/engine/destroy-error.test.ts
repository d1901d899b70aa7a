/**
 * A destroy that fails in the provider, through the CLI on the built-in cloud (an S3 bucket
 * that is not empty). Terraform destroys without the configuration, so its error has no
 * "with" or "on" line even though the block is still there:
 * testdata/engine/destroy-error/terraform/destroy.stderr was written by terraform 1.11.4 with
 * hashicorp/aws 5.100.0 against terrane's cloud, for a bucket made non-empty behind its back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, terrane } from '../support/cli.js';

const FIXTURE = join(import.meta.dirname, '../../testdata/engine/destroy-error');
const started: string[] = [];
afterAll(() => { for (const dir of started) terrane(dir, ['cloud', 'stop', '-local']); });

/** The lines of the first "Error:" block that place it in the configuration. */
const placement = (stderr: string) => {
  const block = stderr.slice(stderr.indexOf('Error: ')).split('\n\n')[1] ?? '';
  return block.split('\n').filter((l) => /^ {2}(with |on )/.test(l));
};

describe('a destroy that fails in the provider', () => {
  it('reports the provider\'s error as terraform 1.11.4 does and keeps the object', () => {
    const dir = copyFixture(FIXTURE);
    started.push(dir);
    expect(terrane(dir, ['init', '-local']).code).toBe(0);
    const a = terrane(dir, ['apply', '-auto-approve']);
    expect(a.code, a.stderr).toBe(0);
    expect(terrane(dir, ['state', 'rm', 'aws_s3_object.o']).code).toBe(0);

    const d = terrane(dir, ['destroy', '-auto-approve']);
    expect(d.code).toBe(1);
    expect(d.stdout).toContain('aws_s3_bucket.b: Destroying... [id=terrane-destroy-error]');
    // Less the note of which cloud is used, which only -local prints.
    const stderr = d.stderr.replace(/^(Using|Started) terrane's local cloud .*\n/m, '');
    expect(stderr).toMatch(/^\nError: deleting S3 Bucket \(terrane-destroy-error\): .*BucketNotEmpty: The bucket you tried to delete is not empty\n\n$/);
    const golden = readFileSync(join(FIXTURE, 'terraform/destroy.stderr'), 'utf8');
    expect(golden).toMatch(/^\nError: deleting S3 Bucket \(proof-bucket\): .*BucketNotEmpty/);
    expect(placement(stderr)).toEqual(placement(golden));
    expect(placement(stderr)).toEqual([]);
    // The JSON diagnostic has no range and no address either.
    const j = terrane(dir, ['destroy', '-auto-approve', '-json']);
    const diag = j.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; diagnostic?: Record<string, unknown> })
      .find((m) => m.type === 'diagnostic' && m.diagnostic?.['severity'] === 'error')!.diagnostic!;
    expect(Object.keys(diag).sort()).toEqual(['detail', 'severity', 'summary']);
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { resources: { type: string }[] };
    expect(state.resources.map((r) => r.type)).toEqual(['aws_s3_bucket']);
  });
});
