/** SQS message storage: one SQLite table of messages and one of FIFO deduplication ids. */
import type Database from 'better-sqlite3';
import type { Store } from '../../store.js';
import type { MessageAttributeValue } from './md5.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sqs_messages (
  account TEXT NOT NULL, region TEXT NOT NULL, queue TEXT NOT NULL, id TEXT NOT NULL,
  seq INTEGER NOT NULL, body TEXT NOT NULL, attrs TEXT NOT NULL, sys TEXT NOT NULL, md5 TEXT NOT NULL, md5attrs TEXT,
  sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL, receive_count INTEGER NOT NULL DEFAULT 0, first_receive INTEGER,
  receipt TEXT, group_id TEXT, dedup_id TEXT, seqnum TEXT,
  PRIMARY KEY (account, region, queue, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sqs_messages_by_seq ON sqs_messages (account, region, queue, seq);
CREATE TABLE IF NOT EXISTS sqs_dedup (
  account TEXT NOT NULL, region TEXT NOT NULL, queue TEXT NOT NULL, dedup_key TEXT NOT NULL,
  message_id TEXT NOT NULL, seqnum TEXT, at INTEGER NOT NULL,
  PRIMARY KEY (account, region, queue, dedup_key)
) WITHOUT ROWID;
`;

/** A stored message. */
export interface Message {
  id: string;
  seq: number;
  body: string;
  attrs: Record<string, MessageAttributeValue>;
  sys: Record<string, string>;
  md5: string;
  md5attrs: string | null;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceive: number | null;
  receipt: string | null;
  groupId: string | null;
  dedupId: string | null;
  seqnum: string | null;
}

/** Identifies a queue in the messages table. */
export interface QueueKey { account: string; region: string; name: string }

interface Row {
  id: string; seq: number; body: string; attrs: string; sys: string; md5: string; md5attrs: string | null; sent_at: number;
  visible_at: number; receive_count: number; first_receive: number | null; receipt: string | null; group_id: string | null;
  dedup_id: string | null; seqnum: string | null;
}

function fromRow(r: Row): Message {
  return {
    id: r.id, seq: r.seq, body: r.body, attrs: JSON.parse(r.attrs), sys: JSON.parse(r.sys), md5: r.md5, md5attrs: r.md5attrs,
    sentAt: r.sent_at, visibleAt: r.visible_at, receiveCount: r.receive_count, firstReceive: r.first_receive, receipt: r.receipt,
    groupId: r.group_id, dedupId: r.dedup_id, seqnum: r.seqnum,
  };
}

/** Prepared statements over the message tables. */
export class MessageStore {
  private readonly s: Record<string, Database.Statement>;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    const q = 'account=? AND region=? AND queue=?';
    this.s = {
      insert: db.prepare(`INSERT INTO sqs_messages (account, region, queue, id, seq, body, attrs, sys, md5, md5attrs, sent_at, visible_at, receive_count, first_receive, receipt, group_id, dedup_id, seqnum)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      available: db.prepare(`SELECT * FROM sqs_messages WHERE ${q} AND visible_at <= ? ORDER BY seq LIMIT ?`),
      inFlightGroups: db.prepare(`SELECT DISTINCT group_id FROM sqs_messages WHERE ${q} AND visible_at > ? AND receive_count > 0`).pluck(),
      get: db.prepare(`SELECT * FROM sqs_messages WHERE ${q} AND id=?`),
      update: db.prepare(`UPDATE sqs_messages SET visible_at=?, receive_count=?, first_receive=?, receipt=? WHERE ${q} AND id=?`),
      setVisible: db.prepare(`UPDATE sqs_messages SET visible_at=? WHERE ${q} AND id=?`),
      delete: db.prepare(`DELETE FROM sqs_messages WHERE ${q} AND id=?`),
      purge: db.prepare(`DELETE FROM sqs_messages WHERE ${q}`),
      purgeDedup: db.prepare(`DELETE FROM sqs_dedup WHERE ${q}`),
      expire: db.prepare(`DELETE FROM sqs_messages WHERE ${q} AND sent_at < ?`),
      counts: db.prepare(`SELECT
          coalesce(sum(visible_at <= @now), 0) AS visible,
          coalesce(sum(visible_at > @now AND receive_count > 0), 0) AS inFlight,
          coalesce(sum(visible_at > @now AND receive_count = 0), 0) AS delayed
        FROM sqs_messages WHERE account=@account AND region=@region AND queue=@queue`),
      dedupGet: db.prepare(`SELECT message_id AS id, seqnum, at FROM sqs_dedup WHERE ${q} AND dedup_key=?`),
      dedupPut: db.prepare('INSERT OR REPLACE INTO sqs_dedup (account, region, queue, dedup_key, message_id, seqnum, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      nextVisible: db.prepare(`SELECT min(visible_at) FROM sqs_messages WHERE ${q}`).pluck(),
    };
  }

  /** Adds a message. */
  insert(q: QueueKey, m: Message): void {
    this.s['insert']!.run(q.account, q.region, q.name, m.id, m.seq, m.body, JSON.stringify(m.attrs), JSON.stringify(m.sys), m.md5, m.md5attrs,
      m.sentAt, m.visibleAt, m.receiveCount, m.firstReceive, m.receipt, m.groupId, m.dedupId, m.seqnum);
  }

  /** Visible messages in send order (up to `limit`). */
  available(q: QueueKey, now: number, limit: number): Message[] {
    return (this.s['available']!.all(q.account, q.region, q.name, now, limit) as Row[]).map(fromRow);
  }

  /** FIFO message groups that have a message in flight. */
  inFlightGroups(q: QueueKey, now: number): Set<string> {
    return new Set(this.s['inFlightGroups']!.all(q.account, q.region, q.name, now) as string[]);
  }

  /** One message by id. */
  get(q: QueueKey, id: string): Message | undefined {
    const r = this.s['get']!.get(q.account, q.region, q.name, id) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** Records a receive. */
  markReceived(q: QueueKey, m: Message): void {
    this.s['update']!.run(m.visibleAt, m.receiveCount, m.firstReceive, m.receipt, q.account, q.region, q.name, m.id);
  }

  /** Changes when a message becomes visible. */
  setVisibleAt(q: QueueKey, id: string, at: number): void {
    this.s['setVisible']!.run(at, q.account, q.region, q.name, id);
  }

  /** Deletes one message; true if it existed. */
  delete(q: QueueKey, id: string): boolean {
    return this.s['delete']!.run(q.account, q.region, q.name, id).changes > 0;
  }

  /** Deletes every message (and dedup record) of a queue. */
  purge(q: QueueKey): void {
    this.s['purge']!.run(q.account, q.region, q.name);
    this.s['purgeDedup']!.run(q.account, q.region, q.name);
  }

  /** Drops messages sent before `before` (retention). */
  expire(q: QueueKey, before: number): void {
    this.s['expire']!.run(q.account, q.region, q.name, before);
  }

  /** Visible, in-flight and delayed message counts. */
  counts(q: QueueKey, now: number): { visible: number; inFlight: number; delayed: number } {
    return this.s['counts']!.get({ now, account: q.account, region: q.region, queue: q.name }) as { visible: number; inFlight: number; delayed: number };
  }

  /** A FIFO deduplication record. */
  dedup(q: QueueKey, key: string): { id: string; seqnum: string | null; at: number } | undefined {
    return this.s['dedupGet']!.get(q.account, q.region, q.name, key) as { id: string; seqnum: string | null; at: number } | undefined;
  }

  /** Records a FIFO deduplication id. */
  putDedup(q: QueueKey, key: string, id: string, seqnum: string | null, at: number): void {
    this.s['dedupPut']!.run(q.account, q.region, q.name, key, id, seqnum, at);
  }

  /** The earliest time any message of the queue becomes visible (for long polls). */
  nextVisible(q: QueueKey): number | null {
    return this.s['nextVisible']!.get(q.account, q.region, q.name) as number | null;
  }
}

const stores = new WeakMap<Store, MessageStore>();

/** The message store of a cloud store. */
export function messageStore(store: Store): MessageStore {
  let s = stores.get(store);
  if (!s) {
    s = new MessageStore(store.db);
    stores.set(store, s);
  }
  return s;
}
