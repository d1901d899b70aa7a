/**
 * The interactive prompts of apply and destroy, driven on a real pseudo-terminal made by
 * util-linux `script` (Essential in Debian). What terraform 1.11.4 printed for the same
 * sessions is in testdata/cli/prompts-*\/terraform (see make-transcripts.sh there); the
 * transcripts are compared whole, with Terraform's name and object ids normalized.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = process.env.TERRANE_BIN ?? join(ROOT, 'bin', 'terrane.js');
const ENV = { ...process.env, NO_COLOR: '1', TF_WORKSPACE: '', TF_INPUT: '' };
const HAVE_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

function copy(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `terrane-${name}-`));
  cpSync(join(ROOT, 'testdata', 'cli', name, 'main.tf'), join(dir, 'main.tf'));
  return dir;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs terrane on a pseudo-terminal, typing the next answer each time a question
 * (`Enter a value:`) appears; the transcript is what the terminal showed, typed echo
 * included, with CRLF as LF.
 */
function onTerminal(dir: string, args: string[], answers: string[]): Promise<{ code: number; out: string }> {
  const cmd = [process.execPath, BIN, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qec', cmd, '/dev/null'], { cwd: dir, env: ENV });
  let out = '';
  let asked = 0;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    out += d;
    const questions = out.split('Enter a value:').length - 1;
    while (asked < questions && asked < answers.length) child.stdin.write(`${answers[asked++]}\n`);
  });
  return new Promise((done) => child.on('close', (code) => {
    child.stdin.end();
    done({ code: code ?? -1, out: out.replace(/\r\n/g, '\n') });
  }));
}

function run(dir: string, args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: ENV, ...(input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input }) });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A Terraform transcript in terrane's words: its name, ids, and the plan legend wrapped at 78 columns as terrane wraps it. */
function terraformSaid(fixture: string, file: string): string {
  return readFileSync(join(ROOT, 'testdata', 'cli', fixture, 'terraform', file), 'utf8')
    .replace(/Terraform/g, 'terrane')
    .replace('generate the following execution plan. Resource', 'generate the following execution\nplan. Resource');
}
const ids = (s: string) => s.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID');

const state = (dir: string) => (existsSync(join(dir, 'terraform.tfstate')) ? readFileSync(join(dir, 'terraform.tfstate'), 'utf8') : undefined);

describe.skipIf(!HAVE_SCRIPT)('prompts on a terminal', () => {
  it('asks for each required variable, then for approval; "no" cancels and writes no state', async () => {
    const dir = copy('prompts-basic');
    expect(run(dir, ['init']).code).toBe(0);
    const r = await onTerminal(dir, ['apply', '-no-color'], ['World', 'p', 'no']);
    expect(r.out).toBe(terraformSaid('prompts-basic', 'apply-no.txt'));
    expect(r.code).toBe(1);
    expect(state(dir)).toBeUndefined();
  });

  it('"yes" applies with the values typed', async () => {
    const dir = copy('prompts-basic');
    expect(run(dir, ['init']).code).toBe(0);
    const r = await onTerminal(dir, ['apply', '-no-color'], ['World', 'p', 'yes']);
    expect(ids(r.out)).toBe(ids(terraformSaid('prompts-basic', 'apply-yes.txt')));
    expect(r.code).toBe(0);
    expect(JSON.parse(state(dir)!).outputs.greeting.value).toBe('hello World');
  });

  it('destroy asks its own question; anything but "yes" is "Destroy cancelled." and leaves the state as it was', async () => {
    const dir = copy('prompts-basic');
    expect(run(dir, ['init']).code).toBe(0);
    expect(run(dir, ['apply', '-auto-approve', '-var', 'name=World', '-var', 'plain=p']).code).toBe(0);
    const before = state(dir);
    const r = await onTerminal(dir, ['destroy', '-no-color'], ['World', 'p', 'nope']);
    expect(ids(r.out)).toBe(ids(terraformSaid('prompts-basic', 'destroy-no.txt')));
    expect(r.code).toBe(1);
    expect(state(dir)).toBe(before);
    const yes = await onTerminal(dir, ['destroy', '-no-color'], ['World', 'p', 'yes']);
    expect(yes.code).toBe(0);
    expect(yes.out).toContain('\n  Enter a value: yes\n\nterraform_data.a: Destroying... [id=');
    expect(JSON.parse(state(dir)!).resources).toEqual([]);
  });

  it('asks for required variables in name order, before anything else', async () => {
    const dir = copy('prompts-order');
    expect(run(dir, ['init']).code).toBe(0);
    const r = await onTerminal(dir, ['plan', '-no-color'], ['A', 'Z']);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('var.alpha\n  Enter a value: A\n\nvar.zeta\n  Enter a value: Z\n\n')).toBe(true);
    expect(r.out).toContain('+ pair = "A-Z-d"');
  });

  it('does not echo the value of a sensitive variable', async () => {
    const dir = copy('prompts-secret');
    expect(run(dir, ['init']).code).toBe(0);
    const r = await onTerminal(dir, ['apply', '-no-color'], ['hunter2', 'no']);
    expect(r.out).not.toContain('hunter2');
    expect(r.out).toBe(terraformSaid('prompts-secret', 'apply-no.txt'));
  });

  it('asks for a variable the backend block needs, once per command (terrane allows variables there)', async () => {
    const dir = copy('prompts-backend');
    const init = await onTerminal(dir, ['init', '-no-color'], ['prod']);
    expect(init.code).toBe(0);
    expect(init.out).toContain('Initializing the backend...\nvar.env\n  Enter a value: prod\n');
    expect(JSON.parse(readFileSync(join(dir, '.terraform', 'terraform.tfstate'), 'utf8')).backend.config.path).toBe('state/team-prod.tfstate');
    const apply = await onTerminal(dir, ['apply', '-no-color'], ['prod', 'yes']);
    expect(apply.code).toBe(0);
    expect(apply.out.split('Enter a value:')).toHaveLength(3);
    expect(existsSync(join(dir, 'state', 'team-prod.tfstate'))).toBe(true);
  });

  it('asks nothing with -input=false: a missing variable is an error', async () => {
    const dir = copy('prompts-basic');
    expect(run(dir, ['init']).code).toBe(0);
    const r = await onTerminal(dir, ['plan', '-no-color', '-input=false'], []);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('Enter a value:');
    expect(r.out).toContain(terraformSaid('prompts-basic', 'plan-input-false.stderr.txt'));
  });

  it('apply -refresh-only asks whether to update the state, and "no" leaves it as it was', async () => {
    const dir = copy('prompts-refresh');
    const init = run(dir, ['init']);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    const applied = run(dir, ['apply', '-auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    rmSync(join(dir, 'out.txt'));
    const before = state(dir);
    const r = await onTerminal(dir, ['apply', '-refresh-only', '-no-color'], ['no']);
    expect(r.out).toContain('\nWould you like to update the terrane state to reflect these detected changes?\n'
      + '  terrane will write these changes to the state without modifying any real infrastructure.\n'
      + '  There is no undo. Only \'yes\' will be accepted to confirm.\n\n  Enter a value: no\n\nApply cancelled.\n');
    expect(r.code).toBe(1);
    expect(state(dir)).toBe(before);
  });

  it('shows the plan\'s check warnings before the question, and the apply\'s after, as Terraform does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-prompts-checks-'));
    cpSync(join(ROOT, 'testdata', 'cli', 'checks-basic', 'main.tf'), join(dir, 'main.tf'));
    expect(run(dir, ['init']).code).toBe(0);
    const r = await onTerminal(dir, ['apply', '-no-color'], ['yes']);
    expect(r.code).toBe(0);
    const [beforeQuestion, afterQuestion] = r.out.split('Do you want to perform these actions?');
    const count = (s: string) => s.split('Warning: Check block assertion failed').length - 1;
    expect([count(beforeQuestion!), count(afterQuestion!)]).toEqual([3, 3]);
    expect(beforeQuestion).toContain('Warning: Check block assertion known after apply');
    // Without a question only the apply's own check warnings are shown.
    const auto = run(dir, ['apply', '-auto-approve', '-no-color', '-var', 'plain=z']);
    expect(count(auto.stdout)).toBe(3);
  });

  it('names a workspace other than default in the question', async () => {
    const dir = copy('prompts-basic');
    expect(run(dir, ['init']).code).toBe(0);
    expect(run(dir, ['workspace', 'new', 'dev']).code).toBe(0);
    const r = await onTerminal(dir, ['apply', '-no-color', '-var', 'name=a', '-var', 'plain=b'], ['no']);
    expect(r.out).toContain('\nDo you want to perform these actions in workspace "dev"?\n  terrane will perform the actions described above.\n');
    expect(r.out.endsWith('  Enter a value: no\n\nApply cancelled.\n')).toBe(true);
  });
});

describe('prompts without a terminal', () => {
  it('reports a missing variable as Terraform does, pointing at its declaration, and asks nothing', () => {
    const dir = copy('prompts-basic');
    expect(run(dir, ['init']).code).toBe(0);
    const r = run(dir, ['plan', '-no-color'], '');
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('Enter a value:');
    expect(r.stderr).toBe(terraformSaid('prompts-basic', 'plan-input-false.stderr.txt'));
  });

  it('fails with "error asking for approval: EOF" when stdin ends before an answer, leaving the state alone', () => {
    const dir = copy('prompts-basic');
    expect(run(dir, ['init']).code).toBe(0);
    expect(run(dir, ['apply', '-auto-approve', '-var', 'name=World', '-var', 'plain=p']).code).toBe(0);
    const before = state(dir);
    const r = run(dir, ['destroy', '-no-color', '-var', 'name=World', '-var', 'plain=p'], '');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(terraformSaid('prompts-basic', 'destroy-eof.stderr.txt'));
    expect(r.stdout.endsWith('There is no undo. Only \'yes\' will be accepted to confirm.\n\n  Enter a value: ')).toBe(true);
    expect(state(dir)).toBe(before);
  });

  it('takes an answer piped in, as Terraform does', () => {
    const dir = copy('prompts-basic');
    expect(run(dir, ['init']).code).toBe(0);
    const r = run(dir, ['apply', '-no-color', '-var', 'name=World', '-var', 'plain=p'], 'yes\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  Enter a value: \nterraform_data.a: Creating...\n');
  });
});
