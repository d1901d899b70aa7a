/**
 * Root outputs whose value is null are not kept in state, as in Terraform 1.11: from
 * nothing, a null output is no change; from a value, it is an update, and the apply
 * removes it from the state (and from what it reports).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workdir } from '../../src/apply/workdir.js';

async function applyConfig(dir: string, value: string) {
  writeFileSync(join(dir, 'main.tf'), `output "o" { value = ${value} }\noutput "s" { value = "x" }\n`);
  const { wd } = await Workdir.open({ dir, cwd: dir });
  const { state } = await wd!.readState();
  const p = await wd!.plan(state, { variables: new Map() });
  const a = await wd!.apply(p, { variables: new Map() });
  expect(a.diags.filter((d) => d.severity === 'error')).toEqual([]);
  const action = p.plan.outputChanges.find((o) => o.name === 'o')?.action;
  return { action, saved: [...a.state.outputs.keys()].sort(), reported: [...a.outputs.keys()] };
}

describe('null root outputs', () => {
  it('are not saved, and planned as Terraform plans them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-null-outputs-'));
    expect(await applyConfig(dir, 'null')).toEqual({ action: 'no-op', saved: ['s'], reported: ['s'] });
    expect(await applyConfig(dir, '"y"')).toEqual({ action: 'create', saved: ['o', 's'], reported: ['o', 's'] });
    expect(await applyConfig(dir, 'null')).toEqual({ action: 'update', saved: ['s'], reported: ['s'] });
  });
});
