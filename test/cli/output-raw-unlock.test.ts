/**
 * `terrane output -raw` and `terrane force-unlock` on a local state: texts and exit codes as
 * terraform 1.11.4 printed them for the same configuration and commands (run with
 * TF_CLI_CONFIG_FILE=/dev/null), "terraform" read as "terrane".
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terrane } from './helpers.js';

const CONFIG = `output "s" { value = "str" }
output "l" { value = [1, 2] }
output "m" { value = { a = 1 } }
output "sec" {
  value     = "secret"
  sensitive = true
}
output "nul" { value = null }
output "b" { value = true }
output "f" { value = 0.1 + 0.2 }
`;
const HELP = '\nFor more help on using this command, run:\n  terrane output -help\n';

function applied(): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-output-raw-'));
  writeFileSync(join(dir, 'main.tf'), CONFIG);
  const a = terrane(dir, ['apply', '-auto-approve']);
  if (a.code !== 0) throw new Error(a.stderr);
  return dir;
}

describe('output -raw', () => {
  const dir = applied();
  const run = (...args: string[]) => { const r = terrane(dir, ['output', '-no-color', ...args]); return [r.code, r.stdout, r.stderr]; };

  it('needs an output name', () => {
    expect(run('-raw')).toEqual([1, '', '\nError: Output name required\n\nYou must give the name of a single output value when using the -raw option.\n' + HELP]);
  });

  it('and -json exclude each other; more than one name is refused first', () => {
    expect(run('-raw', '-json')).toEqual([1, '', '\nError: Invalid output format\n\nThe -raw and -json options are mutually-exclusive.\n' + HELP]);
    const unexpected = '\nError: Unexpected argument\n\nThe output command expects exactly one argument with the name of an output\nvariable or no arguments to show all outputs.\n' + HELP;
    expect(run('-raw', 'x', 'y')).toEqual([1, '', unexpected]);
    expect(run('-json', '-raw', 'x', 'y')).toEqual([1, '', unexpected]);
    expect(run('s', 'l')).toEqual([1, '', unexpected]);
  });

  it('prints strings, numbers, bools and sensitive values bare, with no newline', () => {
    expect(run('-raw', 's')).toEqual([0, 'str', '']);
    expect(run('-raw', 'sec')).toEqual([0, 'secret', '']);
    expect(run('-raw', 'b')).toEqual([0, 'true', '']);
    expect(run('-raw', 'f')).toEqual([0, '0.3', '']);
  });

  it('refuses a list or a map, and a null output is not found', () => {
    const unsupported = (name: string, kind: string) => `\nError: Unsupported value for raw output\n\nThe -raw option only supports strings, numbers, and boolean values, but\noutput value "${name}" is ${kind}.\n\nUse the -json option for machine-readable representations of output values\nthat have complex types.\n`;
    expect(run('-raw', 'l')).toEqual([1, '', unsupported('l', 'tuple')]);
    expect(run('-raw', 'm')).toEqual([1, '', unsupported('m', 'object')]);
    const [code, , err] = run('-raw', 'nul');
    expect([code, (err as string).split('\n')[1]]).toEqual([1, 'Error: Output "nul" not found']);
  });
});

describe('force-unlock on the local backend', () => {
  const dir = applied();

  it('without -force: local state cannot be unlocked by another process, and nothing is asked', () => {
    const r = terrane(dir, ['force-unlock', 'abc'], 'yes\n');
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'Local state cannot be unlocked by another process\n']);
  });

  it('with -force and no lock held: Terraform\'s refusal', () => {
    const r = terrane(dir, ['force-unlock', '-force', 'abc']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'Failed to unlock state: LocalState not locked\n']);
  });
});
