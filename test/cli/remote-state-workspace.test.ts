/**
 * terraform_remote_state with the local backend reads the named workspace's state:
 * `config.path` for the default workspace, `<workspace_dir>/<workspace>/terraform.tfstate`
 * otherwise. The goldens in testdata/cli/remote-state-workspace are what terraform 1.11.4
 * printed for the same configurations.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, terrane } from './helpers.js';

function sources(): string {
  const root = fixture('remote-state-workspace');
  const src = join(root, 'src');
  const ok = (args: string[]) => { const r = terrane(src, args); if (r.code !== 0) throw new Error(r.stderr); };
  ok(['apply', '-auto-approve']);
  for (const ws of ['w1', 'w2']) {
    ok(['workspace', 'new', ws]);
    ok(['apply', '-auto-approve']);
  }
  // w2 lives in another workspace_dir.
  mkdirSync(join(root, 'wsd'));
  renameSync(join(src, 'terraform.tfstate.d', 'w2'), join(root, 'wsd', 'w2'));
  return root;
}

/** The diagnostics of an error output, in a stable order (the reads run in parallel). */
const blocks = (text: string) => text.split('\nError: ').filter((b) => b.trim() !== '').sort();

describe('terraform_remote_state workspaces', () => {
  const root = sources();

  it('reads the default workspace from path and others from workspace_dir, defaults filling gaps', () => {
    const dir = join(root, 'read');
    const a = terrane(dir, ['apply', '-auto-approve', '-no-color']);
    expect(a.code).toBe(0);
    const o = terrane(dir, ['output', '-no-color']);
    expect(o.stdout).toBe(readFileSync(join(dir, 'terraform-output.stdout'), 'utf8'));
  });

  it('a workspace or a default state with no state file is an error, whatever defaults say', () => {
    const dir = join(root, 'missing');
    const p = terrane(dir, ['plan', '-no-color']);
    expect(p.code).toBe(1);
    expect(blocks(p.stderr)).toEqual(blocks(readFileSync(join(dir, 'terraform-plan.stderr'), 'utf8')));
  });
});
