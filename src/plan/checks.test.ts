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

describe('resource conditions', () => {
  async function openConditions(): Promise<Workdir> {
    dir = mkdtempSync(join(tmpdir(), 'terrane-conditions-'));
    cpSync(join(import.meta.dirname, '../../testdata/cli/checks-conditions'), dir, { recursive: true });
    const r = await Workdir.open({ dir, cwd: dir });
    expect(r.diags).toEqual([]);
    return r.wd!;
  }
  const want = (v: string) => new Map([['want', stringVal(v)]]);
  const result = (checks: { configAddr: string }[], addr: string) => checks.find((c) => c.configAddr === addr);

  it('a failed precondition is an error that stops the instance, its message trimmed as Terraform trims it', async () => {
    const wd = await openConditions();
    try {
      const { state } = await wd.readState();
      const p = await wd.plan(state, { variables: want('pre') });
      const [d, ...more] = bySummary(p.diags, 'Resource precondition failed');
      expect(more).toEqual([]);
      expect(d).toMatchObject({ severity: 'error', detail: 'pre failed: pre', subject: { filename: 'main.tf', start: { line: 16 } } });
      expect(p.plan.changes).toEqual([]);
      expect(result(p.plan.checks, 'terraform_data.r')).toEqual({
        objectKind: 'resource', configAddr: 'terraform_data.r', status: 'fail',
        objects: [{ objectAddr: 'terraform_data.r', status: 'fail', failureMessages: ['pre failed: pre'] }],
      });
    } finally { await wd.close(); }
  });

  it('a null condition is "Invalid condition result" and makes the object an error', async () => {
    const wd = await openConditions();
    try {
      const { state } = await wd.readState();
      const p = await wd.plan(state, { variables: want('null') });
      expect(bySummary(p.diags, 'Invalid condition result')).toMatchObject([{ severity: 'error', detail: 'Condition expression must return either true or false, not null.' }]);
      expect(result(p.plan.checks, 'terraform_data.r')).toMatchObject({ status: 'error', objects: [{ status: 'error' }] });
    } finally { await wd.close(); }
  });

  it('a postcondition waits for the values the apply makes, then fails the apply after the object is recorded', async () => {
    const wd = await openConditions();
    try {
      const { state } = await wd.readState();
      const p = await wd.plan(state, { variables: want('post') });
      expect(p.diags.filter((d) => d.severity === 'error')).toEqual([]);
      expect(result(p.plan.checks, 'terraform_data.r')).toMatchObject({ status: 'unknown', objects: [{ objectAddr: 'terraform_data.r', status: 'unknown' }] });
      const a = await wd.apply(p, { variables: want('post') });
      expect(bySummary(a.diags, 'Resource postcondition failed')).toMatchObject([{ severity: 'error', detail: 'post failed' }]);
      const saved = (await wd.readState()).state;
      expect(saved.instanceCount).toBe(1);
      expect(result(saved.checkResults, 'terraform_data.r')).toMatchObject({ status: 'fail', objects: [{ failureMessages: ['post failed'] }] });
      expect(result(saved.checkResults, 'output.o')).toMatchObject({ status: 'pass' });
    } finally { await wd.close(); }
  });

  it('a message made from a sensitive value is not shown: a warning says why', async () => {
    const wd = await openConditions();
    try {
      const { state } = await wd.readState();
      const p = await wd.plan(state, { variables: want('hidden') });
      const a = await wd.apply(p, { variables: want('hidden') });
      expect(bySummary(a.diags, 'Error message refers to sensitive values')).toHaveLength(1);
      expect(bySummary(a.diags, 'Resource postcondition failed')).toMatchObject([{
        detail: 'This check failed, but has an invalid error message as described in the other accompanying messages.',
      }]);
      expect(JSON.stringify(a.diags.map((d) => [d.detail, d.extra]))).not.toContain('s3cret');
      // No message to keep: the failure is recorded without failure_messages.
      const saved = (await wd.readState()).state;
      expect(result(saved.checkResults, 'terraform_data.r')).toEqual({
        objectKind: 'resource', configAddr: 'terraform_data.r', status: 'fail', objects: [{ objectAddr: 'terraform_data.r', status: 'fail' }],
      });
    } finally { await wd.close(); }
  });

  it('refresh-only plans report failed conditions as warnings', async () => {
    const wd = await openConditions();
    try {
      const { state } = await wd.readState();
      const first = await wd.plan(state, { variables: want('ok') });
      expect((await wd.apply(first, { variables: want('ok') })).diags.filter((d) => d.severity === 'error')).toEqual([]);
      const p = await wd.plan((await wd.readState()).state, { variables: want('pre'), mode: 'refresh-only' });
      expect(bySummary(p.diags, 'Resource precondition failed')).toMatchObject([{ severity: 'warning', detail: 'pre failed: pre' }]);
      expect(p.plan.errored).toBe(false);
    } finally { await wd.close(); }
  });
});
