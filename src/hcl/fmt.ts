/**
 * Canonical formatting of native-syntax files, as `terraform fmt` does it: Terraform's own
 * rewrites (interpolation-only strings unwrapped, legacy type strings in `variable` blocks,
 * block labels quoted) followed by hclwrite's whitespace rules, applied to the token stream.
 *
 * Only whitespace between tokens changes (plus those rewrites): comments, heredoc bodies and
 * the text inside strings are kept byte for byte, and blank lines stay where they are.
 * The rules, per line of tokens:
 * - indentation is two spaces per open bracket level carried over from previous lines;
 * - spaces between tokens follow hclwrite's spaceAfterToken table;
 * - the `=` of consecutive single-line arguments (and object items) is aligned, and so are
 *   trailing line comments.
 */
import type { Block, Body, Expression } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { lex, parseConfig } from './parse.js';
import { TokenType as T } from './token.js';

/** A token as the formatter sees it: kind, exact text, and the spaces written before it. */
interface FToken {
  type: T;
  text: string;
  spaces: number;
}

/** Formats `src`; with syntax errors the source is returned unchanged with the errors. */
export function formatSource(src: string, filename: string): { result: string; diags: Diagnostic[] } {
  const { file, diags } = parseConfig(src, filename);
  if (diags.some((d) => d.severity === 'error')) return { result: src, diags };
  const raw = lex(src, filename);
  const toks: FToken[] = [];
  let last = 0;
  const byStart = new Map<number, number>();
  for (const t of raw) {
    if (t.type === T.EOF) break;
    byStart.set(t.range.start.byte, toks.length);
    toks.push({ type: t.type, text: t.text, spaces: t.range.start.byte - last });
    last = t.range.end.byte;
  }
  const endOf = raw.map((t) => t.range.end.byte);
  const rewrites = new Map<number, { end: number; tokens: FToken[] }>();
  /** Token indices [from, to) covering the byte range. */
  const span = (startByte: number, endByte: number): [number, number] | undefined => {
    const from = byStart.get(startByte);
    if (from === undefined) return undefined;
    let to = from;
    while (to < toks.length && endOf[to]! <= endByte) to++;
    return [from, to];
  };
  collectRewrites(file.body, [], toks, span, rewrites);
  const out: FToken[] = [];
  for (let i = 0; i < toks.length;) {
    const rw = rewrites.get(i);
    if (rw) { out.push(...rw.tokens); i = rw.end; continue; }
    out.push(toks[i]!);
    i++;
  }
  format(out);
  return { result: out.map((t) => ' '.repeat(t.spaces) + t.text).join(''), diags };
}

type Span = (startByte: number, endByte: number) => [number, number] | undefined;

function collectRewrites(body: Body, inBlocks: string[], toks: FToken[], span: Span, out: Map<number, { end: number; tokens: FToken[] }>): void {
  for (const [name, attr] of body.attributes) {
    const s = span(attr.expr.range.start.byte, attr.expr.range.end.byte);
    if (!s) continue;
    const exprToks = toks.slice(s[0], s[1]);
    const isType = inBlocks.length === 1 && inBlocks[0] === 'variable' && name === 'type';
    const next = isType ? formatTypeExpr(exprToks) : formatValueExpr(exprToks, attr.expr);
    if (next !== exprToks) out.set(s[0], { end: s[1], tokens: next });
  }
  for (const block of body.blocks) {
    labelRewrites(block, span, out);
    collectRewrites(block.body, [...inBlocks, block.type], toks, span, out);
  }
}

/** Labels are always written quoted, as hclwrite's SetLabels does. */
function labelRewrites(block: Block, span: Span, out: Map<number, { end: number; tokens: FToken[] }>): void {
  block.labelRanges.forEach((r, i) => {
    const s = span(r.start.byte, r.end.byte);
    if (!s) return;
    out.set(s[0], {
      end: s[1],
      tokens: [
        { type: T.OQuote, text: '"', spaces: 0 },
        { type: T.QuotedLit, text: escapeQuotedStringLit(block.labels[i]!), spaces: 0 },
        { type: T.CQuote, text: '"', spaces: 0 },
      ],
    });
  });
}

/** hclwrite's escaping of a string for a quoted literal. */
export function escapeQuotedStringLit(s: string): string {
  let out = '';
  const chars = Array.from(s);
  chars.forEach((ch, i) => {
    switch (ch) {
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '$': case '%': out += chars[i + 1] === '{' ? ch + ch : ch; break;
      default:
        if (ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
        else {
          const c = ch.codePointAt(0)!;
          out += c < 0x10000 ? `\\u${c.toString(16).padStart(4, '0')}` : `\\U${c.toString(16).padStart(8, '0')}`;
        }
    }
  });
  return out;
}

/** `"${x}"` becomes `x` (wrapped in parentheses when it spans lines), as Terraform does. */
function formatValueExpr(tokens: FToken[], _expr: Expression): FToken[] {
  if (tokens.length < 5) return tokens;
  const n = tokens.length;
  if (tokens[0]!.type !== T.OQuote || tokens[1]!.type !== T.TemplateInterp || tokens[n - 2]!.type !== T.TemplateSeqEnd || tokens[n - 1]!.type !== T.CQuote) {
    return tokens;
  }
  const inside = tokens.slice(2, n - 2);
  let quotes = 0;
  for (const t of inside) {
    if (t.type === T.OQuote) { quotes++; continue; }
    if (t.type === T.CQuote) { quotes--; continue; }
    if (quotes > 0) continue;
    if (t.type === T.TemplateInterp || t.type === T.TemplateSeqEnd || t.type === T.QuotedLit) return tokens;
  }
  let a = 0;
  let b = inside.length;
  while (a < b && inside[a]!.type === T.Newline) a++;
  while (b > a && inside[b - 1]!.type === T.Newline) b--;
  const trimmed = inside.slice(a, b);
  let multi = false;
  let lead = false;
  let trail = false;
  trimmed.forEach((t, i) => {
    if (i === 0 && t.type === T.OParen) lead = true;
    else if (t.type === T.Newline) multi = true;
    else if (i === trimmed.length - 1 && t.type === T.CParen) trail = true;
  });
  if (multi && !(lead && trail)) {
    return [{ type: T.OParen, text: '(', spaces: 0 }, ...trimmed, { type: T.CParen, text: ')', spaces: 0 }];
  }
  return trimmed;
}

/** Legacy type spellings in `variable` blocks: `"string"`, `"list"`, `"map"`, bare `list`. */
function formatTypeExpr(tokens: FToken[]): FToken[] {
  const id = (text: string): FToken => ({ type: T.Ident, text, spaces: 0 });
  const call = (fn: string, arg: string): FToken[] => [id(fn), { type: T.OParen, text: '(', spaces: 0 }, id(arg), { type: T.CParen, text: ')', spaces: 0 }];
  if (tokens.length === 1) {
    const t = tokens[0]!;
    if (t.type === T.Ident && (t.text === 'list' || t.text === 'map' || t.text === 'set')) return call(t.text, 'any');
    return tokens;
  }
  if (tokens.length === 3 && tokens[0]!.type === T.OQuote && tokens[1]!.type === T.QuotedLit && tokens[2]!.type === T.CQuote) {
    switch (tokens[1]!.text) {
      case 'string': return [id('string')];
      case 'list': return call('list', 'string');
      case 'map': return call('map', 'string');
      default: return tokens;
    }
  }
  return tokens;
}

// ---- hclwrite's whitespace rules ----

interface Line {
  lead: FToken[];
  assign?: FToken[];
  comment?: FToken[];
}

function bracketChange(t: FToken): number {
  switch (t.type) {
    case T.OBrace: case T.OBrack: case T.OParen: case T.TemplateControl: case T.TemplateInterp: return 1;
    case T.CBrace: case T.CBrack: case T.CParen: case T.TemplateSeqEnd: return -1;
    default: return 0;
  }
}

function isNewline(t: FToken): boolean {
  return t.type === T.Newline || (t.type === T.Comment && t.text.endsWith('\n'));
}

// Created on first use: building a segmenter costs ~20 ms of ICU start-up on every run.
let segmenter: Intl.Segmenter | undefined;

function columns(ts: readonly FToken[]): number {
  let n = 0;
  for (const t of ts) {
    n += t.spaces;
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(t.text)) n += t.text.length;
    else for (const _ of (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(t.text)) n++;
  }
  return n;
}

function splitLines(tokens: FToken[]): Line[] {
  const lines: Line[] = [];
  let cur: FToken[] = [];
  for (const t of tokens) {
    cur.push(t);
    if (isNewline(t)) { lines.push({ lead: cur }); cur = []; }
  }
  lines.push({ lead: cur });
  for (const line of lines) {
    if (line.lead.length === 0) continue;
    if (line.lead.length > 1 && line.lead[line.lead.length - 1]!.type === T.Comment) {
      line.comment = line.lead.slice(-1);
      line.lead = line.lead.slice(0, -1);
    }
    for (let i = 1; i < line.lead.length; i++) {
      if (line.lead[i]!.type !== T.Equal) continue;
      let net = 0;
      for (const t of line.lead.slice(i)) net += bracketChange(t);
      if (net === 0) {
        line.assign = line.lead.slice(i);
        line.lead = line.lead.slice(0, i);
      }
      break;
    }
  }
  return lines;
}

function format(tokens: FToken[]): void {
  const lines = splitLines(tokens);
  formatIndent(lines);
  formatSpaces(lines);
  formatCells(lines);
}

function formatIndent(lines: Line[]): void {
  const indents: number[] = [];
  for (const line of lines) {
    const first = line.lead[0];
    if (!first) continue;
    if (first.type === T.Newline) { first.spaces = 0; continue; }
    let net = 0;
    for (const t of line.lead) {
      net += bracketChange(t);
      if (t.type === T.OHeredoc) break;
    }
    for (const t of line.assign ?? []) net += bracketChange(t);
    if (net > 0) {
      first.spaces = 2 * indents.length;
      indents.push(net);
    } else {
      if (net < 0) {
        let closed = -net;
        while (closed > 0 && indents.length > 0) {
          const top = indents[indents.length - 1]!;
          if (closed > top) { closed -= top; indents.pop(); }
          else if (closed < top) { indents[indents.length - 1] = top - closed; closed = 0; }
          else { indents.pop(); closed = 0; }
        }
      }
      first.spaces = 2 * indents.length;
    }
  }
}

const NIL: FToken = { type: -1 as T, text: '', spaces: 0 };

function spaceCell(cell: FToken[], isAssign: boolean): void {
  cell.forEach((tok, i) => {
    if (i === 0 && isAssign) tok.spaces = 1;
    const before = i > 0 ? cell[i - 1]! : NIL;
    const after = cell[i + 1];
    if (!after) return;
    after.spaces = spaceAfterToken(tok, before, after) ? 1 : 0;
  });
}

function formatSpaces(lines: Line[]): void {
  for (const line of lines) {
    spaceCell(line.lead, false);
    if (line.assign) spaceCell(line.assign, true);
  }
}

function formatCells(lines: Line[]): void {
  const align = (pick: (l: Line) => FToken[] | undefined, width: (l: Line) => number): void => {
    let start = -1;
    let max = 0;
    const close = (end: number): void => {
      for (const l of lines.slice(start, end)) pick(l)![0]!.spaces = max - width(l) + 1;
      start = -1;
      max = 0;
    };
    lines.forEach((l, i) => {
      if (!pick(l)) { if (start !== -1) close(i); return; }
      if (start === -1) start = i;
      max = Math.max(max, width(l));
    });
    if (start !== -1) close(lines.length);
  };
  align((l) => l.assign, (l) => columns(l.lead));
  align((l) => l.comment, (l) => columns(l.lead) + columns(l.assign ?? []));
}

const ARITH = new Set([T.Plus, T.Star, T.Slash, T.Percent, T.Minus]);
const COMPARE = new Set([T.EqualOp, T.NotEqual, T.GreaterThan, T.GreaterThanEq, T.LessThan, T.LessThanEq]);

function spaceAfterToken(subject: FToken, before: FToken, after: FToken): boolean {
  const s = subject.type;
  const a = after.type;
  if (a === T.Newline || after === NIL) return false;
  if (s === T.Ident && a === T.OParen) return false;
  if ((s === T.Ident && a === T.DoubleColon) || (s === T.DoubleColon && a === T.Ident)) return false;
  if (s === T.Dot || a === T.Dot) return false;
  if (a === T.Comma || a === T.Ellipsis) return false;
  if (s === T.Comma) return true;
  if (s === T.QuotedLit || s === T.StringLit || s === T.OQuote || s === T.OHeredoc
    || a === T.QuotedLit || a === T.StringLit || a === T.CQuote || a === T.CHeredoc) return false;
  if (s === T.Ident && subject.text === 'in' && before.type === T.Ident) return true;
  if (a === T.OBrack && (s === T.Ident || s === T.NumberLit || bracketChange(subject) < 0)) return false;
  if (s === T.Bang) return false;
  if (s === T.Minus) {
    const b = before.type;
    if (before === NIL) return false;
    if (b === T.OParen || b === T.OBrace || b === T.OBrack || b === T.Equal || b === T.Colon || b === T.Comma || b === T.Question) return false;
    if (ARITH.has(b) || COMPARE.has(b)) return false;
    if (b === T.And || b === T.Or || b === T.Bang) return false;
    return true;
  }
  if (s === T.OBrace || a === T.CBrace) return !(s === T.OBrace && a === T.CBrace);
  if ((s === T.TemplateInterp || s === T.TemplateControl) && a === T.OBrace) return true;
  if (s === T.CBrace && a === T.TemplateSeqEnd) return true;
  if (s === T.TemplateSeqEnd && (a === T.TemplateInterp || a === T.TemplateControl)) return false;
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  return true;
}
