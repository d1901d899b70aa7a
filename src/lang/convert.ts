/**
 * Type conversion and unification with Terraform's rules and messages.
 * (Skeleton: the lang helper replaces the bodies; the signatures are the contract.)
 */
import type { Type } from './types.js';
import type { Value, Path } from './value.js';

/** A failed conversion: cty's message (e.g. `string required`) and where in the value it failed. */
export class ConversionError extends Error {
  override name = 'ConversionError';
  constructor(message: string, readonly path: Path = []) {
    super(message);
  }
}

/**
 * Converts `v` to type `want` (which may contain `any`), following cty's convert package:
 * string<->number<->bool, tuple->list/set, object->map, list<->set, null and unknown
 * preserved, marks preserved. Throws ConversionError when impossible.
 */
export function convert(v: Value, want: Type): Value {
  void v; void want;
  throw new Error('convert: not implemented yet');
}

/**
 * Finds one type all `types` can convert to (cty's unify), or undefined. `unsafe` allows
 * conversions that can fail at runtime (e.g. string->number), as Terraform does for
 * conditional results and collection literals.
 */
export function unify(types: readonly Type[], unsafe = false): Type | undefined {
  void types; void unsafe;
  throw new Error('unify: not implemented yet');
}
