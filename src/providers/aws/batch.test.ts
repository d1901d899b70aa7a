import { describe, expect, it } from 'vitest';
import { IdBatcher } from './batch.js';

describe('IdBatcher', () => {
  it('answers ids asked for together with one call, and repeated ids once', async () => {
    const calls: string[][] = [];
    const b = new IdBatcher<string>(async (ids) => { calls.push(ids); return new Map(ids.filter((i) => i !== 'gone').map((i) => [i, `item ${i}`])); }, async () => { throw new Error('not used'); });
    const got = await Promise.all(['a', 'b', 'a', 'gone'].map((id) => b.get(id)));
    expect(got).toEqual(['item a', 'item b', 'item a', undefined]);
    expect(calls).toEqual([['a', 'b', 'gone']]);
  });

  it('falls back to one call per id when the batch fails, so each caller gets its own answer or error', async () => {
    const b = new IdBatcher<string>(
      async () => { throw new Error('InvalidInstanceID.NotFound'); },
      async (id) => { if (id === 'bad') throw new Error(`cannot read ${id}`); return id === 'gone' ? undefined : `item ${id}`; },
    );
    const [ok, gone, bad] = await Promise.allSettled([b.get('ok'), b.get('gone'), b.get('bad')]);
    expect(ok).toEqual({ status: 'fulfilled', value: 'item ok' });
    expect(gone).toEqual({ status: 'fulfilled', value: undefined });
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('cannot read bad') });
  });

  it('splits large batches and asks a lone id on its own', async () => {
    const calls: number[] = [];
    const singles: string[] = [];
    const b = new IdBatcher<string>(async (ids) => { calls.push(ids.length); return new Map(ids.map((i) => [i, i])); }, async (id) => { singles.push(id); return id; }, 2);
    await Promise.all(['1', '2', '3'].map((id) => b.get(id)));
    expect(calls).toEqual([2]);
    expect(singles).toEqual(['3']);
    await b.get('later');
    expect(singles).toEqual(['3', 'later']);
  });
});
