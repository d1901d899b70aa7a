/**
 * `terrane graph`, `graph -type=TYPE` and `graph -plan=FILE` against the DOT terraform 1.11.4 printed
 * for the same configuration and state (testdata/cli/graph-*\/terraform, made by
 * testdata/cli/make-graph-goldens.sh): empty state, then the state in prior.tfstate
 * (written by terraform), then saved plans made by terrane against that state.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixture, terrane } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** `resources` is the default graph (no -type): the resources alone, in Terraform's own layout. */
const TYPES = ['plan', 'plan-refresh-only', 'plan-destroy', 'apply', 'resources'];
const typeArgs = (t: string) => (t === 'resources' ? [] : [`-type=${t}`]);

const golden = (name: string, file: string) => readFileSync(join(ROOT, 'testdata', 'cli', name, 'terraform', file), 'utf8');

/** Terraform picks a random deposed key for each create_before_destroy replacement. */
const fixedKeys = (dot: string) => dot.replace(/deposed [0-9a-f]{8}/g, 'deposed 00000000');

function initialised(name: string): string {
  const dir = fixture(name);
  const r = terrane(dir, ['init']);
  if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  return dir;
}

function graph(dir: string, args: string[]): string {
  const r = terrane(dir, ['graph', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

// One test per type: each spawns the CLI once, so the worker stays responsive.
describe.each(['graph-types', 'graph-orphans', 'graph-nested', 'graph-saved-plan', 'graph-resources', 'graph-imports', 'graph-module-destroy'])('%s: graphs as terraform 1.11.4 draws them', (name) => {
  // graph-imports has no state (its configuration cannot be applied).
  const hasState = existsSync(join(ROOT, 'testdata', 'cli', name, 'prior.tfstate'));
  let empty = '', withState = '';
  beforeAll(() => {
    empty = initialised(name);
    if (!hasState) return;
    withState = initialised(name);
    copyFileSync(join(withState, 'prior.tfstate'), join(withState, 'terraform.tfstate'));
  });

  it.each(TYPES)('%s graph with no state', (t) => {
    expect(graph(empty, typeArgs(t))).toBe(golden(name, `empty-${t}.dot`));
  });

  if (hasState) {
    it.each(TYPES)('%s graph with the state terraform wrote', (t) => {
      expect(graph(withState, typeArgs(t))).toBe(golden(name, `state-${t}.dot`));
    });
  }
});

describe('graph -plan=FILE', () => {
  // graph-module-destroy: destroys in one instance of a counted module are ordered only
  // against the updates in that instance.
  it.each(['graph-saved-plan', 'graph-module-destroy'])('%s: draws the apply graph of a saved plan and of a saved destroy plan', (name) => {
    const dir = initialised(name);
    copyFileSync(join(dir, 'prior.tfstate'), join(dir, 'terraform.tfstate'));
    const args = readFileSync(join(dir, 'plan-args'), 'utf8').trim().split(/\s+/);
    expect(terrane(dir, ['plan', ...args, '-out=p.tfplan']).code).toBe(0);
    expect(existsSync(join(dir, 'p.tfplan'))).toBe(true);
    // Without -type a saved plan is drawn as its apply graph.
    expect(fixedKeys(graph(dir, ['-plan=p.tfplan']))).toBe(golden(name, 'saved-plan.dot'));
    expect(fixedKeys(graph(dir, ['-plan=p.tfplan', '-type=apply']))).toBe(golden(name, 'saved-plan.dot'));
    expect(terrane(dir, ['plan', '-destroy', '-out=d.tfplan']).code).toBe(0);
    expect(graph(dir, ['-plan=d.tfplan'])).toBe(golden(name, 'saved-destroy.dot'));
  });
});

describe('graph errors', () => {
  it('draws a cycle in red with -draw-cycles, and fails on it without', () => {
    const dir = initialised('graph-cycle');
    expect(graph(dir, ['-type=plan', '-draw-cycles'])).toBe(golden('graph-cycle', 'draw-cycles.dot'));
    const r = terrane(dir, ['graph', '-type=plan', '-no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // Terraform lists a cycle's nodes in no fixed order; terrane sorts them.
    expect(r.stderr).toBe('\nError: Cycle: terraform_data.a (expand), terraform_data.b (expand)\n\n\n');
    // The default graph fails the same way (terraform 1.11.4 checks its plan graph first).
    expect(terrane(dir, ['graph', '-no-color'])).toEqual(r);
  });

  it('says so when the configuration has no resources, as terraform does', () => {
    const dir = initialised('graph-types');
    writeFileSync(join(dir, 'main.tf'), 'output "x" {\n  value = 1\n}\n');
    rmSync(join(dir, 'mod'), { recursive: true });
    // terraform 1.11.4's text, with the command's name changed.
    expect(graph(dir, [])).toBe('digraph G {\n  rankdir = "RL";\n  node [shape = rect, fontname = "sans-serif"];\n'
      + '  /* This configuration does not contain any resources.         */\n'
      + '  /* For a more detailed graph, try: terrane graph -type=plan   */\n}\n');
  });

  it('rejects an unknown type, and the types Terraform retired, with its messages', () => {
    const dir = initialised('graph-types');
    const bad = terrane(dir, ['graph', '-type=nope', '-no-color']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('\nError: Unsupported graph type\n\nThe -type=... argument must be either "plan", "plan-refresh-only",\n"plan-destroy", or "apply".\n\n');
    const old = terrane(dir, ['graph', '-type=validate', '-no-color']);
    expect(old.code).toBe(1);
    expect(old.stderr).toBe('\nError: Graph type no longer available\n\nThe graph type "validate" is no longer available. Use -type=plan instead to\nget a similar result.\n\n');
  });
});
