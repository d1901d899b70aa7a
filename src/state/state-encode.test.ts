import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { decodeState, encodeState, encodeStateParts, toStateV4 } from './state-file.js';
import { writeStateV4 } from './state-v4-json.js';
import { parseAbsResourceInstance } from '../addrs/index.js';
import type { ResourceInstanceObject, State } from './state.js';

const full = readFileSync(join(import.meta.dirname, '../../testdata/state/full.tfstate'), 'utf8');

/** The state as a fresh decode would write it: no instance text can come from a cache. */
const fresh = (s: State) => encodeState(decodeState(encodeState(s)).state!);

describe('writing a state again after changes (instances whose text is reused)', () => {
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

/** Every state file under testdata. */
function stateFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...stateFiles(p));
    else if (e.name.endsWith('.tfstate')) out.push(p);
  }
  return out;
}

describe('encoding a state in pieces', () => {
  const files = stateFiles(join(import.meta.dirname, '../../testdata'));

  it('writes the same bytes as the whole-document writer, for every state file in testdata', () => {
    expect(files.length).toBeGreaterThan(10);
    let checked = 0;
    for (const f of files) {
      const d = decodeState(readFileSync(f, 'utf8'));
      if (!d.state) continue;
      expect(encodeState(d.state), f).toBe(writeStateV4(toStateV4(d.state)));
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('keeps resource and instance order right as instances come and go between writes', () => {
    const s = decodeState(full).state!;
    const [first] = [...s.instances()];
    const obj = first!.instance.current!;
    const provider = first!.resource.provider;
    const res = first!.addr.containingResource().toString();
    const at = (k: number | string) => parseAbsResourceInstance(`${res}[${typeof k === 'number' ? k : JSON.stringify(k)}]`).value!;
    // Enough instances for the order to be remembered between writes, added out of order.
    for (const k of [40, 3, 17, 25, 1, 39, 8, 30, 12, 22, 5, 35, 14, 28, 19, 2, 33, 10, 26, 7]) s.setCurrent(at(k), { ...obj }, provider);
    expect(encodeState(s)).toBe(writeStateV4(toStateV4(s)));
    s.setCurrent(at(18), { ...obj }, provider);
    s.setCurrent(at(0), { ...obj }, provider);
    expect(encodeState(s)).toBe(writeStateV4(toStateV4(s)));
    s.setCurrent(at(17), undefined, provider); // one gone, one more in: same count as before
    s.setCurrent(at(41), { ...obj }, provider);
    expect(encodeState(s)).toBe(writeStateV4(toStateV4(s)));
    s.deposeCurrent(at(3), 'aaaa0000');
    s.setCurrent(at(3), { ...obj }, provider);
    expect(encodeState(s)).toBe(writeStateV4(toStateV4(s)));
  });

  it('writes a resource that has no instances as Terraform does', () => {
    const doc = JSON.parse(full) as { resources: { instances: unknown[] }[] };
    doc.resources[0]!.instances = [];
    const s = decodeState(JSON.stringify(doc)).state!;
    expect(encodeState(s)).toContain('"instances": []\n    }');
    expect(encodeState(s)).toBe(writeStateV4(toStateV4(s)));
  });

  it('shares unchanged instances between encodings, and tells equal from different bytes', () => {
    const s = decodeState(full).state!;
    const a = encodeStateParts(s), b = encodeStateParts(s);
    expect(b.sameAs(a)).toBe(true);
    expect(b.rest.filter((p, i) => p === a.rest[i]).length).toBeGreaterThan(b.rest.length / 2);
    // A new serial is a new head only.
    b.serial = a.serial + 1;
    expect(b.sameAs(a)).toBe(false);
    expect(b.text().replace(`"serial": ${a.serial + 1},`, `"serial": ${a.serial},`)).toBe(a.text());
    // One changed attribute makes the encodings differ.
    const first = [...s.instances()][0]!;
    const obj = first.instance.current!;
    s.setCurrent(first.addr, { ...obj, attrsJSON: obj.attrsJSON!.replace(/}$/, ',"extra_attr":"x"}') }, first.resource.provider);
    expect(encodeStateParts(s).sameAs(a)).toBe(false);
    // The same object again, as a fresh copy: equal bytes although no piece is shared.
    s.setCurrent(first.addr, { ...obj }, first.resource.provider);
    expect(encodeStateParts(s).sameAs(a)).toBe(true);
  });
});
