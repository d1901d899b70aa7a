/**
 * The machine-readable UI's messages in isolation: hook texts for every action, progress
 * heartbeats, errors, drift, moves and imports, diagnostics with snippets, timestamps.
 * Expected texts follow Terraform's internal/command/views/json.
 */
import { describe, it, expect } from 'vitest';
import { PassThrough } from 'node:stream';
import { JsonUI, changeSummaryMessage, goSeconds, jsonTimestamp } from '../../src/cli/json-ui.js';
import { JsonHooks } from '../../src/cli/json-ui-hooks.js';
import { jsonDiagnostic } from '../../src/cli/json-ui-diagnostic.js';
import type { Plan, ResourceInstanceChange } from '../../src/plan/plan.js';
import * as T from '../../src/lang/types.js';
import { nullVal } from '../../src/lang/value.js';

function capture(): { ui: JsonUI; messages: () => Record<string, any>[] } {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  const ui = new JsonUI(out, new Map(), () => Date.UTC(2026, 0, 2, 3, 4, 5, 6) + 0.789);
  return { ui, messages: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

function change(addr: string, action: ResourceInstanceChange['action'], extra: Partial<ResourceInstanceChange> = {}): ResourceInstanceChange {
  const [type, name] = addr.replace(/^module\.[^.]+\./, '').replace(/\[.*$/, '').split('.') as [string, string];
  return { addr, mode: 'managed', type, name, providerAddr: 'provider["registry.terraform.io/hashicorp/null"]', action, before: nullVal(T.Dynamic), after: nullVal(T.Dynamic), objectType: T.Dynamic, requiredReplace: [], ...extra };
}

function plan(p: Partial<Plan>): Plan {
  return {
    mode: 'normal', changes: [], outputChanges: [], drift: [], variables: {}, targets: [], excludes: [], replaceAddrs: [], checks: [],
    priorStateSerial: 0, priorStateLineage: '', timestamp: new Date(0), errored: false, diagnostics: [], ...p,
  };
}

describe('JsonUI envelope', () => {
  it('writes sorted top-level keys with the terraform.ui module and a microsecond timestamp', () => {
    const { ui, messages } = capture();
    ui.log('Apply cancelled');
    const [m] = messages();
    expect(Object.keys(m!)).toEqual(['@level', '@message', '@module', '@timestamp', 'type']);
    expect(m).toMatchObject({ '@level': 'info', '@message': 'Apply cancelled', '@module': 'terraform.ui', type: 'log' });
    expect(m!['@timestamp']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/);
  });

  it.each([
    [0, '0s'], [9, '9s'], [64, '1m4s'], [3600, '1h0m0s'], [3725, '1h2m5s'],
  ])('Go duration of %i seconds is %s', (s, want) => {
    expect(goSeconds(s)).toBe(want);
  });

  it('formats a UTC timestamp as RFC 3339 with six fraction digits', () => {
    if (new Date().getTimezoneOffset() !== 0) return; // the zone suffix is local, like hclog's
    expect(jsonTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5, 6) + 0.789)).toBe('2026-01-02T03:04:05.006789Z');
  });

  it.each([
    ['plan', { add: 1, change: 2, import: 0, remove: 3 }, 'Plan: 1 to add, 2 to change, 3 to destroy.'],
    ['plan', { add: 0, change: 0, import: 2, remove: 0 }, 'Plan: 2 to import, 0 to add, 0 to change, 0 to destroy.'],
    ['apply', { add: 1, change: 0, import: 1, remove: 0 }, 'Apply complete! Resources: 1 imported, 1 added, 0 changed, 0 destroyed.'],
    ['destroy', { add: 0, change: 0, import: 0, remove: 4 }, 'Destroy complete! Resources: 4 destroyed.'],
  ] as const)('change summary for %s', (op, counts, want) => {
    expect(changeSummaryMessage(op, counts)).toBe(want);
  });
});

describe('JsonUI.plan', () => {
  it('reports drift, then changes with Terraform actions and reasons, the summary and output actions', () => {
    const { ui, messages } = capture();
    ui.plan(plan({
      drift: [change('null_resource.gone', 'delete')],
      changes: [
        change('module.m.null_resource.r["k"]', 'delete-then-create', { actionReason: 'replace_because_tainted' }),
        change('null_resource.moved', 'no-op', { prevRunAddr: 'null_resource.old' }),
        change('null_resource.imp', 'no-op', { importing: { id: 'abc' } }),
        change('null_resource.same', 'no-op'),
        { ...change('data.null_data_source.d', 'delete'), mode: 'data', type: 'null_data_source', name: 'd' },
        change('null_resource.f', 'forget'),
      ],
      outputChanges: [{ name: 'o', action: 'no-op', before: nullVal(T.String), after: nullVal(T.String), sensitive: true }],
    }));
    const m = messages();
    expect(m.map((x) => [x.type, x['@message']])).toEqual([
      ['resource_drift', 'null_resource.gone: Drift detected (delete)'],
      ['planned_change', 'module.m.null_resource.r["k"]: Plan to replace'],
      ['planned_change', 'null_resource.moved: Plan to move'],
      ['planned_change', 'null_resource.imp: Plan to import'],
      ['planned_change', 'null_resource.f: Plan to remove'],
      ['change_summary', 'Plan: 1 to import, 1 to add, 0 to change, 1 to destroy.'],
      ['outputs', 'Outputs: 1'],
    ]);
    expect(m[1]!.change).toEqual({
      resource: { addr: 'module.m.null_resource.r["k"]', module: 'module.m', resource: 'null_resource.r["k"]', implied_provider: 'null', resource_type: 'null_resource', resource_name: 'r', resource_key: 'k' },
      action: 'replace', reason: 'tainted',
    });
    expect(m[2]!.change.previous_resource.addr).toBe('null_resource.old');
    expect(m[3]!.change.importing).toEqual({ id: 'abc' });
    expect(m[6]!.outputs).toEqual({ o: { sensitive: true, action: 'noop' } });
  });
});

describe('JsonHooks', () => {
  it('words every apply action as Terraform does, ids only where Terraform shows them', () => {
    const { ui, messages } = capture();
    const h = new JsonHooks(ui);
    h.onApplyEvent({ kind: 'start', addr: 'null_resource.a', action: 'create' });
    h.onApplyEvent({ kind: 'done', addr: 'null_resource.a', action: 'create', id: 'i-1', elapsedMs: 64_400 });
    h.onApplyEvent({ kind: 'start', addr: 'null_resource.b', action: 'update', id: 'i-2' });
    h.onApplyEvent({ kind: 'done', addr: 'null_resource.b', action: 'update', id: 'i-2', elapsedMs: 600 });
    h.onApplyEvent({ kind: 'start', addr: 'null_resource.c', action: 'delete', id: 'i-3' });
    h.onApplyEvent({ kind: 'done', addr: 'null_resource.c', action: 'delete', elapsedMs: 0 });
    h.onApplyEvent({ kind: 'start', addr: 'null_resource.d', action: 'delete-then-create' });
    h.onApplyEvent({ kind: 'failed', addr: 'null_resource.d', action: 'delete-then-create', elapsedMs: 2000 });
    h.onApplyEvent({ kind: 'start', addr: 'data.null_data_source.e', action: 'read' });
    h.onApplyEvent({ kind: 'done', addr: 'data.null_data_source.e', action: 'read', elapsedMs: 0 });
    h.stop();
    const m = messages();
    expect(m.map((x) => [x.type, x['@message']])).toEqual([
      ['apply_start', 'null_resource.a: Creating...'],
      ['apply_complete', 'null_resource.a: Creation complete after 1m4s [id=i-1]'],
      ['apply_start', 'null_resource.b: Modifying... [id=i-2]'],
      ['apply_complete', 'null_resource.b: Modifications complete after 1s [id=i-2]'],
      ['apply_start', 'null_resource.c: Destroying... [id=i-3]'],
      ['apply_complete', 'null_resource.c: Destruction complete after 0s'],
      ['apply_start', 'null_resource.d: Creating...'],
      ['apply_errored', 'null_resource.d: Creation errored after 2s'],
      ['apply_start', 'data.null_data_source.e: Refreshing...'],
      ['apply_complete', 'data.null_data_source.e: Refresh complete after 0s'],
    ]);
    expect(m[1]!.hook).toMatchObject({ action: 'create', id_key: 'id', id_value: 'i-1', elapsed_seconds: 64 });
    expect(Object.keys(m[1]!.hook)).toEqual(['resource', 'action', 'id_key', 'id_value', 'elapsed_seconds']);
    expect(m[7]!.hook).toEqual({ resource: m[6]!.hook.resource, action: 'create', elapsed_seconds: 2 });
  });

  it('sends a progress heartbeat while an operation runs', async () => {
    const { ui, messages } = capture();
    const h = new JsonHooks(ui, 20);
    h.onApplyEvent({ kind: 'start', addr: 'null_resource.slow', action: 'create' });
    await new Promise((r) => setTimeout(r, 70));
    h.onApplyEvent({ kind: 'done', addr: 'null_resource.slow', action: 'create', id: 'x', elapsedMs: 70 });
    const n = messages().length;
    await new Promise((r) => setTimeout(r, 50));
    h.stop();
    const m = messages();
    expect(m.length).toBe(n);
    const progress = m.filter((x) => x.type === 'apply_progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]!['@message']).toBe('null_resource.slow: Still creating... [0s elapsed]');
    expect(progress[0]!.hook).toMatchObject({ action: 'create', elapsed_seconds: 0 });
  });

  it('reports refreshes while planning', () => {
    const { ui, messages } = capture();
    const h = new JsonHooks(ui);
    h.onPlanEvent({ kind: 'refresh', addr: 'null_resource.a', id: '1' });
    h.onPlanEvent({ kind: 'refresh-done', addr: 'null_resource.a', id: '1' });
    expect(messages().map((x) => [x.type, x['@message'], x.hook.id_value])).toEqual([
      ['refresh_start', 'null_resource.a: Refreshing state... [id=1]', '1'],
      ['refresh_complete', 'null_resource.a: Refresh complete [id=1]', '1'],
    ]);
  });
});

describe('jsonDiagnostic', () => {
  const src = 'resource "null_resource" "x" {\n  triggers = {\n    a = var.nope\n  }\n}\n';
  const sources = new Map([['main.tf', src]]);
  const at = (line: number, column: number, byte: number) => ({ line, column, byte });

  it('gives the range, the enclosing block as context, the code and the highlight offsets', () => {
    const d = jsonDiagnostic({
      severity: 'error', summary: 'Reference to undeclared input variable', detail: 'nope',
      subject: { filename: 'main.tf', start: at(3, 9, 54), end: at(3, 17, 62) },
      extra: { address: 'null_resource.x', values: [{ traversal: 'var.b', statement: 'is "x"' }, { traversal: 'var.a', statement: 'is 1' }] },
    }, sources);
    expect(d).toEqual({
      severity: 'error', summary: 'Reference to undeclared input variable', detail: 'nope', address: 'null_resource.x',
      range: { filename: 'main.tf', start: at(3, 9, 54), end: at(3, 17, 62) },
      snippet: {
        context: 'resource "null_resource" "x"', code: '    a = var.nope', start_line: 3, highlight_start_offset: 8, highlight_end_offset: 16,
        values: [{ traversal: 'var.a', statement: 'is 1' }, { traversal: 'var.b', statement: 'is "x"' }],
      },
    });
  });

  it('spans the context lines and widens an empty subject to one byte', () => {
    const d = jsonDiagnostic({
      severity: 'warning', summary: 's', subject: { filename: 'main.tf', start: at(3, 9, 54), end: at(3, 9, 54) },
      context: { filename: 'main.tf', start: at(2, 3, 33), end: at(4, 4, 66) },
    }, sources);
    expect(d.range!.end).toEqual(at(3, 10, 55));
    expect(d.snippet).toMatchObject({ code: '  triggers = {\n    a = var.nope\n  }', start_line: 2, highlight_start_offset: 23, highlight_end_offset: 24 });
  });

  it('has a range but no snippet when the source is not available, and neither without a subject', () => {
    expect(jsonDiagnostic({ severity: 'error', summary: 's', subject: { filename: 'other.tf', start: at(1, 1, 0), end: at(1, 2, 1) } }, sources))
      .toEqual({ severity: 'error', summary: 's', detail: '', range: { filename: 'other.tf', start: at(1, 1, 0), end: at(1, 2, 1) } });
    expect(jsonDiagnostic({ severity: 'warning', summary: 's', detail: 'd' }, sources)).toEqual({ severity: 'warning', summary: 's', detail: 'd' });
  });

  it('describes the called function as Terraform does: parameters, variadic parameter and return type', () => {
    const d = jsonDiagnostic({
      severity: 'error', summary: 'Too many function arguments', subject: { filename: 'main.tf', start: at(3, 9, 54), end: at(3, 17, 62) },
      extra: { functionCall: { calledAs: 'upper' } },
    }, sources);
    expect(d.snippet!.function_call).toEqual({ called_as: 'upper', signature: { name: 'upper', params: [{ name: 'str', type: 'string' }], return_type: 'string' } });
    const j = jsonDiagnostic({ severity: 'error', summary: 's', subject: { filename: 'main.tf', start: at(3, 9, 54), end: at(3, 17, 62) }, extra: { functionCall: { calledAs: 'join' } } }, sources);
    expect(j.snippet!.function_call!.signature).toEqual({
      name: 'join', params: [{ name: 'separator', type: 'string' }], variadic_param: { name: 'lists', type: ['list', 'string'] }, return_type: 'string',
    });
  });
});
