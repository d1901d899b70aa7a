/**
 * Golden tests of the machine-readable UI (`-json`) of plan, apply, refresh and destroy.
 * The golden files were checked line by line against Terraform 1.11's output for the same
 * configuration; timestamps, generated ids and the version are masked. Set
 * UPDATE_GOLDEN=1 to rewrite them (and review the diff).
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixture, terrane } from './helpers.js';

const GOLDEN = resolve(import.meta.dirname, '..', '..', 'testdata', 'cli', 'json-ui', 'golden');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

const HOOK_ORDER = ['refresh_start', 'refresh_complete', 'apply_start', 'apply_progress', 'apply_complete', 'apply_errored'];

/**
 * Parses the JSON lines, checks the envelope of every message and masks what varies.
 * Hook messages of concurrent operations interleave by timing (in Terraform too), so a
 * run of consecutive hook messages is put in address order, keeping each resource's own
 * sequence.
 */
function masked(stdout: string): string {
  const msgs = stdout.split('\n').filter((l) => l !== '').map((l) => {
    const o = JSON.parse(l) as Record<string, any>;
    expect(Object.keys(o)).toEqual([...Object.keys(o)].sort());
    expect(o['@module']).toBe('terraform.ui');
    expect(o['@timestamp']).toMatch(STAMP);
    o['@timestamp'] = 'TIMESTAMP';
    if (o.type === 'version') { o['@message'] = 'VERSION'; o.terraform = 'VERSION'; }
    return o;
  });
  const out: string[] = [];
  for (let i = 0; i < msgs.length;) {
    let j = i;
    while (j < msgs.length && HOOK_ORDER.includes(msgs[j]!.type)) j++;
    if (j === i) { out.push(JSON.stringify(msgs[i++])); continue; }
    const run = msgs.slice(i, j).map((m, k) => ({ m, k }));
    run.sort((a, b) => (a.m.hook.resource.addr < b.m.hook.resource.addr ? -1 : a.m.hook.resource.addr > b.m.hook.resource.addr ? 1 : a.k - b.k));
    out.push(...run.map((r) => JSON.stringify(r.m)));
    i = j;
  }
  return out.map((l) => l.replace(UUID, 'UUID')).join('\n') + '\n';
}

function golden(name: string, got: string): void {
  const file = join(GOLDEN, `${name}.jsonl`);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, got);
  }
  expect(got).toBe(readFileSync(file, 'utf8'));
}

describe('-json machine-readable UI', () => {
  it('reports a whole lifecycle like Terraform: plan, apply, no-op plan, refresh, update, replace, destroy', () => {
    const dir = fixture('json-ui');
    expect(terrane(dir, ['init']).code).toBe(0);
    // One provider call at a time keeps the order of hook messages fixed.
    const steps: [string, string[], number][] = [
      ['plan-create', ['plan', '-json', '-parallelism=1'], 0],
      ['apply-needs-approval', ['apply', '-json'], 1],
      ['apply-create', ['apply', '-json', '-auto-approve', '-parallelism=1'], 0],
      ['plan-no-changes', ['plan', '-json', '-parallelism=1'], 0],
      ['refresh', ['refresh', '-json', '-parallelism=1'], 0],
      ['apply-update', ['apply', '-json', '-auto-approve', '-parallelism=1', '-var', 'name=nobody'], 0],
      ['plan-replace', ['plan', '-json', '-parallelism=1', '-replace=terraform_data.a', '-var', 'name=nobody'], 0],
      ['destroy', ['destroy', '-json', '-auto-approve', '-parallelism=1', '-var', 'name=nobody'], 0],
    ];
    for (const [name, args, code] of steps) {
      const r = terrane(dir, args);
      expect(r.code, `${name}: ${r.stderr}`).toBe(code);
      expect(r.stderr).toBe('');
      golden(name, masked(r.stdout));
    }
  });

  it('writes configuration errors as diagnostic messages and fails', () => {
    const dir = fixture('json-ui');
    terrane(dir, ['init']);
    const r = terrane(dir, ['plan', '-json', '-var', 'nope=1']);
    expect(r.code).toBe(1);
    const msgs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(msgs[0]!.type).toBe('version');
    const d = msgs.find((m) => m.type === 'diagnostic')!;
    expect(d['@level']).toBe('error');
    expect(d['@message']).toBe('Error: Value for undeclared variable');
    expect(d.diagnostic).toMatchObject({ severity: 'error', summary: 'Value for undeclared variable' });
    expect(msgs.some((m) => m.type === 'planned_change')).toBe(false);
  });

  it('saves a plan with -out and applies it with -json without asking', () => {
    const dir = fixture('json-ui');
    terrane(dir, ['init']);
    const p = terrane(dir, ['plan', '-json', '-out=tfplan']);
    expect(p.code).toBe(0);
    const a = terrane(dir, ['apply', '-json', 'tfplan']);
    expect(a.code).toBe(0);
    const types = a.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
    // A saved plan is applied straight away: no planned_change messages.
    expect(types[0]).toBe('version');
    expect(types).not.toContain('planned_change');
    expect(types.filter((t) => t === 'apply_complete')).toHaveLength(3);
    expect(types.slice(-2)).toEqual(['change_summary', 'outputs']);
  });

  it('reports a failed create as apply_errored, then the error with its address, and fails without a summary', () => {
    const dir = fixture('json-ui-fail');
    terrane(dir, ['init']);
    const r = terrane(dir, ['apply', '-json', '-auto-approve']);
    expect(r.code).toBe(1);
    const msgs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    const errored = msgs.find((m) => m.type === 'apply_errored')!;
    expect(errored['@message']).toBe('local_file.f: Creation errored after 0s');
    expect(errored.hook).toMatchObject({ resource: { addr: 'local_file.f' }, action: 'create', elapsed_seconds: 0 });
    expect(msgs.find((m) => m.type === 'apply_complete')?.hook.resource.addr).toBe('terraform_data.ok');
    const d = msgs.find((m) => m.type === 'diagnostic')!;
    expect(d).toMatchObject({ '@level': 'error', '@message': 'Error: Create local file error' });
    expect(d.diagnostic).toMatchObject({ severity: 'error', address: 'local_file.f', range: { filename: 'main.tf', start: { line: 2 } } });
    expect(msgs.some((m) => m.type === 'change_summary' && m.changes.operation === 'apply')).toBe(false);
  });
});
