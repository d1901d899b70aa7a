/**
 * The JSON syntax's implementation of HclBody. A JSON object is a body whose properties
 * become arguments or nested blocks only once a schema says which is which; nested blocks
 * take one object level per label, and an array of objects stands for repeated blocks.
 * Messages and their ranges follow HCL's JSON body, so errors read as under Terraform.
 */
import type { Attribute, File, JsonExpr, JsonValue } from '../ast.js';
import type { BodyContent, BodySchema, ContentBlock, HclBody } from '../body.js';
import type { Diagnostic, Range } from '../diagnostic.js';
import { errorDiag, rangeBetween } from '../diagnostic.js';
import { nameSuggestion } from '../didyoumean.js';
import { goQuote, rangeString } from '../go-format.js';
import { closeRange, startRange } from './parser.js';

/** A parsed .tf.json file: a File whose `json` holds the root value the body decodes. */
export interface JsonFile extends File {
  syntax: 'json';
  json: JsonValue;
}

/** The root JSON value of a file from `parseJsonConfig`, if it is one. */
export function jsonRootOf(file: File): JsonValue | undefined {
  return (file as Partial<JsonFile>).json;
}

/** Wraps a JSON value (normally an object, or an array of objects) as a body. */
export function jsonBody(value: JsonValue): HclBody {
  return new JsonBody(value, new Set());
}

/** A JSON property, as the body sees it. */
interface Prop {
  name: string;
  nameRange: Range;
  value: JsonValue;
}

/** The `JsonExpr` for a JSON value. */
export function jsonExpr(value: JsonValue): JsonExpr {
  return { kind: 'json', value, range: value.range };
}

function propAttribute(p: Prop): Attribute {
  const e = p.nameRange.end;
  return {
    name: p.name,
    expr: jsonExpr(p.value),
    range: rangeBetween(p.nameRange, p.value.range),
    nameRange: p.nameRange,
    equalsRange: { filename: p.nameRange.filename, start: e, end: e },
  };
}

class JsonBody implements HclBody {
  readonly syntax = 'json' as const;
  constructor(private readonly val: JsonValue, private readonly hidden: ReadonlySet<string>) {}

  get range(): Range { return this.val.range; }

  missingItemRange(): Range {
    if (this.val.type === 'object') return closeRange(this.val);
    return startRange(this.val);
  }

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const { content, remain, diags } = this.partialContent(schema);
    const used = (remain as JsonBody).hidden;
    const suggestions = [
      ...schema.attributes.filter((a) => !used.has(a.name)).map((a) => a.name),
      // Blocks can repeat, so their types are suggested even when already used.
      ...schema.blocks.map((b) => b.type),
    ];
    const { props, diags: deepDiags } = collectDeepProps(this.val);
    diags.push(...deepDiags);
    for (const p of props) {
      if (p.name === '//') continue;
      if (used.has(p.name)) continue;
      const s = nameSuggestion(p.name, suggestions);
      const hint = s !== undefined ? ` Did you mean ${goQuote(s)}?` : '';
      diags.push(errorDiag(
        'Extraneous JSON object property',
        `No argument or block type is named ${goQuote(p.name)}.${hint}`,
        p.nameRange, rangeBetween(p.nameRange, p.value.range),
      ));
    }
    return { content, diags };
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: HclBody; diags: Diagnostic[] } {
    const { props, diags } = collectDeepProps(this.val);
    const used = new Set(this.hidden);
    const attributes = new Map<string, Attribute>();
    const blocks: ContentBlock[] = [];
    const attrSchemas = new Map(schema.attributes.map((a) => [a.name, a]));
    const blockSchemas = new Map(schema.blocks.map((b) => [b.type, b]));
    for (const p of props) {
      if (this.hidden.has(p.name)) continue;
      if (attrSchemas.has(p.name)) {
        const existing = attributes.get(p.name);
        if (existing) {
          diags.push(errorDiag(
            'Duplicate argument',
            `The argument ${goQuote(p.name)} was already set at ${rangeString(existing.range)}.`,
            p.nameRange, rangeBetween(p.nameRange, p.value.range),
          ));
          continue;
        }
        attributes.set(p.name, propAttribute(p));
        used.add(p.name);
      } else {
        const bs = blockSchemas.get(p.name);
        if (!bs) continue;
        unpackBlock(p.value, bs.type, p.nameRange, bs.labelNames, [], [], blocks, diags);
        used.add(p.name);
      }
    }
    for (const a of schema.attributes) {
      if (a.required && !attributes.has(a.name)) {
        diags.push(errorDiag('Missing required argument', `The argument ${goQuote(a.name)} is required, but no definition was found.`, this.missingItemRange()));
      }
    }
    return {
      content: { attributes, blocks, missingItemRange: this.missingItemRange() },
      remain: new JsonBody(this.val, used),
      diags,
    };
  }

  justAttributes(): { attributes: Map<string, Attribute>; diags: Diagnostic[] } {
    const attributes = new Map<string, Attribute>();
    const diags: Diagnostic[] = [];
    if (this.val.type !== 'object') {
      diags.push(errorDiag('Incorrect JSON value type', 'A JSON object is required here, setting the arguments for this block.', startRange(this.val)));
      return { attributes, diags };
    }
    for (const p of this.val.props) {
      if (p.name === '//' || this.hidden.has(p.name)) continue;
      const existing = attributes.get(p.name);
      if (existing) {
        diags.push(errorDiag(
          'Duplicate attribute definition',
          `The argument ${goQuote(p.name)} was already set at ${rangeString(existing.range)}.`,
          p.nameRange,
        ));
        continue;
      }
      attributes.set(p.name, propAttribute(p));
    }
    return { attributes, diags };
  }
}

/** Peels one object level per remaining label, then makes one block per object. */
function unpackBlock(
  v: JsonValue, type: string, typeRange: Range, labelsLeft: readonly string[],
  labels: string[], labelRanges: Range[], out: ContentBlock[], diags: Diagnostic[],
): void {
  if (labelsLeft.length > 0) {
    const labelName = labelsLeft[0]!;
    const { props, diags: d } = collectDeepProps(v, labelName);
    diags.push(...d);
    if (props.length === 0) {
      diags.push(errorDiag(
        'Missing block label',
        `At least one object property is required, whose name represents the ${type} block's ${labelName}.`,
        startRange(v),
      ));
      return;
    }
    for (const p of props) {
      unpackBlock(p.value, type, typeRange, labelsLeft.slice(1), [...labels, p.name], [...labelRanges, p.nameRange], out, diags);
    }
    return;
  }
  const make = (body: JsonValue, defRange: Range): ContentBlock => ({
    type, labels, body: jsonBody(body),
    range: rangeBetween(typeRange, body.range),
    defRange, typeRange, labelRanges,
  });
  switch (v.type) {
    case 'null': return;
    case 'object': out.push(make(v, startRange(v))); return;
    case 'array': for (const item of v.items) out.push(make(item, startRange(v))); return;
    default:
      diags.push(errorDiag(
        'Incorrect JSON value type',
        `Either a JSON object or a JSON array is required, representing the contents of one or more ${goQuote(type)} blocks.`,
        startRange(v),
      ));
  }
}

/**
 * The properties of an object, or of every object in an array (in order), which is how a
 * body or a label level may be split across several objects.
 */
function collectDeepProps(v: JsonValue, labelName?: string): { props: Prop[]; diags: Diagnostic[] } {
  const props: Prop[] = [];
  const diags: Diagnostic[] = [];
  if (v.type === 'null') return { props, diags };
  if (v.type === 'object') return { props: [...v.props], diags };
  if (v.type === 'array') {
    for (const item of v.items) {
      if (item.type === 'object') { props.push(...item.props); continue; }
      diags.push(errorDiag(
        'Incorrect JSON value type',
        labelName !== undefined
          ? `A JSON object is required here, to specify ${labelName} labels for this block.`
          : 'A JSON object is required here, to define arguments and child blocks.',
        startRange(item),
      ));
    }
    return { props, diags };
  }
  diags.push(errorDiag(
    'Incorrect JSON value type',
    labelName !== undefined
      ? `Either a JSON object or JSON array of objects is required here, to specify ${labelName} labels for this block.`
      : 'Either a JSON object or JSON array of objects is required here, to define arguments and child blocks.',
    startRange(v),
  ));
  return { props, diags };
}
