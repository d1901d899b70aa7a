/**
 * Cases from the unit tests of cty's function library and Terraform's funcs package
 * (inputs and expected results only, as data in testdata/functions/upstream-cases.json),
 * run through callFunction. `KNOWN_DIFFERENCES` lists the cases that cannot hold here and
 * why.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import * as T from '../types.js';
import type { Type } from '../types.js';
import {
  Value, Mark, stringVal, numberVal, boolVal, listVal, emptyListVal, setVal, emptySetVal, mapVal, emptyMapVal,
  tupleVal, objectVal, nullVal, unknownVal, rawEquals, containsMarks, isWhollyKnown,
} from '../value.js';
import { builtinFunctions } from './index.js';
import { callFunction } from './call.js';
import { FunctionError } from './function.js';

type TypeSpec = string | { list?: TypeSpec; set?: TypeSpec; map?: TypeSpec; tuple?: TypeSpec[]; object?: Record<string, TypeSpec> };
interface ValSpec {
  s?: string; n?: string; b?: boolean;
  list?: ValSpec[]; set?: ValSpec[]; map?: Record<string, ValSpec>; tuple?: ValSpec[]; object?: Record<string, ValSpec>;
  et?: TypeSpec; null?: TypeSpec; unknown?: TypeSpec; mark?: 'sensitive' | 'ephemeral'; notnull?: boolean; refined?: boolean; prefix?: string;
}
interface Case { fn: string; test: string; src: string; args: ValSpec[]; want: ValSpec | null; err: boolean | string }

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cases = JSON.parse(readFileSync(path.join(root, 'testdata/functions/upstream-cases.json'), 'utf8')) as Case[];

function ty(t: TypeSpec): Type {
  if (typeof t === 'string') return t === 'string' ? T.String : t === 'number' ? T.Number : t === 'bool' ? T.Bool : T.Dynamic;
  if (t.list) return T.List(ty(t.list));
  if (t.set) return T.Set(ty(t.set));
  if (t.map) return T.Map(ty(t.map));
  if (t.tuple) return T.Tuple(t.tuple.map(ty));
  const attrs: Record<string, Type> = {};
  for (const [k, v] of Object.entries(t.object ?? {})) attrs[k] = ty(v);
  return T.Object_(attrs);
}

function val(v: ValSpec): Value {
  let out: Value;
  if (v.s !== undefined) out = stringVal(v.s);
  else if (v.n !== undefined) out = numberVal(Number(v.n));
  else if (v.b !== undefined) out = boolVal(v.b);
  else if (v.list) out = v.list.length ? listVal(v.list.map(val)) : emptyListVal(ty(v.et ?? 'dynamic'));
  else if (v.set) out = v.set.length ? setVal(v.set.map(val)) : emptySetVal(ty(v.et ?? 'dynamic'));
  else if (v.map) out = Object.keys(v.map).length ? mapVal(Object.entries(v.map).map(([k, e]) => [k, val(e)] as [string, Value])) : emptyMapVal(ty(v.et ?? 'dynamic'));
  else if (v.tuple) out = tupleVal(v.tuple.map(val));
  else if (v.object) out = objectVal(Object.entries(v.object).map(([k, e]) => [k, val(e)] as [string, Value]));
  else if (v.null !== undefined) out = nullVal(ty(v.null));
  else if (v.unknown !== undefined) {
    const r = { ...(v.notnull ? { notNull: true } : {}), ...(v.prefix ? { stringPrefix: v.prefix } : {}) };
    out = unknownVal(ty(v.unknown), Object.keys(r).length ? r : undefined);
  }
  else throw new Error(`bad spec ${JSON.stringify(v)}`);
  if (v.mark) out = out.mark(v.mark === 'sensitive' ? Mark.Sensitive : Mark.Ephemeral);
  return out;
}

/** Cases whose expectation does not hold for this implementation, with the reason. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'cty/csv#TestCSVDecode#6': 'HCL converts the argument to string before the function sees it',
  'cty/format#TestFormat#77': 'HCL converts the argument to string before the function sees it',
  'tf/string#TestStrContains#4': 'HCL converts the argument to string before the function sees it',
  'cty/format#TestFormat#66': 'numbers are IEEE doubles here; cty keeps 1e38 exact',
  'tf/conversion#TestEphemeralAsNull#6': 'the ported case lost one of the two marks of its argument',
};

/** Cases that fail as expected but whose message differs, with the reason. */
const MESSAGE_DIFFERENCES: Record<string, string> = {
  'tf/encoding#TestBase64TextEncode#4': 'encoding non-ASCII text to IBM437 is not supported here, so the message names that instead',
};

const fns = builtinFunctions();
const ctx = { baseDir: path.join(root, 'testdata/functions') };

describe('upstream function test cases', () => {
  const seen = new Map<string, number>();
  cases.forEach((c) => {
    const n = seen.get(c.src + c.test) ?? 0;
    seen.set(c.src + c.test, n + 1);
    const key = `${c.src}#${c.test}#${n}`;
    const title = `${c.fn} ${key}`;
    const def = fns.get(c.fn);
    if (c.args.some((a) => a === null)) { it.skip(`${title} (argument is cty.NilVal)`, () => {}); return; }
    if (!def || KNOWN_DIFFERENCES[key]) { it.skip(`${title} (${KNOWN_DIFFERENCES[key] ?? 'not a Terraform function'})`, () => {}); return; }
    it(title, () => {
      const args = c.args.map(val);
      let got: Value;
      try {
        got = callFunction(c.fn, def, args, ctx);
      } catch (e) {
        if (!(e instanceof FunctionError)) throw e;
        expect(c.err, `unexpected error: ${e.message}`).toBeTruthy();
        if (typeof c.err === 'string' && !MESSAGE_DIFFERENCES[key]) expect(e.message).toBe(c.err);
        return;
      }
      expect(c.err, `expected an error, got ${JSON.stringify(got.v)}`).toBeFalsy();
      if (!c.want) return;
      const want = val(c.want);
      expect(T.typeString(got.type)).toBe(T.typeString(want.type));
      expect(got.isKnown).toBe(want.isKnown);
      if (isWhollyKnown(want)) expect(rawEquals(got, want), `got ${JSON.stringify(got.v)}`).toBe(true);
      expect(containsMarks(got, Mark.Sensitive)).toBe(containsMarks(want, Mark.Sensitive));
    });
  });
});
