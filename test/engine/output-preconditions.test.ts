/**
 * Output preconditions as terraform 1.11.4 reports them (plans of
 * testdata/engine/output-preconditions compared with terraform's own output).
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workdir } from '../../src/apply/workdir.js';
import { stringVal } from '../../src/lang/value.js';
import type { PlanMode } from '../../src/plan/plan.js';

async function plan(mode: string, planMode: PlanMode = 'normal') {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-outpre-'));
  cpSync(join(import.meta.dirname, '../../testdata/engine/output-preconditions'), dir, { recursive: true });
  const r = await Workdir.open({ dir });
  expect(r.diags.filter((d) => d.severity === 'error')).toEqual([]);
  const { state } = await r.wd!.readState();
  const p = await r.wd!.plan(state, { mode: planMode, variables: new Map([['mode', stringVal(mode)]]) });
  return p.diags.map((d) => ({ severity: d.severity, summary: d.summary, detail: d.detail, line: d.subject?.start.line }));
}

const SENSITIVE_WARNING = {
  severity: 'warning', summary: 'Error message refers to sensitive values', line: 21,
  detail: 'The error expression used to explain this condition refers to sensitive values, so terrane will not display the resulting message.\n\nYou can correct this by removing references to sensitive values, or by carefully using the nonsensitive() function if the expression will not reveal the sensitive data.',
};

describe('output preconditions', () => {
  it('fail with the trimmed message, and withhold a sensitive one with a warning', async () => {
    const diags = await plan('fail');
    expect(diags).toContainEqual({ severity: 'error', summary: 'Module output value precondition failed', detail: 'Mode is fail.', line: 13 });
    expect(diags).toContainEqual({ severity: 'error', summary: 'Module output value precondition failed', line: 20,
      detail: 'This check failed, but has an invalid error message as described in the other accompanying messages.' });
    expect(diags).toContainEqual(SENSITIVE_WARNING);
    expect(diags.filter((d) => d.severity === 'error')).toHaveLength(2);
  });

  it('reject a null condition, and evaluate the message even when the condition holds', async () => {
    const diags = await plan('null');
    expect(diags).toContainEqual({ severity: 'error', summary: 'Invalid condition result', detail: 'Condition expression must return either true or false, not null.', line: 27 });
    expect(diags).toContainEqual(SENSITIVE_WARNING);
    expect(diags.filter((d) => d.severity === 'error')).toHaveLength(1);
  });

  it('are warnings in a refresh-only plan', async () => {
    const diags = await plan('fail', 'refresh-only');
    expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diags).toContainEqual({ severity: 'warning', summary: 'Module output value precondition failed', detail: 'Mode is fail.', line: 13 });
  });
});
