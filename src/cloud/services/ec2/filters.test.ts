import { describe, expect, it } from 'vitest';
import { applyFilters, readFilters, type FilterSpec } from './filters.js';
import { Params } from './params.js';

interface Item {
  id: string;
  n: number;
  tags: { key: string; value: string }[];
}

const items: Item[] = [
  { id: 'a-1', n: 1, tags: [{ key: 'Name', value: 'web' }] },
  { id: 'a-2', n: 2, tags: [{ key: 'Name', value: 'db' }, { key: 'env', value: 'prod' }] },
  { id: 'b-3', n: 3, tags: [] },
];
const spec: FilterSpec<Item> = { id: (i) => i.id, n: (i) => i.n };

function run(flat: Record<string, string>): string[] {
  const p = new Params(flat);
  return applyFilters(items, readFilters(p, spec), spec).map((i) => i.id);
}

describe('filters', () => {
  it.each([
    [{}, ['a-1', 'a-2', 'b-3']],
    [{ 'Filter.1.Name': 'id', 'Filter.1.Value.1': 'a-*' }, ['a-1', 'a-2']],
    [{ 'Filter.1.Name': 'id', 'Filter.1.Value.1': '?-3' }, ['b-3']],
    [{ 'Filter.1.Name': 'id', 'Filter.1.Value.1': 'a-1', 'Filter.1.Value.2': 'b-3' }, ['a-1', 'b-3']],
    [{ 'Filter.1.Name': 'id', 'Filter.1.Value.1': 'a-*', 'Filter.2.Name': 'n', 'Filter.2.Value.1': '2' }, ['a-2']],
    [{ 'Filter.1.Name': 'tag:Name', 'Filter.1.Value.1': 'w*' }, ['a-1']],
    [{ 'Filter.1.Name': 'tag-key', 'Filter.1.Value.1': 'env' }, ['a-2']],
    [{ 'Filter.1.Name': 'tag-value', 'Filter.1.Value.1': 'db' }, ['a-2']],
    [{ 'Filter.1.Name': 'id', 'Filter.1.Value.1': 'a\\*' }, []],
  ])('%j selects %j', (flat, want) => {
    expect(run(flat)).toEqual(want);
  });

  it('rejects an unknown filter name as EC2 does', () => {
    expect(() => run({ 'Filter.1.Name': 'colour', 'Filter.1.Value.1': 'x' })).toThrow("The filter 'colour' is invalid");
  });
});
