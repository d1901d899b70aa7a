import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Harness, js, lifecycle } from '../../../test/providers/harness.js';
import { localProvider } from './local.js';

const h = () => new Harness(localProvider).configure();
const tmp = () => mkdtempSync(join(tmpdir(), 'terrane-local-'));

describe('local_file', () => {
  it('writes the file with hashes and permission, then plans no change; filename change replaces', async () => {
    const d = tmp();
    const f = join(d, 'sub/dir/a.txt');
    const p = await h();
    const s = js(await lifecycle(p, 'local_file', { filename: f, content: 'hello' }, { filename: join(d, 'b.txt'), content: 'hello' }, 'filename'));
    expect(readFileSync(f, 'utf8')).toBe('hello');
    const sha = (a: string, e: 'hex' | 'base64') => createHash(a).update('hello').digest(e);
    expect(s).toMatchObject({
      id: sha('sha1', 'hex'), content_md5: sha('md5', 'hex'), content_sha1: sha('sha1', 'hex'), content_sha256: sha('sha256', 'hex'),
      content_base64sha256: sha('sha256', 'base64'), content_sha512: sha('sha512', 'hex'), content_base64sha512: sha('sha512', 'base64'),
      file_permission: '0777', directory_permission: '0777',
    });
  });
  it.each([
    ['content changed', (f: string) => writeFileSync(f, 'other')],
    ['deleted', (f: string) => rmSync(f)],
  ])('reads as gone when the file was %s on disk', async (_n, mutate) => {
    const f = join(tmp(), 'x.txt');
    const p = await h();
    const s = await p.create('local_file', { filename: f, content: 'v1' });
    expect(await p.read('local_file', s)).not.toBeNull();
    mutate(f);
    expect(await p.read('local_file', s)).toBeNull();
  });
  it('content_base64, source and sensitive_content all write bytes', async () => {
    const d = tmp();
    const p = await h();
    await p.create('local_file', { filename: join(d, 'b'), content_base64: Buffer.from([0, 1, 255]).toString('base64') });
    expect([...readFileSync(join(d, 'b'))]).toEqual([0, 1, 255]);
    await p.create('local_file', { filename: join(d, 'c'), source: join(d, 'b') });
    expect([...readFileSync(join(d, 'c'))]).toEqual([0, 1, 255]);
    await p.create('local_file', { filename: join(d, 's'), sensitive_content: 'shh' });
    expect(readFileSync(join(d, 's'), 'utf8')).toBe('shh');
  });
  it('honours file_permission (under umask) and deletes', async () => {
    const f = join(tmp(), 'p');
    const p = await h();
    const s = await p.create('local_file', { filename: f, content: 'x', file_permission: '0600' });
    expect(statSync(f).mode & 0o777).toBe(0o600);
    await p.destroy('local_file', s);
    expect(existsSync(f)).toBe(false);
  });
  it.each([
    [{ filename: 'x' }, 'No attribute specified when one (and only one) of [content,sensitive_content,content_base64,source] is required'],
    [{ filename: 'x', content: 'a', source: 'b' }, '2 attributes specified'],
  ])('validates %j', async (cfg, msg) => {
    const r = await (await h()).plan('local_file', null, cfg);
    expect(r.diagnostics[0]!.detail).toContain(msg);
  });
  it('sensitive_content is deprecated with the provider\'s message', async () => {
    const r = await (await h()).plan('local_file', null, { filename: 'x', sensitive_content: 'a' });
    expect(r.diagnostics).toEqual([{ severity: 'warning', summary: 'Attribute Deprecated', detail: 'Use the `local_sensitive_file` resource instead', attribute: [{ attr: 'sensitive_content' }] }]);
  });
  it.each([
    ['999', 'bad mode permission: string must be expressed in octal numeric notation: 999'],
    ['1777', 'bad mode permission: string must be expressed in octal numeric notation: 1777'],
    ['77', 'bad mode permission: string length should be 3 or 4 digits: 77'],
    ['07777', 'bad mode permission: string length should be 3 or 4 digits: 07777'],
    ['0644', undefined],
    ['755', undefined],
  ])('file_permission %s is checked as hashicorp/local does', async (mode, detail) => {
    const r = await (await h()).plan('local_file', null, { filename: 'x', content: 'a', directory_permission: mode });
    expect(r.diagnostics).toEqual(detail ? [{ severity: 'error', summary: 'Invalid File Permission String Value', detail, attribute: [{ attr: 'directory_permission' }] }] : []);
  });
});

describe('local_sensitive_file and data sources', () => {
  it('local_sensitive_file defaults 0700 and marks content sensitive', async () => {
    const p = await h();
    const attrs = p.p.getSchema().resources.local_sensitive_file!.block.attributes;
    expect(attrs.content!.sensitive).toBe(true);
    expect(attrs.sensitive_content).toBeUndefined();
    const f = join(tmp(), 'k');
    const s = js(await p.create('local_sensitive_file', { filename: f, content: 'key' }));
    expect(s.file_permission).toBe('0700');
    expect(statSync(f).mode & 0o700).toBe(0o700);
  });
  it('data local_file reads content, base64 and hashes; missing file is an error', async () => {
    const f = join(tmp(), 'd');
    writeFileSync(f, 'data!');
    const p = await h();
    const r = await p.readData('local_file', { filename: f });
    expect(r.diagnostics).toEqual([]);
    expect(js(r.state)).toMatchObject({ content: 'data!', content_base64: Buffer.from('data!').toString('base64'), id: createHash('sha1').update('data!').digest('hex') });
    const bad = await p.readData('local_file', { filename: f + '.nope' });
    expect(bad.diagnostics[0]!.summary).toBe('Read local file data source error');
  });
});
