/**
 * Parsing of .tf.json and .tfvars.json files into a `JsonFile`. The root must be an object
 * (or an array of objects); what its properties mean is decided later by a schema, through
 * `bodyOf(file)` (see body.ts).
 */
import type { Attribute, Body, JsonValue } from '../ast.js';
import type { Diagnostic, Range } from '../diagnostic.js';
import { errorDiag, rangeBetween } from '../diagnostic.js';
import { jsonExpr, type JsonFile } from './body.js';
import { closeRange, parseJsonValue, startRange } from './parser.js';

/**
 * Parses a JSON-syntax configuration file. Never throws; with errors the file holds what
 * could be read (an empty object when nothing could).
 *
 * `file.body` is only a convenience view in which every root property is an attribute (the
 * first of duplicates wins); decode with `bodyOf(file)` and a schema instead.
 */
export function parseJsonConfig(src: string, filename: string): { file: JsonFile; diags: Diagnostic[] } {
  const { value, diags } = parseJsonValue(src, filename);
  let root: JsonValue;
  if (value && (value.type === 'object' || value.type === 'array')) {
    root = value;
  } else {
    const subject = value ? startRange(value) : { filename, start: { line: 1, column: 1, byte: 0 }, end: { line: 1, column: 1, byte: 0 } };
    if (value || diags.length === 0) {
      diags.push(errorDiag(
        'Root value must be object',
        'The root value in a JSON-based configuration must be either a JSON object or a JSON array of objects.',
        subject,
      ));
    }
    const p = { line: 1, column: 1, byte: 0 };
    root = { type: 'object', props: [], range: { filename, start: p, end: p } };
  }
  const file: JsonFile = { filename, src, syntax: 'json', json: root, body: convenienceBody(root) };
  return { file, diags };
}

function convenienceBody(root: JsonValue): Body {
  const attributes = new Map<string, Attribute>();
  const objects = root.type === 'object' ? [root] : root.type === 'array' ? root.items : [];
  for (const o of objects) {
    if (o.type !== 'object') continue;
    for (const p of o.props) {
      if (p.name === '//' || attributes.has(p.name)) continue;
      const e = p.nameRange.end;
      attributes.set(p.name, {
        name: p.name,
        expr: jsonExpr(p.value),
        range: rangeBetween(p.nameRange, p.value.range),
        nameRange: p.nameRange,
        equalsRange: { filename: p.nameRange.filename, start: e, end: e },
      });
    }
  }
  const end: Range = root.type === 'object' && root.range.end.byte > root.range.start.byte
    ? { ...closeRange(root), end: closeRange(root).start }
    : { filename: root.range.filename, start: root.range.end, end: root.range.end };
  return { attributes, blocks: [], range: root.range, endRange: end };
}
