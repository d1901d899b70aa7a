import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeState, encodeState, encodeStateParts } from './state-file.js';
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

type FileInstance = { index_key?: number | string; deposed?: string };
type FileResource = { module?: string; mode: string; type: string; name: string; instances: FileInstance[] };

/** Go's byte order of strings. */
const goCmp = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Checks a state text is in Terraform's order: resources by module, mode, type, name; instances by key (none, numbers, strings), then deposed key. */
function expectTerraformOrder(text: string, label = ''): void {
  const doc = JSON.parse(text) as { resources: FileResource[] };
  const rk = (r: FileResource) => [r.module ?? '', r.mode, r.type, r.name];
  for (let i = 1; i < doc.resources.length; i++) {
    const [a, b] = [rk(doc.resources[i - 1]!), rk(doc.resources[i]!)];
    const c = a.map((x, j) => goCmp(x, b[j]!)).find((x) => x !== 0) ?? 0;
    expect(c, `${label} resource ${b.join(' ')} after ${a.join(' ')}`).toBeLessThan(0);
  }
  const kk = (k: FileInstance['index_key']) => (k === undefined ? [0, 0, ''] : typeof k === 'number' ? [1, k, ''] : [2, 0, k]) as [number, number, string];
  for (const r of doc.resources) {
    for (let i = 1; i < r.instances.length; i++) {
      const [a, b] = [r.instances[i - 1]!, r.instances[i]!];
      const [x, y] = [kk(a.index_key), kk(b.index_key)];
      const c = x[0] - y[0] || x[1] - y[1] || goCmp(x[2], y[2]) || goCmp(a.deposed ?? '', b.deposed ?? '');
      expect(c, `${label} ${r.type}.${r.name} instance ${JSON.stringify(b)} after ${JSON.stringify(a)}`).toBeLessThan(0);
    }
  }
}

describe('encoding a state in pieces', () => {
  const files = stateFiles(join(import.meta.dirname, '../../testdata'));

  it('writes Terraform-written state files back byte for byte, and every state in Terraform\'s order', () => {
    let terraformWritten = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const d = decodeState(text);
      if (!d.state) continue;
      const out = encodeState(d.state);
      expectTerraformOrder(out, f);
      // Files terraform wrote (the goldens under terraform/, and testdata/state) come back unchanged.
      if (/[/\\](terraform|state)[/\\][^/\\]+$/.test(f)) {
        expect(out, f).toBe(text);
        terraformWritten++;
      }
      // A second round changes nothing.
      expect(encodeState(decodeState(out).state!), f).toBe(out);
    }
    expect(terraformWritten).toBeGreaterThan(10);
  });

  it('keeps resource and instance order right as instances come and go between writes', () => {
    const s = decodeState(full).state!;
    const [first] = [...s.instances()];
    const obj = first!.instance.current!;
    const provider = first!.resource.provider;
    const res = first!.addr.containingResource().toString();
    const at = (k: number | string) => parseAbsResourceInstance(`${res}[${typeof k === 'number' ? k : JSON.stringify(k)}]`).value!;
    const check = () => {
      const out = encodeState(s);
      expectTerraformOrder(out);
      expect(out).toBe(fresh(s));
    };
    // Enough instances for the order to be remembered between writes, added out of order.
    for (const k of [40, 3, 17, 25, 1, 39, 8, 30, 12, 22, 5, 35, 14, 28, 19, 2, 33, 10, 26, 7]) s.setCurrent(at(k), { ...obj }, provider);
    check();
    s.setCurrent(at(18), { ...obj }, provider);
    s.setCurrent(at(0), { ...obj }, provider);
    check();
    s.setCurrent(at(17), undefined, provider); // one gone, one more in: the same count as before
    s.setCurrent(at(41), { ...obj }, provider);
    check();
    s.deposeCurrent(at(3), 'aaaa0000');
    s.setCurrent(at(3), { ...obj }, provider);
    check();
    const keys = (JSON.parse(encodeState(s)) as { resources: FileResource[] }).resources
      .find((r) => r.instances.some((i) => i.index_key === 41))!.instances.map((i) => i.index_key);
    expect(keys.filter((k) => typeof k === 'number')).toEqual([0, 1, 2, 3, 3, 5, 7, 8, 10, 12, 14, 18, 19, 22, 25, 26, 28, 30, 33, 35, 39, 40, 41]);
  });

  it('writes a resource that has no instances as Terraform does', () => {
    const doc = JSON.parse(full) as { resources: { instances: unknown[] }[] };
    doc.resources[0]!.instances = [];
    const s = decodeState(JSON.stringify(doc)).state!;
    expect(encodeState(s)).toContain('"instances": []\n    }');
    expect(encodeState(decodeState(encodeState(s)).state!)).toBe(encodeState(s));
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
