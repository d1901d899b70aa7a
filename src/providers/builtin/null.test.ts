import { describe, it, expect } from 'vitest';
import { Harness, js } from '../../../test/providers/harness.js';
import { nullProvider } from './null.js';

const h = () => new Harness(nullProvider).configure();

describe('null_resource triggers (RequiresReplaceIfValuesNotNull)', () => {
  it.each([
    [null, {}, false],
    [null, { a: null }, false],
    [{ a: '1' }, { a: '1', b: null }, false],
    [{ a: '1' }, { a: '2' }, true],
    [null, { a: '1' }, true],
  ])('%j -> %j replaces: %s', async (before, after, replace) => {
    const p = await h();
    const s = await p.create('null_resource', { triggers: before });
    const pl = await p.plan('null_resource', s, { triggers: after });
    expect(pl.requiresReplace).toEqual(replace ? [[{ attr: 'triggers' }]] : []);
    if (!replace) expect(js(await p.apply('null_resource', s, pl.plannedState, { triggers: after }))).toEqual({ id: js(s).id, triggers: after });
  });
  it('cannot be imported', async () => {
    const r = await (await h()).importState('null_resource', '123');
    expect(r.diagnostics[0]!.summary).toBe('Resource Import Not Implemented');
  });
});
