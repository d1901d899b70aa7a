/**
 * Converts our native-syntax AST into the JSON shape @cdktf/hcl2json produces (the
 * tmccombs/hcl2json converter run on HashiCorp's own parser), so the two parsers can be
 * compared file by file. The rules are those of that converter, including its quirks:
 *
 * - a body is an object: blocks first, nested by type then one level per label, each
 *   innermost value an array of body objects; then attributes (which win on a clash);
 * - literals are JSON values; a unary operator on a literal is evaluated (`-1`, `!true`);
 * - a template that is one literal is its string; other templates are rebuilt part by
 *   part: literals as text, `${...}` from the source of each interpolated expression,
 *   `%{if c}...%{else}...%{endif}` and `%{for k, v in c}...%{endfor}` from the directives;
 * - `"${x}"` (a template wrap) is converted as `x` itself;
 * - tuples and objects are converted element by element; a bare-name object key is its
 *   source text;
 * - any other expression is `"${<source>}"`; the source range is extended by a following `)`;
 * - literal text re-escapes `${` and `%{` as `$${` and `%%{` (so the output is a valid JSON
 *   syntax template; this is the cdktf fork's behaviour).
 *
 * Anything the reference would fail on raises an Error.
 */
import type { Body, Expression, File } from '../../src/hcl/ast.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** Literal template text as the JSON syntax must write it. */
function escapeLiteral(s: string): string {
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, '%%{');
}

/** The hcl2json representation of a parsed native-syntax file. */
export function toHcl2Json(file: File): Obj {
  const bytes = Buffer.from(file.src, 'utf8');
  const source = (e: Expression): string => {
    let end = e.range.end.byte;
    if (end >= bytes.length) throw new Error('hcl2json reads past the end of the file here');
    if (bytes[end] === 0x29) end++;
    return bytes.subarray(e.range.start.byte, end).toString('utf8');
  };
  const wrap = (e: Expression): string => '${' + source(e) + '}';

  function body(b: Body): Obj {
    const out: Obj = {};
    for (const block of b.blocks) {
      let cur: Obj = out;
      let key = block.type;
      for (const label of block.labels) {
        const existing = cur[key];
        if (existing !== undefined) {
          if (typeof existing !== 'object' || existing === null || Array.isArray(existing)) {
            throw new Error(`Unable to convert Block to JSON: ${block.type}.${block.labels.join('.')}`);
          }
          cur = existing;
        } else {
          const fresh: Obj = {};
          cur[key] = fresh;
          cur = fresh;
        }
        key = label;
      }
      const value = body(block.body);
      const existing = cur[key];
      if (existing === undefined) cur[key] = [value];
      else if (Array.isArray(existing)) existing.push(value);
      else throw new Error('hcl2json panics on a block list that is not a list');
    }
    for (const [name, attr] of b.attributes) out[name] = expr(attr.expr);
    return out;
  }

  function expr(e: Expression): Json {
    switch (e.kind) {
      case 'literal': return e.value;
      case 'unaryOp': {
        if (e.operand.kind !== 'literal') return wrap(e);
        const v = e.operand.value;
        if (e.op === '-' && typeof v === 'number') return -v;
        if (e.op === '!' && typeof v === 'boolean') return !v;
        throw new Error('hcl2json fails to evaluate this unary operation');
      }
      case 'template': return template(e.parts);
      case 'templateWrap': return expr(e.wrapped);
      case 'tuple': return e.exprs.map(expr);
      case 'object': {
        const o: Obj = {};
        for (const item of e.items) o[key(item.key)] = expr(item.value);
        return o;
      }
      default: return wrap(e);
    }
  }

  function template(parts: Expression[]): string {
    if (parts.length === 1 && parts[0]!.kind === 'literal') return escapeLiteral(String(parts[0]!.value));
    return parts.map(stringPart).join('');
  }

  function stringPart(e: Expression): string {
    switch (e.kind) {
      case 'literal':
        if (e.value === null) throw new Error('hcl2json cannot convert null to a string');
        return typeof e.value === 'number' ? String(e.value) : escapeLiteral(String(e.value));
      case 'template': return template(e.parts);
      case 'templateWrap': return stringPart(e.wrapped);
      case 'conditional': {
        const t = stringPart(e.trueResult);
        const f = stringPart(e.falseResult);
        return `%{if ${source(e.condition)}}${t}${f.length > 0 ? `%{else}${f}` : ''}%{endif}`;
      }
      case 'templateJoin': {
        const fe = e.tuple;
        const vars = fe.keyVar !== undefined ? `${fe.keyVar}, ${fe.valVar}` : fe.valVar;
        return `%{for ${vars} in ${source(fe.collExpr)}}${stringPart(fe.valExpr)}%{endfor}`;
      }
      default: return wrap(e);
    }
  }

  function key(k: Expression): string {
    if (k.kind === 'objectKey') {
      if (k.wrapped.kind === 'scopeTraversal') return source(k.wrapped);
      return stringPart(k.wrapped);
    }
    return stringPart(k);
  }

  return body(file.body);
}
