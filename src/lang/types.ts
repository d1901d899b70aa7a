/**
 * Terraform's type system (cty's): primitive types, collection types, structural types
 * and the dynamic pseudo-type `any`. Types are immutable plain objects; compare them with
 * `typeEquals`, print them with `typeString` (Terraform's spelling, e.g. `list(string)`).
 */

export type Type =
  | { readonly kind: 'string' }
  | { readonly kind: 'number' }
  | { readonly kind: 'bool' }
  /** `any`: the dynamic pseudo-type. A value of this type is null or unknown of unknown type. */
  | { readonly kind: 'dynamic' }
  | ListType
  | SetType
  | MapType
  | ObjectType
  | TupleType;

export interface ListType { readonly kind: 'list'; readonly elem: Type }
export interface SetType { readonly kind: 'set'; readonly elem: Type }
export interface MapType { readonly kind: 'map'; readonly elem: Type }
export interface TupleType { readonly kind: 'tuple'; readonly elems: readonly Type[] }
export interface ObjectType {
  readonly kind: 'object';
  /** Attribute types. Iterate with `sortedKeys` for cty's (lexical) order. */
  readonly attrs: Readonly<Record<string, Type>>;
  /**
   * Only in type constraints (`optional(T, default)` in variable types): names of
   * optional attributes. Values never have optional attributes.
   */
  readonly optional?: ReadonlySet<string>;
  /** Only in type constraints: defaults for optional attributes, as raw constraint defaults. */
  readonly defaults?: Readonly<Record<string, unknown>>;
}

export type CollectionType = ListType | SetType | MapType;
export type PrimitiveType = { readonly kind: 'string' } | { readonly kind: 'number' } | { readonly kind: 'bool' };

export const String: Type = Object.freeze({ kind: 'string' as const });
export const Number: Type = Object.freeze({ kind: 'number' as const });
export const Bool: Type = Object.freeze({ kind: 'bool' as const });
export const Dynamic: Type = Object.freeze({ kind: 'dynamic' as const });
export const EmptyObject: ObjectType = Object.freeze({ kind: 'object' as const, attrs: Object.freeze({}) });
export const EmptyTuple: TupleType = Object.freeze({ kind: 'tuple' as const, elems: Object.freeze([]) });

export function List(elem: Type): ListType { return { kind: 'list', elem }; }
export function Set(elem: Type): SetType { return { kind: 'set', elem }; }
export function Map(elem: Type): MapType { return { kind: 'map', elem }; }
export function Tuple(elems: readonly Type[]): TupleType { return elems.length === 0 ? EmptyTuple : { kind: 'tuple', elems }; }
export function Object_(attrs: Record<string, Type>, optional?: Iterable<string>, defaults?: Record<string, unknown>): ObjectType {
  const o: { kind: 'object'; attrs: Record<string, Type>; optional?: ReadonlySet<string>; defaults?: Record<string, unknown> } = { kind: 'object', attrs };
  if (optional) {
    const s = new globalThis.Set(optional);
    if (s.size > 0) o.optional = s;
  }
  if (defaults && Object.keys(defaults).length > 0) o.defaults = defaults;
  return o;
}

export function isPrimitive(t: Type): t is PrimitiveType {
  return t.kind === 'string' || t.kind === 'number' || t.kind === 'bool';
}
export function isCollection(t: Type): t is CollectionType {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'map';
}
export function isStructural(t: Type): t is ObjectType | TupleType {
  return t.kind === 'object' || t.kind === 'tuple';
}
/** List-like: list, set or tuple (what `for` and splat iterate with numeric keys). */
export function isSequence(t: Type): boolean {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'tuple';
}

/** Attribute names of an object type in cty's iteration order (lexical by UTF-16 code unit). */
export function sortedKeys(o: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(o).sort(compareStrings);
}

/** Lexical comparison used for map keys and object attributes (byte-wise for ASCII, like Go). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Structural type equality. Optional-attribute markers are part of constraint identity. */
export function typeEquals(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'list':
    case 'set':
    case 'map':
      return typeEquals(a.elem, (b as CollectionType).elem);
    case 'tuple': {
      const be = (b as TupleType).elems;
      if (a.elems.length !== be.length) return false;
      for (let i = 0; i < be.length; i++) if (!typeEquals(a.elems[i]!, be[i]!)) return false;
      return true;
    }
    case 'object': {
      const bo = b as ObjectType;
      const ak = Object.keys(a.attrs);
      if (ak.length !== Object.keys(bo.attrs).length) return false;
      for (const k of ak) {
        const bt = bo.attrs[k];
        if (bt === undefined || !typeEquals(a.attrs[k]!, bt)) return false;
      }
      const ao = a.optional, bopt = bo.optional;
      if ((ao?.size ?? 0) !== (bopt?.size ?? 0)) return false;
      if (ao && bopt) for (const k of ao) if (!bopt.has(k)) return false;
      return true;
    }
    default:
      return true;
  }
}

/** cty's TestConformance: whether `got` conforms to `want`, where `any` in `want` accepts anything. */
export function conformsTo(got: Type, want: Type): boolean {
  if (want.kind === 'dynamic') return true;
  if (got.kind !== want.kind) return false;
  switch (want.kind) {
    case 'list': case 'set': case 'map': return conformsTo((got as CollectionType).elem, want.elem);
    case 'tuple': {
      const ge = (got as TupleType).elems;
      return ge.length === want.elems.length && ge.every((t, i) => conformsTo(t, want.elems[i]!));
    }
    case 'object': {
      const ga = (got as ObjectType).attrs;
      const wk = Object.keys(want.attrs);
      if (wk.length !== Object.keys(ga).length) return false;
      return wk.every((k) => ga[k] !== undefined && conformsTo(ga[k]!, want.attrs[k]!));
    }
    default: return true;
  }
}

/** True when the type is or contains `any` (the type is not fully known). */
export function hasDynamicTypes(t: Type): boolean {
  switch (t.kind) {
    case 'dynamic':
      return true;
    case 'list':
    case 'set':
    case 'map':
      return hasDynamicTypes(t.elem);
    case 'tuple':
      return t.elems.some(hasDynamicTypes);
    case 'object':
      for (const k in t.attrs) if (hasDynamicTypes(t.attrs[k]!)) return true;
      return false;
    default:
      return false;
  }
}

/**
 * Terraform's spelling of a type: `string`, `list(number)`, `object({a=string})`,
 * `tuple([string, number])`, `any`. This is what `type()` in the console prints and
 * what appears in error messages.
 */
export function typeString(t: Type): string {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return t.kind;
    case 'dynamic':
      return 'any';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${typeString(t.elem)})`;
    case 'tuple':
      return `tuple([${t.elems.map(typeString).join(', ')}])`;
    case 'object': {
      const keys = sortedKeys(t.attrs);
      const parts = keys.map((k) => {
        const s = typeString(t.attrs[k]!);
        return t.optional?.has(k) ? `${k}=optional(${s})` : `${k}=${s}`;
      });
      return `object({${parts.join(', ')}})`;
    }
  }
}

/**
 * The friendly name cty uses in conversion error messages ("string required", "list of
 * string required"): e.g. `list of string`, `map of number`, `object`, `tuple`.
 */
export function friendlyName(t: Type): string {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return t.kind;
    case 'dynamic':
      return 'dynamic value';
    case 'list':
      return `list of ${friendlyName(t.elem)}`;
    case 'set':
      return `set of ${friendlyName(t.elem)}`;
    case 'map':
      return `map of ${friendlyName(t.elem)}`;
    case 'tuple':
      return 'tuple';
    case 'object':
      return 'object';
  }
}
