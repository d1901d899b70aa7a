import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeState, encodeState } from './state-file.js';
import { parseAbsResourceInstance } from '../addrs/index.js';
import type { ResourceInstanceObject, State } from './state.js';

const full = readFileSync(join(import.meta.dirname, '../../testdata/state/full.tfstate'), 'utf8');

/** The state as a fresh decode would write it: no instance text can come from a cache. */
const fresh = (s: State) => encodeState(decodeState(encodeState(s)).state!);

describe('writing a state again after changes', () => {
  it('writes exactly what a fresh encode writes, after an object is replaced, moved or deposed', () => {
    const s = decodeState(full).state!;
    expect(encodeState(s)).toBe(full);
    const first = [...s.instances()][0]!;
    const obj = first.instance.current!;
    // A replaced object: new attributes under the same address.
    const changed: ResourceInstanceObject = { ...obj, attrsJSON: obj.attrsJSON!.replace(/}$/, ',"extra_attr":"x"}') };
    s.setCurrent(first.addr, changed, first.resource.provider);
    const afterChange = encodeState(s);
    expect(afterChange).toContain('"extra_attr": "x"');
    expect(afterChange).toBe(fresh(s));
    // The same object under another instance key.
    const moved = parseAbsResourceInstance(`${first.addr.containingResource().toString()}[7]`).value!;
    s.setCurrent(first.addr, undefined, first.resource.provider);
    s.setCurrent(moved, changed, first.resource.provider);
    expect(encodeState(s)).toBe(fresh(s));
    expect(encodeState(s)).toContain('"index_key": 7');
    // The same object deposed.
    s.deposeCurrent(moved, 'abcd1234');
    expect(encodeState(s)).toContain('"deposed": "abcd1234"');
    expect(encodeState(s)).toBe(fresh(s));
  });
});
