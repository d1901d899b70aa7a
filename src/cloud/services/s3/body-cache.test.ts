import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BodyCache } from './body-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'terrane-body-cache-'));
function file(name: string, size: number): string {
  const p = join(dir, name);
  writeFileSync(p, Buffer.alloc(size, name));
  return p;
}
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('BodyCache', () => {
  it('loads a file in the background and then answers from memory', async () => {
    const c = new BodyCache(100, 50);
    expect(c.get('a')).toBeUndefined();
    c.warm('a', file('a', 10), 10);
    await settle();
    expect(c.get('a')?.equals(Buffer.alloc(10, 'a'))).toBe(true);
    expect(c.size).toBe(10);
  });

  it('keeps within its budget, dropping the least recently used first', async () => {
    const c = new BodyCache(100, 50);
    for (const n of ['b', 'c']) c.warm(n, file(n, 40), 40);
    await settle();
    c.get('b'); // b is now the most recently used
    c.warm('d', file('d', 40), 40);
    await settle();
    expect(c.get('c')).toBeUndefined();
    expect(c.get('b')).toBeDefined();
    expect(c.get('d')).toBeDefined();
    expect(c.size).toBe(80);
  });

  it('never holds objects above its per-object limit', async () => {
    const c = new BodyCache(100, 50);
    c.warm('e', file('e', 60), 60);
    await settle();
    expect(c.get('e')).toBeUndefined();
  });

  it('does not cache a file forgotten while it was loading', async () => {
    const c = new BodyCache(100, 50);
    c.warm('f', file('f', 10), 10);
    c.forget('f');
    await settle();
    expect(c.get('f')).toBeUndefined();
    expect(c.size).toBe(0);
  });
});
