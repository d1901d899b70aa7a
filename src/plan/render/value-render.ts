/**
 * Rendering values and value diffs the way Terraform's human plan does: `+ name = "v"`,
 * `~ name = "a" -> "b"`, `(known after apply)`, `(sensitive value)`, maps and lists laid
 * out over lines, heredocs for multi-line strings, nested blocks by schema.
 */
import { formatNumber, rawEquals, unmarkDeep, type Value, type Path } from '../../lang/value.js';
import { compareStrings } from '../../lang/types.js';
import type { Colors } from './colors.js';
import { pairElements, pairSetElements, type ElementPair } from './list-diff.js';
import { reallyNull } from './legacy-strings.js';
import { heredocDiffLines, heredocLines, isMultiline, jsonStringLines, parsesAsJson, sideLines } from './string-render.js';
import { ctySetOrder } from '../generate-config.js';

/** A marker before a line: create, update, delete, none. */
export type Marker = '+' | '~' | '-' | ' ' | '-/+' | '+/-';

export interface RenderCtx {
  c: Colors;
  /** Paths (as strings) whose change forces replacement. */
  replacePaths: Set<string>;
  /** Show unchanged attributes (refresh drift and deletes show everything). */
  showUnchanged: boolean;
  /**
   * Inside a dynamically typed value (an output, an attribute of type `any`), which
   * Terraform renders from its JSON: maps are objects there, null entries count as
   * unchanged, and only a sensitive or unknown value shows `# forces replacement`.
   */
  json?: boolean;
  /** No `-> null` after deleted values (inside a JSON string). */
  noNullSuffix?: boolean;
  /** False inside a block whose schema is not legacy (see legacy-strings.ts); unset means legacy. */
  legacy?: boolean;
}

/** Attributes of blocks and objects Terraform always shows, changed or not (its importantAttributes). */
export const IDENTIFYING = new Set(['id', 'name', 'tags']);

const NO_PATHS = new Set<string>();

/** Terraform's EnsureValidAttributeName: an object key as is, quoted when not an identifier. */
function attrName(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : quote(key);
}

/** How a key prints: a map's always quoted, an object's (and any key of a JSON-rendered value) as an attribute name. */
function keyName(key: string, kind: string, ctx: RenderCtx): string {
  return kind === 'map' && !ctx.json ? quote(key) : attrName(key);
}

/** The context for the entries of a value: nothing inside a JSON-rendered value forces replacement. */
function innerCtx(ctx: RenderCtx): RenderCtx {
  return ctx.json ? { ...ctx, replacePaths: NO_PATHS } : ctx;
}

/** True for an object-typed value outside JSON rendering, whose null attributes Terraform leaves out. */
function dropsNulls(v: Value, ctx: RenderCtx): boolean {
  return !ctx.json && v.type.kind === 'object';
}

/** Terraform's quoting of a string value in plans. */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      default: out += ch;
    }
  }
  return out + '"';
}

function isSensitive(v: Value): boolean {
  return v.isSensitive;
}

/** One-line form of a primitive (or a value that must print on one line). */
export function inline(v: Value, c: Colors): string {
  if (isSensitive(v)) return '(sensitive value)';
  if (!v.isKnown) return '(known after apply)';
  if (v.isNull) return 'null';
  switch (v.type.kind) {
    case 'string': return quote(v.str);
    case 'number': return formatNumber(v.num);
    case 'bool': return v.bool ? 'true' : 'false';
    case 'list': case 'set': case 'tuple': return v.elems.length === 0 ? '[]' : '[...]';
    case 'map': case 'object': return v.attrs.size === 0 ? '{}' : '{...}';
    default: return '?';
  }
}

/** The coloured marker of a line (`+`, `~`, `-`, `-/+`, `+/-`). */
export function markerText(m: Marker, c: Colors): string {
  switch (m) {
    case '+': return c.green('+');
    case '-': return c.red('-');
    case '~': return c.yellow('~');
    case '-/+': return c.red('-') + '/' + c.green('+');
    case '+/-': return c.green('+') + '/' + c.red('-');
    default: return ' ';
  }
}

/** `indent` spaces, then the marker and a space (Terraform's attribute line prefix). */
export function prefix(depth: number, m: Marker, c: Colors): string {
  return ' '.repeat(4 + depth * 4) + (m.length === 1 ? '  ' : '') + markerText(m, c) + ' ';
}

/** A path as a string key (to look up replace paths). */
export function pathKey(p: Path): string {
  return p.map((s) => ('attr' in s ? `.${s.attr}` : `[${typeof s.index === 'object' ? '*' : JSON.stringify(s.index)}]`)).join('');
}

/** Equal and known on both sides, with the same sensitivity: an unchanged value. */
export function same(a: Value, b: Value): boolean {
  return a.isKnown && b.isKnown && isSensitive(a) === isSensitive(b) && rawEquals(unmarkDeep(a)[0], unmarkDeep(b)[0]);
}


/** Lines for a value that spans several (collections, heredocs), after `name = `. */
export function valueLines(v: Value, depth: number, m: Marker, ctx: RenderCtx): string[] {
  const c = ctx.c;
  if (isSensitive(v) || !v.isKnown || v.isNull) return [inline(v, c)];
  const k = v.type.kind;
  if (k === 'string' && isMultiline(v)) return heredocLines(v, depth);
  if (k === 'list' || k === 'set' || k === 'tuple') {
    if (v.elems.length === 0) return ['[]'];
    const out = ['['];
    for (const e of v.elems) {
      // An element holding JSON shows as jsonencode(...), as an attribute's does.
      const sub = e.type.kind === 'string' && parsesAsJson(e) ? jsonStringLines(m === '+' ? undefined : e, m === '-' ? undefined : e, depth + 1, ctx, '', true) : valueLines(e, depth + 1, m, ctx);
      out.push(prefix(depth + 1, m, c) + sub[0] + (sub.length === 1 ? ',' : ''), ...sub.slice(1).map((l, i, a) => (i === a.length - 1 ? l + ',' : l)));
    }
    out.push(' '.repeat(4 + depth * 4 + 4) + ']');
    return out;
  }
  if (k === 'map' || k === 'object') {
    const keys = [...v.attrs.keys()].filter((key) => !(dropsNulls(v, ctx) && reallyNull(v.attrs.get(key)))).sort(compareStrings);
    if (keys.length === 0) return ['{}'];
    const names = keys.map((key) => keyName(key, k, ctx));
    const w = Math.max(...names.map((n) => n.length));
    const out = ['{'];
    let hidden = 0;
    keys.forEach((key, i) => {
      const e = v.attrs.get(key)!;
      // An object's attribute that was an empty string is unchanged, even in a created object.
      if (k === 'object' && !ctx.json && e.isNull && !ctx.showUnchanged) { hidden++; return; }
      const sub = e.type.kind === 'string' && parsesAsJson(e) ? jsonStringLines(m === '+' ? undefined : e, m === '-' ? undefined : e, depth + 1, ctx, '', true) : valueLines(e, depth + 1, m, ctx);
      out.push(prefix(depth + 1, m, c) + names[i]!.padEnd(w) + ' = ' + sub[0], ...sub.slice(1));
    });
    if (hidden) out.push(' '.repeat(4 + depth * 4 + 8) + c.dim(`# (${hidden} unchanged attribute${hidden === 1 ? '' : 's'} hidden)`));
    out.push(' '.repeat(4 + depth * 4 + 4) + '}');
    return out;
  }
  return [inline(v, c)];
}

/** Renders one attribute's change as lines. `w` is the name column width. */
export function attrLines(name: string, before: Value, after: Value, depth: number, w: number, ctx: RenderCtx, path: Path, create: boolean, del: boolean): string[] {
  const c = ctx.c;
  const sensitive = isSensitive(before) || isSensitive(after);
  const forces = ctx.replacePaths.has(pathKey(path)) && (!ctx.json || sensitive || !after.isKnown) ? c.red(' # forces replacement') : '';
  const padded = name.padEnd(w);
  const jsonish = (v: Value) => v.type.kind === 'string' && parsesAsJson(v);
  if (create && jsonish(after)) {
    const sub = jsonStringLines(undefined, after, depth, ctx, forces, false);
    return [prefix(depth, '+', c) + padded + ' = ' + sub[0], ...sub.slice(1)];
  }
  if (del && jsonish(before)) {
    const sub = jsonStringLines(before, undefined, depth, ctx, forces, false);
    return [prefix(depth, '-', c) + padded + ' = ' + sub[0], ...sub.slice(1)];
  }
  if (create) {
    const sub = valueLines(after, depth, '+', ctx);
    return [prefix(depth, '+', c) + padded + ' = ' + sub[0] + forces, ...sub.slice(1)];
  }
  if (del) {
    const sub = valueLines(before, depth, '-', ctx);
    const last = sub.length - 1;
    const nul = ctx.noNullSuffix ? '' : ' -> null';
    return [prefix(depth, '-', c) + padded + ' = ' + sub[0] + (last === 0 ? nul : ''), ...sub.slice(1).map((l, i) => (i === last - 1 ? l + nul : l))];
  }
  if (same(before, after)) {
    const sub = jsonish(before) ? jsonStringLines(before, before, depth, ctx, '', false) : valueLines(before, depth, ' ', ctx);
    return [prefix(depth, ' ', c) + padded + ' = ' + sub[0], ...sub.slice(1)];
  }
  // A sensitive value shows no contents, only that it changes (Terraform's sensitiveRenderer).
  if (sensitive) return [...sensitivityWarning(before, after, depth, c), prefix(depth, '~', c) + padded + ' = (sensitive value)' + forces];
  const k = after.type.kind;
  const both = before.isKnown && after.isKnown && !before.isNull && !after.isNull;
  const objectLike = (v: Value) => v.type.kind === 'map' || v.type.kind === 'object';
  if (both && (ctx.json ? objectLike(before) && objectLike(after) : objectLike(after) && before.type.kind === k)) {
    return [prefix(depth, '~', c) + padded + ' = {' + forces, ...entryLines(before, after, depth, ctx, path), ' '.repeat(4 + depth * 4 + 4) + '}'];
  }
  const seq = (v: Value) => v.type.kind === 'list' || v.type.kind === 'set' || v.type.kind === 'tuple';
  if (both && ctx.json && seq(before) && seq(after)) {
    return [prefix(depth, '~', c) + padded + ' = [' + forces, ...jsonElementLines(before, after, depth, ctx, path), ' '.repeat(4 + depth * 4 + 4) + ']'];
  }
  if (both && (k === 'list' || k === 'set' || k === 'tuple')) {
    // Sets pair equal elements only and show every change, unchanged ones counted; lists
    // pair as Terraform's list differ does and show unchanged neighbours of a change.
    const pairs = k === 'set'
      ? pairSetElements(ctySetOrder(before.elems), ctySetOrder(after.elems), same)
      : pairElements(before.elems, after.elems, same, () => k === 'list' && (after.type as { elem: { kind: string } }).elem.kind === 'object');
    return [prefix(depth, '~', c) + padded + ' = [' + forces, ...pairedElementLines(pairs, k !== 'set', depth, ctx, path), ' '.repeat(4 + depth * 4 + 4) + ']'];
  }
  if (both && (jsonish(before) || jsonish(after)) && before.type.kind === 'string') {
    if (jsonish(before) && jsonish(after)) {
      const sub = jsonStringLines(before, after, depth, ctx, forces, false);
      return [prefix(depth, '~', c) + padded + ' = ' + sub[0], ...sub.slice(1)];
    }
  }
  if (both && k === 'string' && before.type.kind === 'string' && !jsonish(before) && !jsonish(after) && (isMultiline(before) || isMultiline(after))) {
    const sub = heredocDiffLines(before, after, depth, ctx, forces);
    return [prefix(depth, '~', c) + padded + ' = ' + sub[0], ...sub.slice(1)];
  }
  // Otherwise the old value, ` -> `, the new (or `(known after apply)`), then the marker.
  const bl = sideLines(before, depth, '-', { ...ctx, noNullSuffix: true }), al = sideLines(after, depth, '+', ctx);
  const lines = [prefix(depth, '~', c) + padded + ' = ' + bl[0], ...bl.slice(1)];
  lines[lines.length - 1] += ' -> ' + al[0];
  lines.push(...al.slice(1));
  lines[lines.length - 1] += forces;
  return lines;
}

/**
 * The elements of a changed list inside a JSON-rendered value, as Terraform's renderer
 * shows them: paired by pairElements, changed ones diffed in place (`~ 2 -> 5`, `~ {`),
 * unchanged ones shown only next to a change and otherwise counted as hidden.
 */
function jsonElementLines(before: Value, after: Value, depth: number, ctx: RenderCtx, path: Path): string[] {
  const objectLike = (v: Value) => v.isKnown && !v.isNull && (v.type.kind === 'map' || v.type.kind === 'object');
  return pairedElementLines(pairElements(before.elems, after.elems, same, objectLike), true, depth, ctx, path);
}

/**
 * The lines of paired elements: with `context` (lists), each change with its unchanged
 * neighbours and the other unchanged elements counted where they are; without (sets),
 * the changes and then the count of unchanged elements.
 */
function pairedElementLines(pairs: ElementPair<Value>[], context: boolean, depth: number, ctx: RenderCtx, path: Path): string[] {
  const c = ctx.c;
  const changed = pairs.map((p) => !(p.before && p.after && same(p.before, p.after)));
  const out: string[] = [];
  let hidden = 0;
  const flush = () => {
    if (hidden) out.push(' '.repeat(4 + depth * 4 + 8) + c.dim(`# (${hidden} unchanged element${hidden === 1 ? '' : 's'} hidden)`));
    hidden = 0;
  };
  pairs.forEach((p, i) => {
    if (!changed[i] && (!context || (!changed[i - 1] && !changed[i + 1])) && !ctx.showUnchanged) { hidden++; return; }
    if (context) flush();
    const lines = elementLines(p.before, p.after, depth + 1, ctx, [...path, { index: i }]);
    lines[lines.length - 1] += ',';
    out.push(...lines);
  });
  flush();
  return out;
}

/** One list element's change (no name, no trailing comma) at `depth`. */
export function elementLines(before: Value | undefined, after: Value | undefined, depth: number, ctx: RenderCtx, path: Path): string[] {
  const c = ctx.c;
  const whole = (v: Value, m: Marker) => {
    const sub = valueLines(v, depth, m, ctx);
    return [prefix(depth, m, c) + sub[0], ...sub.slice(1)];
  };
  if (!before) return whole(after!, '+');
  if (!after) return whole(before, '-');
  if (same(before, after)) return whole(before, ' ');
  const head = prefix(depth, '~', c), close = ' '.repeat(4 + depth * 4 + 4);
  if (isSensitive(before) || isSensitive(after)) return [head + '(sensitive value)'];
  const known = (v: Value) => v.isKnown && !v.isNull;
  const kind = (v: Value) => (['map', 'object'].includes(v.type.kind) ? '{' : ['list', 'set', 'tuple'].includes(v.type.kind) ? '[' : '');
  if (known(before) && known(after) && kind(before) === '{' && kind(after) === '{') return [head + '{', ...entryLines(before, after, depth, ctx, path), close + '}'];
  if (known(before) && known(after) && kind(before) === '[' && kind(after) === '[') return [head + '[', ...jsonElementLines(before, after, depth, ctx, path), close + ']'];
  // Otherwise (a primitive change, or a change of kind) the old value, ` -> `, then the new.
  const bl = valueLines(before, depth, '-', ctx), al = valueLines(after, depth, '+', ctx);
  const lines = [head + bl[0], ...bl.slice(1)];
  lines[lines.length - 1] += ' -> ' + al[0];
  return [...lines, ...al.slice(1)];
}

/**
 * Terraform's note above a value that becomes, or stops being, sensitive in an update, in
 * the marker's column; "The value is unchanged." when only the sensitivity changes.
 */
function sensitivityWarning(before: Value, after: Value, depth: number, c: Colors): string[] {
  if (isSensitive(before) === isSensitive(after)) return [];
  const pad = ' '.repeat(4 + depth * 4 + 2);
  const unchanged = before.isKnown && after.isKnown && rawEquals(unmarkDeep(before)[0], unmarkDeep(after)[0]) ? ' The value is unchanged.' : '';
  const [first, second] = isSensitive(before)
    ? ['this attribute value will no longer be marked as sensitive', 'after applying this change.']
    : ['this attribute value will be marked as sensitive and will not', 'display in UI output after applying this change.'];
  return [`${pad}# ${c.yellow('Warning')}: ${first}`, `${pad}# ${second}${unchanged}`];
}

/**
 * The entries of a changed map or object, as Terraform's map and object renderers list
 * them: unchanged ones counted as hidden, except an object's identifying attributes (id,
 * name, tags), which show whole; an object's attributes null on both sides left out.
 */
function entryLines(before: Value, after: Value, depth: number, ctx: RenderCtx, path: Path): string[] {
  const c = ctx.c;
  const isMap = after.type.kind === 'map' && !ctx.json;
  const inner = innerCtx(ctx);
  const keys = [...new Set([...before.attrs.keys(), ...after.attrs.keys()])].sort(compareStrings)
    .filter((key) => !(dropsNulls(after, ctx) && reallyNull(before.attrs.get(key)) && reallyNull(after.attrs.get(key))));
  const names = keys.map((key) => keyName(key, after.type.kind, ctx));
  const kw = Math.max(...names.map((n) => n.length));
  const out: string[] = [];
  let hidden = 0;
  keys.forEach((key, i) => {
    const b = before.attrs.get(key), a = after.attrs.get(key);
    const important = !isMap && IDENTIFYING.has(key);
    if (!important && b && a && same(b, a) && !ctx.showUnchanged) { hidden++; return; }
    const step = isMap ? { index: key } : { attr: key };
    // An object attribute appearing or disappearing (from or to null) is a create or delete outside JSON.
    const create = !b || (dropsNulls(after, ctx) && b.isNull), del = !a || (dropsNulls(after, ctx) && a.isNull && b!.isKnown);
    const entryCtx = important ? { ...inner, showUnchanged: true } : inner;
    out.push(...attrLines(names[i]!, create ? a! : b!, del ? b! : a!, depth + 1, kw, entryCtx, [...path, step], create, del));
  });
  if (hidden) out.push(' '.repeat(4 + depth * 4 + 8) + c.dim(`# (${hidden} unchanged ${isMap ? 'element' : 'attribute'}${hidden === 1 ? '' : 's'} hidden)`));
  return out;
}
