import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run, type CloudState } from './cmd-cloud.js';

const home = mkdtempSync(join(tmpdir(), 'terrane-cloud-cmd-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function cli(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await run(args, { stdout, stderr, stdin: new PassThrough(), cwd: home, env: { ...process.env, TERRANE_HOME: home, ...extraEnv } });
  return { code, out, err };
}

describe('terrane cloud', () => {
  it('prints usage and rejects unknown subcommands and flags', async () => {
    expect((await cli(['-help'])).out).toContain('Usage: terrane cloud <start|status|stop|reset>');
    expect((await cli(['fly'])).code).toBe(1);
    expect((await cli(['start', '-nope'])).err).toContain('flag provided but not defined: -nope');
  });

  it('reports a cloud that is not running', async () => {
    const r = await cli(['status']);
    expect(r).toMatchObject({ code: 1, out: 'The local cloud is not running.\n' });
    expect((await cli(['stop'])).out).toBe('The local cloud is not running.\n');
  });

  it('starts detached, answers, reports status, resets and stops', async () => {
    const data = join(home, 'data');
    const started = await cli(['start', '-detach', '-port', '0', '-data', data]);
    if (started.code !== 0) throw new Error(started.err + readFileSync(join(data, 'cloud.log'), 'utf8'));
    expect(started.err).toBe('');
    expect(started.code).toBe(0);
    const state = JSON.parse(readFileSync(join(data, 'cloud.pid.json'), 'utf8')) as CloudState;
    expect(started.out).toContain(`terrane cloud running at ${state.url}`);
    const auth = { authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0' };
    expect((await fetch(`${state.url}/kept-bucket`, { method: 'PUT', headers: auth })).status).toBe(200);
    const status = await cli(['status', '-data', data]);
    expect(status.code).toBe(0);
    expect(status.out).toContain(`The local cloud is running at ${state.url} (pid ${state.pid}, data: ${data}).`);
    expect(status.out).toMatch(/ s3 +running/);
    expect((await cli(['start', '-data', data])).err).toContain('A local cloud is already running');
    expect((await cli(['reset', '-data', data])).out).toContain('all resources deleted');
    expect((await fetch(`${state.url}/kept-bucket`, { method: 'HEAD' })).status).toBe(404);
    expect((await cli(['stop', '-data', data])).out).toBe(`Stopped the local cloud at ${state.url}.\n`);
    expect(existsSync(join(data, 'cloud.pid.json'))).toBe(false);
    expect(existsSync(join(data, 'cloud.sqlite'))).toBe(true);
    expect((await cli(['reset', '-data', data])).out).toBe(`Reset the local cloud data in ${data}.\n`);
    expect(existsSync(join(data, 'cloud.sqlite'))).toBe(false);
  }, 120_000);
});
