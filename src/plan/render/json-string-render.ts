/**
 * Strings holding JSON, as Terraform's plan renderer shows them: a string that starts with
 * `{` or `[` and parses is rendered as `jsonencode(...)` around the diff of the decoded
 * values (IAM policies, for one), the way it renders dynamically typed values.
 */
import type { Value } from '../../lang/value.js';
import { jsonDecode } from '../../lang/functions/json.js';
import { rawEquals, unmarkDeep } from '../../lang/value.js';
import { elementLines, prefix, valueLines, type RenderCtx } from './value-render.js';

function decode(v: Value): Value | undefined {
  if (!v.isKnown || v.isNull || v.isSensitive || v.type.kind !== 'string') return undefined;
  const s = v.str;
  if (!s.startsWith('{') && !s.startsWith('[')) return undefined;
  try {
    return jsonDecode(s);
  } catch {
    return undefined;
  }
}

/** True for a known string value that Terraform renders as JSON. */
export function parsesAsJson(v: Value): boolean {
  return decode(v) !== undefined;
}

/**
 * The lines of a JSON string's change at `depth`: the first is what follows `name = `.
 * Absent `before` is a create, absent `after` a delete; `noNullSuffix` drops the ` -> null`
 * of a delete (inside a collection element). Created and deleted JSON shows no marker on
 * its opening line; a changed one shows `~`.
 */
export function jsonStringLines(before: Value | undefined, after: Value | undefined, depth: number, ctx: RenderCtx, forces: string, noNullSuffix: boolean): string[] {
  const c = ctx.c;
  const jctx: RenderCtx = { ...ctx, json: true, replacePaths: new Set() };
  const b = before && decode(before), a = after && decode(after);
  let inner: string[];
  let note = '';
  if (!b) {
    const sub = valueLines(a!, depth + 1, '+', jctx);
    inner = [prefix(depth + 1, ' ', c) + sub[0], ...sub.slice(1)];
  } else if (!a) {
    const sub = valueLines(b, depth + 1, '-', jctx);
    inner = [prefix(depth + 1, ' ', c) + sub[0], ...sub.slice(1)];
  } else if (rawEquals(unmarkDeep(b)[0], unmarkDeep(a)[0])) {
    // Equal once decoded: only the whitespace differs (or nothing), and everything shows.
    if (before!.str !== after!.str) note = forces ? ' # whitespace changes force replacement' : ' # whitespace changes';
    const sub = valueLines(b, depth + 1, ' ', { ...jctx, showUnchanged: true });
    inner = [prefix(depth + 1, ' ', c) + sub[0], ...sub.slice(1)];
    if (note) forces = '';
  } else {
    inner = elementLines(b, a, depth + 1, jctx, []);
  }
  const suffix = after === undefined && !noNullSuffix ? ' -> null' : '';
  if (inner.length === 1) return [`jsonencode(${inner[0]!.trimStart()})${note}${forces}`];
  inner[inner.length - 1] += forces;
  return [`jsonencode(${note}`, ...inner, ' '.repeat(4 + depth * 4 + 4) + ')' + suffix];
}
