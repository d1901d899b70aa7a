/**
 * Configuration generation for `import` blocks (`terrane plan -generate-config-out=PATH`):
 * the HCL of a `resource` block written from an imported object and its schema, the way
 * Terraform's genconfig package writes it, so that the file is the same byte for byte:
 * - arguments in name order, required and optional ones only (computed-only, deprecated
 *   and the SDK's implicit optional+computed top-level `id` are left out);
 * - an optional string that is "" is written as null (the legacy SDK stores "" for unset);
 * - a sensitive value is written `null # sensitive`;
 * - a string holding a JSON object or array becomes `jsonencode(...)` of its value;
 * - nested blocks as blocks, in name order, set elements in cty's order;
 * - `provider = ...` when the provider is not the type's implied one or has an alias;
 * - then laid out by the formatter (`terraform fmt`'s spacing and `=` alignment).
 */
import { escapeQuotedStringLit, formatSource } from '../hcl/fmt.js';
import { goQuote } from '../hcl/go-format.js';
import * as T from '../lang/types.js';
import { formatNumber, nullVal, unmarkDeep, type Value } from '../lang/value.js';
import type { AttributeSchema, BlockSchema, NestedBlockSchema } from '../providers/protocol.js';
import { jsonForGeneration, objectKey } from './generate-config-json.js';

/** The provider configuration a generated resource uses: its provider's type and alias. */
export interface GenerationProvider {
  /** The provider type, e.g. `aws` (of `registry.terraform.io/hashicorp/aws`). */
  type: string;
  alias?: string;
}

/**
 * The schema as config generation sees it: no computed-only or deprecated attributes, no
 * deprecated blocks, and no optional+computed `id` at the top (the legacy SDK adds one
 * to every resource, and writing it would be rejected by providers that do not declare it).
 */
export function generationSchema(block: BlockSchema, top = true): BlockSchema {
  const attributes: Record<string, AttributeSchema> = {};
  for (const [name, a] of Object.entries(block.attributes)) {
    if (a.computed && !a.optional) continue;
    if (a.deprecated) continue;
    if (top && name === 'id' && a.computed && a.optional) continue;
    attributes[name] = a;
  }
  const blockTypes: Record<string, NestedBlockSchema> = {};
  for (const [name, nb] of Object.entries(block.blockTypes)) {
    if (nb.block.deprecated) continue;
    blockTypes[name] = { ...nb, block: generationSchema(nb.block, false) };
  }
  return { ...block, attributes, blockTypes };
}

/**
 * The formatted body (without the `resource` header) of the configuration for `value`, an
 * object of `schema` (already filtered with generationSchema), for a resource of `type`.
 */
export function generateResourceContents(
  type: string, schema: BlockSchema, provider: GenerationProvider, value: Value,
): string {
  const w = new Writer();
  if (provider.type !== type.split('_')[0] || provider.alias !== undefined) {
    w.out += `  provider = ${provider.alias !== undefined ? `${provider.type}.${provider.alias}` : provider.type}\n`;
  }
  w.attributes(value, schema.attributes, 2);
  w.blocks(value, schema.blockTypes, 2);
  return format(w.out);
}

/** Wraps generated contents in their `resource "type" "name" { ... }` block, formatted. */
export function wrapResourceContents(type: string, name: string, contents: string): string {
  return format(`resource ${goQuote(type)} ${goQuote(name)} {\n${contents}}`);
}

function format(src: string): string {
  const r = formatSource(src, 'generated.tf');
  return r.result;
}

/** Builds the unformatted text; line breaks are where genconfig puts them, spacing is the formatter's job. */
class Writer {
  out = '';

  attributes(obj: Value, attrs: Record<string, AttributeSchema>, indent: number): void {
    for (const name of Object.keys(attrs).sort(T.compareStrings)) {
      const a = attrs[name]!;
      if (!a.required && !a.optional) continue;
      this.out += `${' '.repeat(indent)}${name} = `;
      let val = !obj.isNull && obj.isKnown && obj.type.kind === 'object' && obj.attrs.has(name) ? obj.attrs.get(name)! : nullVal(a.type);
      if (val.type.kind === 'string' && val.isKnown && !val.isNull && a.optional && val.str === '') val = nullVal(a.type).withMarks(val.marks);
      if (a.sensitive || val.isMarked) {
        this.out += 'null # sensitive';
      } else if (val.isKnown && !val.isNull && val.type.kind === 'string') {
        const json = jsonForGeneration(val.str);
        if (json === undefined) this.out += valueTokens(val);
        else if (json.primitive) this.out += valueTokens(val);
        else this.out += `jsonencode(${json.tokens})`;
      } else {
        this.out += valueTokens(val);
      }
      this.out += '\n';
    }
  }

  blocks(obj: Value, blockTypes: Record<string, NestedBlockSchema>, indent: number): void {
    for (const name of Object.keys(blockTypes).sort(T.compareStrings)) {
      if (obj.isNull || !obj.isKnown || obj.type.kind !== 'object' || !obj.attrs.has(name)) continue;
      this.nestedBlock(name, blockTypes[name]!, obj.attrs.get(name)!, indent);
    }
  }

  private nestedBlock(name: string, nb: NestedBlockSchema, v: Value, indent: number): void {
    const pad = ' '.repeat(indent);
    switch (nb.nesting) {
      case 'single':
      case 'group':
        if (v.isNull) return;
        this.out += `${pad}${name} {`;
        if (v.isMarked) { this.out += '} # sensitive\n'; return; }
        this.out += '\n';
        this.body(v, nb.block, indent + 2);
        this.out += '}\n';
        return;
      case 'list':
      case 'set':
        if (v.isMarked) { this.out += `${pad}${name} {} # sensitive\n`; return; }
        if (!v.isKnown || v.isNull) return;
        for (const e of nb.nesting === 'set' ? ctySetOrder(v.elems) : v.elems) {
          this.out += `${pad}${name} {\n`;
          this.body(e, nb.block, indent + 2);
          this.out += '}\n';
        }
        return;
      case 'map':
        if (v.isMarked) { this.out += `${name} {} # sensitive\n`; return; }
        if (!v.isKnown || v.isNull) return;
        for (const key of [...v.attrs.keys()].sort(T.compareStrings)) {
          const e = v.attrs.get(key)!;
          this.out += `${pad}${name} ${goQuote(key)} {`;
          // As genconfig does, a marked element ends the block type's output.
          if (e.isMarked) { this.out += '} # sensitive\n'; return; }
          this.out += '\n';
          this.body(e, nb.block, indent + 2);
          this.out += `${pad}}\n`;
        }
        return;
    }
  }

  private body(v: Value, block: BlockSchema, indent: number): void {
    this.attributes(v, block.attributes, indent);
    this.blocks(v, block.blockTypes, indent);
  }
}

/** hclwrite's TokensForValue: a constant value as HCL source (objects and maps over several lines). */
export function valueTokens(v: Value): string {
  if (v.isMarked) v = unmarkDeep(v)[0];
  if (!v.isKnown || v.isNull) return 'null';
  switch (v.type.kind) {
    case 'bool': return v.bool ? 'true' : 'false';
    case 'number': return formatNumber(v.num);
    case 'string': return `"${escapeQuotedStringLit(v.str)}"`;
    case 'list':
    case 'tuple':
      return `[${v.elems.map(valueTokens).join(', ')}]`;
    case 'set':
      return `[${ctySetOrder(v.elems).map(valueTokens).join(', ')}]`;
    case 'map':
    case 'object': {
      if (v.attrs.size === 0) return '{}';
      let s = '{\n';
      for (const key of [...v.attrs.keys()].sort(T.compareStrings)) s += `${objectKey(key)} = ${valueTokens(v.attrs.get(key)!)}\n`;
      return s + '}';
    }
    default: return 'null';
  }
}

/**
 * Set elements in cty's iteration order: strings, numbers and bools by value (terrane's
 * own order already), anything else by the bytes of cty's set hash key.
 */
export function ctySetOrder(elems: readonly Value[]): readonly Value[] {
  if (elems.length < 2 || T.isPrimitive(elems[0]!.type)) return elems;
  const keyed = elems.map((e) => ({ e, k: Buffer.from(setHashKey(e), 'utf8') }));
  keyed.sort((a, b) => Buffer.compare(a.k, b.k));
  return keyed.map((x) => x.e);
}

/** cty's makeSetHashBytes: the string a set element is ordered by when it is not primitive. */
export function setHashKey(v: Value): string {
  if (!v.isKnown) return '?';
  if (v.isNull) return '~';
  switch (v.type.kind) {
    case 'number': return bigFloatString(v.num);
    case 'bool': return v.bool ? 'T' : 'F';
    case 'string': return goQuote(v.str);
    case 'map': {
      let s = '{';
      for (const k of [...v.attrs.keys()].sort(T.compareStrings)) s += `${goQuote(k)}:${setHashKey(v.attrs.get(k)!)};`;
      return s + '}';
    }
    case 'list': return '[' + v.elems.map((e) => setHashKey(e) + ';').join('') + ']';
    case 'set': return '[' + ctySetOrder(v.elems).map((e) => setHashKey(e) + ';').join('') + ']';
    case 'object': {
      let s = '<';
      for (const k of Object.keys((v.type as T.ObjectType).attrs).sort(T.compareStrings)) s += setHashKey(v.attrs.get(k) ?? nullVal(T.Dynamic)) + ';';
      return s + '>';
    }
    case 'tuple': return '<' + v.elems.map((e) => setHashKey(e) + ';').join('') + '>';
    default: return '?';
  }
}

/** Go's big.Float String(): `%.10g`. */
function bigFloatString(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e10) return String(n);
  const [m, e] = n.toExponential(9).split('e') as [string, string];
  const exp = Number(e);
  const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
  if (exp < -4 || exp >= 10) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(Number(n.toPrecision(10)));
}
