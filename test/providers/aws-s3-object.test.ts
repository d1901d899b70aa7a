/** aws_s3_object through the provider protocol against the in-process cloud. */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, GetObjectTaggingCommand, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { nullVal, type Value } from '../../src/lang/value.js';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness, js } from './harness.js';
import { s3Env, type S3Env } from './aws-s3-support.js';

let env: S3Env;
let bucketState: Value;
const BUCKET = 'tr-object-bucket';
const T = 'aws_s3_object';
const md5 = (s: string | Buffer) => createHash('md5').update(s).digest('hex');

beforeAll(async () => {
  env = await s3Env();
  bucketState = await env.h.create('aws_s3_bucket', { bucket: BUCKET, force_destroy: true, versioning: [{ enabled: true }] });
});
afterAll(async () => {
  if (bucketState) await env.h.destroy('aws_s3_bucket', bucketState);
  await env?.close();
});

async function body(key: string): Promise<string> {
  const out = await env.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return out.Body!.transformToString();
}

describe('aws_s3_object', () => {
  it('uploads content with hashicorp state, re-uploads on a content change, and keeps tags changes in place', async () => {
    const { h } = env;
    const cfg = { bucket: BUCKET, key: 'docs/hello.txt', content: 'hello', content_type: 'text/plain', metadata: { owner: 'me' }, tags: { a: '1' } };
    let state = await h.create(T, cfg);
    const s = js(state);
    expect(s).toMatchObject({
      id: 'docs/hello.txt', bucket: BUCKET, key: 'docs/hello.txt', arn: `arn:aws:s3:::${BUCKET}/docs/hello.txt`,
      content: 'hello', etag: md5('hello'), content_type: 'text/plain', metadata: { owner: 'me' }, storage_class: 'STANDARD',
      server_side_encryption: 'AES256', bucket_key_enabled: false, cache_control: '', content_encoding: '', website_redirect: '',
      force_destroy: false, tags: { a: '1' }, tags_all: { a: '1' }, source: null, content_base64: null,
    });
    expect(s.version_id).toMatch(/.+/);
    expect(await body('docs/hello.txt')).toBe('hello');
    expect(js((await h.plan(T, state, cfg)).plannedState)).toEqual(s);
    expect((await h.plan(T, state, cfg)).plannedState).toBe(state);

    const cfg2 = { ...cfg, content: 'hello again' };
    const up = await h.plan(T, state, cfg2);
    expect(up.requiresReplace).toEqual([]);
    expect(up.plannedState.attrs.get('version_id')!.isKnown).toBe(false);
    expect(up.plannedState.attrs.get('etag')!.isKnown).toBe(false);
    state = await h.apply(T, state, up.plannedState, cfg2);
    expect(js(state).etag).toBe(md5('hello again'));
    expect(js(state).version_id).not.toBe(s.version_id);
    expect(await body('docs/hello.txt')).toBe('hello again');

    const cfg3 = { ...cfg2, tags: { a: '2' } };
    const tagsOnly = await h.plan(T, state, cfg3);
    expect(tagsOnly.plannedState.attrs.get('version_id')!.isKnown).toBe(true);
    const before = js(state).version_id;
    state = await h.apply(T, state, tagsOnly.plannedState, cfg3);
    expect(js(state).version_id).toBe(before);
    expect((await env.s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'docs/hello.txt' }))).TagSet).toEqual([{ Key: 'a', Value: '2' }]);

    expect((await h.plan(T, state, { ...cfg3, key: 'docs/other.txt' })).requiresReplace).toContainEqual([{ attr: 'key' }]);
    await h.destroy(T, state);
    const left = await env.s3.send(new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: 'docs/hello.txt' }));
    expect([...(left.Versions ?? []), ...(left.DeleteMarkers ?? [])]).toEqual([]);
  });

  it('uploads a file from source and sees a changed file through source_hash and etag', async () => {
    const { h } = env;
    const dir = mkdtempSync(join(tmpdir(), 'terrane-s3-'));
    const file = join(dir, 'site.html');
    writeFileSync(file, '<h1>v1</h1>');
    const cfg = (hash: string) => ({ bucket: BUCKET, key: 'site.html', source: file, source_hash: hash, content_type: 'text/html' });
    let state = await h.create(T, cfg(md5('<h1>v1</h1>')));
    expect(js(state).etag).toBe(md5('<h1>v1</h1>'));
    writeFileSync(file, '<h1>v2</h1>');
    const up = await h.plan(T, state, cfg(md5('<h1>v2</h1>')));
    expect(up.plannedState.attrs.get('etag')!.isKnown).toBe(false);
    state = await h.apply(T, state, up.plannedState, cfg(md5('<h1>v2</h1>')));
    expect(await body('site.html')).toBe('<h1>v2</h1>');

    // With etag = filemd5(...), an object overwritten behind terrane's back shows in the next plan.
    const pinned = { bucket: BUCKET, key: 'site.html', source: file, etag: md5('<h1>v2</h1>'), content_type: 'text/html' };
    state = await h.apply(T, state, (await h.plan(T, state, pinned)).plannedState, pinned);
    await env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'site.html', Body: 'changed by hand', ContentType: 'text/html' }));
    const drifted = await h.read(T, state);
    expect(js(drifted).etag).toBe(md5('changed by hand'));
    const fix = await h.plan(T, drifted, pinned);
    expect(js(fix.plannedState).etag).toBe(md5('<h1>v2</h1>'));
    state = await h.apply(T, drifted, fix.plannedState, pinned);
    expect(await body('site.html')).toBe('<h1>v2</h1>');
    expect((await h.plan(T, state, pinned)).plannedState).toBe(state);
    await h.destroy(T, state);
  });

  it.each(['tr-object-bucket/imp/a.txt', 's3://tr-object-bucket/imp/a.txt'])('imports %s with no change planned after', async (id) => {
    const { h } = env;
    await env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'imp/a.txt', Body: 'abc', ContentType: 'text/plain' }));
    const imp = await h.importState(T, id);
    expect(imp.diagnostics).toEqual([]);
    const st = imp.importedResources[0]!.state;
    expect(js(st)).toMatchObject({ id: 'imp/a.txt', bucket: BUCKET, key: 'imp/a.txt', etag: md5('abc'), content_type: 'text/plain' });
    const pl = await h.plan(T, st, { bucket: BUCKET, key: 'imp/a.txt', content_type: 'text/plain' });
    expect(pl.diagnostics).toEqual([]);
    expect(pl.plannedState).toBe(st);
  });

  it('rejects a malformed import id and conflicting body arguments', async () => {
    const imp = await env.h.importState(T, 'no-slash');
    expect(imp.diagnostics[0]!.detail).toBe('id no-slash should be in format <bucket>/<key> or s3://<bucket>/<key>');
    const pl = await env.h.plan(T, null, { bucket: BUCKET, key: 'x', content: 'a', content_base64: 'Yg==' });
    expect(pl.diagnostics.map((d) => d.detail)).toContain('"content": conflicts with content_base64');
  });

  it('reports NoSuchBucket as the upload failure', async () => {
    const cfg = { bucket: 'tr-no-such-bucket', key: 'k', content: 'x' };
    const pl = await env.h.plan(T, null, cfg);
    const r = await env.h.p.applyResourceChange({ typeName: T, priorState: nullVal(env.h.type(T)), plannedState: pl.plannedState, config: env.h.config(T, cfg) } as never);
    expect(r.diagnostics[0]!.summary).toBe('uploading S3 Object (k) to Bucket (tr-no-such-bucket): NoSuchBucket: The specified bucket does not exist');
  });
});

describe('aws_s3_object defaults and drift', () => {
  it('stores the SDK default content type (application/octet-stream) when none is given and reads a deleted object as gone', async () => {
    const cfg = { bucket: BUCKET, key: 'plain', content_base64: Buffer.from('bytes').toString('base64') };
    const state = await env.h.create(T, cfg);
    expect(js(state)).toMatchObject({ content_type: 'application/octet-stream', etag: md5('bytes'), content: null });
    expect((await env.h.plan(T, state, cfg)).plannedState).toBe(state);
    await env.h.destroy(T, state);
    expect(await env.h.read(T, state)).toBeNull();
  });
});

describe('aws_s3_object and the provider default_tags', () => {
  it('merges default_tags unless override_provider empties them', async () => {
    const h = await new Harness(awsProvider).configure({
      region: 'us-east-1', access_key: 'test', secret_key: 'test', s3_use_path_style: true,
      endpoints: [{ s3: env.cloud.url, sts: env.cloud.url }], default_tags: [{ tags: { Project: 'terrane' } }],
    });
    try {
      const merged = { bucket: BUCKET, key: 'tagged/a', content: 'a', tags: { own: '1' } };
      const s1 = await h.create(T, merged);
      expect(js(s1)).toMatchObject({ tags: { own: '1' }, tags_all: { own: '1', Project: 'terrane' } });
      expect((await h.plan(T, s1, merged)).plannedState).toBe(s1);

      const alone = { ...merged, key: 'tagged/b', override_provider: [{ default_tags: [{ tags: {} }] }] };
      const s2 = await h.create(T, alone);
      expect(js(s2)).toMatchObject({ tags: { own: '1' }, tags_all: { own: '1' } });
      expect((await env.s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'tagged/b' }))).TagSet).toEqual([{ Key: 'own', Value: '1' }]);
      expect((await h.plan(T, s2, alone)).plannedState).toBe(s2);
      await h.destroy(T, s1);
      await h.destroy(T, s2);
    } finally {
      await h.p.close?.();
    }
  });
});
