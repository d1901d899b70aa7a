/**
 * Attribute access and indexing with HCL's rules and messages (hcl.GetAttr / hcl.Index):
 * `obj.name`, `map.key`, `list[0]`, `map["k"]`, unknown and marked collections, and the
 * "Unsupported attribute" / "Invalid index" diagnostics pointing at the step.
 *
 * Both return a Value on success or a Diagnostic on failure (no exceptions on the hot path).
 */
import * as T from './types.js';
import { Value, UNKNOWN, DynamicUnknown, unknownVal, stringVal } from './value.js';
import { errorDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import { formatNumber } from './value.js';
import { friendlyName } from './convert-mismatch.js';

/** `obj.name`: the attribute of an object or the element of a map. */
export function getAttr(obj: Value, name: string, range: Range | undefined): Value | Diagnostic {
  if (obj.v === null) {
    return errorDiag('Attempt to get attribute from null value', 'This value is null, so it does not have any attributes.', range);
  }
  const ty = obj.type;
  switch (ty.kind) {
    case 'object': {
      const at = ty.attrs[name];
      if (at === undefined) return errorDiag('Unsupported attribute', `This object does not have an attribute named "${name}".`, range);
      if (obj.v === UNKNOWN) return unknownVal(at).withMarks(obj.marks);
      const r = obj.attrs.get(name)!;
      return obj.marks ? r.mark(obj.marks) : r;
    }
    case 'map': {
      if (obj.v === UNKNOWN) return unknownVal(ty.elem).withMarks(obj.marks);
      const r = obj.attrs.get(name);
      if (r === undefined) return errorDiag('Missing map element', `This map does not have an element with the key "${name}".`, range);
      return obj.marks ? r.mark(obj.marks) : r;
    }
    case 'dynamic':
      return obj.marks ? DynamicUnknown.withMarks(obj.marks) : DynamicUnknown;
    case 'list':
      if (ty.elem.kind === 'object') {
        if (name in ty.elem.attrs) {
          return errorDiag('Unsupported attribute', `Can't access attributes on a list of objects. Did you mean to access attribute "${name}" for a specific element of the list, or across all elements of the list?`, range);
        }
        return errorDiag('Unsupported attribute', "Can't access attributes on a list of objects. Did you mean to access an attribute for a specific element of the list, or across all elements of the list?", range);
      }
      break;
    case 'set':
      if (ty.elem.kind === 'object') {
        return errorDiag('Unsupported attribute', "Can't access attributes on a set of objects. Did you mean to access an attribute across all elements of the set?", range);
      }
      break;
    case 'string': case 'number': case 'bool':
      return errorDiag('Unsupported attribute', `Can't access attributes on a primitive-typed value (${friendlyName(ty)}).`, range);
  }
  return errorDiag('Unsupported attribute', 'This value does not have any attributes.', range);
}

const INVALID_INDEX = 'Invalid index';
const NOT_IDENTIFIED = 'The given key does not identify an element in this collection value';

/** `coll[key]` for lists, tuples, maps and objects. */
export function index(coll: Value, key: Value, range: Range | undefined): Value | Diagnostic {
  if (coll.v === null) return errorDiag('Attempt to index null value', 'This value is null, so it does not have any indices.', range);
  if (key.v === null) return errorDiag(INVALID_INDEX, "Can't use a null value as an indexing key.", range);
  const ty = coll.type;
  if (key.type.kind === 'dynamic' || ty.kind === 'dynamic') return DynamicUnknown.withMarks(coll.marks);
  const marks = coll.marks | key.marks;
  switch (ty.kind) {
    case 'list':
    case 'tuple': {
      const k = toNumberKey(key);
      if (typeof k === 'string') return errorDiag(INVALID_INDEX, `${NOT_IDENTIFIED}: ${k}.`, range);
      if (coll.v === UNKNOWN || k === undefined) {
        return ty.kind === 'tuple' ? DynamicUnknown.withMarks(coll.marks) : unknownVal(ty.elem).withMarks(coll.marks);
      }
      const elems = coll.elems;
      if (Number.isInteger(k) && k >= 0 && k < elems.length) {
        const r = elems[k]!;
        return marks ? r.mark(marks) : r;
      }
      if (!Number.isInteger(k)) {
        return errorDiag(INVALID_INDEX, `${NOT_IDENTIFIED}: indexing a sequence requires a whole number, but the given index has a fractional part.`, range);
      }
      if (k < 0) return errorDiag(INVALID_INDEX, `${NOT_IDENTIFIED}: a negative number is not a valid index for a sequence.`, range);
      if (elems.length === 0) return errorDiag(INVALID_INDEX, `${NOT_IDENTIFIED}: the collection has no elements.`, range);
      return errorDiag(INVALID_INDEX, `${NOT_IDENTIFIED}: the given index is greater than or equal to the length of the collection.`, range);
    }
    case 'map': {
      const k = toStringKey(key);
      if (k instanceof Error) return errorDiag(INVALID_INDEX, `${NOT_IDENTIFIED}: ${k.message}.`, range);
      if (coll.v === UNKNOWN || k === undefined) return unknownVal(ty.elem).withMarks(coll.marks);
      const r = coll.attrs.get(k);
      if (r === undefined) return errorDiag(INVALID_INDEX, `${NOT_IDENTIFIED}.`, range);
      return marks ? r.mark(marks) : r;
    }
    case 'object': {
      const k = toStringKey(key);
      if (k instanceof Error) return errorDiag(INVALID_INDEX, `${NOT_IDENTIFIED}: ${k.message}.`, range);
      if (k === undefined) return DynamicUnknown.withMarks(coll.marks);
      const at = ty.attrs[k];
      if (at === undefined) {
        const hint = key.type.kind === 'number' ? ' An object only supports looking up attributes by name, not by numeric index.' : '';
        return errorDiag(INVALID_INDEX, `${NOT_IDENTIFIED}.${hint}`, range);
      }
      if (coll.v === UNKNOWN) return unknownVal(at).withMarks(coll.marks);
      const r = coll.attrs.get(k)!;
      return marks ? r.mark(marks) : r;
    }
    case 'set':
      return errorDiag(INVALID_INDEX, "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.", range);
    default:
      return errorDiag(INVALID_INDEX, 'This value does not have any indices.', range);
  }
}

/** A number key, undefined when unknown, or an error message when not convertible. */
function toNumberKey(key: Value): number | undefined | string {
  if (key.v === UNKNOWN) return undefined;
  switch (key.type.kind) {
    case 'number': return key.num;
    case 'string': {
      const s = key.str;
      if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) return Number(s);
      return 'a number is required';
    }
    case 'bool': return 'number required, but have bool';
    default: return `number required, but have ${friendlyName(key.type)}`;
  }
}

function toStringKey(key: Value): string | undefined | Error {
  if (key.v === UNKNOWN) return undefined;
  switch (key.type.kind) {
    case 'string': return key.str;
    case 'number': return formatNumber(key.num);
    case 'bool': return key.bool ? 'true' : 'false';
    default: return new Error(`string required, but have ${friendlyName(key.type)}`);
  }
}

/** A literal traversal key as a Value. */
export function keyValue(k: string | number): Value {
  return typeof k === 'number' ? new Value(T.Number, k) : stringVal(k);
}
