/** S3's tables: buckets, object versions, multipart uploads and parts; object bytes inline or in files. */
import { closeSync, createReadStream, linkSync, mkdirSync, renameSync, openSync, readFileSync, unlinkSync, writeFileSync, type ReadStream } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Store } from '../../store.js';
import { BodyCache } from './body-cache.js';

/**
 * Objects up to this size live as BLOBs in SQLite; larger ones as files under
 * `<data dir>/s3-data/`, which keeps the database small and lets GETs stream from disk.
 */
export const INLINE_LIMIT = 256 * 1024;

/** A bucket and its configuration (each sub-resource as S3 stores it). */
export interface BucketDoc {
  name: string;
  account: string;
  region: string;
  created: string;
  versioning?: 'Enabled' | 'Suspended';
  mfaDelete?: 'Enabled' | 'Disabled';
  objectLockEnabled?: boolean;
  policy?: string;
  tags?: { Key: string; Value: string }[];
  /** Grants beyond the owner's FULL_CONTROL, as canned-ACL expansions or explicit grants. */
  acl?: Grant[];
  /** undefined = AWS's default for new buckets (all four true); null = deleted. */
  publicAccessBlock?: PublicAccessBlock | null;
  /** undefined = AWS's default (BucketOwnerEnforced); null = deleted. */
  ownership?: string | null;
  /** Stored XML documents of the sub-resources that are echoed back as configured. */
  xml: Partial<Record<XmlConfig, string>>;
  requestPayer?: 'BucketOwner' | 'Requester';
  accelerate?: 'Enabled' | 'Suspended';
  /** The lifecycle's x-amz-transition-default-minimum-object-size (undefined: AWS's default). */
  transitionMinSize?: string;
}

/** Sub-resources kept as their XML document. */
export type XmlConfig = 'cors' | 'website' | 'lifecycle' | 'replication' | 'encryption' | 'objectLock' | 'logging';

/** One ACL grant. */
export interface Grant {
  granteeType: 'CanonicalUser' | 'Group' | 'AmazonCustomerByEmail';
  id?: string;
  uri?: string;
  email?: string;
  displayName?: string;
  permission: string;
}

/** The four public access block settings. */
export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

/** Headers and attributes of an object version other than its bytes. */
export interface ObjectMeta {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: string;
  websiteRedirect?: string;
  storageClass?: string;
  /** x-amz-meta-* without the prefix, lower-cased names. */
  user: Record<string, string>;
  tags?: { Key: string; Value: string }[];
  /** Checksums by algorithm (base64), with `-N` for composite multipart checksums. */
  checksums?: Record<string, string>;
  checksumType?: 'FULL_OBJECT' | 'COMPOSITE';
  acl?: string;
  partsCount?: number;
  sse?: string;
  sseKmsKeyId?: string;
  /** Object Lock retention and legal hold. */
  lock?: { mode?: 'GOVERNANCE' | 'COMPLIANCE'; retainUntil?: string; legalHold?: 'ON' | 'OFF' };
}

/** One version of an object (or a delete marker). */
export interface ObjectRow {
  bucket: string;
  key: string;
  versionId: string;
  isLatest: boolean;
  deleteMarker: boolean;
  size: number;
  etag: string;
  lastModified: string;
  meta: ObjectMeta;
  seq: number;
  /** Where the bytes are: a BLOB (data) or a file name under s3-data. */
  file: string | null;
}

/** A multipart upload in progress. */
export interface UploadRow {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: string;
  meta: ObjectMeta;
}

/** One uploaded part. */
export interface PartRow {
  partNumber: number;
  etag: string;
  size: number;
  lastModified: string;
  checksums?: Record<string, string>;
  file: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS s3_buckets (name TEXT PRIMARY KEY, account TEXT NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS s3_objects (
  bucket TEXT NOT NULL, key TEXT NOT NULL, version_id TEXT NOT NULL, seq INTEGER NOT NULL,
  is_latest INTEGER NOT NULL, delete_marker INTEGER NOT NULL, size INTEGER NOT NULL, etag TEXT NOT NULL,
  last_modified TEXT NOT NULL, meta TEXT NOT NULL, data BLOB, file TEXT,
  PRIMARY KEY (bucket, key, version_id)
);
CREATE INDEX IF NOT EXISTS s3_objects_latest ON s3_objects (bucket, is_latest, key);
CREATE INDEX IF NOT EXISTS s3_objects_versions ON s3_objects (bucket, key, seq);
CREATE TABLE IF NOT EXISTS s3_uploads (upload_id TEXT PRIMARY KEY, bucket TEXT NOT NULL, key TEXT NOT NULL, initiated TEXT NOT NULL, meta TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS s3_parts (
  upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, etag TEXT NOT NULL, size INTEGER NOT NULL,
  last_modified TEXT NOT NULL, checksums TEXT, data BLOB, file TEXT,
  PRIMARY KEY (upload_id, part_number)
) WITHOUT ROWID;
`;

const OBJ_COLS = 'bucket, key, version_id, seq, is_latest, delete_marker, size, etag, last_modified, meta, file';

type RawObj = {
  bucket: string; key: string; version_id: string; seq: number; is_latest: number; delete_marker: number;
  size: number; etag: string; last_modified: string; meta: string; file: string | null;
};

function toObj(r: RawObj): ObjectRow {
  return {
    bucket: r.bucket, key: r.key, versionId: r.version_id, seq: r.seq, isLatest: r.is_latest === 1,
    deleteMarker: r.delete_marker === 1, size: r.size, etag: r.etag, lastModified: r.last_modified,
    meta: JSON.parse(r.meta) as ObjectMeta, file: r.file,
  };
}

/** A version id like S3's: 32 URL-safe characters. */
export function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}

/** Data access for S3, prepared once per store. */
export class S3Data {
  private readonly db: Database.Database;
  private readonly dir: string;
  private readonly st: Record<string, Database.Statement>;
  private seqCounter: number;
  /** Recently read object files (body-cache.ts). */
  readonly cache = new BodyCache();

  constructor(store: Store) {
    this.db = store.db;
    this.db.exec(SCHEMA);
    this.dir = join(store.dir, 's3-data');
    mkdirSync(this.dir, { recursive: true });
    const p = (sql: string) => this.db.prepare(sql);
    this.st = {
      bucketGet: p('SELECT doc FROM s3_buckets WHERE name=?').pluck(),
      bucketPut: p('INSERT OR REPLACE INTO s3_buckets (name, account, doc) VALUES (?, ?, ?)'),
      bucketDel: p('DELETE FROM s3_buckets WHERE name=?'),
      bucketsOf: p('SELECT doc FROM s3_buckets WHERE account=? ORDER BY name').pluck(),
      anyObject: p('SELECT 1 FROM s3_objects WHERE bucket=? LIMIT 1').pluck(),
      anyUpload: p('SELECT 1 FROM s3_uploads WHERE bucket=? LIMIT 1').pluck(),
      latest: p(`SELECT ${OBJ_COLS} FROM s3_objects WHERE bucket=? AND key=? AND is_latest=1`),
      version: p(`SELECT ${OBJ_COLS} FROM s3_objects WHERE bucket=? AND key=? AND version_id=?`),
      data: p('SELECT data FROM s3_objects WHERE bucket=? AND key=? AND version_id=?').pluck(),
      unlatest: p('UPDATE s3_objects SET is_latest=0 WHERE bucket=? AND key=? AND is_latest=1'),
      insert: p(
        'INSERT OR REPLACE INTO s3_objects (bucket, key, version_id, seq, is_latest, delete_marker, size, etag, last_modified, meta, data, file) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)',
      ),
      delVersion: p('DELETE FROM s3_objects WHERE bucket=? AND key=? AND version_id=? RETURNING file, is_latest'),
      newest: p('SELECT version_id FROM s3_objects WHERE bucket=? AND key=? ORDER BY seq DESC LIMIT 1').pluck(),
      setLatest: p('UPDATE s3_objects SET is_latest=1 WHERE bucket=? AND key=? AND version_id=?'),
      setMeta: p('UPDATE s3_objects SET meta=? WHERE bucket=? AND key=? AND version_id=?'),
      listLatest: p(`SELECT ${OBJ_COLS} FROM s3_objects WHERE bucket=? AND is_latest=1 AND delete_marker=0 AND key > ? AND key >= ? ORDER BY key LIMIT ?`),
      listVersions: p(`SELECT ${OBJ_COLS} FROM s3_objects WHERE bucket=? AND key > ? AND key >= ? ORDER BY key, seq DESC LIMIT ?`),
      distinctKeys: p('SELECT DISTINCT key FROM s3_objects WHERE bucket=? AND key > ? AND key >= ? ORDER BY key LIMIT ?').pluck(),
      versionsOfKey: p(`SELECT ${OBJ_COLS} FROM s3_objects WHERE bucket=? AND key=? ORDER BY seq DESC`),
      maxSeq: p('SELECT max(seq) FROM s3_objects').pluck(),
      uploadGet: p('SELECT upload_id, bucket, key, initiated, meta FROM s3_uploads WHERE upload_id=?'),
      uploadPut: p('INSERT INTO s3_uploads (upload_id, bucket, key, initiated, meta) VALUES (?, ?, ?, ?, ?)'),
      uploadDel: p('DELETE FROM s3_uploads WHERE upload_id=?'),
      uploadsOf: p('SELECT upload_id, bucket, key, initiated, meta FROM s3_uploads WHERE bucket=? ORDER BY key, initiated'),
      partPut: p('INSERT OR REPLACE INTO s3_parts (upload_id, part_number, etag, size, last_modified, checksums, data, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      partGet: p('SELECT file FROM s3_parts WHERE upload_id=? AND part_number=?').pluck(),
      partData: p('SELECT data FROM s3_parts WHERE upload_id=? AND part_number=?').pluck(),
      partsOf: p('SELECT part_number, etag, size, last_modified, checksums, file FROM s3_parts WHERE upload_id=? ORDER BY part_number'),
      partsDel: p('DELETE FROM s3_parts WHERE upload_id=? RETURNING file').pluck(),
    };
    this.seqCounter = (this.st['maxSeq']!.get() as number | null) ?? 0;
  }

  // ---- buckets

  /** A bucket by name (global namespace). */
  bucket(name: string): BucketDoc | undefined {
    const d = this.st['bucketGet']!.get(name) as string | undefined;
    return d === undefined ? undefined : (JSON.parse(d) as BucketDoc);
  }

  /** Creates or updates a bucket document. */
  saveBucket(b: BucketDoc): void {
    this.st['bucketPut']!.run(b.name, b.account, JSON.stringify(b));
  }

  /** Deletes a bucket document. */
  deleteBucket(name: string): void {
    this.st['bucketDel']!.run(name);
  }

  /** The buckets an account owns, by name. */
  bucketsOf(account: string): BucketDoc[] {
    return (this.st['bucketsOf']!.all(account) as string[]).map((d) => JSON.parse(d) as BucketDoc);
  }

  /** True if the bucket holds any object version or delete marker. */
  hasContent(bucket: string): boolean {
    return this.st['anyObject']!.get(bucket) !== undefined;
  }

  // ---- object bytes

  /**
   * Stores bytes: inline for small ones (returns {data}), else in a new file (returns {file}).
   * A spooled upload ({path}) is moved into place.
   */
  private place(body: Buffer | { path: string }): { data: Buffer | null; file: string | null } {
    if (!Buffer.isBuffer(body)) {
      const name = randomBytes(16).toString('hex');
      mkdirSync(join(this.dir, name.slice(0, 2)), { recursive: true });
      renameSync(body.path, this.path(name));
      return { data: null, file: name };
    }
    if (body.length <= INLINE_LIMIT) return { data: body, file: null };
    const name = randomBytes(16).toString('hex');
    mkdirSync(join(this.dir, name.slice(0, 2)), { recursive: true });
    writeFileSync(join(this.dir, name.slice(0, 2), name), body);
    return { data: null, file: name };
  }

  private path(file: string): string {
    return join(this.dir, file.slice(0, 2), file);
  }

  /** Removes a stored file (after its row is gone). */
  private drop(file: string | null | undefined): void {
    if (!file) return;
    this.cache.forget(file);
    try {
      unlinkSync(this.path(file));
    } catch {
      // Already gone: nothing to free.
    }
  }

  /** A new name for the same bytes (a hard link: files are never rewritten, only unlinked). */
  cloneFile(file: string): { file: string } {
    const name = randomBytes(16).toString('hex');
    mkdirSync(join(this.dir, name.slice(0, 2)), { recursive: true });
    linkSync(this.path(file), this.path(name));
    return { file: name };
  }

  /** The whole content of a version. */
  read(o: ObjectRow): Buffer {
    if (o.file) return readFileSync(this.path(o.file));
    return (this.st['data']!.get(o.bucket, o.key, o.versionId) as Buffer | null) ?? Buffer.alloc(0);
  }

  /** The bytes [start, end] of a version, as a Buffer (inline) or a stream opened now (files). */
  readRange(o: ObjectRow, start: number, end: number): Buffer | ReadStream {
    if (o.file) {
      if (end < start) return Buffer.alloc(0);
      const hit = this.cache.get(o.file);
      if (hit) return start === 0 && end === hit.length - 1 ? hit : hit.subarray(start, end + 1);
      // Open now, inside the request, so a later delete cannot pull the file away.
      const path = this.path(o.file);
      const fd = openSync(path, 'r');
      this.cache.warm(o.file, path, o.size);
      return createReadStream('', { fd, start, end, highWaterMark: 1 << 20 });
    }
    const d = (this.st['data']!.get(o.bucket, o.key, o.versionId) as Buffer | null) ?? Buffer.alloc(0);
    return start === 0 && end === d.length - 1 ? d : d.subarray(start, end + 1);
  }

  // ---- object versions

  /** The current version of a key (maybe a delete marker). */
  latest(bucket: string, key: string): ObjectRow | undefined {
    const r = this.st['latest']!.get(bucket, key) as RawObj | undefined;
    return r && toObj(r);
  }

  /** A specific version of a key. */
  version(bucket: string, key: string, versionId: string): ObjectRow | undefined {
    const r = this.st['version']!.get(bucket, key, versionId) as RawObj | undefined;
    return r && toObj(r);
  }

  /** All versions of a key, newest first. */
  versionsOf(bucket: string, key: string): ObjectRow[] {
    return (this.st['versionsOfKey']!.all(bucket, key) as RawObj[]).map(toObj);
  }

  /**
   * Writes a new current version. With versionId 'null' (unversioned or suspended buckets) the
   * previous 'null' version is replaced; otherwise older versions stay.
   */
  putVersion(
    o: Omit<ObjectRow, 'seq' | 'isLatest' | 'file'>,
    body: Buffer | { file: string } | { path: string },
  ): ObjectRow {
    if (o.versionId === 'null') this.deleteVersion(o.bucket, o.key, 'null', false);
    this.st['unlatest']!.run(o.bucket, o.key);
    const placed = 'file' in body && !Buffer.isBuffer(body) ? { data: null, file: body.file } : this.place(body as Buffer | { path: string });
    const seq = ++this.seqCounter;
    this.st['insert']!.run(o.bucket, o.key, o.versionId, seq, o.deleteMarker ? 1 : 0, o.size, o.etag, o.lastModified, JSON.stringify(o.meta), placed.data, placed.file);
    return { ...o, seq, isLatest: true, file: placed.file };
  }

  /** Deletes one version; if it was current, the newest remaining one becomes current. */
  deleteVersion(bucket: string, key: string, versionId: string, promote = true): boolean {
    const r = this.st['delVersion']!.get(bucket, key, versionId) as { file: string | null; is_latest: number } | undefined;
    if (!r) return false;
    this.drop(r.file);
    if (promote && r.is_latest === 1) {
      const v = this.st['newest']!.get(bucket, key) as string | undefined;
      if (v !== undefined) this.st['setLatest']!.run(bucket, key, v);
    }
    return true;
  }

  /** Replaces the metadata of a version (tagging, ACL). */
  setMeta(o: ObjectRow, meta: ObjectMeta): void {
    this.st['setMeta']!.run(JSON.stringify(meta), o.bucket, o.key, o.versionId);
  }

  /** Current, non-deleted objects with key > after and key >= from, by key. */
  listLatest(bucket: string, after: string, from: string, limit: number): ObjectRow[] {
    return (this.st['listLatest']!.all(bucket, after, from, limit) as RawObj[]).map(toObj);
  }

  /** Keys having any version, with key > after and key >= from, in order. */
  distinctKeys(bucket: string, after: string, from: string, limit: number): string[] {
    return this.st['distinctKeys']!.all(bucket, after, from, limit) as string[];
  }

  /** All versions with key > after and key >= from, by key then newest first. */
  listVersions(bucket: string, after: string, from: string, limit: number): ObjectRow[] {
    return (this.st['listVersions']!.all(bucket, after, from, limit) as RawObj[]).map(toObj);
  }

  // ---- multipart

  /** Records a new upload. */
  createUpload(u: UploadRow): void {
    this.st['uploadPut']!.run(u.uploadId, u.bucket, u.key, u.initiated, JSON.stringify(u.meta));
  }

  /** An upload by id. */
  upload(uploadId: string): UploadRow | undefined {
    const r = this.st['uploadGet']!.get(uploadId) as { upload_id: string; bucket: string; key: string; initiated: string; meta: string } | undefined;
    return r && { uploadId: r.upload_id, bucket: r.bucket, key: r.key, initiated: r.initiated, meta: JSON.parse(r.meta) as ObjectMeta };
  }

  /** The uploads in progress in a bucket, by key. */
  uploadsOf(bucket: string): UploadRow[] {
    return (this.st['uploadsOf']!.all(bucket) as { upload_id: string; bucket: string; key: string; initiated: string; meta: string }[]).map((r) => ({
      uploadId: r.upload_id, bucket: r.bucket, key: r.key, initiated: r.initiated, meta: JSON.parse(r.meta) as ObjectMeta,
    }));
  }

  /** Stores (or replaces) a part. */
  putPart(uploadId: string, p: Omit<PartRow, 'file'>, body: Buffer | { path: string }): void {
    const old = this.st['partGet']!.get(uploadId, p.partNumber) as string | null | undefined;
    const placed = this.place(body);
    this.st['partPut']!.run(uploadId, p.partNumber, p.etag, p.size, p.lastModified, p.checksums ? JSON.stringify(p.checksums) : null, placed.data, placed.file);
    this.drop(old);
  }

  /** The parts of an upload by number. */
  parts(uploadId: string): PartRow[] {
    return (this.st['partsOf']!.all(uploadId) as { part_number: number; etag: string; size: number; last_modified: string; checksums: string | null; file: string | null }[]).map((r) => ({
      partNumber: r.part_number, etag: r.etag, size: r.size, lastModified: r.last_modified,
      checksums: r.checksums ? (JSON.parse(r.checksums) as Record<string, string>) : undefined, file: r.file,
    }));
  }

  /** The bytes of one part. */
  partBytes(uploadId: string, p: PartRow): Buffer {
    if (p.file) return readFileSync(this.path(p.file));
    return (this.st['partData']!.get(uploadId, p.partNumber) as Buffer | null) ?? Buffer.alloc(0);
  }

  /** Forgets an upload and frees its parts. */
  deleteUpload(uploadId: string): void {
    for (const f of this.st['partsDel']!.all(uploadId) as string[]) this.drop(f);
    this.st['uploadDel']!.run(uploadId);
  }

  /** Writes the concatenation of the given parts as one object file (or inline buffer). */
  assemble(uploadId: string, parts: PartRow[], total: number): Buffer | { file: string } {
    if (total <= INLINE_LIMIT) return Buffer.concat(parts.map((p) => this.partBytes(uploadId, p)), total);
    const name = randomBytes(16).toString('hex');
    mkdirSync(join(this.dir, name.slice(0, 2)), { recursive: true });
    const fd = openSync(this.path(name), 'w');
    try {
      for (const p of parts) writeFileSync(fd, this.partBytes(uploadId, p));
    } finally {
      closeSync(fd);
    }
    return { file: name };
  }
}
