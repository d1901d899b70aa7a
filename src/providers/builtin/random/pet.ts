/** random_pet: a random pet name such as "proud-magpie" or "deeply-brave-otter". */
import { randomInt } from 'node:crypto';
import * as T from '../../../lang/types.js';
import { numberVal, stringVal } from '../../../lang/value.js';
import type { ResourceDef } from '../../sdk/resource.js';
import { num, str, withAttrs } from '../../sdk/obj.js';
import { copyPlanned, keepersAttr } from './common.js';
import { ADJECTIVES, ADVERBS, NAMES } from './words.js';

const pick = (words: readonly string[]): string => words[randomInt(words.length)]!;

/**
 * The words of a pet name of `length` words: one word is a name, two an adjective and a
 * name, more are adverbs followed by an adjective and a name.
 */
export function petWords(length: number): string[] {
  if (length <= 0) return [];
  if (length === 1) return [pick(NAMES)];
  const out: string[] = [];
  for (let i = 0; i < length - 2; i++) out.push(pick(ADVERBS));
  out.push(pick(ADJECTIVES), pick(NAMES));
  return out;
}

/** random_pet. */
export const randomPet: ResourceDef = {
  schema: {
    version: 0,
    block: {
      attributes: {
        id: { type: T.String, computed: true, description: 'The random pet name.' },
        keepers: keepersAttr,
        length: { type: T.Number, optional: true, computed: true, forceNew: true, default: numberVal(2), description: 'The length (in words) of the pet name. Defaults to 2' },
        prefix: { type: T.String, optional: true, forceNew: true, description: 'A string to prefix the name with.' },
        separator: { type: T.String, optional: true, computed: true, forceNew: true, default: stringVal('-'), description: 'The character to separate words in the pet name. Defaults to "-"' },
      },
      blockTypes: {},
    },
  },
  async create(_ctx, planned) {
    const sep = str(planned, 'separator') ?? '-';
    const words = petWords(num(planned, 'length') ?? 2);
    const prefix = str(planned, 'prefix');
    if (prefix !== undefined) words.unshift(prefix);
    return withAttrs(planned, { id: stringVal(words.join(sep)) });
  },
  async read(_ctx, state) { return state; },
  async delete() { /* nothing remote */ },
  ...copyPlanned,
};
