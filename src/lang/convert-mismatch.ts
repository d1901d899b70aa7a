/**
 * The messages cty gives when no conversion between two types exists (MismatchMessage):
 * the text after "Inappropriate value for attribute ...:" and in "Invalid value for input
 * variable" details, e.g. `string required, but have object` or `attribute "a" is required`.
 */
import * as T from './types.js';
import type { Type } from './types.js';
import { getConversion } from './convert.js';

/** cty's FriendlyName: `list of string`, `object`, `dynamic`. */
export function friendlyName(t: Type): string {
  return friendly(t, false);
}

/** cty's FriendlyNameForConstraint: like friendlyName but `any type`, `list of any single type`. */
export function friendlyNameForConstraint(t: Type): string {
  return friendly(t, true);
}

function friendly(t: Type, constraint: boolean): string {
  switch (t.kind) {
    case 'string': case 'number': case 'bool': return t.kind;
    case 'dynamic': return constraint ? 'any type' : 'dynamic';
    case 'list': case 'set': case 'map': {
      const en = constraint && t.elem.kind === 'dynamic' ? 'any single type' : friendly(t.elem, constraint);
      return `${t.kind} of ${en}`;
    }
    case 'tuple': return 'tuple';
    case 'object': return 'object';
  }
}

/** Why a value of type `got` cannot be converted to `want`, in cty's words. */
export function mismatchMessage(got: Type, want: Type): string {
  const wantElemDynamic = T.isCollection(want) && want.elem.kind === 'dynamic';
  if (got.kind === 'object' && want.kind === 'object') return mismatchObjects(got, want);
  if (got.kind === 'tuple' && want.kind === 'list' && wantElemDynamic) return 'all list elements must have the same type';
  if (got.kind === 'tuple' && want.kind === 'set' && wantElemDynamic) return 'all set elements must have the same type';
  if (got.kind === 'object' && want.kind === 'map' && wantElemDynamic) return 'all map elements must have the same type';
  if (T.isStructural(got) && T.isCollection(want)) return mismatchFromStructural(got, want);
  if (T.isCollection(got) && T.isCollection(want)) return mismatchFromCollections(got, want);
  if (!likelyConfusing(got, want)) return `${friendlyName(want)} required, but have ${friendlyName(got)}`;
  return `${friendlyNameForConstraint(want)} required`;
}

function mismatchObjects(got: T.ObjectType, want: T.ObjectType): string {
  const missing: string[] = [];
  let unsafeMismatch = '';
  let safeMismatch = '';
  for (const name of T.sortedKeys(want.attrs)) {
    const wt = want.attrs[name]!;
    const gt = got.attrs[name];
    if (gt === undefined) {
      if (!want.optional?.has(name)) missing.push(name);
      continue;
    }
    if (T.typeEquals(gt, wt) || unsafeMismatch) continue;
    if (!getConversion(gt, wt, true)) unsafeMismatch = `attribute "${name}": ${mismatchMessage(gt, wt)}`;
    if (safeMismatch) continue;
    if (!getConversion(gt, wt, false)) safeMismatch = `attribute "${name}": ${mismatchMessage(gt, wt)}`;
  }
  if (missing.length > 0) {
    missing.sort(T.compareStrings);
    if (missing.length === 1) return `attribute "${missing[0]}" is required`;
    if (missing.length === 2) return `attributes "${missing[0]}" and "${missing[1]}" are required`;
    const head = missing.slice(0, -1).map((n) => `"${n}", `).join('');
    return `attributes ${head}and "${missing[missing.length - 1]}" are required`;
  }
  return unsafeMismatch || safeMismatch || 'incorrect object attributes';
}

function mismatchFromStructural(got: T.ObjectType | T.TupleType, want: T.CollectionType): string {
  if ((want.kind === 'list' || want.kind === 'set') && got.kind !== 'tuple') return `${friendlyNameForConstraint(want)} required`;
  if (want.kind === 'map' && got.kind !== 'object') return `${friendlyNameForConstraint(want)} required`;
  const we = want.elem;
  if (got.kind === 'tuple') {
    for (let i = 0; i < got.elems.length; i++) {
      const ge = got.elems[i]!;
      if (T.typeEquals(ge, we) || getConversion(ge, we, true)) continue;
      return `element ${i}: ${mismatchMessage(ge, we)}`;
    }
  } else {
    for (const name of T.sortedKeys(got.attrs)) {
      const ga = got.attrs[name]!;
      if (T.typeEquals(ga, we) || getConversion(ga, we, true)) continue;
      return `element "${name}": ${mismatchMessage(ga, we)}`;
    }
  }
  return `all elements must be ${friendlyNameForConstraint(we)}`;
}

function mismatchFromCollections(got: T.CollectionType, want: T.CollectionType): string {
  const gotSeq = got.kind === 'list' || got.kind === 'set';
  if ((want.kind === 'list' || want.kind === 'set') && !gotSeq) return `${friendlyNameForConstraint(want)} required`;
  if (want.kind === 'map' && got.kind !== 'map') return `${friendlyNameForConstraint(want)} required`;
  return `incorrect ${want.kind} element type: ${mismatchMessage(got.elem, want.elem)}`;
}

// cty adds "but have X" only when naming both types cannot confuse the reader.
function likelyConfusing(got: Type, want: Type): boolean {
  if (T.isPrimitive(got) !== T.isPrimitive(want)) return false;
  if (want.kind === 'string') return false;
  if ((want.kind === 'bool' && got.kind === 'number') || (got.kind === 'bool' && want.kind === 'number')) return false;
  if (T.isCollection(got) && T.isCollection(want) && !T.hasDynamicTypes(got.elem) && T.hasDynamicTypes(want.elem)) return false;
  if (got.kind === 'tuple' && want.kind === 'object') return false;
  return true;
}
