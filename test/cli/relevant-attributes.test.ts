/**
 * `relevant_attributes` of `show -json PLANFILE` against what terraform 1.11.4 wrote for
 * the same plans (testdata/cli/relevant-basic/terraform, see make-goldens.sh there).
 * Terraform's order of the entries is not stable from run to run, so they are compared
 * as sets.
 */
import { describe, expect, it } from 'vitest';
import { goldenFixture, terrane } from '../support/cli.js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

const run = (dir: string, args: string[]) => terrane(dir, args, '', { TF_WORKSPACE: '' });

const copy = goldenFixture;

type Attr = { resource: string; attribute: (string | number)[] };

/** The plan's relevant_attributes (undefined when the document leaves them out). */
function relevant(dir: string, args: string[]): Attr[] | undefined {
  const p = run(dir, ['plan', '-out=plan.bin', ...args]);
  expect(p.code, p.stderr).toBe(0);
  return (JSON.parse(run(dir, ['show', '-json', 'plan.bin']).stdout) as { relevant_attributes?: Attr[] }).relevant_attributes;
}

const asSet = (a: Attr[] | undefined) => (a ?? []).map((x) => JSON.stringify(x)).sort();
const golden = (file: string) => JSON.parse(readFileSync(join(ROOT, 'testdata', 'cli', 'relevant-basic', 'terraform', file), 'utf8')) as Attr[];

describe('relevant_attributes in the JSON plan', () => {
  it('names the resource instances and attribute paths the changes depend on, as Terraform does', () => {
    const dir = copy('relevant-basic');
    expect(run(dir, ['init']).code).toBe(0);
    const created = relevant(dir, []);
    expect(asSet(created)).toEqual(asSet(golden('create.json')));
    // An instance key written in the reference names the instance; index steps stay in the path.
    expect(created).toContainEqual({ resource: 'terraform_data.many[1]', attribute: ['output'] });
    expect(created).toContainEqual({ resource: 'terraform_data.top', attribute: ['output', 'k'] });
    expect(created).toContainEqual({ resource: 'terraform_data.many', attribute: [] });

    expect(run(dir, ['apply', '-auto-approve']).code).toBe(0);
    // Nothing changes, but outputs of called modules always count (Terraform keeps no state of them).
    expect(asSet(relevant(dir, []))).toEqual(asSet(golden('no-changes.json')));
    expect(asSet(relevant(dir, ['-destroy']))).toEqual(asSet(golden('destroy.json')));
    expect(asSet(relevant(dir, ['-refresh-only']))).toEqual(asSet(golden('refresh-only.json')));
  });

  it('names the resource in each instance of a counted module, as Terraform does', () => {
    const dir = copy('checks-modules');
    expect(run(dir, ['init']).code).toBe(0);
    const want = JSON.parse(readFileSync(join(ROOT, 'testdata', 'cli', 'checks-modules', 'terraform', 'plan-relevant-attributes.json'), 'utf8')) as Attr[];
    expect(asSet(relevant(dir, []))).toEqual(asSet(want));
  });

  it('leaves the field out when nothing is relevant', () => {
    const dir = copy('checks-basic');
    expect(run(dir, ['init']).code).toBe(0);
    expect(run(dir, ['apply', '-auto-approve']).code).toBe(0);
    const doc = (() => {
      expect(run(dir, ['plan', '-refresh-only', '-out=plan.bin']).code).toBe(0);
      return JSON.parse(run(dir, ['show', '-json', 'plan.bin']).stdout) as Record<string, unknown>;
    })();
    expect('relevant_attributes' in doc).toBe(false);
    expect(Object.keys(doc)).toContain('checks');
  });

  it('puts the field after configuration and before checks and timestamp, as Terraform orders its keys', () => {
    const dir = copy('relevant-basic');
    expect(run(dir, ['init']).code).toBe(0);
    expect(run(dir, ['plan', '-out=plan.bin']).code).toBe(0);
    const keys = Object.keys(JSON.parse(run(dir, ['show', '-json', 'plan.bin']).stdout) as Record<string, unknown>);
    expect(keys.indexOf('relevant_attributes')).toBe(keys.indexOf('configuration') + 1);
    expect(keys.indexOf('timestamp')).toBeGreaterThan(keys.indexOf('relevant_attributes'));
  });
});
