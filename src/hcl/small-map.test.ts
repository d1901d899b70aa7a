import { describe, expect, it } from 'vitest';
import { SmallMap } from './small-map.js';

describe('SmallMap', () => {
  it('behaves as a Map through the switch from one inline entry to a real map and back', () => {
    const m = new SmallMap<string, number>();
    const ref = new Map<string, number>();
    const ops: [string, string, number?][] = [
      ['set', 'a', 1], ['set', 'a', 2], ['get', 'a'], ['has', 'b'], ['set', 'b', 3], ['set', 'c', 4],
      ['delete', 'a'], ['get', 'a'], ['get', 'c'], ['delete', 'zz'], ['clear', ''], ['set', 'd', 5], ['delete', 'd'], ['set', 'e', 6],
    ];
    for (const [op, k, v] of ops) {
      const got = op === 'set' ? (m.set(k, v!), undefined) : op === 'clear' ? m.clear() : (m as unknown as Record<string, (k: string) => unknown>)[op]!(k);
      const want = op === 'set' ? (ref.set(k, v!), undefined) : op === 'clear' ? ref.clear() : (ref as unknown as Record<string, (k: string) => unknown>)[op]!(k);
      expect(got, `${op} ${k}`).toEqual(want);
      expect([...m], `${op} ${k}`).toEqual([...ref]);
      expect(m.size).toBe(ref.size);
    }
    expect([...m.keys()]).toEqual([...ref.keys()]);
    expect([...m.values()]).toEqual([...ref.values()]);
    const seen: string[] = [];
    m.forEach((v, k) => seen.push(`${k}=${v}`));
    expect(seen).toEqual(['e=6']);
    expect(new Map(new SmallMap([['x', 1], ['y', 2]]))).toEqual(new Map([['x', 1], ['y', 2]]));
  });

  it('keeps insertion order and NaN keys as Map does', () => {
    const m = new SmallMap<number, string>([[NaN, 'n']]);
    expect(m.get(NaN)).toBe('n');
    m.set(2, 'two').set(1, 'one');
    expect([...m.keys()]).toEqual([NaN, 2, 1]);
  });
});
