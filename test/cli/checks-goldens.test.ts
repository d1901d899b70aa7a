/**
 * Check results against Terraform's own: the fixtures' `terraform/` folders hold what
 * terraform 1.11.4 wrote for the same commands (see each fixture's README). Terraform
 * writes `check_results` in Go map order, which varies from run to run, so states are
 * compared with entries sorted; the JSON `checks` arrays are sorted by Terraform itself
 * and compared exactly.
 */
import { describe, expect, it } from 'vitest';
import { goldenFixture, terrane } from '../support/cli.js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface CheckResultJSON { object_kind: string; config_addr: string; status: string; objects: { object_addr: string; status: string; failure_messages?: string[] }[] | null }

const run = (dir: string, args: string[]) => terrane(dir, args, '', { TF_WORKSPACE: '' });

const copy = goldenFixture;

const golden = (name: string, file: string): unknown => JSON.parse(readFileSync(join(ROOT, 'testdata', 'cli', name, 'terraform', file), 'utf8'));

/** check_results with entries and objects in one order (Terraform's own order is random). */
function sorted(results: CheckResultJSON[] | null): CheckResultJSON[] | null {
  if (results === null) return null;
  const by = <T>(k: (x: T) => string) => (a: T, b: T) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0);
  return results.map((c) => ({ ...c, objects: c.objects && [...c.objects].sort(by((o) => o.object_addr)) })).sort(by((c) => c.config_addr));
}

const stateChecks = (dir: string) => sorted((JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { check_results: CheckResultJSON[] | null }).check_results);
const goldenChecks = (name: string, file: string) => sorted((golden(name, file) as { check_results: CheckResultJSON[] | null }).check_results);
const showJSON = (dir: string, args: string[]) => JSON.parse(run(dir, ['show', '-json', ...args]).stdout) as Record<string, unknown>;

describe.each([
  { name: 'checks-basic', applyCode: 0 },
  // A postcondition fails during the apply: the state still records every result.
  { name: 'checks-modules', applyCode: 1 },
])('$name: check results as terraform 1.11 records them', ({ name, applyCode }) => {
  it('plans, applies, refreshes and destroys with the same statuses', () => {
    const dir = copy(name);
    expect(run(dir, ['init']).code).toBe(0);
    expect(run(dir, ['plan', '-out=plan.bin']).code).toBe(0);
    expect(showJSON(dir, ['plan.bin']).checks).toEqual(golden(name, 'plan-checks.json'));

    const applied = run(dir, ['apply', '-no-color', 'plan.bin']);
    expect(applied.code, applied.stderr).toBe(applyCode);
    expect(stateChecks(dir)).toEqual(goldenChecks(name, 'apply.tfstate'));
    expect(showJSON(dir, []).checks).toEqual(golden(name, 'state-checks.json'));

    expect(run(dir, ['apply', '-refresh-only', '-auto-approve']).code).toBe(0);
    expect(stateChecks(dir)).toEqual(goldenChecks(name, 'apply-refresh-only.tfstate'));

    expect(run(dir, ['plan', '-destroy', '-out=destroy.bin']).code).toBe(0);
    expect(showJSON(dir, ['destroy.bin']).checks).toEqual(golden(name, 'destroy-plan-checks.json'));
    expect(run(dir, ['apply', 'destroy.bin']).code).toBe(0);
    expect(stateChecks(dir)).toEqual(goldenChecks(name, 'destroy.tfstate'));
  });
});

describe('checks-basic: the rest of the file as terraform writes it', () => {
  it('`refresh` records no check results (Terraform keeps the plan\'s prior state, which has none)', () => {
    const dir = copy('checks-basic');
    expect(run(dir, ['init']).code).toBe(0);
    expect(run(dir, ['apply', '-auto-approve']).code).toBe(0);
    expect(run(dir, ['refresh']).code).toBe(0);
    expect(stateChecks(dir)).toEqual(goldenChecks('checks-basic', 'refresh.tfstate'));
    expect(stateChecks(dir)).toBeNull();
    const text = readFileSync(join(dir, 'terraform.tfstate'), 'utf8');
    expect(text).toMatch(/\n {2}"check_results": null\n\}\n$/);
  });

  it('writes each result with Terraform\'s field order, failure_messages only when there are some, and objects null when none', () => {
    const dir = copy('checks-basic');
    expect(run(dir, ['init']).code).toBe(0);
    expect(run(dir, ['apply', '-auto-approve']).code).toBe(0);
    const text = readFileSync(join(dir, 'terraform.tfstate'), 'utf8');
    // Terraform's results in terrane's (sorted) order, indented as Go's MarshalIndent does.
    const tf = goldenChecks('checks-basic', 'apply.tfstate');
    const want = '  "check_results": ' + JSON.stringify(tf, null, 2).replace(/\n/g, '\n  ') + '\n}\n';
    expect(text.slice(text.indexOf('  "check_results"'))).toBe(want);
  });

  // The root output refers to a resource the run does not target: like Terraform, the
  // targeted apply leaves it out rather than evaluating it.
  it('a targeted apply leaves every check result it did not walk unknown', () => {
    const dir = copy('checks-basic');
    expect(run(dir, ['init']).code).toBe(0);
    const target = readFileSync(join(dir, 'target'), 'utf8').trim();
    expect(run(dir, ['apply', '-auto-approve', `-target=${target}`]).code).toBe(0);
    expect(stateChecks(dir)).toEqual(goldenChecks('checks-basic', 'apply-target.tfstate'));
  });

  it('carries relevant_attributes in the JSON plan as Terraform does', () => {
    const dir = copy('checks-basic');
    expect(run(dir, ['init']).code).toBe(0);
    expect(run(dir, ['plan', '-out=plan.bin']).code).toBe(0);
    expect(showJSON(dir, ['plan.bin']).relevant_attributes).toEqual(golden('checks-basic', 'plan-relevant-attributes.json'));
  });
});
