import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load-config.js';
import { hasErrors } from '../hcl/diagnostic.js';
import { collectVariableValues, finalizeVariableValues } from './variable-values.js';

const fixtures = join(import.meta.dirname, '../../testdata/config');

describe('loadConfig', () => {
  it('loads a root module, its blocks and a local child module', () => {
    const { config, diags } = loadConfig(join(fixtures, 'basic'));
    expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
    const m = config.root.module;
    expect(m.terraform.requiredProviders.get('random')).toMatchObject({ source: 'registry.terraform.io/hashicorp/random', version: '~> 3.0' });
    expect(m.terraform.backend?.type).toBe('local');
    expect(m.variables.get('env')!.default!.str).toBe('dev');
    // optional() defaults are applied to the default value.
    const settings = m.variables.get('settings')!.default!;
    expect(settings.attrs.get('tags')!.attrs.get('team')!.str).toBe('data');
    const pet = m.managedResources.get('random_pet.name')!;
    expect(pet.count).toBeDefined();
    expect(pet.lifecycle.createBeforeDestroy).toBe(true);
    expect(pet.lifecycle.ignoreChanges).not.toBe('all');
    expect(m.moved).toHaveLength(1);
    expect(config.root.children.get('net')!.module.variables.has('cidr')).toBe(true);
    expect(m.moduleCalls.get('net')!.inputs.has('cidr')).toBe(true);
  });

  it('gives a resource block\'s ranges (whole block, header, type label) in lines, columns and UTF-8 bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-ranges-'));
    // Non-ASCII text before the block: bytes and UTF-16 offsets differ from here on.
    writeFileSync(join(dir, 'main.tf'), '# café ☕\nresource "terraform_data" "x" {\n  count = 1\n}\ndata "terraform_remote_state" "s" {\n  backend = "local"\n}\n');
    const { config, diags } = loadConfig(dir);
    expect(hasErrors(diags)).toBe(false);
    const at = (line: number, column: number, byte: number) => ({ line, column, byte });
    const x = config.root.module.managedResources.get('terraform_data.x')!;
    const file = 'main.tf';
    expect(x.range).toEqual({ filename: file, start: at(2, 1, 12), end: at(4, 2, 57) });
    expect(x.declRange).toEqual({ filename: file, start: at(2, 1, 12), end: at(2, 30, 41) });
    expect(x.typeRange).toEqual({ filename: file, start: at(2, 10, 21), end: at(2, 26, 37) });
    const s = config.root.module.dataResources.get('terraform_remote_state.s')!;
    expect(s.declRange).toEqual({ filename: file, start: at(5, 1, 58), end: at(5, 34, 91) });
    expect(s.typeRange).toEqual({ filename: file, start: at(5, 6, 63), end: at(5, 30, 87) });
  });

  it('refuses instance keys in a removed block\'s `from`, at the key, with Terraform\'s errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-removed-keys-'));
    writeFileSync(join(dir, 'main.tf'), 'removed {\n  from = terraform_data.x[0]\n}\nremoved {\n  from = module.m[0]\n}\nremoved {\n  from = module.m["a"].terraform_data.y\n}\n');
    const { config, diags } = loadConfig(dir);
    const at = (line: number, column: number, byte: number) => ({ line, column, byte });
    // As terraform 1.11.4 validate -json reports them.
    expect(diags.map((d) => [d.summary, d.subject!.start, d.subject!.end])).toEqual([
      ['Resource instance keys not allowed', at(2, 26, 35), at(2, 29, 38)],
      ['Module instance keys not allowed', at(5, 18, 68), at(5, 21, 71)],
      ['Module instance keys not allowed', at(8, 18, 101), at(8, 23, 106)],
    ]);
    expect(diags[0]!.detail).toBe('Resource address must be a resource (e.g. "test_instance.foo"), not a resource instance (e.g. "test_instance.foo[1]").');
    expect(diags[1]!.detail).toBe('Module address must be a module (e.g. "module.foo"), not a module instance (e.g. "module.foo[1]").');
    expect(config.root.module.removed).toEqual([]);
  });

  it('says a registry module cannot be fetched offline, pointing at the source', () => {
    const { diags } = loadConfig(join(fixtures, 'remote-module'));
    const d = diags.find((x) => x.summary === 'Module source not available offline');
    expect(d).toBeDefined();
    expect(d!.detail).toMatch(/module registry address/);
    expect(d!.subject!.start.line).toBe(2);
  });

  it('loads .tf.json files with the same meaning', () => {
    const { config, diags } = loadConfig(join(fixtures, 'json'));
    expect(hasErrors(diags)).toBe(false);
    const m = config.root.module;
    expect(m.variables.get('region')!.default!.str).toBe('us-east-1');
    expect(m.managedResources.get('null_resource.a')!.dependsOn.map((t) => t.root)).toEqual(['null_resource']);
    expect(m.outputs.has('r')).toBe(true);
  });
});

describe('variable values', () => {
  it('follows Terraform precedence: env < files < -var in order', async () => {
    const { config } = loadConfig(join(fixtures, 'basic'));
    const m = config.root.module;
    const raw = collectVariableValues(m, { dir: join(fixtures, 'basic'), env: { TF_VAR_env: 'fromenv' }, args: [{ kind: 'var', value: 'env=cli' }] });
    expect(raw.diags).toEqual([]);
    const fin = await finalizeVariableValues(m, raw.values);
    expect(fin.values.get('env')!.str).toBe('cli');
    const raw2 = collectVariableValues(m, { dir: join(fixtures, 'basic'), env: { TF_VAR_env: 'fromenv' }, args: [] });
    expect((await finalizeVariableValues(m, raw2.values)).values.get('env')!.str).toBe('fromenv');
  });
  it('rejects a value of the wrong type with Terraform\'s message', async () => {
    const { config } = loadConfig(join(fixtures, 'basic'));
    const m = config.root.module;
    const raw = collectVariableValues(m, { dir: '/nonexistent', env: {}, args: [{ kind: 'var', value: 'settings={ size = "x" }' }] });
    const fin = await finalizeVariableValues(m, raw.values);
    expect(fin.diags[0]!.summary).toBe('Invalid value for input variable');
    expect(fin.diags[0]!.detail).toMatch(/^Unsuitable value for var.settings set using -var="settings=...": a number is required\.$/);
  });
});
