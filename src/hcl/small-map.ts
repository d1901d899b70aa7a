/**
 * A Map that holds its first entry inline and becomes a real Map only on the second.
 *
 * Most resources have one instance (no count or for_each) and most resource bodies one or
 * two arguments, yet a walk keeps a map of instances per resource in the prior state, the
 * refreshed state and the working values, and the configuration a map of arguments per
 * body. A JS Map costs about 240 bytes (object and hash table) however few its entries;
 * this costs about 50 until it holds two. At 100k resources that is some 100 MB of a
 * plan's live heap. Iteration order is insertion order, as with Map.
 */
const NONE: unique symbol = Symbol('none');

export class SmallMap<K, V> implements Map<K, V> {
  private k: K | typeof NONE = NONE;
  private v: V | undefined = undefined;
  private m: Map<K, V> | undefined = undefined;

  constructor(entries?: Iterable<readonly [K, V]>) {
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }

  get size(): number {
    return this.m ? this.m.size : this.k === NONE ? 0 : 1;
  }

  get(key: K): V | undefined {
    if (this.m) return this.m.get(key);
    return this.k !== NONE && sameKey(this.k, key) ? this.v : undefined;
  }

  has(key: K): boolean {
    if (this.m) return this.m.has(key);
    return this.k !== NONE && sameKey(this.k, key);
  }

  set(key: K, value: V): this {
    if (this.m) { this.m.set(key, value); return this; }
    if (this.k === NONE || sameKey(this.k, key)) { this.k = key; this.v = value; return this; }
    this.m = new Map<K, V>([[this.k, this.v as V], [key, value]]);
    this.k = NONE;
    this.v = undefined;
    return this;
  }

  delete(key: K): boolean {
    if (this.m) return this.m.delete(key);
    if (this.k === NONE || !sameKey(this.k, key)) return false;
    this.k = NONE;
    this.v = undefined;
    return true;
  }

  clear(): void {
    this.m = undefined;
    this.k = NONE;
    this.v = undefined;
  }

  forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    if (this.m) this.m.forEach((v, k) => fn.call(thisArg, v, k, this));
    else if (this.k !== NONE) fn.call(thisArg, this.v as V, this.k, this);
  }

  // Plain iterators, not generators: a large map hands out its own, at full speed.
  entries(): MapIterator<[K, V]> {
    if (this.m) return this.m.entries();
    return (this.k === NONE ? [] : [[this.k, this.v as V] as [K, V]]).values() as unknown as MapIterator<[K, V]>;
  }

  keys(): MapIterator<K> {
    if (this.m) return this.m.keys();
    return (this.k === NONE ? [] : [this.k]).values() as unknown as MapIterator<K>;
  }

  values(): MapIterator<V> {
    if (this.m) return this.m.values();
    return (this.k === NONE ? [] : [this.v as V]).values() as unknown as MapIterator<V>;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Map';
  }
}

/** Map's key equality (SameValueZero). */
function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b);
}
