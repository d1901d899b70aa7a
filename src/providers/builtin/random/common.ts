/** Pieces shared by the hashicorp/random resources: the keepers attribute and seeded randomness. */
import { createHash, randomInt } from 'node:crypto';
import * as T from '../../../lang/types.js';
import type { AttributeSchema } from '../../protocol.js';
import { requiresReplaceIfValuesNotNull } from '../../sdk/plan-modifiers.js';
import type { ResourceDef } from '../../sdk/resource.js';

/**
 * `keepers`: arbitrary map whose change forces a new random value (replacement), except
 * from null to a map of null values, as hashicorp's RequiresReplaceIfValuesNotNull.
 */
export const keepersAttr: AttributeSchema = {
  type: T.Map(T.String), optional: true, forceNew: true, replaceIf: requiresReplaceIfValuesNotNull,
  description: 'Arbitrary map of values that, when changed, will trigger recreation of resource.',
};

/** A source of integers in [0, n): seeded (repeatable) when `seed` is given, else crypto-random. */
export type IntSource = (n: number) => number;

/**
 * A repeatable integer source for `seed` (SHA-256 in counter mode). Go's math/rand sequence
 * is not reproduced, so a seeded result differs from the Go provider's, but it is stable
 * across runs, which is what users rely on.
 */
export function seededInts(seed: string | undefined): IntSource {
  if (seed === undefined) return (n) => randomInt(n);
  let counter = 0;
  return (n) => {
    const h = createHash('sha256').update(`${seed}\u0000${counter++}`).digest();
    return Number(h.readBigUInt64BE(0) % BigInt(n));
  };
}

/** Fisher-Yates shuffle in place with the given source. */
export function shuffle<E>(arr: E[], next: IntSource): E[] {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = next(i + 1);
    [arr[i], arr[j]] = [arr[j]!, arr[i]!];
  }
  return arr;
}

/**
 * What every hashicorp/random resource does on update (a change no attribute forces a
 * replacement for, e.g. new keepers values that are null): the planned values become the state.
 */
export const copyPlanned: Pick<ResourceDef, 'update'> = { update: async (_ctx, _prior, planned) => planned };
