import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workdir } from '../apply/workdir.js';
import { stringVal } from '../lang/value.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import { CHECK_ASSERTION_FAILED, CHECK_KNOWN_AFTER_APPLY } from './checks.js';

let dir = '';

async function open(): Promise<Workdir> {
  dir = mkdtempSync(join(tmpdir(), 'terrane-checks-'));
  cpSync(join(import.meta.dirname, '../../testdata/plan/checks'), dir, { recursive: true });
  const r = await Workdir.open({ dir, cwd: dir });
  expect(r.diags).toEqual([]);
  return r.wd!;
}

const vars = (more: Record<string, string> = {}) => new Map(Object.entries({ state_dir: dir, ...more }).map(([k, v]) => [k, stringVal(v)]));

const bySummary = (diags: Diagnostic[], s: string) => diags.filter((d) => d.summary === s);

describe('check blocks', () => {
  it('evaluates assertions at the end of the plan: failures and unknowns are warnings, never errors', async () => {
    const wd = await open();
    try {
      const { state } = await wd.readState();
      const p = await wd.plan(state, { variables: vars() });
      expect(p.diags.filter((d) => d.severity === 'error')).toEqual([]);
      expect(p.plan.errored).toBe(false);
      const [failed, ...more] = bySummary(p.diags, CHECK_ASSERTION_FAILED);
      expect(more).toEqual([]);
      expect(failed).toMatchObject({ severity: 'warning', detail: 'want is too short: hello' });
      expect(failed!.subject).toMatchObject({ filename: 'main.tf', start: { line: 25, column: 21 } });
      expect((failed!.extra as { values: unknown }).values).toEqual([{ traversal: 'var.want', statement: 'is "hello"' }]);
      const unknown = bySummary(p.diags, CHECK_KNOWN_AFTER_APPLY);
      expect(unknown.map((d) => d.subject?.start.line)).toEqual([33]);
      // The scoped data source cannot be read: a warning, and its check is not asserted.
      expect(p.diags.some((d) => d.severity === 'warning' && /could not be parsed/.test(d.detail ?? ''))).toBe(true);
      expect(Object.fromEntries(p.plan.checks.map((c) => [c.configAddr, c.status]))).toEqual({
        'check.passes': 'pass', 'check.fails': 'fail', 'check.after_apply': 'unknown', 'check.scoped': 'fail', 'check.remote': 'pass',
      });
      // Terraform fails the check with the read's error as its message, and asserts nothing.
      const scoped = p.plan.checks.find((c) => c.configAddr === 'check.scoped')!;
      expect(scoped.objects).toHaveLength(1);
      expect(scoped.objects[0]!.failureMessages).toHaveLength(1);
      expect(scoped.objects[0]!.failureMessages![0]).toMatch(/could not be parsed/);
      // A check's data source is read again during apply.
      const read = p.plan.changes.find((c) => c.addr === 'data.terraform_remote_state.good');
      expect(read).toMatchObject({ action: 'read', actionReason: 'read_because_check_nested' });
    } finally { await wd.close(); }
  });

  it('evaluates assertions again after apply, with the values the apply produced', async () => {
    const wd = await open();
    try {
      const { state } = await wd.readState();
      const p = await wd.plan(state, { variables: vars() });
      const a = await wd.apply(p, { variables: vars() });
      expect(a.diags.filter((d) => d.severity === 'error')).toEqual([]);
      expect(a.counts.added).toBe(1);
      const failed = bySummary(a.diags, CHECK_ASSERTION_FAILED).map((d) => d.detail).sort();
      expect(failed).toEqual(['output is hello', 'want is too short: hello']);
      expect(bySummary(a.diags, CHECK_KNOWN_AFTER_APPLY)).toEqual([]);
    } finally { await wd.close(); }
  });

  it('reports nothing when every assertion holds', async () => {
    const wd = await open();
    try {
      const { state } = await wd.readState();
      const p = await wd.plan(state, { variables: vars({ want: 'hello, long enough' }) });
      expect(bySummary(p.diags, CHECK_ASSERTION_FAILED)).toEqual([]);
      expect(p.plan.checks.find((c) => c.configAddr === 'check.fails')?.status).toBe('pass');
    } finally { await wd.close(); }
  });
});
