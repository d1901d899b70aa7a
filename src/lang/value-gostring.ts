/**
 * Values and types written the way cty's GoString writes them (`cty.StringVal("a")`,
 * `cty.ListVal([]cty.Value{...})`). Terraform shows values in this form in the errors
 * meant to be passed on to a provider's developers ("Provider produced inconsistent
 * result after apply"), so terrane's texts match them.
 */
import * as T from './types.js';
import type { Type } from './types.js';
import type { Value } from './value.js';
import { goQuote } from './format-console.js';

/** A type as cty's GoString writes it (`cty.List(cty.String)`). */
export function goStringType(t: Type): string {
  switch (t.kind) {
    case 'string': return 'cty.String';
    case 'number': return 'cty.Number';
    case 'bool': return 'cty.Bool';
    case 'dynamic': return 'cty.DynamicPseudoType';
    case 'list': return `cty.List(${goStringType(t.elem)})`;
    case 'set': return `cty.Set(${goStringType(t.elem)})`;
    case 'map': return `cty.Map(${goStringType(t.elem)})`;
    case 'tuple':
      return t.elems.length === 0 ? 'cty.EmptyTuple' : `cty.Tuple([]cty.Type{${t.elems.map(goStringType).join(', ')}})`;
    case 'object': {
      const keys = T.sortedKeys(t.attrs);
      return keys.length === 0 ? 'cty.EmptyObject' : `cty.Object(map[string]cty.Type{${keys.map((k) => `${goQuote(k)}:${goStringType(t.attrs[k]!)}`).join(', ')}})`;
    }
    default: return 'cty.DynamicPseudoType';
  }
}

/**
 * A number as Go's `%v` writes it (of a big.Float or a float64 alike): the shortest
 * digits, with an exponent (`1e+06`, `1.5e-05`) from seven integer digits on or below 0.0001.
 */
function goFloat(n: number): string {
  if (n === 0) return '0';
  const [mant, expStr] = Math.abs(n).toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  const sign = n < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

/** A value as cty's GoString writes it. Marks are not shown. */
export function goStringValue(v: Value): string {
  if (v.isNull) return `cty.NullVal(${goStringType(v.type)})`;
  if (!v.isKnown) {
    if (v.type.kind === 'dynamic') return 'cty.DynamicVal';
    const r = v.refinement;
    let suffix = '';
    if (r?.notNull && r.stringPrefix === undefined && r.lengthLower === undefined && r.lengthUpper === undefined) suffix = '.RefineNotNull()';
    else if (r) {
      suffix = '.Refine()' + (r.notNull ? '.NotNull()' : '') + (r.stringPrefix !== undefined ? `.StringPrefixFull(${goQuote(r.stringPrefix)})` : '')
        + (r.lengthLower !== undefined ? `.CollectionLengthLowerBound(${r.lengthLower})` : '')
        + (r.lengthUpper !== undefined ? `.CollectionLengthUpperBound(${r.lengthUpper})` : '') + '.NewValue()';
    }
    return `cty.UnknownVal(${goStringType(v.type)})${suffix}`;
  }
  const elems = () => `[]cty.Value{${v.elems.map(goStringValue).join(', ')}}`;
  const entries = () => `map[string]cty.Value{${[...v.attrs].map(([k, e]) => `${goQuote(k)}:${goStringValue(e)}`).join(', ')}}`;
  switch (v.type.kind) {
    case 'string': return `cty.StringVal(${goQuote(v.str)})`;
    case 'bool': return v.bool ? 'cty.True' : 'cty.False';
    case 'number': return Number.isInteger(v.num) ? `cty.NumberIntVal(${goFloat(v.num)})` : `cty.NumberFloatVal(${goFloat(v.num)})`;
    case 'list': return v.elems.length ? `cty.ListVal(${elems()})` : `cty.ListValEmpty(${goStringType(v.type.elem)})`;
    case 'set': return v.elems.length ? `cty.SetVal(${elems()})` : `cty.SetValEmpty(${goStringType(v.type.elem)})`;
    case 'map': return v.attrs.size ? `cty.MapVal(${entries()})` : `cty.MapValEmpty(${goStringType(v.type.elem)})`;
    case 'tuple': return v.elems.length ? `cty.TupleVal(${elems()})` : 'cty.EmptyTupleVal';
    case 'object': return v.attrs.size ? `cty.ObjectVal(${entries()})` : 'cty.EmptyObjectVal';
    default: return 'cty.DynamicVal';
  }
}
