/**
 * Schema-driven body decoding, the one way the config loader reads a block's contents in
 * either syntax (modelled on hcl.Body). A caller says which arguments and nested block
 * types it expects (`BodySchema`); the body answers with what it found plus Terraform's
 * diagnostics for anything unexpected, missing or malformed.
 *
 * Why a schema: in the JSON syntax, `"x": {...}` can be an argument holding an object or a
 * nested block; only the schema can tell. The native syntax knows blocks from arguments by
 * itself, but goes through the same interface so the loader never looks at syntax.
 *
 * Typical use in the loader:
 *
 *   const { content, remain, diags } = partialContent(bodyOf(file), { attributes: [], blocks: [{ type: 'resource', labelNames: ['type', 'name'] }] });
 *   for (const b of content.blocks) { const inner = contentOf(b.body, resourceSchema); ... }
 *
 * Attribute expressions are native `Expression`s for .tf files and `JsonExpr` nodes for
 * .tf.json files; the evaluator converts the latter with `jsonExprToNative`.
 */
import { SmallMap } from './small-map.js';
import type { Attribute, Block, Body, File } from './ast.js';
import type { Diagnostic, Range } from './diagnostic.js';
import { errorDiag, rangeBetween } from './diagnostic.js';
import { nameSuggestion } from './didyoumean.js';
import { goQuote } from './go-format.js';
import { jsonBody, jsonRootOf } from './json/body.js';
import { blockSpans, type BlockSpans } from './ast-nodes.js';

/** An argument the schema accepts; `required` ones are diagnosed when absent. */
export interface AttributeSchema {
  name: string;
  required?: boolean;
}

/** A nested block type the schema accepts, with the names of its labels (for messages). */
export interface BlockHeaderSchema {
  type: string;
  labelNames: string[];
}

/** What a body is expected to contain. */
export interface BodySchema {
  attributes: AttributeSchema[];
  blocks: BlockHeaderSchema[];
}

/**
 * A block found by decoding. Like ast.Block but its body is an `HclBody` (so JSON blocks
 * fit), and `defRange` is the header (`resource "a" "b"`) used by "declared here" messages.
 */
export interface ContentBlock {
  type: string;
  labels: string[];
  body: HclBody;
  /** The whole block. */
  range: Range;
  /** The block header: type and labels (native) or the opening brace (JSON). */
  defRange: Range;
  typeRange: Range;
  labelRanges: Range[];
  /** Native syntax: the same ranges as offsets into the file, for holders that keep them long. */
  spans?: BlockSpans;
}

/** The attributes and blocks a schema selected from a body. */
export interface BodyContent {
  /** By name, in source order. */
  attributes: Map<string, Attribute>;
  /** In source order; several blocks of one type are all kept. */
  blocks: ContentBlock[];
  /** Where to point "missing" errors about this body. */
  missingItemRange: Range;
}

/**
 * The body of a file or block, in either syntax. Every method returns its diagnostics next
 * to a usable (possibly partial) result and never throws.
 */
export interface HclBody {
  readonly syntax: 'native' | 'json';
  /** The whole body. */
  readonly range: Range;
  /** A zero-width range where a missing argument would go (diagnostics point there). */
  missingItemRange(): Range;
  /**
   * Exactly the schema: anything else in the body is an error ("Unsupported argument",
   * "Unsupported block type", or for JSON "Extraneous JSON object property").
   */
  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] };
  /**
   * The schema's items, and a `remain` body holding everything else (for a second pass
   * with another schema, e.g. meta-arguments first and then the provider's schema).
   */
  partialContent(schema: BodySchema): { content: BodyContent; remain: HclBody; diags: Diagnostic[] };
  /** Every argument, for bodies without nested blocks (`locals`, .tfvars files). */
  justAttributes(): { attributes: Map<string, Attribute>; diags: Diagnostic[] };
}

/** The body of a parsed file, whichever its syntax. */
export function bodyOf(file: File): HclBody {
  if (file.syntax === 'json') {
    const root = jsonRootOf(file);
    if (root) return jsonBody(root);
  }
  return nativeBody(file.body);
}

/** `body.content(schema)`, as a function. */
export function contentOf(body: HclBody, schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
  return body.content(schema);
}

/** `body.partialContent(schema)`, as a function. */
export function partialContent(body: HclBody, schema: BodySchema): { content: BodyContent; remain: HclBody; diags: Diagnostic[] } {
  return body.partialContent(schema);
}

/** `body.justAttributes()`, as a function. */
export function justAttributes(body: HclBody): { attributes: Map<string, Attribute>; diags: Diagnostic[] } {
  return body.justAttributes();
}

/** Wraps a native-syntax body from the parser. */
export function nativeBody(body: Body): HclBody {
  return new NativeBody(body, NONE, NONE);
}

/** The hidden-names set of a body nothing was taken from yet (shared; never changed). */
const NONE: ReadonlySet<string> = new Set();

/** The "Extraneous label" / "Missing <label> for <type>" check shared by both syntaxes. */
export function labelCountDiag(
  type: string, labelNames: readonly string[], labelRanges: readonly Range[], typeRange: Range, openRange: Range,
): Diagnostic | undefined {
  const context = rangeBetween(typeRange, openRange);
  const n = labelRanges.length;
  if (n > labelNames.length) {
    const detail = labelNames.length === 0
      ? `No labels are expected for ${type} blocks.`
      : `Only ${labelNames.length} labels (${labelNames.join(', ')}) are expected for ${type} blocks.`;
    return errorDiag(`Extraneous label for ${type}`, detail, labelRanges[labelNames.length], context);
  }
  if (n < labelNames.length) {
    return errorDiag(
      `Missing ${labelNames[n]} for ${type}`,
      `All ${type} blocks must have ${labelNames.length} labels (${labelNames.join(', ')}).`,
      openRange, context,
    );
  }
  return undefined;
}

/**
 * The block types hidden once `schema`'s are taken from a body that hid `base`: the same
 * for every body decoded with the same schema, so one set is shared by all of them.
 */
const hiddenBlockSets = new WeakMap<ReadonlySet<string>, WeakMap<BodySchema, ReadonlySet<string>>>();
function hideBlocks(base: ReadonlySet<string>, schema: BodySchema): ReadonlySet<string> {
  let bySchema = hiddenBlockSets.get(base);
  if (!bySchema) hiddenBlockSets.set(base, (bySchema = new WeakMap()));
  let set = bySchema.get(schema);
  if (!set) bySchema.set(schema, (set = new Set([...base, ...schema.blocks.map((b) => b.type)])));
  return set;
}

/**
 * A native-syntax block as content: its ranges are built from the parser's offsets when
 * asked, since most decoded blocks never have one asked for.
 */
class NativeContentBlock implements ContentBlock {
  readonly type: string;
  readonly labels: string[];
  readonly body: HclBody;
  private readonly node: Block;
  constructor(node: Block) {
    this.node = node;
    this.type = node.type;
    this.labels = node.labels;
    this.body = nativeBody(node.body);
  }
  get range(): Range { return this.node.range; }
  get typeRange(): Range { return this.node.typeRange; }
  get labelRanges(): Range[] { return this.node.labelRanges; }
  get defRange(): Range {
    const labels = this.node.labelRanges;
    return rangeBetween(this.node.typeRange, labels.length > 0 ? labels[labels.length - 1]! : this.node.typeRange);
  }
  get spans(): BlockSpans | undefined { return blockSpans(this.node); }
}

/** What a native body gave for a schema; where missing items would go is built when asked. */
class NativeContent implements BodyContent {
  readonly attributes: Map<string, Attribute>;
  readonly blocks: ContentBlock[];
  private readonly body: Body;
  constructor(attributes: Map<string, Attribute>, blocks: ContentBlock[], body: Body) {
    this.attributes = attributes;
    this.blocks = blocks;
    this.body = body;
  }
  get missingItemRange(): Range { return nativeMissingItemRange(this.body); }
}

/** A zero-width range at the start of a native body. */
function nativeMissingItemRange(body: Body): Range {
  const r = body.range;
  return { filename: r.filename, start: r.start, end: r.start };
}

/**
 * `b` with another body: every range is copied, so this works for lazy content blocks
 * too (where spreading would lose the ranges).
 */
export function withBody(b: ContentBlock, body: HclBody): ContentBlock {
  return {
    type: b.type, labels: b.labels, body, range: b.range, defRange: b.defRange,
    typeRange: b.typeRange, labelRanges: b.labelRanges, spans: b.spans,
  };
}

class NativeBody implements HclBody {
  readonly syntax = 'native' as const;
  constructor(
    private readonly body: Body,
    private readonly hiddenAttrs: ReadonlySet<string>,
    private readonly hiddenBlocks: ReadonlySet<string>,
  ) {}

  get range(): Range { return this.body.range; }

  missingItemRange(): Range {
    return nativeMissingItemRange(this.body);
  }

  /**
   * The last content asked for without problems, by schema: a resource body is read with
   * one schema three times (graph edges, the validate walk, the plan walk). Callers treat
   * content as read-only.
   */
  private lastSchema: BodySchema | undefined = undefined;
  private lastContent: BodyContent | undefined = undefined;

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    if (this.lastSchema === schema) return { content: this.lastContent!, diags: [] };
    const r = this.contentOnce(schema);
    if (r.diags.length === 0) { this.lastSchema = schema; this.lastContent = r.content; }
    return r;
  }

  private contentOnce(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const { content, remain, diags } = this.partialContent(schema);
    const rest = remain as NativeBody;
    for (const [name, attr] of this.body.attributes) {
      if (rest.hiddenAttrs.has(name)) continue;
      const candidates = schema.attributes.filter((a) => !content.attributes.has(a.name)).map((a) => a.name);
      const s = nameSuggestion(name, candidates);
      let hint = s !== undefined ? ` Did you mean ${goQuote(s)}?` : '';
      if (!hint && schema.blocks.some((b) => b.type === name)) {
        hint = ` Did you mean to define a block of type ${goQuote(name)}?`;
      }
      diags.push(errorDiag('Unsupported argument', `An argument named ${goQuote(name)} is not expected here.${hint}`, attr.nameRange));
    }
    for (const block of this.body.blocks) {
      if (rest.hiddenBlocks.has(block.type)) continue;
      const s = nameSuggestion(block.type, schema.blocks.map((b) => b.type));
      let hint = s !== undefined ? ` Did you mean ${goQuote(s)}?` : '';
      if (!hint && schema.attributes.some((a) => a.name === block.type)) {
        hint = ` Did you mean to define argument ${goQuote(block.type)}? If so, use the equals sign to assign it a value.`;
      }
      diags.push(errorDiag('Unsupported block type', `Blocks of type ${goQuote(block.type)} are not expected here.${hint}`, block.typeRange));
    }
    return { content, diags };
  }

  // Called once or twice for every block of every configuration: it allocates only what
  // it returns (large configurations decode 100k blocks).
  partialContent(schema: BodySchema): { content: BodyContent; remain: HclBody; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    let picked: Set<string> | undefined;
    for (const a of schema.attributes) {
      if (!this.body.attributes.has(a.name) || this.hiddenAttrs.has(a.name)) {
        if (a.required) {
          diags.push(errorDiag('Missing required argument', `The argument ${goQuote(a.name)} is required, but no definition was found.`, this.missingItemRange()));
        }
        continue;
      }
      (picked ??= new Set()).add(a.name);
    }
    // In the order of appearance in the source.
    const attributes = new SmallMap<string, Attribute>();
    if (picked) for (const [k, attr] of this.body.attributes) if (picked.has(k)) attributes.set(k, attr);
    const blocks: ContentBlock[] = [];
    if (schema.blocks.length > 0) {
      for (const block of this.body.blocks) {
        if (this.hiddenBlocks.has(block.type)) continue;
        const bs = schema.blocks.find((b) => b.type === block.type);
        if (!bs) continue;
        if (block.labels.length !== bs.labelNames.length) {
          const d = labelCountDiag(block.type, bs.labelNames, block.labelRanges, block.typeRange, block.openBraceRange);
          if (d) { diags.push(d); continue; }
        }
        blocks.push(new NativeContentBlock(block));
      }
    }
    // Blocks are hidden only now, so that several blocks of one type are all taken above.
    const hiddenAttrs = picked ? new Set([...this.hiddenAttrs, ...picked]) : this.hiddenAttrs;
    const hiddenBlocks = schema.blocks.length > 0 ? hideBlocks(this.hiddenBlocks, schema) : this.hiddenBlocks;
    return {
      content: new NativeContent(attributes, blocks, this.body),
      remain: new NativeBody(this.body, hiddenAttrs, hiddenBlocks),
      diags,
    };
  }

  justAttributes(): { attributes: Map<string, Attribute>; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const first = this.body.blocks[0];
    if (first) {
      diags.push(errorDiag(`Unexpected ${goQuote(first.type)} block`, 'Blocks are not allowed here.', first.typeRange));
    }
    const attributes = new SmallMap<string, Attribute>();
    for (const [name, attr] of this.body.attributes) {
      if (!this.hiddenAttrs.has(name)) attributes.set(name, attr);
    }
    return { attributes, diags };
  }
}
