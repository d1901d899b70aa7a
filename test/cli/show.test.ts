import { describe, it, expect } from 'vitest';
import { applied, fixture, terrane } from './helpers.js';

describe('show', () => {
  it('shows the state as text and as Terraform JSON', () => {
    const dir = applied('basic');
    const human = terrane(dir, ['show', '-no-color']);
    expect(human.stdout).toContain('# terraform_data.a:\nresource "terraform_data" "a" {');
    expect(human.stdout).toContain('Outputs:\n\na_input = "hello"\n');
    const j = JSON.parse(terrane(dir, ['show', '-json']).stdout);
    expect(j.format_version).toBe('1.0');
    const a = j.values.root_module.resources.find((r: { address: string }) => r.address === 'terraform_data.a');
    expect(a).toMatchObject({ mode: 'managed', type: 'terraform_data', name: 'a', provider_name: 'terraform.io/builtin/terraform', values: { input: 'hello', output: 'hello' } });
    const m1 = j.values.root_module.resources.find((r: { address: string }) => r.address === 'terraform_data.many[1]');
    expect(m1.index).toBe(1);
    expect(j.values.outputs.a_input).toEqual({ sensitive: false, value: 'hello', type: 'string' });
  });

  it('shows a saved plan as JSON with actions and reasons', () => {
    const dir = applied('basic');
    expect(terrane(dir, ['taint', 'null_resource.b']).code).toBe(0);
    expect(terrane(dir, ['plan', '-out=tfplan']).code).toBe(0);
    const j = JSON.parse(terrane(dir, ['show', '-json', 'tfplan']).stdout);
    const b = j.resource_changes.find((r: { address: string }) => r.address === 'null_resource.b');
    expect(b.change.actions).toEqual(['delete', 'create']);
    expect(b.action_reason).toBe('replace_because_tainted');
    expect(b.change.after_unknown.id).toBe(true);
    expect(j.prior_state.values.root_module.resources.length).toBe(4);
    expect(j.errored).toBe(false);
    const human = terrane(dir, ['show', '-no-color', 'tfplan']);
    expect(human.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
  });

  it('says "No state." before the first apply', () => {
    const dir = fixture('basic');
    terrane(dir, ['init']);
    expect(terrane(dir, ['show']).stdout).toBe('No state.\n');
    expect(JSON.parse(terrane(dir, ['show', '-json']).stdout)).toEqual({ format_version: '1.0' });
  });
});
