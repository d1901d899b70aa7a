/**
 * Strings as Terraform's plan renderer shows them beyond `"text"`: one that starts with `{`
 * or `[` and parses as JSON is rendered as `jsonencode(...)` around the diff of the decoded
 * values (IAM policies, for one); a multi-line one as a heredoc, whose change is diffed
 * line by line.
 */
import type { Value } from '../../lang/value.js';
import { jsonDecode } from '../../lang/functions/json.js';
import { rawEquals, unmarkDeep } from '../../lang/value.js';
import { elementLines, prefix, valueLines, type Marker, type RenderCtx } from './value-render.js';
import { pairElements } from './list-diff.js';

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
  // Nothing inside says `-> null` (Terraform's OverrideNullSuffix for JSON strings).
  const jctx: RenderCtx = { ...ctx, json: true, replacePaths: new Set(), noNullSuffix: true };
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
  const suffix = after === undefined && !noNullSuffix && !ctx.noNullSuffix ? ' -> null' : '';
  if (inner.length === 1) return [`jsonencode(${inner[0]!.trimStart()})${note}${forces}`];
  inner[inner.length - 1] += forces;
  return [`jsonencode(${note}`, ...inner, ' '.repeat(4 + depth * 4 + 4) + ')' + suffix];
}

/** True for a known, non-sensitive string with a line break. */
export function isMultiline(v: Value): boolean {
  return v.isKnown && !v.isNull && !v.isSensitive && v.type.kind === 'string' && v.str.includes('\n');
}

/** The lines of a string as Terraform's heredoc shows them: trimmed, each at the body's column. */
function heredocBody(s: string, _depth: number): string[] {
  return s.trim().split('\n');
}

/** A multi-line string whole (`<<-EOT` ... `EOT`), each line after two spaces. */
export function heredocLines(v: Value, depth: number): string[] {
  const pad = ' '.repeat(4 + (depth + 1) * 4 + 4);
  return ['<<-EOT', ...heredocBody(v.str, depth).map((l) => pad + l), ' '.repeat(4 + depth * 4 + 4) + 'EOT'];
}

/**
 * The change of a string when either side has several lines: a heredoc of the lines of
 * both, paired as list elements are, changed lines as `-` then `+`.
 */
export function heredocDiffLines(before: Value, after: Value, depth: number, ctx: RenderCtx, forces: string): string[] {
  const b = before.str.includes('\n') ? heredocBody(before.str, depth) : [before.str];
  const a = after.str.includes('\n') ? heredocBody(after.str, depth) : [after.str];
  const line = (m: Marker, text: string) => prefix(depth + 1, m, ctx.c) + text;
  const out = ['<<-EOT' + forces];
  for (const p of pairElements(b, a, (x, y) => x === y, () => false)) {
    if (p.before === undefined) out.push(line('+', p.after!));
    else if (p.after === undefined) out.push(line('-', p.before));
    else if (p.before !== p.after) out.push(line('-', p.before), line('+', p.after));
    else out.push(line(' ', p.before));
  }
  out.push(' '.repeat(4 + depth * 4 + 4) + 'EOT');
  return out;
}

/** One side of a change (`-` before, `+` after), strings holding JSON as jsonencode(). */
export function sideLines(v: Value, depth: number, m: Marker, ctx: RenderCtx): string[] {
  if (parsesAsJson(v)) return jsonStringLines(m === '+' ? undefined : v, m === '-' ? undefined : v, depth, ctx, '', true);
  return valueLines(v, depth, m, ctx);
}
