/**
 * A for_each whose keys are unknown while planning: Terraform's errors, which say which
 * value is unknown ("terraform_data.src.id is a string, known only after apply") and how
 * to work around it, set and map wording apart. Golden from terraform 1.11.4.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenFixture } from '../support/cli.js';
import { terraneInProcess } from '../support/cli-in-process.js';

const FIXTURE = join(import.meta.dirname, '../../testdata/cli/for-each-unknown');

describe('for_each with keys unknown until apply', () => {
  it('is refused with the value that is unknown and the way around it, as Terraform words it', async () => {
    const dir = goldenFixture('for-each-unknown');
    const r = await terraneInProcess(dir, ['plan', '-no-color']);
    expect(r.code).toBe(1);
    const want = readFileSync(join(FIXTURE, 'terraform/plan.txt'), 'utf8').replace(/Terraform/g, 'terrane');
    expect(r.stdout + r.stderr).toBe(want);
  });
});
