/**
 * Values as `terraform show` and `terraform state show` print them. With a schema (and for
 * outputs, typed) this is the plan renderer's text for an unchanged object with everything
 * shown, as Terraform's show reuses its plan renderer: jsonencode(...) for JSON strings,
 * heredocs for multi-line ones, a legacy-SDK schema's empty strings as null. Without one
 * only the JSON in state is known, and a small printer of its own lays that out.
 */
import type { Value } from '../lang/value.js';
import type { BlockSchema } from '../providers/protocol.js';
import { bodyLines } from '../plan/render/block-render.js';
import { attrLines, type RenderCtx } from '../plan/render/value-render.js';
import { legacyNulls } from '../plan/render/legacy-strings.js';
import { colors } from '../plan/render/colors.js';
import { markSchemaSensitive } from '../plan/objchange.js';

/**
 * `show` renders an object as the plan renderer renders an unchanged one with everything
 * shown (Terraform's renderer does the same, hiding the action symbols): its lines, less
 * the four columns of the marker.
 */
const SHOW_CTX: RenderCtx = { c: colors(false), replacePaths: new Set(), showUnchanged: true };
const unindent = (lines: string[]): string[] => lines.map((l) => l.slice(4));

/** A value reduced to what the printer needs (the schema-less fallback). */
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

/** A decoded resource instance object and the schema that types it. */
export interface DecodedObject {
  value: Value;
  block: BlockSchema;
}

/** The body of a `resource "t" "n" { ... }` block in `show` / `state show`. */
export function renderResourceBody(decoded: DecodedObject | undefined, plain: Record<string, unknown>, sensitiveAttrs: ReadonlySet<string>): string {
  if (decoded) {
    const v = markSchemaSensitive(decoded.value, decoded.block);
    const lines = bodyLines(decoded.block, v, v, 0, SHOW_CTX);
    return lines.length ? unindent(lines).join('\n') + '\n' : '';
  }
  // Without a schema only the JSON is known: every map prints like an object.
  const entries: [string, Node][] = Object.entries(plain).filter(([, x]) => x !== null).sort(byKey)
    .map(([k, x]) => [keyText(k, false), sensitiveAttrs.has(k) ? SENSITIVE : fromJSON(x)]);
  return printEntries(entries, 1);
}

/**
 * An output value as `terraform show` prints it under `Outputs:`, from its type (map keys
 * quoted), with the plan renderer's legacy rule: an empty string shows as null, and an
 * object's null attributes are left out.
 */
export function renderOutputValue(v: Value): string {
  const lines = attrLines('', legacyNulls(v), legacyNulls(v), -1, 0, SHOW_CTX, [], false, false);
  // attrLines starts the first line with ` = ` after the (empty) name.
  return unindent(lines).join('\n').replace(/^ = /, '');
}
