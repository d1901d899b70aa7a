import { describe, expect, it } from 'vitest';
import { formatNumber, setVal, stringVal, numberVal, mapVal, valueKey, unmarkDeep, markWithPaths, listVal, Mark, containsMarks } from './value.js';

describe('formatNumber', () => {
  it.each([
    [1, '1'], [0.1, '0.1'], [-0, '0'], [1e21, '1000000000000000000000'], [1.5e-7, '0.00000015'], [-2.5e22, '-25000000000000000000000'],
  ])('%s prints as %s', (n, s) => expect(formatNumber(n)).toBe(s));
});

describe('sets', () => {
  it('deduplicates and orders strings lexically', () => {
    const s = setVal([stringVal('b'), stringVal('a'), stringVal('b')]);
    expect(s.elems.map((e) => e.str)).toEqual(['a', 'b']);
  });
  it('orders numbers numerically', () => {
    const s = setVal([numberVal(10), numberVal(2), numberVal(-1)]);
    expect(s.elems.map((e) => e.num)).toEqual([-1, 2, 10]);
  });
});

describe('maps', () => {
  it('iterate in lexical key order', () => {
    const m = mapVal({ b: numberVal(1), a: numberVal(2) });
    expect([...m.attrs.keys()]).toEqual(['a', 'b']);
    expect(valueKey(m)).toBe(valueKey(mapVal([['a', numberVal(2)], ['b', numberVal(1)]])));
  });
});

describe('marks', () => {
  it('survive an unmark/re-mark round trip at their paths', () => {
    const l = listVal([stringVal('x'), stringVal('secret').mark(Mark.Sensitive)]);
    const [bare, paths] = unmarkDeep(l);
    expect(containsMarks(bare)).toBe(false);
    expect(paths).toEqual([{ path: [{ index: 1 }], marks: Mark.Sensitive }]);
    const again = markWithPaths(bare, paths);
    expect(again.elems[1]!.isSensitive).toBe(true);
    expect(again.elems[0]!.isSensitive).toBe(false);
  });
});
