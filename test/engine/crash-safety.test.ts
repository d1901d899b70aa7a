/**
 * Crash safety: SIGKILL in the middle of an apply leaves a valid v4 state that records
 * every instance reported as created (and every object that exists, but for those made
 * since the last state write landed), and a following apply converges.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyFixture, terrane } from '../support/cli.js';

const BIN = join(import.meta.dirname, '../../bin/terrane.js');
const KILL_AFTER = 12;
const PARALLELISM = 4;
/** Instances in testdata/engine/crash: 150 terraform_data, 75 random_id, 75 local_file, 1 time_sleep. */
const TOTAL = 301;

interface StateFile {
  version: number; lineage: string; serial: number;
  resources: { mode: string; type: string; name: string; instances: { index_key?: number; status?: string; attributes: Record<string, unknown> }[] }[];
}

/** Runs an apply and kills it with SIGKILL once `killAfter` creations completed. */
function applyAndKill(dir: string, killAfter = KILL_AFTER): Promise<{ stdout: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'apply', '-auto-approve', `-parallelism=${PARALLELISM}`], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (!killed && (stdout.match(/Creation complete/g) ?? []).length >= killAfter) {
        killed = child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', () => resolve({ stdout, killed }));
  });
}

const indexesOf = (text: string, re: RegExp) => new Set([...text.matchAll(re)].map((m) => Number(m[1])));

describe('crash safety', () => {
  it('keeps a valid state holding every reported creation of three builtin kinds after SIGKILL mid-apply, then converges', async () => {
    const dir = copyFixture(join(import.meta.dirname, '../../testdata/engine/crash'));
    expect(terrane(dir, ['init']).code).toBe(0);
    const { stdout, killed } = await applyAndKill(dir);
    expect(killed).toBe(true);
    const completed = new Set([...stdout.matchAll(/^(\S+): Creation complete/gm)].map((m) => m[1]!));
    expect(completed.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(completed.size).toBeLessThan(TOTAL);

    const text = readFileSync(join(dir, 'terraform.tfstate'), 'utf8');
    const state = JSON.parse(text) as StateFile;
    expect(state.version).toBe(4);
    expect(state.lineage).toMatch(/^[0-9a-f-]{36}$/);
    expect(state.serial).toBeGreaterThan(0);
    const recorded = new Map<string, Record<string, unknown>>();
    for (const r of state.resources) {
      expect(r.mode).toBe('managed');
      for (const i of r.instances) {
        expect(i.status, `${r.type}.${r.name}[${i.index_key}]`).toBeUndefined();
        recorded.set(i.index_key === undefined ? `${r.type}.${r.name}` : `${r.type}.${r.name}[${i.index_key}]`, i.attributes);
      }
    }
    // Nothing lost: a creation is reported only once it is saved.
    for (const a of completed) expect(recorded.has(a), `${a} reported complete`).toBe(true);
    // Nothing invented or half-written: each record is a whole object of a configured instance.
    // (The log may trail the state by one write: a dependent's "Creating..." line waits for
    // the write carrying what it depends on, while its creation has already begun.)
    // The apply was cut short: the 3-second time_sleep cannot have finished.
    expect(stdout).not.toContain('Apply complete!');
    expect(recorded.has('time_sleep.hold')).toBe(false);
    for (const [addr, attrs] of recorded) {
      const [, type, i] = /^(\w+)\.many\[(\d+)\]$/.exec(addr) ?? [];
      const n = Number(i);
      if (type === 'terraform_data') {
        expect(n >= 0 && n < 150, addr).toBe(true);
        expect(attrs['id']).toMatch(/^[0-9a-f-]{36}$/);
        // terraform_data's input and output are dynamic values, saved with their type.
        expect(attrs['input']).toEqual({ value: `instance-${n}`, type: 'string' });
        expect(attrs['output']).toEqual({ value: `instance-${n}`, type: 'string' });
      } else if (type === 'random_id') {
        expect(n >= 0 && n < 75, addr).toBe(true);
        expect(attrs['hex']).toMatch(/^[0-9a-f]{8}$/);
        expect(Buffer.from(attrs['b64_std'] as string, 'base64').toString('hex')).toBe(attrs['hex']);
      } else {
        expect(type, addr).toBe('local_file');
        // A file is recorded only after the random_id it was made from, and is on disk as recorded.
        const rid = recorded.get(`random_id.many[${n}]`);
        expect(rid, `${addr} recorded without random_id.many[${n}]`).toBeDefined();
        expect(attrs['content']).toBe(`file ${n} ${String(rid!['hex'])}\n`);
        expect(readFileSync(join(dir, `out/file-${n}.txt`), 'utf8')).toBe(attrs['content']);
      }
    }
    // Every file on disk is in the state, but for those written since the last state write
    // landed (their creations finished, their records were not on disk yet): none of those
    // was reported complete, each is whole, and the next apply writes it again.
    const files = existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : [];
    const unrecorded = files.map((f) => Number(/^file-(\d+)\.txt$/.exec(f)![1])).filter((n) => !recorded.has(`local_file.many[${n}]`));
    for (const n of unrecorded) {
      expect(completed.has(`local_file.many[${n}]`), `local_file.many[${n}] reported complete`).toBe(false);
      expect(readFileSync(join(dir, `out/file-${n}.txt`), 'utf8')).toMatch(new RegExp(`^file ${n} [0-9a-f]{8}\\n$`));
    }

    // The kill leaves the lock behind, as Terraform's would; unlock is not the point here.
    const again = terrane(dir, ['apply', '-auto-approve', '-lock=false']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Apply complete! Resources: ${TOTAL - recorded.size} added, 0 changed, 0 destroyed.`);
    const plan = terrane(dir, ['plan', '-detailed-exitcode', '-lock=false']);
    expect(plan.code).toBe(0);
    const end = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as StateFile;
    expect(end.lineage).toBe(state.lineage);
    expect(end.resources.flatMap((r) => r.instances)).toHaveLength(TOTAL);
    expect(readdirSync(join(dir, 'out'))).toHaveLength(75);
  }, 180_000);

  it('keeps every reported link of a chain, and never a link without the one before it', async () => {
    // Each link starts as soon as the one before is recorded, before that record is on disk.
    const dir = mkdtempSync(join(tmpdir(), 'terrane-crash-chain-'));
    const N = 400;
    let src = 'resource "terraform_data" "r0" {\n  input = "r0"\n}\n';
    for (let i = 1; i < N; i++) src += `resource "terraform_data" "r${i}" {\n  input = "r${i}-\${terraform_data.r${i - 1}.output}"\n}\n`;
    writeFileSync(join(dir, 'main.tf'), src);
    expect(terrane(dir, ['init']).code).toBe(0);
    const { stdout, killed } = await applyAndKill(dir, 40);
    expect(killed).toBe(true);
    const completed = indexesOf(stdout, /terraform_data\.r(\d+): Creation complete/g);
    expect(completed.size).toBeGreaterThanOrEqual(40);
    expect(completed.size).toBeLessThan(N);

    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(state.version).toBe(4);
    const recorded = new Set<number>(state.resources.map((r: { name: string }) => Number(r.name.slice(1))));
    for (const i of completed) expect(recorded.has(i), `r${i} reported complete`).toBe(true);
    for (const i of recorded) if (i > 0) expect(recorded.has(i - 1), `r${i} recorded without r${i - 1}`).toBe(true);
    for (const r of state.resources as { name: string; instances: { attributes: { output: { value: string } }; dependencies?: string[] }[] }[]) {
      expect(r.instances[0]!.attributes.output.value.startsWith(`${r.name}`)).toBe(true);
      if (r.name !== 'r0') expect(r.instances[0]!.dependencies).toEqual([`terraform_data.r${Number(r.name.slice(1)) - 1}`]);
    }

    const again = terrane(dir, ['apply', '-auto-approve', '-lock=false']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`Apply complete! Resources: ${N - recorded.size} added, 0 changed, 0 destroyed.`);
    expect(terrane(dir, ['plan', '-detailed-exitcode', '-lock=false']).code).toBe(0);
  }, 180_000);
});
