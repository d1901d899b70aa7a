/**
 * The operation a command writes in the state lock info, as terraform 1.11.4 writes it
 * (read from its .terraform.tfstate.lock.info while each command waited for input):
 * plan (also -destroy) OperationTypePlan, apply and destroy (also -refresh-only)
 * OperationTypeApply, refresh OperationTypeRefresh, import OperationTypeInvalid.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { Workdir } from '../../src/apply/workdir.js';

const FIXTURE = resolve(import.meta.dirname, '..', '..', 'testdata', 'cli', 'basic');
const ENV = { ...process.env, NO_COLOR: '1', TF_WORKSPACE: '', TF_INPUT: '' };

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-lock-operation-'));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** Runs terrane in-process; `onOutput` sees stdout as it grows. */
function run(dir: string, args: string[], stdin: NodeJS.ReadableStream = Readable.from([]), onOutput?: (out: string) => void): Promise<number> {
  let out = '';
  const stdout = new Writable({ write(chunk, _enc, cb) { out += String(chunk); onOutput?.(out); cb(); } });
  const stderr = new Writable({ write(_chunk, _enc, cb) { cb(); } });
  return main(args, { cwd: dir, env: ENV, stdout, stderr, stdin });
}

afterEach(() => { vi.restoreAllMocks(); });

describe('the operation in the lock info', () => {
  it('is OperationTypeApply while apply asks for approval', async () => {
    const dir = workdir();
    expect(await run(dir, ['init'])).toBe(0);
    const stdin = new PassThrough();
    let info: { Operation?: string } | undefined;
    const code = await run(dir, ['apply', '-no-color'], stdin, (out) => {
      if (info || !out.includes('Enter a value:')) return;
      info = JSON.parse(readFileSync(join(dir, '.terraform.tfstate.lock.info'), 'utf8')) as { Operation?: string };
      stdin.end('no\n');
    });
    expect(code).toBe(1);
    expect(info?.Operation).toBe('OperationTypeApply');
  });

  it('names each command as Terraform does', async () => {
    const dir = workdir();
    expect(await run(dir, ['init'])).toBe(0);
    const lock = vi.spyOn(Workdir.prototype, 'lock');
    const operation = async (args: string[]) => {
      lock.mockClear();
      await run(dir, [...args, '-no-color']);
      return lock.mock.calls.map((c) => c[0]);
    };
    expect(await operation(['plan'])).toEqual(['OperationTypePlan']);
    expect(await operation(['plan', '-destroy'])).toEqual(['OperationTypePlan']);
    expect(await operation(['apply', '-auto-approve'])).toEqual(['OperationTypeApply']);
    expect(await operation(['apply', '-refresh-only', '-auto-approve'])).toEqual(['OperationTypeApply']);
    expect(await operation(['refresh'])).toEqual(['OperationTypeRefresh']);
    expect(await operation(['import', 'terraform_data.a', 'abc'])).toEqual(['OperationTypeInvalid']);
    expect(await operation(['destroy', '-auto-approve'])).toEqual(['OperationTypeApply']);
  });
});
