import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough, Readable } from 'node:stream';
import { run, entryCouldContinue } from './cmd-console.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', 'testdata', 'console');

interface Case { input: string; expected: string }

function readCases(file: string): Case[] {
  const out: Case[] = [];
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => !l.startsWith('#'));
  let cur: string[] = [];
  for (const l of lines) {
    if (l === '---') {
      if (cur.length) out.push({ input: cur[0]!, expected: cur.slice(1).join('\n') });
      cur = [];
    } else cur.push(l);
  }
  return out;
}

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let buf = '';
  stream.on('data', (c: Buffer) => { buf += c.toString(); });
  return { stream, text: () => buf };
}

async function runConsole(dir: string, input: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = collect(), err = collect();
  const code = await run(args, { stdout: out.stream, stderr: err.stream, stdin: Readable.from([input]), cwd: dir, env });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('terrane console (piped)', () => {
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    for (const c of readCases(join(dir, 'cases.txt'))) {
      it(`${name}: ${c.input}`, async () => {
        const r = await runConsole(dir, c.input + '\n');
        if (c.expected.startsWith('Error:')) {
          expect(r.code).toBe(1);
          expect(r.stderr.trim()).toBe(c.expected.trim());
        } else {
          expect(r.stderr).toBe('');
          expect(r.code).toBe(0);
          expect(r.stdout).toBe(c.expected + '\n');
        }
      });
    }
  }

  it('prints only the last result and stops at exit', async () => {
    const dir = join(root, 'basic');
    expect((await runConsole(dir, '1 + 1\n"two"\n')).stdout).toBe('"two"\n');
    expect((await runConsole(dir, '1 + 1\nexit\n"never"\n')).stdout).toBe('');
  });

  it('applies -var over terraform.tfvars', async () => {
    const dir = join(root, 'basic');
    const r = await runConsole(dir, 'var.cidrs[0]\n', ['-var', 'cidrs=["192.168.0.0/16"]']);
    expect(r.stdout).toBe('"192.168.0.0/16"\n');
  });

  it('reads TF_VAR_ environment variables, overridden by files and -var', async () => {
    const dir = join(root, 'basic');
    expect((await runConsole(dir, 'var.region\n', [], { TF_VAR_region: 'eu-west-1' })).stdout).toBe('"eu-west-1"\n');
    expect((await runConsole(dir, 'length(var.cidrs)\n', [], { TF_VAR_cidrs: '["a"]' })).stdout).toBe('2\n');
    expect((await runConsole(dir, 'var.region\n', ['-var=region=ap-south-1'], { TF_VAR_region: 'eu-west-1' })).stdout).toBe('"ap-south-1"\n');
  });

  it('reads the workspace from TF_WORKSPACE', async () => {
    const dir = join(root, 'basic');
    expect((await runConsole(dir, 'terraform.workspace\n', [], { TF_WORKSPACE: 'staging' })).stdout).toBe('"staging"\n');
  });

  it('reports a value that does not fit the variable type', async () => {
    const dir = join(root, 'basic');
    const r = await runConsole(dir, 'var.region\n', ['-var', 'cidrs={}']);
    expect(r.stderr).toContain('Invalid value for input variable');
    expect(r.stderr).toContain('Unsuitable value for var.cidrs set using -var="cidrs=...": list of string');
    expect(r.stdout).toContain('Due to the problems above, some expressions may produce unexpected results.');
    expect(r.stdout).toContain('"us-east-1"');
  });
});

describe('entryCouldContinue', () => {
  it.each([
    [['{'], true],
    [['[1,', '2]'], false],
    [['"{"'], false],
    [['<<EOT', 'x'], true],
    [['<<EOT', 'x', 'EOT'], false],
    [['1 + 1'], false],
  ] as [string[], boolean][])('%j', (lines, expected) => expect(entryCouldContinue(lines)).toBe(expected));
});

describe('terrane console (interactive)', () => {
  it('prompts, prints each result and continues multi-line entries', async () => {
    const dir = join(root, 'basic');
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (b: boolean) => void };
    stdin.isTTY = true;
    stdin.setRawMode = () => undefined;
    const out = collect(), err = collect();
    const done = run([], { stdout: out.stream, stderr: err.stream, stdin, cwd: dir, env: {} });
    await new Promise((r) => setTimeout(r, 200));
    stdin.write('var.region\r');
    stdin.write('[\r');
    stdin.write('1]\r');
    stdin.write('var.nope\r');
    stdin.write('exit\r');
    expect(await done).toBe(0);
    const text = out.text();
    expect(text).toContain('> ');
    expect(text).toContain('"us-east-1"');
    expect(text).toContain(': ');
    expect(text).toContain('[\n  1,\n]');
    expect(err.text()).toContain('Reference to undeclared input variable');
  });
});
