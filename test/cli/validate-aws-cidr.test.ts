/**
 * `validate` refuses the CIDR blocks hashicorp/aws refuses on aws_vpc and aws_subnet, with
 * its words, at the argument's line and naming the resource: the whole output is what
 * terraform 1.11.4 with hashicorp/aws 5.100.0 printed for the same configuration
 * (testdata/cli/validate-aws-cidr, made by its make-goldens.sh).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenFixture } from '../support/cli.js';
import { terraneInProcess } from '../support/cli-in-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const golden = readFileSync(join(ROOT, 'testdata', 'cli', 'validate-aws-cidr', 'terraform', 'validate.txt'), 'utf8');

describe('validate-aws-cidr: VPC and subnet CIDR blocks as hashicorp/aws checks them', () => {
  it('reports each invalid CIDR block as terraform does, and accepts the valid ones', async () => {
    const dir = goldenFixture('validate-aws-cidr');
    expect((await terraneInProcess(dir, ['init', '-no-color'])).code).toBe(0);
    const r = await terraneInProcess(dir, ['validate', '-no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toBe(golden);
  });
});
