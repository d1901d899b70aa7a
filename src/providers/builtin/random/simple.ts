/** random_id, random_integer, random_uuid and random_shuffle (hashicorp/random 3.x). */
import { randomBytes, randomUUID } from 'node:crypto';
import * as T from '../../../lang/types.js';
import { numberVal, stringVal, type Value } from '../../../lang/value.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import { attr, fromJS, num, str, toJS, withAttrs } from '../../sdk/obj.js';
import { impliedType } from '../../schema.js';
import { copyPlanned, keepersAttr, seededInts, shuffle } from './common.js';

function emptyObj(r: ResourceDef): Value {
  return fromJS({}, impliedType(r.schema.block));
}
const noop = { async read(_c: unknown, s: Value) { return s; }, async delete() { /* nothing remote */ }, ...copyPlanned };

/** The computed attributes of random_id for `bytes` with `prefix`. */
export function idEncodings(bytes: Buffer, prefix: string): Record<string, string> {
  const b64url = bytes.toString('base64url');
  const dec = bytes.length === 0 ? '0' : BigInt('0x' + bytes.toString('hex')).toString(10);
  return {
    id: b64url, b64_url: prefix + b64url, b64_std: prefix + bytes.toString('base64'),
    hex: prefix + bytes.toString('hex'), dec: prefix + dec,
  };
}

/** random_id: `byte_length` random bytes in several encodings. */
export const randomId: ResourceDef = {
  schema: {
    version: 0,
    block: {
      attributes: {
        keepers: keepersAttr,
        byte_length: { type: T.Number, required: true, forceNew: true, description: 'The number of random bytes to produce. The minimum value is 1, which produces eight bits of randomness.' },
        prefix: { type: T.String, optional: true, forceNew: true, description: 'Arbitrary string to prefix the output value with. This string is supplied as-is, meaning it is not guaranteed to be URL-safe or base64 encoded.' },
        id: { type: T.String, computed: true, description: 'The generated id presented in base64 without additional transformations.' },
        b64_url: { type: T.String, computed: true, description: 'The generated id presented in base64, using the URL-friendly character set: case-sensitive letters, digits and the characters `_` and `-`.' },
        b64_std: { type: T.String, computed: true, description: 'The generated id presented in base64 without additional transformations or prefix.' },
        hex: { type: T.String, computed: true, description: 'The generated id presented in padded hexadecimal digits. This result will always be twice as long as the requested byte length.' },
        dec: { type: T.String, computed: true, description: 'The generated id presented in non-padded decimal digits.' },
      },
      blockTypes: {},
    },
  },
  async create(_ctx, planned) {
    return withAttrs(planned, idEncodings(randomBytes(num(planned, 'byte_length')!), str(planned, 'prefix') ?? ''));
  },
  ...noop,
  // Import id: the base64url id, or "prefix,b64url".
  async importState(_ctx, id) {
    const comma = id.lastIndexOf(',');
    const prefix = comma >= 0 ? id.slice(0, comma) : '';
    const b64 = comma >= 0 ? id.slice(comma + 1) : id;
    const bytes = Buffer.from(b64, 'base64url');
    if (bytes.length === 0 || bytes.toString('base64url') !== b64) throw new ProviderError('Import Random ID Error', `Error while decoding ID: illegal base64 data in "${b64}"`);
    const s: Record<string, unknown> = { byte_length: bytes.length, ...idEncodings(bytes, prefix) };
    if (prefix) s.prefix = prefix;
    return withAttrs(emptyObj(randomId), s);
  },
};

/** random_integer: an integer in [min, max]. */
export const randomInteger: ResourceDef = {
  schema: {
    version: 0,
    block: {
      attributes: {
        keepers: keepersAttr,
        min: { type: T.Number, required: true, forceNew: true, description: 'The minimum inclusive value of the range.' },
        max: { type: T.Number, required: true, forceNew: true, description: 'The maximum inclusive value of the range.' },
        seed: { type: T.String, optional: true, forceNew: true, description: 'A custom seed to always produce the same value.' },
        result: { type: T.Number, computed: true, description: 'The random integer result.' },
        id: { type: T.String, computed: true, description: 'The string representation of the integer result.' },
      },
      blockTypes: {},
    },
  },
  async create(_ctx, planned) {
    const min = num(planned, 'min')!, max = num(planned, 'max')!;
    // hashicorp/random checks this only when creating, with this very wording.
    if (max < min) throw new ProviderError('Create Random Integer Error', 'The minimum (minVal) value needs to be smaller than or equal to maximum (maxVal) value.');
    const result = min + seededInts(str(planned, 'seed'))(max - min + 1);
    return withAttrs(planned, { result: numberVal(result), id: stringVal(String(result)) });
  },
  ...noop,
  // Import id: "result,min,max" or "result,min,max,seed".
  async importState(_ctx, id) {
    const parts = id.split(',');
    if (parts.length !== 3 && parts.length !== 4) throw new ProviderError('Invalid import usage: expecting {result},{min},{max} or {result},{min},{max},{seed}', `Unexpected import identifier "${id}".`);
    const [result, min, max] = parts.slice(0, 3).map((p) => Number.parseInt(p, 10)) as [number, number, number];
    if ([result, min, max].some(Number.isNaN)) throw new ProviderError('Import Random Integer Error', `The value supplied could not be parsed as an integer: "${id}".`);
    const s: Record<string, unknown> = { result, min, max, id: String(result) };
    if (parts[3] !== undefined) s.seed = parts[3];
    return withAttrs(emptyObj(randomInteger), s);
  },
};

/** random_uuid: a random (version 4) UUID. */
export const randomUuid: ResourceDef = {
  schema: {
    version: 0,
    block: {
      attributes: {
        keepers: keepersAttr,
        result: { type: T.String, computed: true, description: 'The generated uuid presented in string format.' },
        id: { type: T.String, computed: true, description: 'The generated uuid presented in string format.' },
      },
      blockTypes: {},
    },
  },
  async create(_ctx, planned) {
    const u = randomUUID();
    return withAttrs(planned, { result: stringVal(u), id: stringVal(u) });
  },
  ...noop,
  async importState(_ctx, id) {
    if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(id)) {
      throw new ProviderError('Import Random UUID Error', `There was an error during the parsing of the UUID: uuid string is wrong length: "${id}"`);
    }
    return withAttrs(emptyObj(randomUuid), { result: id, id });
  },
};

/** random_shuffle: a permutation of `input` (repeating it when result_count exceeds it). */
export const randomShuffle: ResourceDef = {
  schema: {
    version: 0,
    block: {
      attributes: {
        id: { type: T.String, computed: true, description: 'A static value used internally by Terraform, this should not be referenced in configurations.' },
        keepers: keepersAttr,
        input: { type: T.List(T.String), required: true, forceNew: true, description: 'The list of strings to shuffle.' },
        seed: { type: T.String, optional: true, forceNew: true, description: 'Arbitrary string with which to seed the random number generator, in order to produce less-volatile permutations of the list.' },
        result_count: { type: T.Number, optional: true, forceNew: true, description: 'The number of results to return. Defaults to the number of items in the `input` list. If fewer items are requested, some elements will be excluded from the result. If more items are requested, items will be repeated in the result but not more frequently than the number of items in the input list.' },
        result: { type: T.List(T.String), computed: true, description: 'Random permutation of the list of strings given in `input`. The number of elements is determined by `result_count` if set, or the number of elements in `input`.' },
      },
      blockTypes: {},
    },
  },
  async create(_ctx, planned) {
    const input = (toJS(attr(planned, 'input')) as string[] | null) ?? [];
    const count = num(planned, 'result_count') ?? input.length;
    const next = seededInts(str(planned, 'seed'));
    const result: string[] = [];
    while (input.length > 0 && result.length < count) result.push(...shuffle([...input], next));
    return withAttrs(planned, { id: stringVal('-'), result: result.slice(0, count) });
  },
  ...noop,
};
