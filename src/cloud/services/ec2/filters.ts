/** `Filter.N.Name` / `Filter.N.Value.M` on Describe calls, with tag filters and `*`/`?` wildcards. */
import { AwsError } from '../../errors.js';
import type { Tag } from './db.js';
import { field, strings, type Params } from './params.js';

/** What a filter reads from an item: one value, several, or none. */
export type FilterValue = string | number | boolean | undefined | null | (string | number | boolean | undefined | null)[];
/** Filter name -> accessor. */
export type FilterSpec<T> = Record<string, (item: T) => FilterValue>;

interface Filter {
  name: string;
  values: string[];
  patterns: RegExp[];
}

function pattern(v: string): RegExp {
  let s = '^';
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '\\' && i + 1 < v.length) s += v[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '*') s += '[\\s\\S]*';
    else if (c === '?') s += '[\\s\\S]';
    else s += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(s + '$');
}

/** The filters of a request, checked against the names the call supports. */
export function readFilters<T>(p: Params, spec: FilterSpec<T>): Filter[] {
  const out: Filter[] = [];
  for (const f of p.structs('Filter')) {
    const name = field(f, 'Name');
    if (name === undefined || name === '') throw new AwsError('InvalidParameterValue', 'The filter name must not be empty');
    const values = strings(f['Value']);
    if (!name.startsWith('tag:') && name !== 'tag-key' && name !== 'tag-value' && !(name in spec)) {
      throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`);
    }
    out.push({ name, values, patterns: values.map(pattern) });
  }
  return out;
}

function asStrings(v: FilterValue): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.filter((x) => x !== undefined && x !== null).map(String);
  return [String(v)];
}

function matches(f: Filter, got: string[]): boolean {
  return got.some((g) => f.patterns.some((re) => re.test(g)));
}

/** Keeps the items every filter matches (values of one filter are ORed, filters are ANDed). */
export function applyFilters<T extends { tags?: Tag[] }>(items: T[], filters: Filter[], spec: FilterSpec<T>): T[] {
  if (filters.length === 0) return items;
  return items.filter((it) =>
    filters.every((f) => {
      const tags = it.tags ?? [];
      if (f.name.startsWith('tag:')) {
        const key = f.name.slice(4);
        return matches(f, tags.filter((t) => t.key === key).map((t) => t.value));
      }
      if (f.name === 'tag-key') return matches(f, tags.map((t) => t.key));
      if (f.name === 'tag-value') return matches(f, tags.map((t) => t.value));
      return matches(f, asStrings(spec[f.name]!(it)));
    }),
  );
}

/** readFilters + applyFilters. */
export function filtered<T extends { tags?: Tag[] }>(p: Params, items: T[], spec: FilterSpec<T>): T[] {
  return applyFilters(items, readFilters(p, spec), spec);
}

/** The tag filters every taggable resource supports, to spread into specs for documentation. */
export function tagFilterNames(): string[] {
  return ['tag:<key>', 'tag-key', 'tag-value'];
}
