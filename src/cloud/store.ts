/** The local cloud's persistent store: one SQLite file per data dir, WAL mode. */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What an access key resolves to (long-term IAM user keys and STS temporary keys). */
export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  account: string;
  /** The principal the key acts as, e.g. arn:aws:iam::123456789012:user/alice or an assumed-role arn. */
  arn: string;
  /** The UserId STS GetCallerIdentity reports (AIDA... for users, AROA...:session for roles). */
  userId: string;
  sessionToken?: string;
  /** ISO time after which the key is no longer valid (temporary keys). */
  expiration?: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS resources (
  service TEXT NOT NULL, kind TEXT NOT NULL, account TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (service, kind, account, region, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS access_keys (access_key_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
`;

/**
 * The store every service keeps its state in. Generic JSON documents live in `resources`;
 * services may create their own tables in their `init` (through `db`).
 */
export class Store {
  /** The open database; services may prepare their own statements on it. */
  readonly db: Database.Database;
  /** The directory holding the database file (and any files services keep beside it). */
  readonly dir: string;
  /** True when the store lives in a temporary directory that close() deletes. */
  readonly temporary: boolean;

  private readonly sGet: Database.Statement;
  private readonly sPut: Database.Statement;
  private readonly sDel: Database.Statement;
  private readonly sList: Database.Statement;
  private readonly sSeq: Database.Statement;
  private readonly sKeyGet: Database.Statement;
  private readonly sKeyPut: Database.Statement;
  private readonly sKeyDel: Database.Statement;
  private closed = false;
  private lockTail: Promise<void> = Promise.resolve();
  private locked = false;

  /** Opens (or creates) the store in `dir`; without a dir, in a fresh temporary directory. */
  constructor(dir?: string) {
    this.temporary = !dir;
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'terrane-cloud-'));
    mkdirSync(this.dir, { recursive: true });
    this.db = new Database(join(this.dir, 'cloud.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.sGet = this.db.prepare('SELECT doc FROM resources WHERE service=? AND kind=? AND account=? AND region=? AND id=?').pluck();
    this.sPut = this.db.prepare('INSERT OR REPLACE INTO resources (service, kind, account, region, id, doc) VALUES (?, ?, ?, ?, ?, ?)');
    this.sDel = this.db.prepare('DELETE FROM resources WHERE service=? AND kind=? AND account=? AND region=? AND id=?');
    this.sList = this.db.prepare('SELECT doc FROM resources WHERE service=? AND kind=? AND account=? AND region=? ORDER BY id').pluck();
    this.sSeq = this.db
      .prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value')
      .pluck();
    this.sKeyGet = this.db.prepare('SELECT doc FROM access_keys WHERE access_key_id=?').pluck();
    this.sKeyPut = this.db.prepare('INSERT OR REPLACE INTO access_keys (access_key_id, doc) VALUES (?, ?)');
    this.sKeyDel = this.db.prepare('DELETE FROM access_keys WHERE access_key_id=?');
  }

  /** Runs fn in one transaction (nested calls become savepoints); a throw rolls it back. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Runs a possibly asynchronous request handler in one transaction. Requests are serialized
   * (SQLite has one writer anyway) so that an awaiting handler never shares its transaction
   * with another request. A synchronous handler never waits for the lock when it is free.
   */
  async txAsync<T>(fn: () => T | Promise<T>): Promise<T> {
    while (this.locked) await this.lockTail;
    this.locked = true;
    let release!: () => void;
    this.lockTail = new Promise<void>((r) => (release = r));
    this.db.exec('BEGIN');
    try {
      const r = await fn();
      this.db.exec('COMMIT');
      return r;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    } finally {
      this.locked = false;
      release();
    }
  }

  /** Reads one document, or undefined. Region '' for global resources. */
  get<T>(service: string, kind: string, account: string, region: string, id: string): T | undefined {
    const doc = this.sGet.get(service, kind, account, region, id) as string | undefined;
    return doc === undefined ? undefined : (JSON.parse(doc) as T);
  }

  /** Creates or replaces one document. */
  put<T>(service: string, kind: string, account: string, region: string, id: string, doc: T): void {
    this.sPut.run(service, kind, account, region, id, JSON.stringify(doc));
  }

  /** Deletes one document; true if it existed. */
  delete(service: string, kind: string, account: string, region: string, id: string): boolean {
    return this.sDel.run(service, kind, account, region, id).changes > 0;
  }

  /** All documents of a kind in an account and region, ordered by id. */
  list<T>(service: string, kind: string, account: string, region: string): T[] {
    return (this.sList.all(service, kind, account, region) as string[]).map((d) => JSON.parse(d) as T);
  }

  /** The next value (1, 2, 3, ...) of a named monotonic counter. */
  nextSeq(name: string): number {
    return this.sSeq.get(name) as number;
  }

  /** Records an access key (IAM CreateAccessKey, STS AssumeRole) so requests signed with it map to its account. */
  putAccessKey(rec: AccessKeyRecord): void {
    this.sKeyPut.run(rec.accessKeyId, JSON.stringify(rec));
  }

  /** Looks up an access key recorded with putAccessKey. */
  getAccessKey(accessKeyId: string): AccessKeyRecord | undefined {
    const doc = this.sKeyGet.get(accessKeyId) as string | undefined;
    return doc === undefined ? undefined : (JSON.parse(doc) as AccessKeyRecord);
  }

  /** Forgets an access key (IAM DeleteAccessKey). */
  deleteAccessKey(accessKeyId: string): boolean {
    return this.sKeyDel.run(accessKeyId).changes > 0;
  }

  /**
   * Deletes every row of every table (the services' own tables too) and the files services
   * keep beside the database; services re-seed their defaults through `init` afterwards.
   */
  wipe(): void {
    const tables = this.db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    this.tx(() => {
      for (const t of tables) this.db.exec(`DELETE FROM "${t.replace(/"/g, '""')}"`);
    });
    for (const entry of readdirSync(this.dir, { withFileTypes: true })) {
      if (entry.isDirectory()) rmSync(join(this.dir, entry.name), { recursive: true, force: true });
    }
  }

  /** Closes the database; a temporary store is deleted. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    if (this.temporary) rmSync(this.dir, { recursive: true, force: true });
  }
}
