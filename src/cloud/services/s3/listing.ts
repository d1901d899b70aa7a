/** Listing: ListObjects (v1), ListObjectsV2 and ListObjectVersions, with prefix, delimiter and paging. */
import type { CloudResponse } from '../../context.js';
import { x, xs, type Raw } from '../../xml.js';
import { requireBucket } from './buckets.js';
import { ownerXml, xmlAnswer, type S3Call } from './common.js';
import type { ObjectRow } from './data.js';
import { S3Errors } from './errors.js';

/** A string after every key that starts with a given prefix (in UTF-8 byte order, as S3 sorts). */
const AFTER_ALL = '\u{10FFFF}';
const BATCH = 1000;

function maxKeys(q: URLSearchParams): number {
  const raw = q.get('max-keys');
  if (raw === null) return 1000;
  if (!/^\d+$/.test(raw) || Number(raw) > 2147483647) {
    throw S3Errors.invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', raw);
  }
  return Math.min(Number(raw), 1000);
}

function encoder(q: URLSearchParams): (s: string) => string {
  const et = q.get('encoding-type');
  if (et !== null && et !== 'url') throw S3Errors.invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', et);
  return et === 'url' ? (s) => encodeURIComponent(s).replace(/%2F/g, '/') : (s) => s;
}

interface Page<T> {
  items: T[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned. */
  last?: string;
}

/**
 * Walks keys after `after` under `prefix`, grouping by `delimiter`, until `max` entries
 * (keys and common prefixes together) are taken.
 */
function walk<T>(fetch: (after: string, from: string, limit: number) => { key: string; items: T[] }[], prefix: string, delimiter: string, after: string, max: number): Page<T> {
  const page: Page<T> = { items: [], prefixes: [], truncated: false };
  let count = 0;
  let cursor = after;
  outer: for (;;) {
    const rows = fetch(cursor, prefix, BATCH);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (!r.key.startsWith(prefix)) break outer;
      cursor = r.key;
      if (delimiter) {
        const i = r.key.indexOf(delimiter, prefix.length);
        if (i >= 0) {
          const cp = r.key.slice(0, i + delimiter.length);
          if (count >= max) {
            page.truncated = true;
            break outer;
          }
          page.prefixes.push(cp);
          page.last = cp;
          count++;
          cursor = cp + AFTER_ALL;
          continue outer;
        }
      }
      if (count >= max) {
        page.truncated = true;
        break outer;
      }
      page.items.push(...r.items);
      page.last = r.key;
      count++;
    }
    if (rows.length < BATCH) break;
  }
  return page;
}

function contentsXml(o: ObjectRow, enc: (s: string) => string, owner: string | undefined): Raw {
  const alg = Object.keys(o.meta.checksums ?? {})[0];
  return x(
    'Contents',
    xs(
      x('Key', enc(o.key)),
      x('LastModified', o.lastModified),
      x('ETag', o.etag),
      alg ? x('ChecksumAlgorithm', alg.toUpperCase()) : undefined,
      alg ? x('ChecksumType', o.meta.checksumType ?? 'FULL_OBJECT') : undefined,
      x('Size', o.size),
      owner ? ownerXml(owner) : undefined,
      x('StorageClass', o.meta.storageClass ?? 'STANDARD'),
    ),
  );
}

function latestFetch(c: S3Call) {
  return (after: string, from: string, limit: number) => c.data.listLatest(c.bucket, after, from, limit).map((o) => ({ key: o.key, items: [o] }));
}

/** ListObjects (v1): marker paging; NextMarker only with a delimiter, as AWS. */
export function listObjectsV1(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  c.ctx.operation = 'ListObjects';
  const q = c.req.query;
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const marker = q.get('marker') ?? '';
  const max = maxKeys(q);
  const enc = encoder(q);
  const page = walk(latestFetch(c), prefix, delimiter, marker, max);
  return xmlAnswer(
    'ListBucketResult',
    xs(
      x('Name', b.name),
      x('Prefix', enc(prefix)),
      x('Marker', enc(marker)),
      page.truncated && delimiter ? x('NextMarker', enc(page.last ?? '')) : undefined,
      x('MaxKeys', max),
      delimiter ? x('Delimiter', enc(delimiter)) : undefined,
      x('IsTruncated', page.truncated),
      q.get('encoding-type') ? x('EncodingType', 'url') : undefined,
      ...page.items.map((o) => contentsXml(o, enc, b.account)),
      ...page.prefixes.map((p) => x('CommonPrefixes', x('Prefix', enc(p)))),
    ),
  );
}

/** ListObjectsV2: continuation tokens are the opaque, base64url-encoded last key returned. */
export function listObjectsV2(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  c.ctx.operation = 'ListObjectsV2';
  const q = c.req.query;
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const startAfter = q.get('start-after') ?? '';
  const token = q.get('continuation-token');
  const max = maxKeys(q);
  const enc = encoder(q);
  let after = startAfter;
  if (token !== null) {
    const t = Buffer.from(token, 'base64url').toString('utf8');
    if (!token || !t.startsWith('k:')) throw S3Errors.invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
    after = t.slice(2);
  }
  const page = walk(latestFetch(c), prefix, delimiter, after, max);
  // A common prefix as the last entry resumes after everything under it.
  const resume = page.last !== undefined && page.prefixes[page.prefixes.length - 1] === page.last ? page.last + AFTER_ALL : page.last;
  const next = page.truncated && resume !== undefined ? Buffer.from('k:' + resume).toString('base64url') : undefined;
  return xmlAnswer(
    'ListBucketResult',
    xs(
      x('Name', b.name),
      x('Prefix', enc(prefix)),
      delimiter ? x('Delimiter', enc(delimiter)) : undefined,
      x('MaxKeys', max),
      q.get('encoding-type') ? x('EncodingType', 'url') : undefined,
      x('KeyCount', page.items.length + page.prefixes.length),
      x('IsTruncated', page.truncated),
      token !== null ? x('ContinuationToken', token) : undefined,
      x('NextContinuationToken', next),
      startAfter ? x('StartAfter', enc(startAfter)) : undefined,
      ...page.items.map((o) => contentsXml(o, enc, q.get('fetch-owner') === 'true' ? b.account : undefined)),
      ...page.prefixes.map((p) => x('CommonPrefixes', x('Prefix', enc(p)))),
    ),
  );
}

/** ListObjectVersions: versions and delete markers, newest first within a key. */
export function listObjectVersions(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  c.ctx.operation = 'ListObjectVersions';
  const q = c.req.query;
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const keyMarker = q.get('key-marker') ?? '';
  const vidMarker = q.get('version-id-marker') ?? '';
  if (vidMarker && !keyMarker) {
    throw S3Errors.invalidArgument('A version-id marker cannot be specified without a key marker.', 'version-id-marker', vidMarker);
  }
  const max = maxKeys(q);
  const enc = encoder(q);
  const out: ObjectRow[] = [];
  // Resume inside the marker key first (versions older than the marker version).
  if (keyMarker && vidMarker) {
    const vs = c.data.versionsOf(c.bucket, keyMarker);
    const i = vs.findIndex((v) => v.versionId === vidMarker);
    if (i >= 0) out.push(...vs.slice(i + 1));
  }
  const fetch = (after: string, from: string, limit: number) =>
    c.data.distinctKeys(c.bucket, after, from, limit).map((key) => ({ key, items: c.data.versionsOf(c.bucket, key) }));
  const page = walk(fetch, prefix, delimiter, keyMarker, max + 1);
  const all = [...out, ...page.items];
  let truncated = page.truncated;
  let items = all;
  if (all.length + page.prefixes.length > max) {
    truncated = true;
    items = all.slice(0, Math.max(0, max - page.prefixes.length));
  }
  const last = items[items.length - 1];
  const entries = items.map((o) =>
    o.deleteMarker
      ? x('DeleteMarker', xs(x('Key', enc(o.key)), x('VersionId', o.versionId), x('IsLatest', o.isLatest), x('LastModified', o.lastModified), ownerXml(b.account)))
      : x(
          'Version',
          xs(
            x('Key', enc(o.key)),
            x('VersionId', o.versionId),
            x('IsLatest', o.isLatest),
            x('LastModified', o.lastModified),
            x('ETag', o.etag),
            x('Size', o.size),
            x('StorageClass', o.meta.storageClass ?? 'STANDARD'),
            ownerXml(b.account),
          ),
        ),
  );
  return xmlAnswer(
    'ListVersionsResult',
    xs(
      x('Name', b.name),
      x('Prefix', enc(prefix)),
      x('KeyMarker', enc(keyMarker)),
      x('VersionIdMarker', vidMarker),
      truncated && last ? x('NextKeyMarker', enc(last.key)) : undefined,
      truncated && last ? x('NextVersionIdMarker', last.versionId) : undefined,
      x('MaxKeys', max),
      delimiter ? x('Delimiter', enc(delimiter)) : undefined,
      x('IsTruncated', truncated),
      ...entries,
      ...page.prefixes.map((p) => x('CommonPrefixes', x('Prefix', enc(p)))),
    ),
  );
}
