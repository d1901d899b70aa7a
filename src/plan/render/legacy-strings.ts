/**
 * Terraform's plan renderer reads an empty string in a legacy schema as null, because the
 * legacy SDK cannot tell the two apart and returns either. A schema is legacy unless it
 * uses something the SDK could not express (map or group nested blocks, nested attribute
 * types, dynamic, object or tuple types, collections of non-primitive collections); once
 * a block is not legacy, nor is anything inside it.
 *
 * The renderer still tells such a null from a real one: an attribute of a block or object
 * that is null on both sides is left out, but one that was an empty string on either side
 * counts among the unchanged attributes. So the empty strings become nulls carrying
 * FROM_EMPTY, a mark that only the renderer sets and reads.
 */
import type { BlockSchema } from '../../providers/protocol.js';
import type { Type } from '../../lang/types.js';
import { Value } from '../../lang/value.js';

/** Marks a null that was an empty string (a bit no engine mark uses). */
export const FROM_EMPTY = 1 << 20;

/** True for a value that was an empty string read as null. */
export function fromEmpty(v: Value | undefined): boolean {
  return v !== undefined && (v.marks & FROM_EMPTY) !== 0;
}

/** True when a value is null and was null, not an empty string, before legacyNulls. */
export function reallyNull(v: Value | undefined): boolean {
  return v === undefined || (v.isNull && !fromEmpty(v));
}

function hasDynamic(t: Type): boolean {
  switch (t.kind) {
    case 'dynamic': return true;
    case 'list': case 'set': case 'map': return hasDynamic(t.elem);
    case 'object': return Object.values(t.attrs).some(hasDynamic);
    case 'tuple': return t.elems.some(hasDynamic);
    default: return false;
  }
}

/** Whether a block uses, directly, something the legacy SDK could not express. */
export function nonLegacyBlock(block: BlockSchema): boolean {
  for (const nb of Object.values(block.blockTypes ?? {})) if (nb.nesting === 'map' || nb.nesting === 'group') return true;
  for (const a of Object.values(block.attributes)) {
    const t = a.type;
    if (hasDynamic(t) || t.kind === 'object' || t.kind === 'tuple') return true;
    if ((t.kind === 'list' || t.kind === 'set' || t.kind === 'map')) {
      const e = t.elem;
      if ((e.kind === 'list' || e.kind === 'set' || e.kind === 'map') && !['string', 'number', 'bool'].includes(e.elem.kind)) return true;
    }
  }
  return false;
}

/** A typed value with every empty string in it read as null (marked FROM_EMPTY). */
export function legacyNulls(v: Value): Value {
  if (!v.isKnown || v.isNull) return v;
  const t = v.type;
  switch (t.kind) {
    case 'string': return v.str === '' ? new Value(t, null, v.marks | FROM_EMPTY) : v;
    // Built directly: the elements keep their order, and no two set elements merge.
    case 'list': case 'set': case 'tuple': return new Value(t, Object.freeze(v.elems.map(legacyNulls)), v.marks, v.refinement);
    case 'map': case 'object': return new Value(t, new Map([...v.attrs].map(([k, e]) => [k, legacyNulls(e)])), v.marks, v.refinement);
    default: return v;
  }
}
