/** Item storage of DynamoDB tables: one SQLite table keyed by account, region, table and key. */
import type Database from 'better-sqlite3';
import type { Store } from '../../store.js';
import type { Item } from './attribute-value.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS dynamodb_items (
  account TEXT NOT NULL, region TEXT NOT NULL, table_name TEXT NOT NULL,
  pk TEXT NOT NULL, sk TEXT NOT NULL, item TEXT NOT NULL,
  PRIMARY KEY (account, region, table_name, pk, sk)
) WITHOUT ROWID;
`;

/** Prepared statements over the items table of one store. */
export class ItemStore {
  private readonly sGet: Database.Statement;
  private readonly sPut: Database.Statement;
  private readonly sDel: Database.Statement;
  private readonly sPartition: Database.Statement;
  private readonly sAll: Database.Statement;
  private readonly sDrop: Database.Statement;
  private readonly sStats: Database.Statement;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    const w = 'account=? AND region=? AND table_name=?';
    this.sGet = db.prepare(`SELECT item FROM dynamodb_items WHERE ${w} AND pk=? AND sk=?`).pluck();
    this.sPut = db.prepare('INSERT OR REPLACE INTO dynamodb_items (account, region, table_name, pk, sk, item) VALUES (?, ?, ?, ?, ?, ?)');
    this.sDel = db.prepare(`DELETE FROM dynamodb_items WHERE ${w} AND pk=? AND sk=?`);
    this.sPartition = db.prepare(`SELECT item FROM dynamodb_items WHERE ${w} AND pk=?`).pluck();
    this.sAll = db.prepare(`SELECT item FROM dynamodb_items WHERE ${w} ORDER BY pk, sk`).pluck();
    this.sDrop = db.prepare(`DELETE FROM dynamodb_items WHERE ${w}`);
    this.sStats = db.prepare(`SELECT count(*) AS n, coalesce(sum(length(item)), 0) AS bytes FROM dynamodb_items WHERE ${w}`);
  }

  /** One item by its encoded key, or undefined. */
  get(account: string, region: string, table: string, pk: string, sk: string): Item | undefined {
    const s = this.sGet.get(account, region, table, pk, sk) as string | undefined;
    return s === undefined ? undefined : (JSON.parse(s) as Item);
  }

  /** Stores an item under its encoded key. */
  put(account: string, region: string, table: string, pk: string, sk: string, item: Item): void {
    this.sPut.run(account, region, table, pk, sk, JSON.stringify(item));
  }

  /** Deletes an item by its encoded key. */
  delete(account: string, region: string, table: string, pk: string, sk: string): void {
    this.sDel.run(account, region, table, pk, sk);
  }

  /** Every item of one partition (unordered; callers sort by the sort key). */
  partition(account: string, region: string, table: string, pk: string): Item[] {
    return (this.sPartition.all(account, region, table, pk) as string[]).map((s) => JSON.parse(s) as Item);
  }

  /** Every item of a table, ordered by encoded key. */
  all(account: string, region: string, table: string): Item[] {
    return (this.sAll.all(account, region, table) as string[]).map((s) => JSON.parse(s) as Item);
  }

  /** Deletes every item of a table. */
  drop(account: string, region: string, table: string): void {
    this.sDrop.run(account, region, table);
  }

  /** Item count and approximate size of a table. */
  stats(account: string, region: string, table: string): { n: number; bytes: number } {
    return this.sStats.get(account, region, table) as { n: number; bytes: number };
  }
}

const stores = new WeakMap<Store, ItemStore>();

/** The item store of a cloud store (created on first use or in the service's init). */
export function itemStore(store: Store): ItemStore {
  let s = stores.get(store);
  if (!s) {
    s = new ItemStore(store.db);
    stores.set(store, s);
  }
  return s;
}
