import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { State } from '../state/index.js';
import type { Plan } from './plan.js';
import { readPlanFile, writePlanFile } from './plan-file.js';
import { rawEquals, stringVal, tupleVal } from '../lang/value.js';

function plan(more: Partial<Plan> = {}): Plan {
  return {
    mode: 'normal', changes: [], outputChanges: [], drift: [], variables: {}, targets: [], excludes: [], replaceAddrs: [], checks: [],
    priorStateSerial: 3, priorStateLineage: 'lineage', timestamp: new Date('2026-01-02T03:04:05Z'), errored: false, diagnostics: [], ...more,
  };
}

const NO_EXTRAS = { config: { '': {} }, setVariables: new Map() };

describe('plan files', () => {
  it('keep the check results and relevant attributes that `show -json` renders', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'terrane-planfile-')), 'tfplan');
    const checks: Plan['checks'] = [
      { objectKind: 'resource', configAddr: 'terraform_data.a', status: 'fail', objects: [{ objectAddr: 'terraform_data.a[0]', status: 'fail', failureMessages: ['m'] }] },
      { objectKind: 'var', configAddr: 'var.v', status: 'unknown', objects: [] },
    ];
    const relevantAttributes = [{ resource: 'terraform_data.a', attr: ['output'], key: 0, path: ['output', 'k'] }, { resource: 'data.x.y', attr: [] }];
    await writePlanFile(path, plan({ checks, relevantAttributes }), new State('lineage'), NO_EXTRAS);
    const r = await readPlanFile(path);
    expect(r.diags).toEqual([]);
    expect(r.saved!.plan.checks).toEqual(checks);
    expect(r.saved!.plan.relevantAttributes).toEqual(relevantAttributes);
  });

  it('keep the configuration files and the variable values the caller set', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'terrane-planfile-')), 'tfplan');
    const config = { '': { 'main.tf': 'module "m" { source = "./m" }\n' }, m: { 'a.tf': '# a\n', 'a_override.tf.json': '{}' } };
    const setVariables = new Map([['n', stringVal('1')], ['w', tupleVal([stringVal('a')])]]);
    await writePlanFile(path, plan(), new State('lineage'), { config, setVariables });
    const r = await readPlanFile(path);
    expect(r.saved!.config).toEqual(config);
    expect([...r.saved!.setVariables.keys()]).toEqual(['n', 'w']);
    expect(rawEquals(r.saved!.setVariables.get('w')!, tupleVal([stringVal('a')]))).toBe(true);
    expect(rawEquals(r.saved!.setVariables.get('n')!, stringVal('1'))).toBe(true);
  });

  it('refuse files of the earlier format, which hold no configuration', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'terrane-planfile-')), 'tfplan');
    await writePlanFile(path, plan(), new State('lineage'), NO_EXTRAS);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { format_version: number };
    doc.format_version = 1;
    writeFileSync(path, JSON.stringify(doc));
    const r = await readPlanFile(path);
    expect(r.saved).toBeUndefined();
    expect(r.diags[0]!.detail).toContain('(format terrane-plan version 1)');
  });

  it('drop check results of the older shape instead of failing on them', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'terrane-planfile-')), 'tfplan');
    await writePlanFile(path, plan(), new State('lineage'), NO_EXTRAS);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { plan: { checks: unknown[] } };
    doc.plan.checks = [{ addr: 'check.c', kind: 'check', status: 'pass', failureMessages: [] }];
    writeFileSync(path, JSON.stringify(doc));
    expect((await readPlanFile(path)).saved!.plan.checks).toEqual([]);
  });
});
