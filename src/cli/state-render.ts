/**
 * Values as `terraform show` and `terraform state show` print them: attributes aligned on
 * `=`, collections over several lines with four-space indents, multi-line strings as
 * `<<-EOT` heredocs, schema blocks as nested blocks after the attributes. Object
 * attribute names are bare when they are identifiers and quoted otherwise; map keys are
 * always quoted, except inside a dynamically typed attribute, whose value Terraform sees
 * only as JSON (so its maps print like objects).
 */
import * as T from '../lang/types.js';
import type { Value } from '../lang/value.js';
import type { BlockSchema } from '../providers/protocol.js';

/** A value reduced to what the printer needs. */
type Node =
  | { kind: 'text'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'list'; items: Node[] }
  | { kind: 'object'; entries: [string, Node][]; quoteAll: boolean };

const SENSITIVE: Node = { kind: 'text', text: '(sensitive value)' };
const NULL: Node = { kind: 'text', text: 'null' };

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const keyText = (k: string, quoteAll: boolean): string => (!quoteAll && IDENT.test(k) ? k : JSON.stringify(k));
const byKey = (a: [string, unknown], b: [string, unknown]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** `dynamic` says the schema typed this place (or an enclosing one) as any type. */
function fromValue(v: Value, dynamic: boolean): Node {
  if (v.isSensitive) return SENSITIVE;
  if (!v.isKnown) return { kind: 'text', text: '(known after apply)' };
  if (v.isNull) return NULL;
  const t = v.type;
  switch (t.kind) {
    case 'string': return { kind: 'string', value: v.str };
    case 'number': return { kind: 'text', text: String(v.num) };
    case 'bool': return { kind: 'text', text: v.bool ? 'true' : 'false' };
    case 'list': case 'set': case 'tuple': return { kind: 'list', items: v.elems.map((e) => fromValue(e, dynamic)) };
    case 'map': case 'object':
      return { kind: 'object', entries: [...v.attrs].sort(byKey).map(([k, e]) => [k, fromValue(e, dynamic)]), quoteAll: t.kind === 'map' && !dynamic };
    default: return NULL;
  }
}

function fromJSON(j: unknown): Node {
  if (j === null || j === undefined) return NULL;
  if (typeof j === 'string') return { kind: 'string', value: j };
  if (typeof j === 'number' || typeof j === 'boolean') return { kind: 'text', text: String(j) };
  if (Array.isArray(j)) return { kind: 'list', items: j.map(fromJSON) };
  return { kind: 'object', entries: Object.entries(j as Record<string, unknown>).sort(byKey).map(([k, e]) => [k, fromJSON(e)]), quoteAll: false };
}

function print(n: Node, depth: number): string {
  const pad = '    '.repeat(depth);
  switch (n.kind) {
    case 'text': return n.text;
    case 'string': {
      if (n.value.includes('\n') && !n.value.includes('EOT')) {
        const body = n.value.endsWith('\n') ? n.value.slice(0, -1) : n.value;
        return `<<-EOT\n${body.split('\n').map((l) => `${pad}    ${l}`).join('\n')}\n${pad}EOT`;
      }
      return JSON.stringify(n.value);
    }
    case 'list':
      if (!n.items.length) return '[]';
      return `[\n${n.items.map((e) => `${pad}    ${print(e, depth + 1)},\n`).join('')}${pad}]`;
    case 'object': {
      if (!n.entries.length) return '{}';
      return `{\n${printEntries(n.entries.map(([k, e]) => [keyText(k, n.quoteAll), e]), depth + 1)}${pad}}`;
    }
  }
}

/** `name = value` lines with the `=` aligned. */
function printEntries(entries: [string, Node][], depth: number): string {
  const pad = '    '.repeat(depth);
  const width = Math.max(0, ...entries.map(([k]) => k.length));
  return entries.map(([k, e]) => `${pad}${k.padEnd(width)} = ${print(e, depth)}\n`).join('');
}

/** The body of a resource (or nested block) with its schema: attributes, then blocks. */
function blockBody(v: Value, block: BlockSchema, depth: number): string {
  const pad = '    '.repeat(depth);
  const attrs: [string, Node][] = [];
  for (const [name, a] of Object.entries(block.attributes).sort(byKey)) {
    const av = v.attrs.get(name);
    if (!av || (av.isKnown && av.isNull && !av.isSensitive)) continue;
    attrs.push([keyText(name, false), a.sensitive ? SENSITIVE : fromValue(av, a.type.kind === 'dynamic' || T.hasDynamicTypes(a.type))]);
  }
  let out = printEntries(attrs, depth);
  for (const [name, nb] of Object.entries(block.blockTypes).sort(byKey)) {
    const bv = v.attrs.get(name);
    if (!bv || !bv.isKnown || bv.isNull) continue;
    const items: [string, Value][] = nb.nesting === 'single' || nb.nesting === 'group'
      ? [['', bv]]
      : nb.nesting === 'map' ? [...bv.attrs].sort(byKey).map(([k, e]) => [` ${JSON.stringify(k)}`, e]) : bv.elems.map((e) => ['', e]);
    for (const [label, e] of items) {
      if (e.isNull) continue;
      out += `\n${pad}${name}${label} {\n${blockBody(e, nb.block, depth + 1)}${pad}}\n`;
    }
  }
  return out;
}

/** A decoded resource instance object and the schema that types it. */
export interface DecodedObject {
  value: Value;
  block: BlockSchema;
}

/** The body of a `resource "t" "n" { ... }` block in `show` / `state show`. */
export function renderResourceBody(decoded: DecodedObject | undefined, plain: Record<string, unknown>, sensitiveAttrs: ReadonlySet<string>): string {
  if (decoded) return blockBody(decoded.value, decoded.block, 1);
  // Without a schema only the JSON is known: every map prints like an object.
  const entries: [string, Node][] = Object.entries(plain).filter(([, x]) => x !== null).sort(byKey)
    .map(([k, x]) => [keyText(k, false), sensitiveAttrs.has(k) ? SENSITIVE : fromJSON(x)]);
  return printEntries(entries, 1);
}

/** An output value as `terraform show` prints it under `Outputs:` (its type is known). */
export function renderOutputValue(v: Value): string {
  return print(fromValue(v, false), 0);
}
