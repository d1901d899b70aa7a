import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { State } from '../state/index.js';
import type { Plan } from './plan.js';
import { readPlanFile, writePlanFile } from './plan-file.js';

function plan(more: Partial<Plan> = {}): Plan {
  return {
    mode: 'normal', changes: [], outputChanges: [], drift: [], variables: {}, targets: [], excludes: [], replaceAddrs: [], checks: [],
    priorStateSerial: 3, priorStateLineage: 'lineage', timestamp: new Date('2026-01-02T03:04:05Z'), errored: false, diagnostics: [], ...more,
  };
}

describe('plan files', () => {
  it('keep the check results and relevant attributes that `show -json` renders', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'terrane-planfile-')), 'tfplan');
    const checks: Plan['checks'] = [
      { objectKind: 'resource', configAddr: 'terraform_data.a', status: 'fail', objects: [{ objectAddr: 'terraform_data.a[0]', status: 'fail', failureMessages: ['m'] }] },
      { objectKind: 'var', configAddr: 'var.v', status: 'unknown', objects: [] },
    ];
    const relevantAttributes = [{ resource: 'terraform_data.a', attr: ['output'], key: 0, path: ['output', 'k'] }, { resource: 'data.x.y', attr: [] }];
    await writePlanFile(path, plan({ checks, relevantAttributes }), new State('lineage'));
    const r = await readPlanFile(path);
    expect(r.diags).toEqual([]);
    expect(r.plan!.checks).toEqual(checks);
    expect(r.plan!.relevantAttributes).toEqual(relevantAttributes);
  });

  it('drop check results of the older shape instead of failing on them', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'terrane-planfile-')), 'tfplan');
    await writePlanFile(path, plan(), new State('lineage'));
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { plan: { checks: unknown[] } };
    doc.plan.checks = [{ addr: 'check.c', kind: 'check', status: 'pass', failureMessages: [] }];
    writeFileSync(path, JSON.stringify(doc));
    expect((await readPlanFile(path)).plan!.checks).toEqual([]);
  });
});
