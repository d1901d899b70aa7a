/**
 * Ctrl-C during an apply, as Terraform handles it: the first interrupt lets what is in
 * flight finish and be saved, starts nothing new, releases the lock and exits 1 with
 * "execution halted"; the next apply picks up where it stopped. A second interrupt exits
 * at once. Runs the built CLI as a separate process, since real signals are the point.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terrane } from '../support/cli.js';

const BIN = join(import.meta.dirname, '../../bin/terrane.js');

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-interrupt-'));
  writeFileSync(join(dir, 'main.tf'), `
resource "terraform_data" "a" {}
resource "time_sleep" "w" {
  create_duration = "2s"
  depends_on      = [terraform_data.a]
}
resource "terraform_data" "c" { input = time_sleep.w.id }
`);
  expect(terrane(dir, ['init', '-no-color']).code).toBe(0);
  return dir;
}

/** Runs `apply -auto-approve`, sending SIGINT `times` times once `when` is printed. */
function applyInterrupted(dir: string, when: string, times: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'apply', '-auto-approve', '-no-color'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '', stderr = '', sent = false;
    child.stdout.on('data', (b: Buffer) => {
      stdout += String(b);
      if (!sent && stdout.includes(when)) {
        sent = true;
        for (let i = 0; i < times; i++) setTimeout(() => child.kill('SIGINT'), 50 + 100 * i);
      }
    });
    child.stderr.on('data', (b: Buffer) => { stderr += String(b); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const stateAddrs = (dir: string) => (JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { resources: { type: string; name: string }[] })
  .resources.map((r) => `${r.type}.${r.name}`).sort();

describe('interrupting an apply', () => {
  it('finishes what is in flight, saves it, starts nothing new and exits 1', async () => {
    const dir = project();
    const r = await applyInterrupted(dir, 'time_sleep.w: Creating...', 1);
    expect(r.stdout).toContain('\nInterrupt received.\nPlease wait for terrane to exit or data loss may occur.\nGracefully shutting down...\n\nStopping operation...\n');
    expect(r.stdout).toMatch(/time_sleep\.w: Creation complete after 2s/);
    expect(r.stdout).not.toContain('terraform_data.c: Creating...');
    expect(r.stderr).toContain('Error: execution halted');
    expect(r.code).toBe(1);
    expect(stateAddrs(dir)).toEqual(['terraform_data.a', 'time_sleep.w']);
    expect(existsSync(join(dir, '.terraform.tfstate.lock.info'))).toBe(false);

    const again = terrane(dir, ['apply', '-auto-approve', '-no-color']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
  }, 60_000);

  it('exits at once on a second interrupt', async () => {
    const dir = project();
    const r = await applyInterrupted(dir, 'time_sleep.w: Creating...', 2);
    expect(r.stderr).toContain('Two interrupts received. Exiting immediately. Note that data loss may have occurred.');
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/time_sleep\.w: Creation complete/);
  }, 60_000);
});
