import { describe, it, expect } from 'vitest';
import bcrypt from 'bcryptjs';
import { Harness, js, lifecycle } from '../../../../test/providers/harness.js';
import { randomProvider } from './index.js';
import { DEFAULT_SPECIAL } from './strings.js';
import { ADJECTIVES, ADVERBS, NAMES } from './words.js';
import { nullVal } from '../../../lang/value.js';

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
  it('accepts byte_length 0 (hashicorp/random has no validator for it)', async () => {
    expect(js(await (await h()).create('random_id', { byte_length: 0 }))).toMatchObject({ id: '', hex: '', dec: '0' });
  });
});

describe('random_string / random_password', () => {
  it.each([
    [{ length: 30, special: false }, /^[A-Za-z0-9]{30}$/],
    [{ length: 30, upper: false, special: false, numeric: false }, /^[a-z]{30}$/],
    [{ length: 30, upper: false, lower: false, numeric: false, override_special: '' }, null],
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
    // `number` is deprecated upstream: the framework's warning, at the attribute.
    expect(again.diagnostics).toEqual([{ severity: 'warning', summary: 'Attribute Deprecated', detail: '**NOTE**: This is deprecated, use `numeric` instead.', attribute: [{ attr: 'number' }] }]);
  });
  it('password: sensitive result, id "none", bcrypt hash of the result', async () => {
    const p = await h();
    expect(p.p.getSchema().resources.random_password!.block.attributes.result!.sensitive).toBe(true);
    expect(p.p.getSchema().resources.random_string!.block.attributes.result!.sensitive).toBeFalsy();
    const s = js(await p.create('random_password', { length: 12 }));
    expect(s.id).toBe('none');
    expect(bcrypt.compareSync(s.result as string, s.bcrypt_hash as string)).toBe(true);
  });
  it.each([
    [{ special: false, upper: false, lower: false, numeric: false }, ['numeric']],
    [{ special: false, upper: false, lower: false, number: false }, ['number']],
    [{ special: false, upper: false, lower: false, number: false, numeric: false }, ['number', 'numeric']],
    [{ upper: false, lower: false, numeric: false }, []],
  ])('every class configured false is an error (AtLeastOneOfTrue) %j', async (cfg, attrs) => {
    const r = await (await h()).plan('random_string', null, { length: 8, ...cfg });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual(attrs.map((a) => ({
      severity: 'error', summary: 'Invalid Attribute Combination', attribute: [{ attr: a }],
      detail: `At least one attribute out of [special,upper,lower,${a}] must be specified as true`,
    })));
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
  it('max below min plans, and fails when created, as upstream', async () => {
    const p = await h();
    const pl = await p.plan('random_integer', null, { min: 5, max: 1 });
    expect(pl.diagnostics).toEqual([]);
    const r = await p.p.applyResourceChange({ typeName: 'random_integer', priorState: nullVal(p.type('random_integer')), plannedState: pl.plannedState, config: p.config('random_integer', { min: 5, max: 1 }) });
    expect(r.diagnostics).toEqual([{ severity: 'error', summary: 'Create Random Integer Error', detail: 'The minimum (minVal) value needs to be smaller than or equal to maximum (maxVal) value.' }]);
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

describe('state upgrade (hashicorp/random 3.6 upgraders)', () => {
  const old = { id: 'none', keepers: null, length: 10, lower: true, min_lower: 0, min_numeric: 0, min_special: 0, min_upper: 0, number: false, override_special: '', result: 'abcdefghij', special: true, upper: true };
  const upgrade = async (typeName: string, version: number, rawState: Record<string, unknown>) => (await h()).p.upgradeResourceState!({ typeName, version, rawState });
  it('random_password v0: numeric copied from number, bcrypt_hash of the result, "" override_special kept', async () => {
    const r = await upgrade('random_password', 0, old);
    expect(r.diagnostics).toEqual([]);
    const s = js(r.upgradedState);
    expect(s).toMatchObject({ numeric: false, number: false, override_special: '', result: 'abcdefghij', length: 10 });
    expect(bcrypt.compareSync('abcdefghij', s.bcrypt_hash as string)).toBe(true);
  });
  it('random_password v0 imported by 3.3.1 (only result and id): defaults filled in', async () => {
    const s = js((await upgrade('random_password', 0, { id: 'none', result: 'secret' })).upgradedState);
    expect(s).toMatchObject({ length: 6, special: true, upper: true, lower: true, number: true, numeric: true, min_upper: 0, min_lower: 0, min_numeric: 0, min_special: 0 });
  });
  it('random_password v1 keeps its hash; v2 regenerates a hash that does not match', async () => {
    expect(js((await upgrade('random_password', 1, { ...old, bcrypt_hash: 'kept' })).upgradedState).bcrypt_hash).toBe('kept');
    const wrong = bcrypt.hashSync('other', 4);
    const s = js((await upgrade('random_password', 2, { ...old, numeric: false, bcrypt_hash: wrong })).upgradedState);
    expect(bcrypt.compareSync('abcdefghij', s.bcrypt_hash as string)).toBe(true);
    const right = bcrypt.hashSync('abcdefghij', 4);
    expect(js((await upgrade('random_password', 2, { ...old, bcrypt_hash: right })).upgradedState).bcrypt_hash).toBe(right);
  });
  it('random_string v1 gains numeric; v0 has no upgrader upstream', async () => {
    const { id: _id, ...rest } = old;
    expect(js((await upgrade('random_string', 1, { ...rest, id: 'abcdefghij' })).upgradedState)).toMatchObject({ numeric: false, number: false, id: 'abcdefghij' });
    const r = await upgrade('random_string', 0, old);
    expect(r.diagnostics[0]!.summary).toBe('Unable to Upgrade Resource State');
  });
  it('an upgraded password plans no replacement: override_special "" -> null is an update', async () => {
    const p = await h();
    const state = p.p.upgradeResourceState!({ typeName: 'random_password', version: 0, rawState: { ...old, number: true } }).upgradedState;
    const pl = await p.plan('random_password', state, { length: 10 });
    expect(pl.diagnostics).toEqual([]);
    expect(pl.requiresReplace).toEqual([]);
    const after = js(await p.apply('random_password', state, pl.plannedState, { length: 10 }));
    expect(after).toMatchObject({ result: 'abcdefghij', override_special: null });
    expect((await p.plan('random_password', state, { length: 10, override_special: '!' })).requiresReplace).toEqual([[{ attr: 'override_special' }]]);
  });
});

describe('keepers: RequiresReplaceIfValuesNotNull and update in place', () => {
  it.each([
    ['null -> {}', null, {}, false],
    ['null -> all-null values', null, { a: null }, false],
    ['null -> a value', null, { a: '1' }, true],
    ['added key with a null value', { a: '1' }, { a: '1', b: null }, false],
    ['changed value', { a: '1' }, { a: '2' }, true],
    ['removed key', { a: '1' }, {}, true],
    ['map -> null', { a: '1' }, null, true],
  ])('%s', async (_name, before, after, replace) => {
    const p = await h();
    const s = await p.create('random_uuid', { keepers: before });
    const pl = await p.plan('random_uuid', s, { keepers: after });
    expect(pl.diagnostics).toEqual([]);
    expect(pl.requiresReplace).toEqual(replace ? [[{ attr: 'keepers' }]] : []);
    if (!replace) {
      const u = js(await p.apply('random_uuid', s, pl.plannedState, { keepers: after }));
      expect(u.result).toBe(js(s).result);
      expect(u.keepers).toEqual(after);
    }
  });
  it.each(['random_id', 'random_integer', 'random_password', 'random_pet', 'random_shuffle', 'random_string'])('%s updates in place', async (type) => {
    const cfg = { random_id: { byte_length: 4 }, random_integer: { min: 1, max: 9 }, random_password: { length: 8 }, random_pet: {}, random_shuffle: { input: ['a'] }, random_string: { length: 8 } }[type]!;
    const p = await h();
    const s = await p.create(type, cfg);
    const pl = await p.plan(type, s, { ...cfg, keepers: {} });
    expect(pl.requiresReplace).toEqual([]);
    expect(js(await p.apply(type, s, pl.plannedState, { ...cfg, keepers: {} }))).toEqual({ ...js(s), keepers: {} });
  });
});

describe('import of types hashicorp/random cannot import', () => {
  it.each(['random_pet', 'random_shuffle'])('%s: Resource Import Not Implemented', async (type) => {
    const r = await (await h()).importState(type, 'x');
    expect(r.importedResources).toEqual([]);
    expect(r.diagnostics).toEqual([{ severity: 'error', summary: 'Resource Import Not Implemented', detail: 'This resource does not support import. Please contact the provider developer for additional information.' }]);
  });
});
