/**
 * The syntax tree of HCL's native syntax, modelled on hclsyntax. Every node carries its
 * source range. The tree has no dependency on the value model: literals hold plain JS
 * values, and src/lang gives them meaning.
 *
 * The JSON syntax (.tf.json) produces the same Body/Block/Attribute shapes once a schema
 * tells which keys are blocks (see json-syntax); its expressions are `JsonExpr` nodes.
 *
 * The native parser's nodes (ast-nodes.ts) compute their ranges on access from source
 * offsets: reading `range` returns a fresh plain object each time, and an object spread
 * (`{ ...node }`) does not carry the ranges over; build a new node instead.
 */
import type { Range } from './diagnostic.js';

/** A file: its body plus the raw bytes it came from (for code frames and fmt). */
export interface File {
  filename: string;
  body: Body;
  /** The source text (UTF-8 decoded). */
  src: string;
  /** 'native' for .tf/.hcl/.tfvars, 'json' for .tf.json/.tfvars.json. */
  syntax: 'native' | 'json';
}

export interface Body {
  /** Attributes in source order (Map keeps insertion order). Duplicates are diagnosed by the parser. */
  attributes: Map<string, Attribute>;
  blocks: Block[];
  range: Range;
  /** Zero-width range at the end of the body (before the closing brace), for "missing X" errors. */
  endRange: Range;
}

export interface Attribute {
  name: string;
  expr: Expression;
  range: Range;
  nameRange: Range;
  equalsRange: Range;
}

export interface Block {
  type: string;
  labels: string[];
  body: Body;
  range: Range;
  typeRange: Range;
  labelRanges: Range[];
  openBraceRange: Range;
  closeBraceRange: Range;
}

/** One step of a traversal after its root name. */
export type Traverser =
  | { kind: 'attr'; name: string; range: Range }
  /** A literal index (`a[0]`, `a["k"]`, legacy `a.0`). */
  | { kind: 'index'; key: string | number; range: Range }
  /** A legacy attribute-only splat `a.*` inside a traversal is represented by SplatExpr instead. */
  ;

/** A root name and its steps: `var.x`, `aws_instance.web[0].id`. */
export interface Traversal {
  root: string;
  rootRange: Range;
  steps: Traverser[];
  range: Range;
}

export type BinaryOp =
  | '||' | '&&'
  | '==' | '!='
  | '<' | '<=' | '>' | '>='
  | '+' | '-'
  | '*' | '/' | '%';

export type UnaryOp = '!' | '-';

/** Every expression node. `kind` discriminates. */
export type Expression =
  | LiteralExpr
  | TemplateExpr
  | TemplateWrapExpr
  | TemplateJoinExpr
  | ScopeTraversalExpr
  | RelativeTraversalExpr
  | IndexExpr
  | SplatExpr
  | AnonSymbolExpr
  | FunctionCallExpr
  | ConditionalExpr
  | BinaryOpExpr
  | UnaryOpExpr
  | TupleConsExpr
  | ObjectConsExpr
  | ObjectConsKeyExpr
  | ForExpr
  | ParenthesesExpr
  | JsonExpr;

/** `1`, `1.5e3`, `true`, `null`. Numbers keep their source text for exact printing. */
export interface LiteralExpr {
  kind: 'literal';
  value: number | boolean | null | string;
  /** For numbers: the literal as written (e.g. `1e3`), so big values keep full precision. */
  raw?: string;
  range: Range;
}

/**
 * A quoted string or heredoc: literal parts and interpolations concatenated into a string.
 * Literal parts are LiteralExpr with string values (escapes already decoded).
 * `if` directives become ConditionalExpr parts, `for` directives TemplateJoinExpr parts.
 */
export interface TemplateExpr {
  kind: 'template';
  parts: Expression[];
  /** True for heredocs (affects fmt and JSON conformance output). */
  heredoc?: boolean;
  range: Range;
}

/** A template that is exactly one interpolation (`"${x}"`): yields x's value unconverted. */
export interface TemplateWrapExpr {
  kind: 'templateWrap';
  wrapped: Expression;
  range: Range;
}

/** The result of a `%{ for }` directive: the tuple from the ForExpr joined into a string. */
export interface TemplateJoinExpr {
  kind: 'templateJoin';
  tuple: ForExpr;
  range: Range;
}

export interface ScopeTraversalExpr {
  kind: 'scopeTraversal';
  traversal: Traversal;
  range: Range;
}

/** Static steps applied to the result of another expression: `f(x).a[0]`. */
export interface RelativeTraversalExpr {
  kind: 'relativeTraversal';
  source: Expression;
  steps: Traverser[];
  range: Range;
}

/** A dynamic index `coll[key]`. */
export interface IndexExpr {
  kind: 'index';
  collection: Expression;
  key: Expression;
  range: Range;
  /** The range of the brackets and key. */
  bracketRange: Range;
}

/**
 * `src[*].a.b` or `src.*.a` (legacy attribute-only splat). `each` is evaluated once per
 * element with `item` bound to that element.
 */
export interface SplatExpr {
  kind: 'splat';
  source: Expression;
  each: Expression;
  item: AnonSymbolExpr;
  /** True for the legacy `.*` form. */
  attrOnly?: boolean;
  range: Range;
  markerRange: Range;
}

/** The placeholder for the current element inside a splat's `each`. */
export interface AnonSymbolExpr {
  kind: 'anonSymbol';
  /** Identity used by the evaluator to bind the element. */
  id: number;
  range: Range;
}

export interface FunctionCallExpr {
  kind: 'functionCall';
  /** The function name; provider functions keep their `provider::ns::name` form. */
  name: string;
  args: Expression[];
  /** True when the last argument is followed by `...`. */
  expandFinal: boolean;
  range: Range;
  nameRange: Range;
  openParenRange: Range;
  closeParenRange: Range;
}

export interface ConditionalExpr {
  kind: 'conditional';
  condition: Expression;
  trueResult: Expression;
  falseResult: Expression;
  range: Range;
}

export interface BinaryOpExpr {
  kind: 'binaryOp';
  op: BinaryOp;
  lhs: Expression;
  rhs: Expression;
  range: Range;
}

export interface UnaryOpExpr {
  kind: 'unaryOp';
  op: UnaryOp;
  operand: Expression;
  range: Range;
}

export interface TupleConsExpr {
  kind: 'tuple';
  exprs: Expression[];
  range: Range;
  openRange: Range;
}

export interface ObjectConsItem {
  key: Expression;
  value: Expression;
}

export interface ObjectConsExpr {
  kind: 'object';
  items: ObjectConsItem[];
  range: Range;
  openRange: Range;
}

/**
 * An object constructor key. A bare identifier (`{ a = 1 }`) is the literal string "a"
 * unless `forceNonLiteral` (written in parentheses: `{ (a) = 1 }`).
 */
export interface ObjectConsKeyExpr {
  kind: 'objectKey';
  wrapped: Expression;
  forceNonLiteral: boolean;
  range: Range;
}

/** `[for k, v in coll : expr if cond]` or `{for k, v in coll : key => val... if cond}`. */
export interface ForExpr {
  kind: 'for';
  keyVar?: string;
  valVar: string;
  collExpr: Expression;
  /** Present for the object form. */
  keyExpr?: Expression;
  valExpr: Expression;
  condExpr?: Expression;
  /** `...` after the value in the object form. */
  group: boolean;
  range: Range;
  openRange: Range;
  closeRange: Range;
}

export interface ParenthesesExpr {
  kind: 'parens';
  wrapped: Expression;
  range: Range;
}

/** A JSON value in a .tf.json file, with ranges on every part (see json-syntax.ts). */
export type JsonValue =
  | { type: 'string'; value: string; range: Range }
  | { type: 'number'; value: number; raw: string; range: Range }
  | { type: 'bool'; value: boolean; range: Range }
  | { type: 'null'; range: Range }
  | { type: 'array'; items: JsonValue[]; range: Range }
  | { type: 'object'; props: { name: string; nameRange: Range; value: JsonValue }[]; range: Range };

/**
 * An expression from the JSON syntax. Its meaning depends on context (Terraform's rules):
 * strings are templates when evaluated with a scope, literal when read statically.
 */
export interface JsonExpr {
  kind: 'json';
  value: JsonValue;
  range: Range;
}
