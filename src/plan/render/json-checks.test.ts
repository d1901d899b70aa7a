import { describe, expect, it } from 'vitest';
import { checksJSON } from './json-checks.js';

describe('checksJSON', () => {
  it('is left out when there is nothing checkable', () => {
    expect(checksJSON([])).toBeUndefined();
  });

  it.each([
    ['a data source in a module instance', { objectKind: 'resource' as const, configAddr: 'module.a.module.b.data.http.x', objectAddr: 'module.a["k"].module.b[0].data.http.x[2]' },
      { kind: 'resource', mode: 'data', module: 'module.a.module.b', name: 'x', to_display: 'module.a.module.b.data.http.x', type: 'http' },
      { instance_key: 2, module: 'module.a["k"].module.b[0]', to_display: 'module.a["k"].module.b[0].data.http.x[2]' }],
    ['a variable of a module', { objectKind: 'var' as const, configAddr: 'module.m.var.v', objectAddr: 'module.m[1].var.v' },
      { kind: 'var', module: 'module.m', name: 'v', to_display: 'module.m.var.v' },
      { module: 'module.m[1]', to_display: 'module.m[1].var.v' }],
    ['a root output', { objectKind: 'output' as const, configAddr: 'output.o', objectAddr: 'output.o' },
      { kind: 'output_value', name: 'o', to_display: 'output.o' },
      { to_display: 'output.o' }],
  ])('addresses %s as Terraform does, keys in Go map order', (_name, c, address, instance) => {
    const [out] = checksJSON([{ objectKind: c.objectKind, configAddr: c.configAddr, status: 'fail', objects: [{ objectAddr: c.objectAddr, status: 'fail', failureMessages: ['b', 'a'] }] }]) as Record<string, unknown>[];
    expect(out).toEqual({ address, status: 'fail', instances: [{ address: instance, status: 'fail', problems: [{ message: 'a' }, { message: 'b' }] }] });
    expect(Object.keys(out!.address as object)).toEqual(Object.keys(address).sort());
    expect(Object.keys((out!.instances as Record<string, object>[])[0]!.address)).toEqual(Object.keys(instance).sort());
  });

  it('sorts objects and instances by their display address, bytes as Go compares them', () => {
    const r = checksJSON([
      { objectKind: 'resource', configAddr: 'terraform_data.b', status: 'pass', objects: [] },
      { objectKind: 'check', configAddr: 'check.z', status: 'unknown', objects: [{ objectAddr: 'check.z', status: 'unknown' }] },
      { objectKind: 'resource', configAddr: 'terraform_data.a', status: 'pass', objects: [{ objectAddr: 'terraform_data.a[2]', status: 'pass' }, { objectAddr: 'terraform_data.a[10]', status: 'pass' }] },
    ]) as { address: { to_display: string }; instances?: { address: { to_display: string } }[] }[];
    expect(r.map((c) => c.address.to_display)).toEqual(['check.z', 'terraform_data.a', 'terraform_data.b']);
    expect(r[1]!.instances!.map((i) => i.address.to_display)).toEqual(['terraform_data.a[10]', 'terraform_data.a[2]']);
    // No instances: the field is left out (omitempty).
    expect('instances' in r[2]!).toBe(false);
  });
});
