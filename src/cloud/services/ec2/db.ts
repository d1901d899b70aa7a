/** The EC2 state of one account and region, kept as JSON documents in the cloud's Store. */
import type { RequestContext } from '../../context.js';
import type { Store } from '../../store.js';
import type { Params } from './params.js';

const SERVICE = 'ec2';

/** One tag as EC2 lists it. */
export interface Tag {
  key: string;
  value: string;
}

/** Every taggable document carries its id and tags. */
export interface Tagged {
  tags: Tag[];
}

/** Documents of one account and region. */
export class Db {
  constructor(
    readonly store: Store,
    readonly account: string,
    readonly region: string,
  ) {}

  get<T>(kind: string, id: string): T | undefined {
    return this.store.get<T>(SERVICE, kind, this.account, this.region, id);
  }

  put<T>(kind: string, id: string, doc: T): void {
    this.store.put(SERVICE, kind, this.account, this.region, id, doc);
  }

  delete(kind: string, id: string): boolean {
    return this.store.delete(SERVICE, kind, this.account, this.region, id);
  }

  list<T>(kind: string): T[] {
    return this.store.list<T>(SERVICE, kind, this.account, this.region);
  }

  /** A counter shared by all accounts (public IPs must not collide across accounts). */
  seq(name: string): number {
    return this.store.nextSeq(`ec2:${name}`);
  }
}

/** What an action handler receives. */
export interface Call {
  p: Params;
  db: Db;
  ctx: RequestContext;
  now: Date;
}

/** An action: returns the response's inner elements as an object to render. */
export type Action = (c: Call) => Record<string, unknown>;
