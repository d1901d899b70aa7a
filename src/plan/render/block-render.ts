/**
 * The body of a resource or nested block change, as Terraform's block renderer lays it
 * out: attributes sorted with aligned `=` (unchanged ones counted as hidden, but id, name
 * and tags always shown), then each kind of nested block after a blank line, with the
 * count of unchanged blocks last.
 */
import type { BlockSchema, NestedBlockSchema } from '../../providers/protocol.js';
import type { Path, Value } from '../../lang/value.js';
import { compareStrings } from '../../lang/types.js';
import { ctySetOrder } from '../generate-config.js';
import { legacyNulls, nonLegacyBlock, reallyNull } from './legacy-strings.js';
import { attrLines, IDENTIFYING, pathKey, prefix, quote, same, type Marker, type RenderCtx } from './value-render.js';

/**
 * Renders the body of an object change (inside `resource "t" "n" { ... }`): attributes
 * sorted with aligned `=`, then nested blocks, with hidden-unchanged counts.
 */
export function bodyLines(block: BlockSchema | undefined, before: Value, after: Value, depth: number, ctx: RenderCtx, path: Path = []): string[] {
  const c = ctx.c;
  const create = before.isNull, del = after.isNull;
  const obj = del ? before : after;
  if (!obj.isKnown) return [prefix(depth, '+', c) + '(known after apply)'];
  const attrNames = [...(block ? Object.keys(block.attributes) : [...obj.attrs.keys()])].sort(compareStrings);
  const legacy = block !== undefined && ctx.legacy !== false && !nonLegacyBlock(block);
  ctx = { ...ctx, legacy };
  const typed = (name: string, v: Value | undefined) => (v && legacy && block!.attributes[name]!.type.kind !== 'dynamic' ? legacyNulls(v) : v);
  const shown: { name: string; b: Value; a: Value }[] = [];
  let hidden = 0;
  for (const name of attrNames) {
    const b = typed(name, create ? after.attrs.get(name) : before.attrs.get(name));
    const a = typed(name, del ? before.attrs.get(name) : after.attrs.get(name));
    if (!a || !b) continue;
    // Null on both sides is neither shown nor counted among the hidden (as in Terraform),
    // unless it was an empty string: that is an unchanged attribute.
    if (create && reallyNull(a)) continue;
    if (del && reallyNull(b)) continue;
    if (!create && !del && reallyNull(b) && reallyNull(a)) continue;
    const noop = create ? a.isNull : del ? b.isNull : same(b, a);
    if (noop && !ctx.showUnchanged && !IDENTIFYING.has(name)) { hidden++; continue; }
    shown.push({ name, b, a });
  }
  // The `=` column lines up over every attribute the object has, shown or hidden.
  const w = Math.max(0, ...attrNames.filter((n) => {
    const b = before.isNull ? undefined : before.attrs.get(n), a = after.isNull ? undefined : after.attrs.get(n);
    return (b && !b.isNull) || (a && !a.isNull) || (a && !a.isKnown);
  }).map((n) => n.length));
  const out: string[] = [];
  const jsonCtx: RenderCtx = { ...ctx, json: true };
  for (const s of shown) {
    // Dynamically typed attributes render from JSON; identifying ones show their contents whole.
    let actx = block?.attributes[s.name]?.type.kind === 'dynamic' ? jsonCtx : ctx;
    if (IDENTIFYING.has(s.name)) actx = { ...actx, showUnchanged: true };
    // An attribute from or to null is shown as added or removed, unless both sides are
    // the same empty string read as null (an unchanged one, shown when everything is).
    const unchanged = same(s.b, s.a);
    if (!create && !del && s.b.isNull && !unchanged) out.push(...attrLines(s.name, s.a, s.a, depth, w, actx, [...path, { attr: s.name }], true, false));
    else if (!create && !del && s.a.isNull && s.b.isKnown && !unchanged) out.push(...attrLines(s.name, s.b, s.b, depth, w, actx, [...path, { attr: s.name }], false, true));
    else out.push(...attrLines(s.name, s.b, s.a, depth, w, actx, [...path, { attr: s.name }], create, del));
  }
  if (hidden) out.push(' '.repeat(4 + depth * 4 + 4) + c.dim(`# (${hidden} unchanged attribute${hidden === 1 ? '' : 's'} hidden)`));
  let hiddenBlocks = 0;
  for (const [name, nb] of Object.entries(block?.blockTypes ?? {}).sort((x, y) => compareStrings(x[0], y[0]))) {
    const r = nestedLines(name, nb, create ? after.attrs.get(name)! : before.attrs.get(name)!, del ? before.attrs.get(name)! : after.attrs.get(name)!, depth, ctx, [...path, { attr: name }], create, del);
    // Terraform puts a blank line between the attributes and each kind of block shown.
    if (r.lines.length && shown.length + hidden > 0) out.push('');
    out.push(...r.lines);
    hiddenBlocks += r.hidden;
  }
  if (hiddenBlocks) out.push('', ' '.repeat(4 + depth * 4 + 4) + c.dim(`# (${hiddenBlocks} unchanged block${hiddenBlocks === 1 ? '' : 's'} hidden)`));
  return out;
}

function nestedLines(name: string, nb: NestedBlockSchema, before: Value, after: Value, depth: number, ctx: RenderCtx, path: Path, create: boolean, del: boolean): { lines: string[]; hidden: number } {
  const c = ctx.c;
  const elems = (v: Value): [string | undefined, Value][] => {
    if (!v || v.isNull || !v.isKnown) return [];
    if (nb.nesting === 'single' || nb.nesting === 'group') return [[undefined, v]];
    if (nb.nesting === 'map') return [...v.attrs].map(([k, e]) => [k, e]);
    return (nb.nesting === 'set' ? ctySetOrder(v.elems) : v.elems).map((e) => [undefined, e]);
  };
  const bs = create ? [] : elems(before), as = del ? [] : elems(after);
  const lines: string[] = [];
  // Blocks not known until apply: Terraform says so with the enclosing object's action, then
  // shows the blocks there were as deleted.
  if (!after.isKnown && !del) lines.push(prefix(depth, create ? '+' : '~', c) + name + ' (known after apply)');
  let hidden = 0;
  const forces = ctx.replacePaths.has(pathKey(path)) ? c.red(' # forces replacement') : '';
  const emit = (m: Marker, label: string | undefined, b: Value, a: Value) => {
    lines.push(prefix(depth, m, c) + name + (label !== undefined ? ` ${quote(label)}` : '') + ' {' + forces);
    lines.push(...bodyLines(nb.block, m === '+' ? nullOf(a) : b, m === '-' ? nullOf(b) : a, depth + 1, ctx, path));
    lines.push(' '.repeat(4 + depth * 4 + 4) + '}');
  };
  if (nb.nesting === 'list' || nb.nesting === 'single' || nb.nesting === 'group') {
    const n = Math.max(bs.length, as.length);
    for (let i = 0; i < n; i++) {
      const b = bs[i]?.[1], a = as[i]?.[1];
      if (b && a) {
        if (same(b, a) && !ctx.showUnchanged) { hidden++; continue; }
        emit(same(b, a) ? ' ' : '~', undefined, b, a);
      } else if (a) emit('+', undefined, a, a);
      else if (b) emit('-', undefined, b, b);
    }
    return { lines, hidden };
  }
  // Sets and maps: match equal elements, show removals then additions.
  const used = new Set<number>();
  for (const [label, b] of bs) {
    const j = as.findIndex(([l, a], idx) => !used.has(idx) && (nb.nesting === 'map' ? l === label : same(a, b)));
    if (j >= 0) {
      used.add(j);
      const a = as[j]![1];
      if (same(b, a) && !ctx.showUnchanged) hidden++;
      else emit(same(b, a) ? ' ' : '~', label, b, a);
    } else emit('-', label, b, b);
  }
  as.forEach(([label, a], idx) => { if (!used.has(idx)) emit('+', label, a, a); });
  return { lines, hidden };
}

function nullOf(v: Value): Value {
  return new (v.constructor as new (t: Value['type'], raw: null) => Value)(v.type, null);
}
