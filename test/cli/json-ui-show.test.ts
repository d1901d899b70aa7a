/**
 * `show -json PLANFILE`'s `configuration` object, and the text of `show` / `state show`.
 * The golden files are Terraform 1.11's own output for the same fixtures (generated ids
 * masked), so any difference is a compatibility bug.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fixture, terrane } from './helpers.js';

const GOLDEN = resolve(import.meta.dirname, '..', '..', 'testdata', 'cli', 'show-config', 'configuration.golden.json');

describe('show -json configuration', () => {
  it('matches Terraform: providers, resources with expressions, module calls, outputs and variables', () => {
    const dir = fixture('show-config');
    expect(terrane(dir, ['init']).code).toBe(0);
    const p = terrane(dir, ['plan', '-out=tfplan']);
    expect(p.code, p.stderr).toBe(0);
    const s = terrane(dir, ['show', '-json', 'tfplan']);
    expect(s.code, s.stderr).toBe(0);
    const doc = JSON.parse(s.stdout) as { configuration: unknown };
    // Key order too: Terraform writes maps with sorted keys and structs in field order.
    expect(JSON.stringify(doc.configuration, null, 2)).toBe(JSON.stringify(JSON.parse(readFileSync(GOLDEN, 'utf8')), null, 2));
  });

  it('keeps concrete values of dynamic attributes in a saved plan and leaves unknowns out of planned_values', () => {
    const dir = fixture('show-config');
    terrane(dir, ['init']);
    terrane(dir, ['plan', '-out=tfplan']);
    const doc = JSON.parse(terrane(dir, ['show', '-json', 'tfplan']).stdout);
    const b2 = doc.planned_values.root_module.resources.find((r: { address: string }) => r.address === 'terraform_data.b2["x"]');
    expect(b2.values).toEqual({ input: 1, triggers_replace: { a: 1, b: 'two', c: [1, 2] } });
  });

  it('prints state like Terraform: map keys quoted, object keys bare unless not identifiers, heredocs, outputs by type', () => {
    const dir = fixture('state-render');
    terrane(dir, ['init']);
    expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    const golden = (name: string) => readFileSync(resolve(import.meta.dirname, '..', '..', 'testdata', 'cli', 'state-render', name), 'utf8');
    expect(terrane(dir, ['state', 'show', '-no-color', 'terraform_data.x']).stdout.replace(uuid, 'UUID')).toBe(golden('state-show.golden.txt'));
    expect(terrane(dir, ['show', '-no-color']).stdout.replace(uuid, 'UUID')).toBe(golden('show.golden.txt'));
  });
});
