/**
 * Decoding a configuration body against a provider's block schema into one object value
 * (what hcldec does for Terraform), including `dynamic` blocks. Also finds the expressions
 * of such a body, for the graph's reference edges.
 *
 * The schema types are declared structurally here so lang does not depend on providers.
 */
import type { Expression, Traversal } from '../hcl/ast.js';
import type { BodySchema, ContentBlock, HclBody } from '../hcl/body.js';
import { errorDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import { tryConvert, ConversionError } from './convert.js';
import { evaluate, formatConversionError } from './eval.js';
import type { Scope } from './scope.js';
import * as T from './types.js';
import type { Type } from './types.js';
import {
  Value, nullVal, unknownVal, listVal, emptyListVal, setVal, emptySetVal, mapVal, emptyMapVal, objectValOfType, objectVal, stringVal, numberVal,
} from './value.js';
import { traversalsOf } from './references.js';

/** The parts of a provider block schema the decoder needs. */
export interface DecodeAttr { type: Type; required?: boolean; optional?: boolean; computed?: boolean }
export interface DecodeBlockType { nesting: 'single' | 'group' | 'list' | 'set' | 'map'; block: DecodeBlock; minItems?: number; maxItems?: number }
export interface DecodeBlock { attributes: Record<string, DecodeAttr>; blockTypes: Record<string, DecodeBlockType> }

/** A block schema's object type and its members as lists, made once per block schema (every body decode used to rebuild them). */
interface BlockShape {
  type: T.ObjectType;
  attributes: [string, DecodeAttr][];
  blockTypes: [string, DecodeBlockType, T.ObjectType][];
}
const shapes = new WeakMap<DecodeBlock, BlockShape>();

function shapeOf(b: DecodeBlock): BlockShape {
  let s = shapes.get(b);
  if (s) return s;
  const attrs: Record<string, Type> = {};
  const attributes = Object.entries(b.attributes);
  for (const [k, a] of attributes) attrs[k] = a.type;
  const blockTypes: BlockShape['blockTypes'] = [];
  for (const [k, nb] of Object.entries(b.blockTypes)) {
    const inner = objectType(nb.block);
    blockTypes.push([k, nb, inner]);
    attrs[k] = nb.nesting === 'list' ? T.List(inner) : nb.nesting === 'set' ? T.Set(inner) : nb.nesting === 'map' ? T.Map(inner) : inner;
  }
  s = { type: T.Object_(attrs), attributes, blockTypes };
  shapes.set(b, s);
  return s;
}

function objectType(b: DecodeBlock): T.ObjectType {
  return shapeOf(b).type;
}

/**
 * The body schema of a block schema, made once per block schema: bodies decoded with the
 * same schema object also share what the body keeps per schema (see hideBlocks in body.ts).
 */
const bodySchemas = new WeakMap<DecodeBlock, BodySchema>();
function bodySchemaOf(b: DecodeBlock): BodySchema {
  let s = bodySchemas.get(b);
  if (!s) {
    s = {
      attributes: Object.entries(b.attributes).map(([name, a]) => ({ name, required: !!a.required })),
      blocks: [
        ...Object.entries(b.blockTypes).map(([type, nb]) => ({ type, labelNames: nb.nesting === 'map' ? ['key'] : [] })),
        { type: 'dynamic', labelNames: ['type'] },
      ],
    };
    bodySchemas.set(b, s);
  }
  return s;
}

const dynamicSchema: BodySchema = {
  attributes: [{ name: 'for_each', required: true }, { name: 'iterator' }, { name: 'labels' }],
  blocks: [{ type: 'content', labelNames: [] }],
};

/**
 * Terraform's "attributes as blocks": an argument whose type is a list or set of objects may
 * also be written as blocks (`ingress { ... }`, `dynamic "ingress"`), each block one element
 * with every object attribute optional. The block types added for that, by schema.
 */
const attrBlocks = new WeakMap<DecodeBlock, { block: DecodeBlock; names: ReadonlySet<string> }>();

function withAttrBlocks(b: DecodeBlock): { block: DecodeBlock; names: ReadonlySet<string> } {
  let r = attrBlocks.get(b);
  if (r) return r;
  const names = new Set<string>();
  const extra: Record<string, DecodeBlockType> = {};
  for (const [name, a] of Object.entries(b.attributes)) {
    const t = a.type;
    if ((t.kind !== 'list' && t.kind !== 'set') || t.elem.kind !== 'object' || b.blockTypes[name]) continue;
    const attributes: Record<string, DecodeAttr> = {};
    for (const [k, at] of Object.entries(t.elem.attrs)) attributes[k] = { type: at, optional: true };
    extra[name] = { nesting: t.kind, block: { attributes, blockTypes: {} } };
    names.add(name);
  }
  r = names.size ? { block: { attributes: b.attributes, blockTypes: { ...b.blockTypes, ...extra } }, names } : { block: b, names };
  attrBlocks.set(b, r);
  return r;
}

/** Decodes `body` against `block` into an object value, evaluating expressions in `scope`. */
export function decodeBody(body: HclBody, block: DecodeBlock, scope: Scope): { value: Value; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const value = decodeInto(body, block, scope, diags);
  return { value, diags };
}

const noNames: ReadonlySet<string> = new Set();

function decodeInto(body: HclBody, schemaBlock: DecodeBlock, scope: Scope, diags: Diagnostic[]): Value {
  const type = objectType(schemaBlock);
  const aug = body.syntax === 'native' ? withAttrBlocks(schemaBlock) : { block: schemaBlock, names: noNames };
  const block = aug.block;
  const shape = shapeOf(block);
  const { content, diags: d } = body.content(bodySchemaOf(block));
  if (d.length) diags.push(...d);
  const entries: [string, Value][] = [];
  const written = content.blocks.length ? new Set(content.blocks.map((b) => (b.type === 'dynamic' ? b.labels[0] ?? '' : b.type))) : noNames;
  for (const [name, a] of shape.attributes) {
    const attr = content.attributes.get(name);
    if (aug.names.has(name) && written.has(name)) {
      if (attr) diags.push(errorDiag('Unsupported argument', `An argument named "${name}" is not expected here when "${name}" blocks are also given.`, attr.nameRange));
      continue; // decoded from its blocks below
    }
    if (!attr) { entries.push([name, nullVal(a.type)]); continue; }
    if (a.computed && !a.optional && !a.required) {
      diags.push(errorDiag('Value for unconfigurable attribute', `Can't configure a value for "${name}": its value will be decided automatically based on the result of applying this configuration.`, attr.expr.range));
      entries.push([name, nullVal(a.type)]);
      continue;
    }
    const r = evaluate(attr.expr, scope);
    if (r.diags.length) diags.push(...r.diags);
    const c = a.type.kind === 'dynamic' ? r.value : tryConvert(r.value, a.type);
    if (c instanceof ConversionError) {
      diags.push(errorDiag('Incorrect attribute value type', `Inappropriate value for attribute "${name}": ${formatConversionError(c)}.`, attr.expr.range));
      entries.push([name, unknownVal(a.type)]);
    } else entries.push([name, c]);
  }
  // Blocks in source order, with dynamic blocks expanded where they stand.
  const byType = new Map<string, { body: HclBody; labels: string[]; range: Range; scope: Scope }[]>();
  const unknownTypes = new Set<string>();
  for (const b of content.blocks) {
    if (b.type === 'dynamic') expandDynamic(b, block, scope, byType, unknownTypes, diags);
    else push(byType, b.type, { body: b.body, labels: b.labels, range: b.defRange, scope });
  }
  for (const [name, nb, inner] of shape.blockTypes) {
    const asAttr = aug.names.has(name);
    if (asAttr && !written.has(name)) continue; // given as an argument, or not at all
    if (unknownTypes.has(name)) {
      entries.push([name, unknownVal(type.attrs[name]!)]);
      continue;
    }
    if (asAttr) {
      const vs = (byType.get(name) ?? []).map((f) => decodeInto(f.body, nb.block, f.scope, diags));
      const list = vs.length === 0 ? (nb.nesting === 'set' ? emptySetVal(inner) : emptyListVal(inner)) : nb.nesting === 'set' ? setVal(vs, inner) : listVal(vs, inner);
      const c = tryConvert(list, type.attrs[name]!);
      entries.push([name, c instanceof ConversionError ? unknownVal(type.attrs[name]!) : c]);
      continue;
    }
    const found = byType.get(name) ?? [];
    const values = found.map((f) => ({ v: decodeInto(f.body, nb.block, f.scope, diags), f }));
    const last = found[found.length - 1];
    const where = last?.range ?? content.missingItemRange;
    if (nb.nesting === 'single' || nb.nesting === 'group') {
      if (values.length > 1) diags.push(errorDiag(`Duplicate ${name} block`, `Only one ${name} block is allowed. Another was defined at ${found[0]!.range.filename}:${found[0]!.range.start.line}.`, where));
      if (values.length === 0 && (nb.minItems ?? 0) > 0) diags.push(errorDiag(`Missing ${name} block`, `A block of type "${name}" is required here.`, content.missingItemRange));
      entries.push([name, values[0]?.v ?? (nb.nesting === 'group' ? emptyObject(nb.block) : nullVal(inner))]);
      continue;
    }
    if (nb.minItems !== undefined && values.length < nb.minItems) {
      diags.push(errorDiag(`Insufficient ${name} blocks`, `At least ${nb.minItems} "${name}" blocks are required.`, content.missingItemRange));
    }
    if (nb.maxItems !== undefined && nb.maxItems > 0 && values.length > nb.maxItems) {
      diags.push(errorDiag(`Too many ${name} blocks`, `No more than ${nb.maxItems} "${name}" blocks are allowed`, where));
    }
    const vs = values.map((x) => x.v);
    if (nb.nesting === 'list') entries.push([name, vs.length ? listVal(vs, inner) : emptyListVal(inner)]);
    else if (nb.nesting === 'set') entries.push([name, vs.length ? setVal(vs, inner) : emptySetVal(inner)]);
    else {
      const m: [string, Value][] = values.map((x) => [x.f.labels[0] ?? '', x.v]);
      entries.push([name, m.length ? mapVal(m, inner) : emptyMapVal(inner)]);
    }
  }
  return objectValOfType(type, entries);
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const arr = m.get(k);
  if (arr) arr.push(v);
  else m.set(k, [v]);
}

/** The value of a block written with nothing in it (`group` nesting when absent). */
export function emptyObject(b: DecodeBlock): Value {
  const entries: [string, Value][] = [];
  for (const [k, a] of Object.entries(b.attributes)) entries.push([k, nullVal(a.type)]);
  for (const [k, nb] of Object.entries(b.blockTypes)) {
    const inner = objectType(nb.block);
    entries.push([k, nb.nesting === 'list' ? emptyListVal(inner) : nb.nesting === 'set' ? emptySetVal(inner)
      : nb.nesting === 'map' ? emptyMapVal(inner) : nb.nesting === 'group' ? emptyObject(nb.block) : nullVal(inner)]);
  }
  return objectValOfType(objectType(b), entries);
}

function expandDynamic(
  b: ContentBlock, parent: DecodeBlock, scope: Scope, into: Map<string, { body: HclBody; labels: string[]; range: Range; scope: Scope }[]>,
  unknownTypes: Set<string>, diags: Diagnostic[],
): void {
  const blockType = b.labels[0] ?? '';
  if (!parent.blockTypes[blockType]) {
    diags.push(errorDiag('Unsupported block type', `Blocks of type "${blockType}" are not expected here.`, b.labelRanges[0] ?? b.defRange));
    return;
  }
  const { content, diags: d } = b.body.content(dynamicSchema);
  diags.push(...d);
  const forEach = content.attributes.get('for_each');
  const contentBlock = content.blocks.find((x) => x.type === 'content');
  if (!forEach) return;
  if (!contentBlock) {
    diags.push(errorDiag('Missing content block', 'A dynamic block must have a nested block of type "content" to describe the body of each generated block.', b.defRange));
    return;
  }
  let iterName = blockType;
  const it = content.attributes.get('iterator');
  if (it) {
    const e = it.expr;
    if (e.kind === 'scopeTraversal' && e.traversal.steps.length === 0) iterName = e.traversal.root;
    else diags.push(errorDiag('Invalid dynamic iterator name', 'Dynamic iterator must be a single variable name.', e.range));
  }
  const r = evaluate(forEach.expr, scope);
  diags.push(...r.diags);
  const coll = r.value;
  if (!coll.isKnown) { unknownTypes.add(blockType); return; }
  if (coll.isNull) {
    diags.push(errorDiag('Invalid dynamic for_each value', 'Cannot use a null value in for_each.', forEach.expr.range));
    return;
  }
  const k = coll.type.kind;
  if (!(k === 'list' || k === 'set' || k === 'tuple' || k === 'map' || k === 'object')) {
    diags.push(errorDiag('Invalid dynamic for_each value', `Cannot use a ${T.friendlyName(coll.type)} value in for_each. An iterable collection is required.`, forEach.expr.range));
    return;
  }
  const labelsAttr = content.attributes.get('labels');
  const pairs: [Value, Value][] = k === 'map' || k === 'object'
    ? [...coll.attrs].map(([key, v]) => [stringVal(key), v])
    : coll.elems.map((v, i) => [k === 'set' ? v : numberVal(i), v]);
  for (const [key, value] of pairs) {
    const iter = objectVal({ key: key.mark(coll.marks), value: value.mark(coll.marks) });
    const vars = new Map(scope.variables ?? []);
    vars.set(iterName, iter);
    const inner: Scope = { ...scope, variables: vars };
    let labels: string[] = [];
    if (labelsAttr) {
      const lr = evaluate(labelsAttr.expr, inner);
      diags.push(...lr.diags);
      if (lr.value.isKnown && !lr.value.isNull && (lr.value.type.kind === 'tuple' || lr.value.type.kind === 'list')) {
        labels = lr.value.elems.map((e) => (e.isKnown && e.type.kind === 'string' ? e.str : ''));
      }
    }
    push(into, blockType, { body: contentBlock.body, labels, range: contentBlock.defRange, scope: inner });
  }
}

/**
 * Every traversal a body reads, found through the schema (attributes, nested blocks,
 * dynamic blocks), without those rooted at a dynamic block's iterator.
 */
export function bodyTraversals(body: HclBody, schemaBlock: DecodeBlock): Traversal[] {
  return boundTraversals(body, schemaBlock, new Set());
}

function boundTraversals(body: HclBody, schemaBlock: DecodeBlock, bound: ReadonlySet<string>): Traversal[] {
  const block = body.syntax === 'native' ? withAttrBlocks(schemaBlock).block : schemaBlock;
  const out: Traversal[] = [];
  const { content } = body.content(bodySchemaOf(block));
  const add = (e: Expression) => { for (const t of traversalsOf(e)) if (!bound.has(t.root)) out.push(t); };
  for (const a of content.attributes.values()) add(a.expr);
  for (const b of content.blocks) {
    if (b.type !== 'dynamic') {
      const nb = block.blockTypes[b.type];
      if (nb) out.push(...boundTraversals(b.body, nb.block, bound));
      continue;
    }
    const nb = block.blockTypes[b.labels[0] ?? ''];
    const dyn = b.body.content(dynamicSchema).content;
    const fe = dyn.attributes.get('for_each');
    if (fe) add(fe.expr);
    let iterName = b.labels[0] ?? '';
    const it = dyn.attributes.get('iterator');
    if (it && it.expr.kind === 'scopeTraversal') iterName = it.expr.traversal.root;
    const inner = new Set(bound);
    inner.add(iterName);
    const lab = dyn.attributes.get('labels');
    if (lab) for (const t of traversalsOf(lab.expr)) if (!inner.has(t.root)) out.push(t);
    const cb = dyn.blocks.find((x) => x.type === 'content');
    if (cb && nb) out.push(...boundTraversals(cb.body, nb.block, inner));
  }
  return out;
}
