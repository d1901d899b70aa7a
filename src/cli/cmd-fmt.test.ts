import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { run } from './cmd-fmt.js';

const MESSY = 'a=1\nbb = 2\n';
const CLEAN = 'a  = 1\nbb = 2\n';

async function fmt(args: string[], cwd: string, stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => { out += String(c); });
  stderr.on('data', (c) => { err += String(c); });
  const code = await run(args, { stdout, stderr, stdin: Readable.from([stdin]), cwd, env: {} });
  return { code, out, err };
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-fmt-'));
  writeFileSync(join(dir, 'main.tf'), MESSY);
  writeFileSync(join(dir, 'ok.tf'), CLEAN);
  writeFileSync(join(dir, 'notes.txt'), MESSY);
  writeFileSync(join(dir, '.hidden.tf'), MESSY);
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'x.tfvars'), MESSY);
  return dir;
}

describe('terrane fmt', () => {
  it('rewrites and lists changed files in the working directory', async () => {
    const dir = project();
    expect(await fmt([], dir)).toEqual({ code: 0, out: 'main.tf\n', err: '' });
    expect(readFileSync(join(dir, 'main.tf'), 'utf8')).toBe(CLEAN);
    expect(readFileSync(join(dir, '.hidden.tf'), 'utf8')).toBe(MESSY);
    expect(readFileSync(join(dir, 'sub', 'x.tfvars'), 'utf8')).toBe(MESSY);
  });

  it('descends with -recursive', async () => {
    const dir = project();
    expect((await fmt(['-recursive'], dir)).out).toBe('main.tf\nsub/x.tfvars\n');
  });

  it('exits 3 with -check and writes nothing', async () => {
    const dir = project();
    expect(await fmt(['-check'], dir)).toEqual({ code: 3, out: 'main.tf\n', err: '' });
    expect(readFileSync(join(dir, 'main.tf'), 'utf8')).toBe(MESSY);
    expect((await fmt(['-check', '-list=false'], dir)).out).toBe('');
    expect((await fmt(['-check', 'ok.tf'], dir)).code).toBe(0);
  });

  it('prints a unified diff with -diff', async () => {
    const dir = project();
    const { code, out } = await fmt(['-diff', '-write=false', '-list=false', 'main.tf'], dir);
    expect(code).toBe(0);
    expect(out).toBe('--- old/main.tf\n+++ new/main.tf\n@@ -1,2 +1,2 @@\n-a=1\n+a  = 1\n bb = 2\n');
  });

  it('formats stdin to stdout', async () => {
    expect(await fmt(['-'], tmpdir(), MESSY)).toEqual({ code: 0, out: CLEAN, err: '' });
  });

  it('reports syntax errors and bad paths with exit code 2', async () => {
    const dir = project();
    writeFileSync(join(dir, 'bad.tf'), 'a = [\n');
    const r = await fmt(['bad.tf'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Error: ');
    expect(r.err).toContain('on bad.tf line');
    expect(readFileSync(join(dir, 'bad.tf'), 'utf8')).toBe('a = [\n');
    const missing = await fmt(['nope.tf'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('\nError: No file or directory at nope.tf\n\n');
    expect((await fmt(['notes.txt'], dir)).err).toContain('Only .tf, .tfvars, and .tftest.hcl files can be processed with terraform fmt');
  });

  it('rejects unknown flags', async () => {
    expect((await fmt(['-bogus'], tmpdir())).code).toBe(1);
  });
});
