/**
 * The native-syntax parser's implementations of the ast.ts shapes. A node keeps its source
 * span as two UTF-16 offsets and a reference to the file's SourceIndex; `range` (and the
 * other *Range properties) are getters that build a plain `Range` when asked. On a big file
 * this removes most of the tree's objects: positions are needed only for the few nodes a
 * diagnostic or a tool points at.
 *
 * A getter returns a fresh object on every call, so callers that need a range many times
 * should keep it. Assigning a range property replaces the getter for that node.
 */
import type * as A from './ast.js';
import type { Range } from './diagnostic.js';
import type { SourceIndex } from './source-index.js';

/** Turns a lazy range property into a plain writable one (used by the setters). */
function pin(o: object, key: string, r: Range): void {
  Object.defineProperty(o, key, { value: r, writable: true, enumerable: true, configurable: true });
}

/** The start offset of an expression built by the native-syntax parser. */
export function startOf(x: A.Expression | A.Traverser): number {
  return (x as unknown as Spanned).s;
}

/** The end offset of an expression built by the native-syntax parser. */
export function endOf(x: A.Expression | A.Traverser): number {
  return (x as unknown as Spanned).e;
}

/**
 * `t` with working `rootRange` and `range`. An object spread of a TraversalNode (`{ ...t,
 * steps }`) copies its offsets but not its range getters; this puts them back.
 */
export function withRanges(t: A.Traversal): A.Traversal {
  if (t instanceof TraversalNode || t instanceof ScopeTraversalNode || t.rootRange !== undefined) return t;
  const c = t as unknown as TraversalNode;
  const re = c.s + t.root.length;
  const n = new TraversalNode(c.f, c.s, re, t.root, t.steps);
  const last = t.steps[t.steps.length - 1];
  if (last !== undefined) n.e = Math.max(re, endOf(last));
  return n;
}

/** A node whose `range` is the offsets [s, e) of `f`. */
export interface Spanned {
  f: SourceIndex;
  s: number;
  e: number;
}

// The node classes do not share a base class: when a loader renames classes (tsx and
// esbuild's keepNames do), V8 constructs derived classes through a slow path, many times
// slower than a plain object. Each class gets the same `range` accessor instead.
const spanRange: PropertyDescriptor & ThisType<Spanned> = {
  get(): Range {
    return this.f.range(this.s, this.e);
  },
  set(r: Range) {
    pin(this, 'range', r);
  },
  configurable: true,
};

export class LiteralNode implements A.LiteralExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'literal';
  declare value: number | boolean | null | string;
  declare raw: string | undefined;

  constructor(f: SourceIndex, s: number, e: number, value: number | boolean | null | string, raw: string | undefined) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.value = value;
    this.raw = raw;
  }
}

export class TemplateNode implements A.TemplateExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'template';
  declare parts: A.Expression[];
  declare heredoc?: boolean;

  constructor(f: SourceIndex, s: number, e: number, parts: A.Expression[], heredoc: boolean) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.parts = parts;
    if (heredoc) this.heredoc = true;
  }
}

export class TemplateWrapNode implements A.TemplateWrapExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'templateWrap';
  declare wrapped: A.Expression;

  constructor(f: SourceIndex, s: number, e: number, wrapped: A.Expression) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.wrapped = wrapped;
  }
}

export class TemplateJoinNode implements A.TemplateJoinExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'templateJoin';
  declare tuple: A.ForExpr;

  constructor(f: SourceIndex, s: number, e: number, tuple: A.ForExpr) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.tuple = tuple;
  }
}

/** A traversal; its root name starts at s. */
export class TraversalNode implements A.Traversal {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare root: string;
  declare steps: A.Traverser[];

  constructor(f: SourceIndex, s: number, e: number, root: string, steps: A.Traverser[]) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.root = root;
    this.steps = steps;
  }

  get rootRange(): Range {
    return this.f.range(this.s, this.s + this.root.length);
  }

  set rootRange(r: Range) {
    pin(this, 'rootRange', r);
  }
}

/** `.name` in a traversal. */
export class AttrStep {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'attr';
  declare name: string;

  constructor(f: SourceIndex, s: number, e: number, name: string) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.name = name;
  }
}

/** `[key]` (or legacy `.0`) in a traversal. */
export class IndexStep {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'index';
  declare key: string | number;

  constructor(f: SourceIndex, s: number, e: number, key: string | number) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.key = key;
  }
}

/**
 * A traversal expression that is its own `traversal` (one object instead of two); its root
 * name starts at s and its range grows as steps are parsed.
 */
export class ScopeTraversalNode implements A.ScopeTraversalExpr, A.Traversal {
  declare readonly kind: 'scopeTraversal';
  declare root: string;
  declare steps: A.Traverser[];
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;

  constructor(f: SourceIndex, s: number, e: number, root: string, steps: A.Traverser[]) {
    this.root = root;
    this.steps = steps;
    this.f = f;
    this.s = s;
    this.e = e;
  }

  get traversal(): A.Traversal {
    return this;
  }

  set traversal(t: A.Traversal) {
    Object.defineProperty(this, 'traversal', { value: t, writable: true, enumerable: true, configurable: true });
  }

  get rootRange(): Range {
    return this.f.range(this.s, this.s + this.root.length);
  }

  set rootRange(r: Range) {
    pin(this, 'rootRange', r);
  }
}

export class RelativeTraversalNode implements A.RelativeTraversalExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'relativeTraversal';
  declare source: A.Expression;
  declare steps: A.Traverser[];

  constructor(f: SourceIndex, s: number, e: number, source: A.Expression, steps: A.Traverser[]) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.source = source;
    this.steps = steps;
  }
}

/** `coll[key]`; the brackets span [bs, e). */
export class IndexNode implements A.IndexExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'index';
  declare collection: A.Expression;
  declare key: A.Expression;
  declare bs: number;

  constructor(f: SourceIndex, s: number, e: number, collection: A.Expression, key: A.Expression, bs: number) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.collection = collection;
    this.key = key;
    this.bs = bs;
  }

  get bracketRange(): Range {
    return this.f.range(this.bs, this.e);
  }

  set bracketRange(r: Range) {
    pin(this, 'bracketRange', r);
  }
}

/** A splat; its marker (`.*` or `[*]`) spans [ms, me). */
export class SplatNode implements A.SplatExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'splat';
  declare source: A.Expression;
  declare each: A.Expression;
  declare item: A.AnonSymbolExpr;
  declare attrOnly: boolean;
  declare ms: number;
  declare me: number;

  constructor(
    f: SourceIndex, s: number, e: number, source: A.Expression, each: A.Expression, item: A.AnonSymbolExpr,
    attrOnly: boolean, ms: number, me: number,
  ) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.source = source;
    this.each = each;
    this.item = item;
    this.attrOnly = attrOnly;
    this.ms = ms;
    this.me = me;
  }

  get markerRange(): Range {
    return this.f.range(this.ms, this.me);
  }

  set markerRange(r: Range) {
    pin(this, 'markerRange', r);
  }
}

export class AnonSymbolNode implements A.AnonSymbolExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'anonSymbol';
  declare id: number;

  constructor(f: SourceIndex, s: number, e: number, id: number) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.id = id;
  }
}

/** A call; the name spans [s, ne), `(` [os, os+1), the closing token [cs, ce). */
export class FunctionCallNode implements A.FunctionCallExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'functionCall';
  declare name: string;
  declare args: A.Expression[];
  declare expandFinal: boolean;
  declare ne: number;
  declare os: number;
  declare cs: number;
  declare ce: number;

  constructor(
    f: SourceIndex, s: number, e: number, name: string, args: A.Expression[], expandFinal: boolean,
    ne: number, os: number, cs: number, ce: number,
  ) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.name = name;
    this.args = args;
    this.expandFinal = expandFinal;
    this.ne = ne;
    this.os = os;
    this.cs = cs;
    this.ce = ce;
  }

  get nameRange(): Range {
    return this.f.range(this.s, this.ne);
  }

  set nameRange(r: Range) {
    pin(this, 'nameRange', r);
  }

  get openParenRange(): Range {
    return this.f.range(this.os, this.os + 1);
  }

  set openParenRange(r: Range) {
    pin(this, 'openParenRange', r);
  }

  get closeParenRange(): Range {
    return this.f.range(this.cs, this.ce);
  }

  set closeParenRange(r: Range) {
    pin(this, 'closeParenRange', r);
  }
}

export class ConditionalNode implements A.ConditionalExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'conditional';
  declare condition: A.Expression;
  declare trueResult: A.Expression;
  declare falseResult: A.Expression;

  constructor(f: SourceIndex, s: number, e: number, condition: A.Expression, trueResult: A.Expression, falseResult: A.Expression) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.condition = condition;
    this.trueResult = trueResult;
    this.falseResult = falseResult;
  }
}

export class BinaryOpNode implements A.BinaryOpExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'binaryOp';
  declare op: A.BinaryOp;
  declare lhs: A.Expression;
  declare rhs: A.Expression;

  constructor(f: SourceIndex, s: number, e: number, op: A.BinaryOp, lhs: A.Expression, rhs: A.Expression) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.op = op;
    this.lhs = lhs;
    this.rhs = rhs;
  }
}

export class UnaryOpNode implements A.UnaryOpExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'unaryOp';
  declare op: A.UnaryOp;
  declare operand: A.Expression;

  constructor(f: SourceIndex, s: number, e: number, op: A.UnaryOp, operand: A.Expression) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.op = op;
    this.operand = operand;
  }
}

/** `[...]`; the opening bracket is the one character at s. */
export class TupleNode implements A.TupleConsExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'tuple';
  declare exprs: A.Expression[];

  constructor(f: SourceIndex, s: number, e: number, exprs: A.Expression[]) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.exprs = exprs;
  }

  get openRange(): Range {
    return this.f.range(this.s, this.s + 1);
  }

  set openRange(r: Range) {
    pin(this, 'openRange', r);
  }
}

/** `{...}`; the opening brace is the one character at s. */
export class ObjectNode implements A.ObjectConsExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'object';
  declare items: A.ObjectConsItem[];

  constructor(f: SourceIndex, s: number, e: number, items: A.ObjectConsItem[]) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.items = items;
  }

  get openRange(): Range {
    return this.f.range(this.s, this.s + 1);
  }

  set openRange(r: Range) {
    pin(this, 'openRange', r);
  }
}

/** An object key; its range is the wrapped expression's. */
export class ObjectKeyNode implements A.ObjectConsKeyExpr {
  declare readonly kind: 'objectKey';
  declare wrapped: A.Expression;
  declare forceNonLiteral: boolean;

  constructor(wrapped: A.Expression, forceNonLiteral: boolean) {
    this.wrapped = wrapped;
    this.forceNonLiteral = forceNonLiteral;
  }

  get s(): number {
    return startOf(this.wrapped);
  }

  get e(): number {
    return endOf(this.wrapped);
  }

  get range(): Range {
    return this.wrapped.range;
  }

  set range(r: Range) {
    pin(this, 'range', r);
  }
}

/** A `for` expression or directive; its opener spans [s, oe), its closer [cs, e). */
export class ForNode implements A.ForExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'for';
  declare keyVar: string | undefined;
  declare valVar: string;
  declare collExpr: A.Expression;
  declare keyExpr: A.Expression | undefined;
  declare valExpr: A.Expression;
  declare condExpr: A.Expression | undefined;
  declare group: boolean;
  declare oe: number;
  declare cs: number;

  constructor(
    f: SourceIndex, s: number, e: number, keyVar: string | undefined, valVar: string, collExpr: A.Expression,
    keyExpr: A.Expression | undefined, valExpr: A.Expression, condExpr: A.Expression | undefined, group: boolean,
    oe: number, cs: number,
  ) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.keyVar = keyVar;
    this.valVar = valVar;
    this.collExpr = collExpr;
    this.keyExpr = keyExpr;
    this.valExpr = valExpr;
    this.condExpr = condExpr;
    this.group = group;
    this.oe = oe;
    this.cs = cs;
  }

  get openRange(): Range {
    return this.f.range(this.s, this.oe);
  }

  set openRange(r: Range) {
    pin(this, 'openRange', r);
  }

  get closeRange(): Range {
    return this.f.range(this.cs, this.e);
  }

  set closeRange(r: Range) {
    pin(this, 'closeRange', r);
  }
}

export class ParensNode implements A.ParenthesesExpr {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare readonly kind: 'parens';
  declare wrapped: A.Expression;

  constructor(f: SourceIndex, s: number, e: number, wrapped: A.Expression) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.wrapped = wrapped;
  }
}

/** A body; `endRange` spans [es, ee) (zero-width at the closing token for parsed bodies). */
export class BodyNode implements A.Body {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare attributes: Map<string, A.Attribute>;
  declare blocks: A.Block[];
  declare es: number;
  declare ee: number;

  constructor(f: SourceIndex, s: number, e: number, attributes: Map<string, A.Attribute>, blocks: A.Block[], es: number, ee: number) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.attributes = attributes;
    this.blocks = blocks;
    this.es = es;
    this.ee = ee;
  }

  get endRange(): Range {
    return this.f.range(this.es, this.ee);
  }

  set endRange(r: Range) {
    pin(this, 'endRange', r);
  }
}

/** An attribute; its name spans [s, ne), its `=` is the one character at eq. */
export class AttributeNode implements A.Attribute {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare name: string;
  declare expr: A.Expression;
  declare eq: number;

  constructor(f: SourceIndex, s: number, e: number, name: string, expr: A.Expression, eq: number) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.name = name;
    this.expr = expr;
    this.eq = eq;
  }

  get nameRange(): Range {
    return this.f.range(this.s, this.s + this.name.length);
  }

  set nameRange(r: Range) {
    pin(this, 'nameRange', r);
  }

  get equalsRange(): Range {
    return this.f.range(this.eq, this.eq + 1);
  }

  set equalsRange(r: Range) {
    pin(this, 'equalsRange', r);
  }
}

/**
 * Where a block and its header lie, as offsets into its file: for holders that keep a
 * block's ranges for later messages without keeping range objects (a configuration can
 * hold 100k resource blocks). `index.range(s, e)` gives back the same ranges the block's
 * getters give: the whole block [s, e), the header [s, de), the first label [ls0, le0).
 */
export interface BlockSpans {
  readonly index: SourceIndex;
  readonly s: number;
  readonly e: number;
  readonly de: number;
  readonly ls0: number;
  readonly le0: number;
}

/** The spans of a block from the native-syntax parser (undefined for others, or when a range was replaced). */
export function blockSpans(b: A.Block): BlockSpans | undefined {
  if (!(b instanceof BlockNode)) return undefined;
  if (Object.hasOwn(b, 'range') || Object.hasOwn(b, 'typeRange') || Object.hasOwn(b, 'labelRanges')) return undefined;
  const ls = b.ls;
  const typeEnd = b.s + b.type.length;
  return {
    index: b.f, s: b.s, e: b.e, de: ls.length ? ls[ls.length - 1]! : typeEnd,
    ls0: ls.length ? ls[0]! : b.s, le0: ls.length ? ls[1]! : typeEnd,
  };
}

/**
 * A block; its type starts at s, each label [ls[2i], ls[2i+1]), its braces
 * [os, oe) and [cs, ce).
 */
export class BlockNode implements A.Block {
  declare f: SourceIndex;
  declare s: number;
  declare e: number;
  declare range: Range;
  declare type: string;
  declare labels: string[];
  declare body: A.Body;
  declare ls: number[];
  declare os: number;
  declare oe: number;
  declare cs: number;
  declare ce: number;

  constructor(
    f: SourceIndex, s: number, e: number, type: string, labels: string[], body: A.Body, ls: number[],
    os: number, oe: number, cs: number, ce: number,
  ) {
    this.f = f;
    this.s = s;
    this.e = e;
    this.type = type;
    this.labels = labels;
    this.body = body;
    this.ls = ls;
    this.os = os;
    this.oe = oe;
    this.cs = cs;
    this.ce = ce;
  }

  get typeRange(): Range {
    return this.f.range(this.s, this.s + this.type.length);
  }

  set typeRange(r: Range) {
    pin(this, 'typeRange', r);
  }

  get labelRanges(): Range[] {
    const ls = this.ls;
    const out = new Array<Range>(ls.length >> 1);
    for (let i = 0; i < out.length; i++) out[i] = this.f.range(ls[2 * i], ls[2 * i + 1]);
    return out;
  }

  set labelRanges(r: Range[]) {
    Object.defineProperty(this, 'labelRanges', { value: r, writable: true, enumerable: true, configurable: true });
  }

  get openBraceRange(): Range {
    return this.f.range(this.os, this.oe);
  }

  set openBraceRange(r: Range) {
    pin(this, 'openBraceRange', r);
  }

  get closeBraceRange(): Range {
    return this.f.range(this.cs, this.ce);
  }

  set closeBraceRange(r: Range) {
    pin(this, 'closeBraceRange', r);
  }
}

for (const C of [ScopeTraversalNode, LiteralNode, TemplateNode, TemplateWrapNode, TemplateJoinNode, TraversalNode, AttrStep, IndexStep, RelativeTraversalNode, IndexNode, SplatNode, AnonSymbolNode, FunctionCallNode, ConditionalNode, BinaryOpNode, UnaryOpNode, TupleNode, ObjectNode, ForNode, ParensNode, BodyNode, AttributeNode, BlockNode]) {
  Object.defineProperty(C.prototype, 'range', spanRange);
}

// `kind` lives on the prototypes: one field less on every node.
for (const [C, kind] of [
  [LiteralNode, 'literal'],
  [TemplateNode, 'template'],
  [TemplateWrapNode, 'templateWrap'],
  [TemplateJoinNode, 'templateJoin'],
  [AttrStep, 'attr'],
  [IndexStep, 'index'],
  [ScopeTraversalNode, 'scopeTraversal'],
  [RelativeTraversalNode, 'relativeTraversal'],
  [IndexNode, 'index'],
  [SplatNode, 'splat'],
  [AnonSymbolNode, 'anonSymbol'],
  [FunctionCallNode, 'functionCall'],
  [ConditionalNode, 'conditional'],
  [BinaryOpNode, 'binaryOp'],
  [UnaryOpNode, 'unaryOp'],
  [TupleNode, 'tuple'],
  [ObjectNode, 'object'],
  [ObjectKeyNode, 'objectKey'],
  [ForNode, 'for'],
  [ParensNode, 'parens'],
] as const) {
  Object.defineProperty(C.prototype, 'kind', { value: kind, enumerable: false, configurable: true });
}
