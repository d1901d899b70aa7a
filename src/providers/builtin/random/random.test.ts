import { describe, it, expect } from 'vitest';
import bcrypt from 'bcryptjs';
import { Harness, js, lifecycle } from '../../../../test/providers/harness.js';
import { randomProvider } from './index.js';
import { DEFAULT_SPECIAL } from './strings.js';
import { ADJECTIVES, ADVERBS, NAMES } from './words.js';

const h = () => new Harness(randomProvider).configure();

describe('hashicorp/random lifecycle: create, read, no-op plan, keepers force replacement', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['random_id', { byte_length: 8 }],
    ['random_string', { length: 16 }],
    ['random_password', { length: 20 }],
    ['random_integer', { min: 1, max: 6 }],
    ['random_pet', {}],
    ['random_uuid', {}],
    ['random_shuffle', { input: ['a', 'b', 'c'] }],
  ];
  it.each(cases)('%s', async (type, cfg) => {
    const p = await h();
    await lifecycle(p, type, { ...cfg, keepers: { k: '1' } }, { ...cfg, keepers: { k: '2' } }, 'keepers');
  });
});

describe('random_id', () => {
  it('encodes the same bytes in every format with the prefix', async () => {
    const s = js(await (await h()).create('random_id', { byte_length: 4, prefix: 'p-' }));
    const bytes = Buffer.from(s.id as string, 'base64url');
    expect(bytes.length).toBe(4);
    expect(s.b64_url).toBe('p-' + (s.id as string));
    expect(s.b64_std).toBe('p-' + bytes.toString('base64'));
    expect(s.hex).toBe('p-' + bytes.toString('hex'));
    expect(s.dec).toBe('p-' + BigInt('0x' + bytes.toString('hex')).toString());
  });
  it('imports "prefix,b64url"', async () => {
    const r = await (await h()).importState('random_id', 'x-,p-9E');
    expect(r.diagnostics).toEqual([]);
    const s = js(r.importedResources[0]!.state);
    expect(s).toMatchObject({ id: 'p-9E', prefix: 'x-', byte_length: 3, hex: 'x-' + Buffer.from('p-9E', 'base64url').toString('hex') });
  });
  it('rejects byte_length 0', async () => {
    const r = await (await h()).plan('random_id', null, { byte_length: 0 });
    expect(r.diagnostics[0]!.detail).toContain('at least 1');
  });
});

describe('random_string / random_password', () => {
  it.each([
    [{ length: 30, special: false }, /^[A-Za-z0-9]{30}$/],
    [{ length: 30, upper: false, special: false, numeric: false }, /^[a-z]{30}$/],
    [{ length: 30, upper: false, lower: false, special: false, number: false, override_special: '' }, null],
    [{ length: 12, override_special: '_', lower: false, upper: false, numeric: false }, /^_{12}$/],
  ])('honours character classes %j', async (cfg, re) => {
    const p = await h();
    if (re === null) {
      const pl = await p.plan('random_string', null, cfg);
      const r = await p.p.applyResourceChange({ typeName: 'random_string', priorState: pl.plannedState.type ? (await import('../../../lang/value.js')).nullVal(pl.plannedState.type) : pl.plannedState, plannedState: pl.plannedState, config: p.config('random_string', cfg) } as never);
      expect(r.diagnostics[0]!.detail).toContain('character set specified is empty');
      return;
    }
    expect(js(await p.create('random_string', cfg)).result).toMatch(re);
  });
  it('meets the minimums', async () => {
    const s = js(await (await h()).create('random_string', { length: 8, min_upper: 2, min_numeric: 3, min_special: 2, min_lower: 1 }));
    const r = s.result as string;
    expect(r.replace(/[^A-Z]/g, '').length).toBeGreaterThanOrEqual(2);
    expect(r.replace(/[^0-9]/g, '').length).toBeGreaterThanOrEqual(3);
    expect([...r].filter((c) => DEFAULT_SPECIAL.includes(c)).length).toBeGreaterThanOrEqual(2);
    expect(s.id).toBe(r);
  });
  it('number=false mirrors into numeric and plans no change afterwards', async () => {
    const p = await h();
    const cfg = { length: 10, number: false };
    const s = await p.create('random_string', cfg);
    expect(js(s)).toMatchObject({ number: false, numeric: false });
    expect(js(s).result).not.toMatch(/[0-9]/);
    const again = await p.plan('random_string', s, cfg);
    expect(again.requiresReplace).toEqual([]);
  });
  it('password: sensitive result, id "none", bcrypt hash of the result', async () => {
    const p = await h();
    expect(p.p.getSchema().resources.random_password!.block.attributes.result!.sensitive).toBe(true);
    expect(p.p.getSchema().resources.random_string!.block.attributes.result!.sensitive).toBeFalsy();
    const s = js(await p.create('random_password', { length: 12 }));
    expect(s.id).toBe('none');
    expect(bcrypt.compareSync(s.result as string, s.bcrypt_hash as string)).toBe(true);
  });
  it('length below the minimums is an error', async () => {
    const r = await (await h()).plan('random_string', null, { length: 2, min_upper: 3 });
    expect(r.diagnostics[0]!.summary).toBe('Invalid Attribute Value');
  });
  it('imports the result', async () => {
    const r = await (await h()).importState('random_password', 'secret123');
    expect(js(r.importedResources[0]!.state)).toMatchObject({ result: 'secret123', length: 9, id: 'none', special: true });
  });
});

describe('random_integer', () => {
  it('stays in range and is repeatable with a seed', async () => {
    const p = await h();
    for (let i = 0; i < 20; i++) {
      const r = js(await p.create('random_integer', { min: -3, max: 3 })).result as number;
      expect(r).toBeGreaterThanOrEqual(-3);
      expect(r).toBeLessThanOrEqual(3);
    }
    const a = js(await p.create('random_integer', { min: 1, max: 1000000, seed: 'x' }));
    const b = js(await p.create('random_integer', { min: 1, max: 1000000, seed: 'x' }));
    expect(a.result).toBe(b.result);
    expect(a.id).toBe(String(a.result));
  });
  it('imports "result,min,max,seed"', async () => {
    const r = await (await h()).importState('random_integer', '15,1,50,abc');
    expect(js(r.importedResources[0]!.state)).toMatchObject({ result: 15, min: 1, max: 50, seed: 'abc', id: '15' });
  });
  it('max below min is an error', async () => {
    const r = await (await h()).plan('random_integer', null, { min: 5, max: 1 });
    expect(r.diagnostics).toHaveLength(1);
  });
});

describe('random_pet', () => {
  it.each([[1, 1], [2, 2], [3, 3]])('length %i gives %i words from the lists', async (length, n) => {
    const s = js(await (await h()).create('random_pet', { length, separator: '.' }));
    const words = (s.id as string).split('.');
    expect(words).toHaveLength(n);
    expect(NAMES).toContain(words[n - 1]);
    if (n >= 2) expect(ADJECTIVES).toContain(words[n - 2]);
    if (n >= 3) expect(ADVERBS).toContain(words[0]);
  });
  it('defaults length 2 and separator "-", with prefix', async () => {
    const s = js(await (await h()).create('random_pet', { prefix: 'web' }));
    expect(s).toMatchObject({ length: 2, separator: '-' });
    expect((s.id as string).split('-')).toHaveLength(3);
    expect((s.id as string).startsWith('web-')).toBe(true);
  });
});

describe('random_uuid and random_shuffle', () => {
  it('uuid is a v4 uuid and imports', async () => {
    const p = await h();
    const s = js(await p.create('random_uuid', {}));
    expect(s.result).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(s.id).toBe(s.result);
    const bad = await p.importState('random_uuid', 'nope');
    expect(bad.diagnostics).toHaveLength(1);
  });
  it('shuffle permutes, honours result_count and repeats', async () => {
    const p = await h();
    const input = ['a', 'b', 'c', 'd'];
    const s = js(await p.create('random_shuffle', { input }));
    expect([...(s.result as string[])].sort()).toEqual(input);
    expect(s.id).toBe('-');
    expect((js(await p.create('random_shuffle', { input, result_count: 2 })).result as string[])).toHaveLength(2);
    const many = js(await p.create('random_shuffle', { input, result_count: 6 })).result as string[];
    expect(many).toHaveLength(6);
    expect(new Set(many.slice(0, 4)).size).toBe(4);
    const a = js(await p.create('random_shuffle', { input, seed: 's' })).result;
    expect(js(await p.create('random_shuffle', { input, seed: 's' })).result).toEqual(a);
  });
});
