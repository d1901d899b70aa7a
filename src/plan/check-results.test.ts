import { describe, expect, it } from 'vitest';
import type { Config } from '../config/module.js';
import type { CheckStatus } from '../state/index.js';
import { CheckTracker } from './check-results.js';

const rule = {} as never;

/** A configuration with one resource (2 preconditions, 1 postcondition), an output, a check with a data source, a variable and an unchecked resource. */
function config(): Config {
  const module = {
    managedResources: new Map([
      ['terraform_data.a', { mode: 'managed', type: 'terraform_data', name: 'a', lifecycle: { preconditions: [rule, rule], postconditions: [rule] } }],
      ['terraform_data.plain', { mode: 'managed', type: 'terraform_data', name: 'plain', lifecycle: { preconditions: [], postconditions: [] } }],
    ]),
    dataResources: new Map(),
    outputs: new Map([['o', { name: 'o', preconditions: [rule] }], ['unchecked', { name: 'unchecked', preconditions: [] }]]),
    checks: new Map([['c', { name: 'c', asserts: [rule, rule], data: [{}] }]]),
    variables: new Map([['v', { name: 'v', validations: [rule] }]]),
  };
  const child = { path: ['m'], module: { ...module, checks: new Map(), outputs: new Map(), variables: new Map() }, children: new Map() };
  return { root: { path: [], module, children: new Map([['m', child]]) }, sources: new Map() } as unknown as Config;
}

describe('CheckTracker', () => {
  it('knows the checkable objects of the whole module tree, and nothing else', () => {
    const t = new CheckTracker(config());
    expect(t.results().map((r) => [r.objectKind, r.configAddr, r.status, r.objects])).toEqual([
      ['check', 'check.c', 'unknown', []],
      ['resource', 'module.m.terraform_data.a', 'unknown', []],
      ['output', 'output.o', 'unknown', []],
      ['resource', 'terraform_data.a', 'unknown', []],
      ['var', 'var.v', 'unknown', []],
    ]);
  });

  it('an object with no instances passes; one not reported stays unknown', () => {
    const t = new CheckTracker(config());
    t.reportObjects('terraform_data.a', []);
    expect(t.results().find((r) => r.configAddr === 'terraform_data.a')).toEqual({ objectKind: 'resource', configAddr: 'terraform_data.a', status: 'pass', objects: [] });
  });

  it.each<[string, CheckStatus[], CheckStatus]>([
    ['all pass', ['pass', 'pass', 'pass'], 'pass'],
    ['one undecided', ['pass', 'unknown', 'pass'], 'unknown'],
    ['a failure outranks undecided', ['fail', 'unknown', 'pass'], 'fail'],
    ['an error outranks a failure', ['fail', 'error', 'pass'], 'error'],
  ])('summarizes rules: %s', (_name, [p0, p1, q0], want) => {
    const t = new CheckTracker(config());
    t.reportObjects('terraform_data.a', ['terraform_data.a[0]']);
    t.report('terraform_data.a', 'terraform_data.a[0]', 'precondition', 0, p0!, 'm0');
    t.report('terraform_data.a', 'terraform_data.a[0]', 'precondition', 1, p1!, 'm1');
    t.report('terraform_data.a', 'terraform_data.a[0]', 'postcondition', 0, q0!, 'm2');
    const r = t.results().find((x) => x.configAddr === 'terraform_data.a')!;
    expect(r.status).toBe(want);
    expect(r.objects[0]!.status).toBe(want);
  });

  it('keeps failure messages of failed rules only, sorted, without empty ones', () => {
    const t = new CheckTracker(config());
    t.reportObjects('check.c', ['check.c']);
    t.report('check.c', 'check.c', 'assertion', 0, 'fail', 'zeta');
    t.report('check.c', 'check.c', 'assertion', 1, 'fail', '');
    t.report('check.c', 'check.c', 'check-data', 0, 'fail', 'Alpha');
    expect(t.results().find((x) => x.configAddr === 'check.c')!.objects).toEqual([{ objectAddr: 'check.c', status: 'fail', failureMessages: ['Alpha', 'zeta'] }]);
  });

  it('the first decided status of a rule stands', () => {
    const t = new CheckTracker(config());
    t.reportObjects('output.o', ['output.o']);
    t.report('output.o', 'output.o', 'output-precondition', 0, 'fail', 'first');
    t.report('output.o', 'output.o', 'output-precondition', 0, 'pass');
    expect(t.results().find((x) => x.configAddr === 'output.o')!.objects).toEqual([{ objectAddr: 'output.o', status: 'fail', failureMessages: ['first'] }]);
  });

  it('keeps outcomes reported before the instances are, and orders instances by address bytes', () => {
    const t = new CheckTracker(config());
    t.report('terraform_data.a', 'terraform_data.a[10]', 'precondition', 0, 'fail', 'early');
    expect(t.ruleStatus('terraform_data.a', 'terraform_data.a[10]', 'precondition', 0)).toBe('fail');
    t.reportObjects('terraform_data.a', ['terraform_data.a[2]', 'terraform_data.a[10]']);
    const r = t.results().find((x) => x.configAddr === 'terraform_data.a')!;
    expect(r.objects.map((o) => [o.objectAddr, o.status])).toEqual([['terraform_data.a[10]', 'fail'], ['terraform_data.a[2]', 'unknown']]);
  });
});
