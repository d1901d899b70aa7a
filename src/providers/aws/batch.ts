/**
 * Lookups by id that many resources make at once during a refresh (DescribeInstances for
 * 100 instances...) coalesced into one call for many ids, as AWS's Describe APIs allow:
 * fewer requests, less time signing and parsing them. Ids asked for in the same turn of the
 * event loop share a call; if that call fails (one id missing fails the whole call on EC2),
 * each id is asked for on its own so that every caller gets its own answer or error.
 */

interface Waiter<V> { resolve(v: V | undefined): void; reject(e: unknown): void }

/** Collects ids and answers them in batches. */
export class IdBatcher<V> {
  private pending = new Map<string, Waiter<V>[]>();
  private scheduled = false;

  constructor(
    private readonly many: (ids: string[]) => Promise<Map<string, V>>,
    private readonly one: (id: string) => Promise<V | undefined>,
    private readonly max = 100,
  ) {}

  /** The item with `id`, or undefined when it does not exist. */
  get(id: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const ws = this.pending.get(id);
      if (ws) ws.push({ resolve, reject });
      else this.pending.set(id, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = new Map();
    const ids = [...batch.keys()];
    for (let i = 0; i < ids.length; i += this.max) {
      const chunk = ids.slice(i, i + this.max);
      if (chunk.length === 1) { this.single(chunk[0]!, batch.get(chunk[0]!)!); continue; }
      this.many(chunk).then(
        (got) => { for (const id of chunk) for (const w of batch.get(id)!) w.resolve(got.get(id)); },
        () => { for (const id of chunk) this.single(id, batch.get(id)!); },
      );
    }
  }

  private single(id: string, waiters: Waiter<V>[]): void {
    this.one(id).then(
      (v) => { for (const w of waiters) w.resolve(v); },
      (e) => { for (const w of waiters) w.reject(e); },
    );
  }
}
