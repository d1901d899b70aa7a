import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseCloud, LOCAL_CLOUD_DIR, takeLocalFlag } from './local-cloud.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'terrane-local-'));
const used = () => {
  const d = fresh();
  mkdirSync(join(d, LOCAL_CLOUD_DIR), { recursive: true });
  return d;
};

describe('the -local switch', () => {
  it.each([
    ['the flag', true, {}, fresh, { mode: 'local', explicit: true }],
    ['TERRANE_CLOUD=local', false, { TERRANE_CLOUD: 'local' }, fresh, { mode: 'local', explicit: true }],
    ['TERRANE_CLOUD=LOCAL (any case)', false, { TERRANE_CLOUD: 'LOCAL' }, fresh, { mode: 'local', explicit: true }],
    ['nothing, in a new directory', false, {}, fresh, { mode: 'default' }],
    ['nothing, in a directory that used -local before', false, {}, used, { mode: 'local', explicit: false }],
    ['TERRANE_CLOUD=aws in such a directory', false, { TERRANE_CLOUD: 'aws' }, used, { mode: 'default' }],
    ['an explicit TERRANE_CLOUD_ENDPOINT in such a directory', false, { TERRANE_CLOUD_ENDPOINT: 'http://127.0.0.1:1' }, used, { mode: 'default' }],
    ['the flag over TERRANE_CLOUD=aws', true, { TERRANE_CLOUD: 'aws' }, fresh, { mode: 'local', explicit: true }],
  ] as const)('%s', (_name, flag, env, dir, want) => {
    expect(chooseCloud(flag, { ...env }, dir())).toEqual(want);
  });

  it('refuses a TERRANE_CLOUD value it does not know, saying which ones it does', () => {
    const c = chooseCloud(false, { TERRANE_CLOUD: 'localstack' }, fresh());
    expect(c).toEqual({ mode: 'error', message: expect.stringContaining('TERRANE_CLOUD must be "local"') });
    expect((c as { message: string }).message).toContain('not "localstack"');
  });

  it('takes -local and --local out of a command line, wherever they are', () => {
    const args = ['-auto-approve', '--local', '-var', 'x=-local', '-local=true'];
    expect(takeLocalFlag(args)).toBe(true);
    expect(args).toEqual(['-auto-approve', '-var', 'x=-local']);
    const none = ['-auto-approve'];
    expect(takeLocalFlag(none)).toBe(false);
    expect(none).toEqual(['-auto-approve']);
  });
});
