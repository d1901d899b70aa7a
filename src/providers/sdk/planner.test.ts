import { describe, expect, it } from 'vitest';
import * as T from '../../lang/types.js';
import { stringVal, numberVal, rawEquals } from '../../lang/value.js';
import type { BlockSchema } from '../protocol.js';
import { impliedType } from '../schema.js';
import { fromJS } from './obj.js';
import { planResource } from './planner.js';

const block: BlockSchema = {
  attributes: {
    id: { type: T.String, computed: true },
    name: { type: T.String, required: true, forceNew: true },
    size: { type: T.Number, optional: true, default: numberVal(8) },
    arn: { type: T.String, computed: true },
    zone: { type: T.String, optional: true, computed: true, forceNew: true },
    tags: { type: T.Map(T.String), optional: true },
  },
  blockTypes: {
    rule: { nesting: 'list', block: { attributes: { port: { type: T.Number, required: true }, rid: { type: T.String, computed: true } }, blockTypes: {} } },
  },
};
const type = impliedType(block);
const obj = (js: Record<string, unknown>) => fromJS(js, type);

describe('SDK planner', () => {
  it('plans a create with defaults and unknown computed attributes', () => {
    const { planned, requiresReplace } = planResource(block, null, obj({ name: 'a', rule: [{ port: 22 }] }));
    expect(requiresReplace).toEqual([]);
    expect(planned.attrs.get('size')!.num).toBe(8);
    expect(planned.attrs.get('id')!.isKnown).toBe(false);
    expect(planned.attrs.get('zone')!.isKnown).toBe(false);
    expect(planned.attrs.get('rule')!.elems[0]!.attrs.get('rid')!.isKnown).toBe(false);
  });
  it('keeps prior computed values when nothing forces replacement', () => {
    const prior = obj({ id: 'x-1', name: 'a', size: 8, arn: 'arn:x', zone: 'z1', rule: [{ port: 22, rid: 'r1' }] });
    const { planned, requiresReplace } = planResource(block, prior, obj({ name: 'a', size: 16, rule: [{ port: 22 }] }));
    expect(requiresReplace).toEqual([]);
    expect(planned.attrs.get('arn')!.str).toBe('arn:x');
    expect(planned.attrs.get('zone')!.str).toBe('z1');
    expect(planned.attrs.get('size')!.num).toBe(16);
    expect(planned.attrs.get('rule')!.elems[0]!.attrs.get('rid')!.str).toBe('r1');
  });
  it('returns the prior object itself when the config matches it', () => {
    const prior = obj({ id: 'x-1', name: 'a', size: 8, arn: 'arn:x', zone: 'z1', rule: [] });
    const { planned } = planResource(block, prior, obj({ name: 'a', rule: [] }));
    expect(planned).toBe(prior);
  });
  it('requires replacement when a force-new attribute changes, and recomputes computed ones', () => {
    const prior = obj({ id: 'x-1', name: 'a', size: 8, arn: 'arn:x', zone: 'z1', rule: [] });
    const { planned, requiresReplace } = planResource(block, prior, obj({ name: 'b', rule: [] }));
    expect(requiresReplace).toEqual([[{ attr: 'name' }]]);
    expect(planned.attrs.get('id')!.isKnown).toBe(false);
    expect(rawEquals(planned.attrs.get('name')!, stringVal('b'))).toBe(true);
  });
});
