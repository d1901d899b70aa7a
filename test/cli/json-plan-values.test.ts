/**
 * `show -json` of plans and state against terraform 1.11.4's documents for the same steps
 * (testdata/cli/json-plan-values/terraform, see make-goldens.sh there): unknowns left out of
 * `after`, the sensitivity mirrors of unknown and known collections, partly unknown outputs.
 * Random ids and versions are masked; relevant_attributes are compared as sets (their
 * order is Terraform's sort.Slice order, not stable).
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { goldenFixture, terrane } from '../support/cli.js';

const FIXTURE = resolve(import.meta.dirname, '..', '..', 'testdata', 'cli', 'json-plan-values');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function normalize(text: string): Record<string, unknown> {
  const doc = JSON.parse(text.replace(UUID, 'UUID')) as Record<string, unknown>;
  delete doc.timestamp;
  delete doc.terraform_version;
  const prior = doc.prior_state as Record<string, unknown> | undefined;
  if (prior) delete prior.terraform_version;
  if (Array.isArray(doc.relevant_attributes)) doc.relevant_attributes = doc.relevant_attributes.map((a) => JSON.stringify(a)).sort();
  return doc;
}

const golden = (name: string) => normalize(readFileSync(join(FIXTURE, 'terraform', name), 'utf8'));

describe('show -json planned values', () => {
  it('writes plans and state as Terraform does, unknowns and sensitivity included', () => {
    const dir = goldenFixture('json-plan-values');
    const run = (args: string[]) => {
      const r = terrane(dir, args, '', { TF_WORKSPACE: '' });
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    run(['init']);
    run(['plan', '-out=plan.bin']);
    expect(normalize(run(['show', '-json', 'plan.bin']))).toEqual(golden('plan-create.json'));
    run(['apply', '-auto-approve', 'plan.bin']);
    expect(normalize(run(['show', '-json']))).toEqual(golden('state.json'));
    copyFileSync(join(dir, 'next', 'main.tf'), join(dir, 'main.tf'));
    run(['plan', '-out=plan.bin']);
    const update = normalize(run(['show', '-json', 'plan.bin']));
    expect(update).toEqual(golden('plan-update.json'));
    // The points this fixture is about, spelled out.
    const changes = update.resource_changes as { address: string; change: Record<string, unknown> }[];
    const a = changes.find((c) => c.address === 'terraform_data.a')!.change;
    expect(a.after).not.toHaveProperty('output');
    expect(a.after_sensitive).toEqual({ input: { list: [false], secret: true }, output: {} });
    const out = (update.output_changes as Record<string, Record<string, unknown>>).obj!;
    expect(out.after).toEqual({ fixed: 'f', id: 'UUID' });
    expect(out.after_unknown).toEqual({ out: true });
    const created = normalize(readFileSync(join(FIXTURE, 'terraform', 'plan-create.json'), 'utf8')).output_changes as Record<string, Record<string, unknown>>;
    expect(created.o).not.toHaveProperty('after');
  });
});
