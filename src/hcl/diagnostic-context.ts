/**
 * The "in resource "aws_instance" "web"" part of a rendered diagnostic: a short description
 * of where in a file a byte offset lies, computed like HCL's hcled.ContextString.
 *
 * Native syntax: the header of the top-level block containing the offset (HCL looks only at
 * top-level blocks). It works on the token stream so it also describes files that do not
 * parse. JSON syntax: the path of object keys and array indexes down to the innermost
 * object or array containing the offset (`resource.aws_instance.web`).
 */
import { TokenType as T, type Token } from './token.js';
import { lex } from './lexer.js';
import { parseJsonValue } from './json/parser.js';
import type { JsonValue } from './ast.js';
import { goQuote } from './go-format.js';

/** The context description for `byteOffset` in the file, or '' when there is none. */
export function contextString(filename: string, src: string, byteOffset: number): string {
  if (filename.endsWith('.json')) {
    const { value } = parseJsonValue(src, filename);
    if (!value) return '';
    const steps = jsonSteps(value, byteOffset);
    const s = steps.join('');
    return s.startsWith('.') ? s.slice(1) : s;
  }
  return nativeContext(lex(src, filename), byteOffset);
}

function contains(v: JsonValue, offset: number): boolean {
  return offset >= v.range.start.byte && offset < v.range.end.byte;
}

function jsonSteps(v: JsonValue, offset: number): string[] {
  if (v.type === 'object') {
    for (const p of v.props) {
      if ((p.value.type === 'object' || p.value.type === 'array') && contains(p.value, offset)) {
        return ['.' + p.name, ...jsonSteps(p.value, offset)];
      }
    }
  } else if (v.type === 'array') {
    for (let i = 0; i < v.items.length; i++) {
      const item = v.items[i]!;
      if ((item.type === 'object' || item.type === 'array') && contains(item, offset)) {
        return [`[${i}]`, ...jsonSteps(item, offset)];
      }
    }
  }
  return [];
}

/** Decodes the few escapes that occur in block labels. */
function unescapeLabel(s: string): string {
  return s.replace(/\\(["\\ntr])/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[c] ?? c);
}

function nativeContext(toks: Token[], offset: number): string {
  let i = 0;
  const n = toks.length;
  let atLineStart = true;
  while (i < n && toks[i]!.type !== T.EOF) {
    const t = toks[i]!;
    if (t.type === T.Newline || t.type === T.Comment) { atLineStart = true; i++; continue; }
    if (!atLineStart || t.type !== T.Ident) { atLineStart = false; i = skipItem(toks, i); continue; }
    // A candidate header: IDENT (IDENT | "label")* {
    const type = t.text;
    const labels: string[] = [];
    let j = i + 1;
    for (;;) {
      const u = toks[j]!;
      if (u.type === T.Ident) { labels.push(goQuote(u.text)); j++; continue; }
      if (u.type === T.OQuote) {
        let text = '';
        let k = j + 1;
        while (toks[k]!.type === T.QuotedLit) { text += toks[k]!.text; k++; }
        if (toks[k]!.type !== T.CQuote) break;
        labels.push(goQuote(unescapeLabel(text)));
        j = k + 1;
        continue;
      }
      break;
    }
    if (toks[j]!.type !== T.OBrace) { atLineStart = false; i = skipItem(toks, i); continue; }
    const end = matchClose(toks, j);
    const startByte = t.range.start.byte;
    const endByte = toks[end]!.range.end.byte;
    if (offset >= startByte && offset < endByte) return [type, ...labels].join(' ');
    i = end + 1;
    atLineStart = false;
  }
  return '';
}

/** Index of the token closing the bracket opened at `i` (or the EOF token). */
function matchClose(toks: Token[], i: number): number {
  let depth = 0;
  for (let k = i; k < toks.length; k++) {
    switch (toks[k]!.type) {
      case T.OBrace: case T.OBrack: case T.OParen: case T.TemplateInterp: case T.TemplateControl:
      case T.OQuote: case T.OHeredoc:
        depth++; break;
      case T.CBrace: case T.CBrack: case T.CParen: case T.TemplateSeqEnd: case T.CQuote: case T.CHeredoc:
        depth--;
        if (depth === 0) return k;
        break;
      case T.EOF: return k;
      default: break;
    }
  }
  return toks.length - 1;
}

/** Skips one token, or a whole bracketed group when the token opens one. */
function skipItem(toks: Token[], i: number): number {
  switch (toks[i]!.type) {
    case T.OBrace: case T.OBrack: case T.OParen: case T.OQuote: case T.OHeredoc:
      return matchClose(toks, i) + 1;
    default: return i + 1;
  }
}
