/**
 * Templates: quoted strings, heredocs and bare templates. Follows hclsyntax's
 * parser_template.go in two passes: first the token stream becomes a flat list of parts
 * (literals, interpolations, directive openers/closers) with `~` strip markers applied and
 * flush-heredoc indentation removed; then directives are matched into ConditionalExpr and
 * TemplateJoinExpr nodes.
 */
import type { Expression, LiteralExpr } from './ast.js';
import { ConditionalNode, ForNode, LiteralNode, TemplateJoinNode, TemplateNode, TemplateWrapNode, endOf, startOf } from './ast-nodes.js';
import { Parser } from './parser.js';
import { rangeString } from './parser-body.js';
import { parseExpr, placeholder } from './parser-expression.js';
import { decodeStringLit } from './parser-string.js';
import { TokenType as T } from './token.js';

const P_LIT = 0;
const P_INTERP = 1;
const P_IF = 2;
const P_FOR = 3;
const P_ELSE = 4;
const P_ENDIF = 5;
const P_ENDFOR = 6;
const P_END = 7;

interface Part {
  kind: number;
  val: string;
  expr: Expression | undefined;
  keyVar: string | undefined;
  valVar: string;
  /** Source offsets. */
  s: number;
  e: number;
}

function mkPart(kind: number, s: number, e: number, val = '', expr?: Expression): Part {
  return { kind, val, expr, keyVar: undefined, valVar: '', s, e };
}

/** Go's unicode.IsSpace. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function trimLeft(s: string): string {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}

function trimRight(s: string): string {
  let e = s.length;
  while (e > 0 && isSpace(s.charCodeAt(e - 1))) e--;
  return e === s.length ? s : s.slice(0, e);
}

const KEYWORDS = ['if', 'for', 'else', 'endif', 'endfor'];

/** Levenshtein distance, for "Did you mean" suggestions as hclsyntax's nameSuggestion. */
function levenshtein(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

function nameSuggestion(given: string, suggestions: string[]): string {
  for (const s of suggestions) if (levenshtein(given, s) < 3) return s;
  return '';
}

function directiveFail(p: Parser, detail: string): void {
  if (!p.recovery) p.error("Invalid 'for' directive", detail, p.range(p.peek()));
  p.recover(T.TemplateSeqEnd);
  p.popNL();
}

/** Pass one: the flat list of parts up to the `end` token. */
function parseParts(p: Parser, end: T): { parts: Part[]; s: number; e: number } {
  const parts: Part[] = [];
  const startTok = p.peek();
  let ltrimNext = false;
  let nextCanTrimPrev = false;
  let endTok: number;
  for (;;) {
    const ni = p.read();
    const nt = p.type(ni);
    if (nt === end) {
      endTok = ni;
      break;
    }
    const ltrim = ltrimNext;
    ltrimNext = false;
    const canTrimPrev = nextCanTrimPrev;
    nextCanTrimPrev = false;
    if (nt === T.StringLit || nt === T.QuotedLit) {
      let str = decodeStringLit(p, ni, nt === T.QuotedLit);
      if (ltrim) str = trimLeft(str);
      parts.push(mkPart(P_LIT, p.ts(ni), p.te(ni), str));
      nextCanTrimPrev = true;
      continue;
    }
    const stripLeft = p.b.end[ni] - p.b.start[ni] === 3;
    if ((nt === T.TemplateInterp || nt === T.TemplateControl) && canTrimPrev && stripLeft && parts.length > 0) {
      const prev = parts[parts.length - 1];
      if (prev.kind === P_LIT) prev.val = trimRight(prev.val);
    }
    if (nt === T.TemplateInterp) {
      p.pushNL(false);
      const expr = parseExpr(p);
      const ci = p.peek();
      const ct = p.type(ci);
      if (ct !== T.TemplateSeqEnd) {
        if (!p.recovery) {
          if (ct === T.EOF) {
            p.error('Unclosed template interpolation sequence', 'There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.', p.range(startTok));
          } else if (ct === T.Colon) {
            p.error('Extra characters after interpolation expression', 'Template interpolation doesn\'t expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$${" instead of just "${".', p.range(ci), p.betweenTok(startTok, ci));
          } else if ((ct === T.CQuote || ct === T.OQuote) && end === T.CQuote) {
            p.error('Unclosed template interpolation sequence', 'There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.', p.range(startTok));
          } else {
            p.error('Extra characters after interpolation expression', 'Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".', p.range(ci), p.betweenTok(startTok, ci));
          }
        }
        p.recover(T.TemplateSeqEnd);
      } else {
        p.read();
        if (p.b.end[ci] - p.b.start[ci] === 2) ltrimNext = true;
      }
      p.popNL();
      parts.push(mkPart(P_INTERP, p.ts(ni), p.te(ci), '', expr));
      continue;
    }
    if (nt === T.TemplateControl) {
      p.pushNL(false);
      const kw = p.peek();
      if (p.type(kw) !== T.Ident) {
        if (!p.recovery) {
          p.error('Invalid template directive', 'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.', p.range(kw), p.rangeTok(ni, kw));
        }
        p.recover(T.TemplateSeqEnd);
        p.popNL();
        continue;
      }
      p.read();
      const word = p.text(kw);
      let ok = true;
      switch (word) {
        case 'if': {
          const cond = parseExpr(p);
          const part = directivePart(p, P_IF, ni);
          part.expr = cond;
          parts.push(part);
          break;
        }
        case 'else':
          parts.push(directivePart(p, P_ELSE, ni));
          break;
        case 'endif':
          parts.push(directivePart(p, P_ENDIF, ni));
          break;
        case 'endfor':
          parts.push(directivePart(p, P_ENDFOR, ni));
          break;
        case 'for': {
          if (p.peekType() !== T.Ident) {
            directiveFail(p, "For directive requires variable name after 'for'.");
            ok = false;
            break;
          }
          let keyVar: string | undefined;
          let valVar = p.text(p.read());
          if (p.peekType() === T.Comma) {
            keyVar = valVar;
            p.read();
            if (p.peekType() !== T.Ident) {
              directiveFail(p, 'For directive requires value variable name after comma.');
              ok = false;
              break;
            }
            valVar = p.text(p.read());
          }
          const ii = p.peek();
          if (!(p.type(ii) === T.Ident && p.text(ii) === 'in')) {
            directiveFail(p, "For directive requires 'in' keyword after names.");
            ok = false;
            break;
          }
          p.read();
          const coll = parseExpr(p);
          const part = directivePart(p, P_FOR, ni);
          part.expr = coll;
          part.keyVar = keyVar;
          part.valVar = valVar;
          parts.push(part);
          break;
        }
        default: {
          if (!p.recovery) {
            const sug = nameSuggestion(word, KEYWORDS);
            p.error('Invalid template control keyword', `${JSON.stringify(word)} is not a valid template control keyword.${sug ? ` Did you mean ${JSON.stringify(sug)}?` : ''}`, p.range(kw), p.rangeTok(ni, kw));
          }
          p.recover(T.TemplateSeqEnd);
          p.popNL();
          ok = false;
        }
      }
      if (!ok) continue;
      const ci = p.peek();
      if (p.type(ci) !== T.TemplateSeqEnd) {
        if (!p.recovery) {
          p.error(`Extra characters in ${word} marker`, 'Expected a closing brace to end the sequence, but found extra characters.', p.range(ci), p.betweenTok(startTok, ci));
        }
        p.recover(T.TemplateSeqEnd);
      } else {
        p.read();
        if (p.b.end[ci] - p.b.start[ci] === 2) ltrimNext = true;
      }
      p.popNL();
      continue;
    }
    if (!p.recovery) {
      p.error('Unterminated template string', 'No closing marker was found for the string.', p.range(ni), p.betweenTok(startTok, ni));
    }
    endTok = p.recover(end);
    break;
  }
  if (parts.length === 0) {
    const se = p.te(startTok);
    parts.push(mkPart(P_LIT, se, se, ''));
  }
  parts.push(mkPart(P_END, p.ts(endTok), p.te(endTok)));
  return { parts, s: Math.min(p.ts(startTok), p.ts(endTok)), e: Math.max(p.te(startTok), p.te(endTok)) };
}

/** A directive part from its `%{` token ni to the next token. */
function directivePart(p: Parser, kind: number, ni: number): Part {
  const ci = p.peek();
  return mkPart(kind, Math.min(p.ts(ni), p.ts(ci)), Math.max(p.te(ni), p.te(ci)));
}

/** Removes the common leading whitespace of a `<<-` heredoc's lines (hclsyntax's rule). */
function flushHeredoc(parts: Part[]): void {
  let minSpaces = Number.MAX_SAFE_INTEGER;
  let newline = true;
  const adjust: Part[] = [];
  for (const t of parts) {
    if (newline) {
      newline = false;
      let spaces = 0;
      if (t.kind === P_LIT) {
        const orig = t.val;
        const trimmed = trimLeft(orig);
        if (trimmed.length === 0 && orig.endsWith('\n')) {
          spaces = Number.MAX_SAFE_INTEGER;
        } else {
          spaces = countCodePoints(orig, orig.length - trimmed.length);
          adjust.push(t);
        }
      } else if (t.kind === P_END) {
        break;
      }
      if (spaces < minSpaces) minSpaces = spaces;
    }
    if (t.kind === P_LIT && t.val.endsWith('\n')) newline = true;
  }
  if (minSpaces === Number.MAX_SAFE_INTEGER) return;
  for (const t of adjust) {
    let units = 0;
    let bytes = 0;
    for (let k = 0; k < minSpaces && units < t.val.length; k++) {
      const c = t.val.charCodeAt(units);
      if (c >= 0xd800 && c <= 0xdbff) { units += 2; bytes += 4; }
      else { units += 1; bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3; }
    }
    // A \r\n counts as one grapheme cluster in Go's textseg.
    t.val = t.val.slice(units);
    // The stripped prefix is whitespace as written, so the offset moves by as many units.
    t.s += units;
  }
}

function countCodePoints(s: string, units: number): number {
  let n = 0;
  for (let k = 0; k < units; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff) k++;
    n++;
  }
  return n;
}

function meldLiterals(parts: Part[]): Part[] {
  let out: Part[] | undefined;
  for (let i = 1; i < parts.length; i++) {
    if (parts[i].kind === P_LIT && parts[i - 1].kind === P_LIT) {
      out = [];
      break;
    }
  }
  if (out === undefined) return parts;
  for (const t of parts) {
    const last = out[out.length - 1];
    if (t.kind === P_LIT && last !== undefined && last.kind === P_LIT) {
      last.val += t.val;
      last.e = t.e;
    } else {
      out.push(t);
    }
  }
  return out;
}

/** Parses a template's content up to `end`; `passthru` when it is exactly one interpolation. */
export function parseTemplateInner(p: Parser, end: T, flush: boolean): { parts: Expression[]; passthru: boolean; s: number; e: number } {
  const pr = parseParts(p, end);
  let parts = pr.parts;
  const { s, e } = pr;
  if (flush) flushHeredoc(parts);
  parts = meldLiterals(parts);
  const tp = new TemplateParser(p, parts);
  const base = p.itemTop;
  while (parts[tp.pos].kind !== P_END) p.pushItem(tp.parseExpr());
  const passthru = parts.length === 2 && parts[0].kind === P_INTERP;
  return { parts: p.takeItems<Expression>(base), passthru, s, e };
}

/** Parses a whole bare template (the tokens were scanned in template mode). */
export function parseBareTemplate(p: Parser): Expression {
  const { parts, passthru, s, e } = parseTemplateInner(p, T.EOF, false);
  if (passthru) return new TemplateWrapNode(p.ix, s, e, parts[0]);
  return new TemplateNode(p.ix, s, e, parts, false);
}

function lit(p: Parser, val: string, s: number, e: number): LiteralExpr {
  return new LiteralNode(p.ix, s, e, val, undefined);
}

/** A template of `parts` spanning from the first to the last. */
function templateOf(p: Parser, parts: Expression[]): TemplateNode {
  const a = parts[0];
  const b = parts[parts.length - 1];
  return new TemplateNode(p.ix, Math.min(startOf(a), startOf(b)), Math.max(endOf(a), endOf(b)), parts, false);
}

const END_NAMES = ['', '', '', '', 'else', 'endif', 'endfor'];

/** Pass two: matches directive parts into nested expressions. */
class TemplateParser {
  constructor(readonly p: Parser, readonly parts: Part[], public pos = 0) {}

  read(): Part {
    const t = this.parts[this.pos];
    if (t.kind !== P_END) this.pos++;
    return t;
  }

  parseExpr(): Expression {
    const t = this.parts[this.pos];
    switch (t.kind) {
      case P_LIT:
        this.pos++;
        return lit(this.p, t.val, t.s, t.e);
      case P_INTERP:
        this.pos++;
        return t.expr as Expression;
      case P_IF:
        return this.parseIf();
      case P_FOR:
        return this.parseFor();
      case P_END:
        this.read();
        this.p.error('Unexpected end of template', 'The control directives within this template are unbalanced.', this.p.span(t.s, t.e));
        return placeholder(this.p, t.s, t.e);
      default:
        this.read();
        this.p.error(`Unexpected ${END_NAMES[t.kind]} directive`, 'The control directives within this template are unbalanced.', this.p.span(t.s, t.e));
        return placeholder(this.p, t.s, t.e);
    }
  }

  parseIf(): Expression {
    const p = this.p;
    const open = this.read();
    const ifExprs: Expression[] = [];
    const elseExprs: Expression[] = [];
    let cur = ifExprs;
    let endif: Part;
    for (;;) {
      const next = this.parts[this.pos];
      if (next.kind === P_END) {
        p.error('Unexpected end of template', `The if directive at ${rangeString(p.span(open.s, open.e))} is missing its corresponding endif directive.`, p.span(next.s, next.e));
        return placeholder(p, next.s, next.e);
      }
      if (next.kind >= P_ELSE && next.kind <= P_ENDFOR) {
        this.read();
        if (next.kind === P_ELSE) {
          if (cur === ifExprs) {
            cur = elseExprs;
            continue;
          }
          p.error('Unexpected else directive', `Already in the else clause for the if started at ${rangeString(p.span(open.s, open.e))}.`, p.span(next.s, next.e));
        } else if (next.kind === P_ENDIF) {
          endif = next;
          break;
        } else {
          p.error(`Unexpected ${END_NAMES[next.kind]} directive`, `Expecting an endif directive for the if started at ${rangeString(p.span(open.s, open.e))}.`, p.span(next.s, next.e));
        }
        return placeholder(p, next.s, next.e);
      }
      cur.push(this.parseExpr());
    }
    if (ifExprs.length === 0) ifExprs.push(lit(p, '', open.e, open.e));
    if (elseExprs.length === 0) elseExprs.push(lit(p, '', endif.s, endif.s));
    return new ConditionalNode(
      p.ix, Math.min(open.s, endif.s), Math.max(open.e, endif.e),
      open.expr as Expression, templateOf(p, ifExprs), templateOf(p, elseExprs),
    );
  }

  parseFor(): Expression {
    const p = this.p;
    const open = this.read();
    const content: Expression[] = [];
    let endfor: Part;
    for (;;) {
      const next = this.parts[this.pos];
      if (next.kind === P_END) {
        p.error('Unexpected end of template', `The for directive at ${rangeString(p.span(open.s, open.e))} is missing its corresponding endfor directive.`, p.span(next.s, next.e));
        return placeholder(p, next.s, next.e);
      }
      if (next.kind >= P_ELSE && next.kind <= P_ENDFOR) {
        this.read();
        if (next.kind === P_ELSE) {
          p.error('Unexpected else directive', 'An else clause is not expected for a for directive.', p.span(next.s, next.e));
        } else if (next.kind === P_ENDFOR) {
          endfor = next;
          break;
        } else {
          p.error(`Unexpected ${END_NAMES[next.kind]} directive`, `Expecting an endfor directive corresponding to the for directive at ${rangeString(p.span(open.s, open.e))}.`, p.span(next.s, next.e));
        }
        return placeholder(p, next.s, next.e);
      }
      content.push(this.parseExpr());
    }
    if (content.length === 0) content.push(lit(p, '', open.e, open.e));
    const s = Math.min(open.s, endfor.s);
    const e = Math.max(open.e, endfor.e);
    const tuple = new ForNode(
      p.ix, s, e, open.keyVar, open.valVar, open.expr as Expression, undefined, templateOf(p, content), undefined, false,
      open.e, endfor.s,
    );
    return new TemplateJoinNode(p.ix, s, e, tuple);
  }
}

/**
 * A quoted string with no template sequences (block labels): its value and its span's offsets.
 * Recovers to the closing quote on problems.
 */
export function parseQuotedStringLiteral(p: Parser): [string, number, number] {
  const oq = p.read();
  if (p.type(oq) !== T.OQuote) {
    p.error('Invalid string literal', 'A quoted string is required here.', p.range(oq));
    return ['', p.ts(oq), p.te(oq)];
  }
  let ret = '';
  let endTok: number;
  for (;;) {
    const ti = p.read();
    const tt = p.type(ti);
    if (tt === T.CQuote) {
      endTok = ti;
      break;
    }
    if (tt === T.QuotedLit) {
      ret += decodeStringLit(p, ti, true);
      continue;
    }
    if (tt === T.TemplateControl || tt === T.TemplateInterp) {
      const which = tt === T.TemplateControl ? '%' : '$';
      p.error('Invalid string literal', `Template sequences are not allowed in this string. To include a literal ${JSON.stringify(which)}, double it (as "${which}${which}") to escape it.`, p.range(ti), p.rangeTok(oq, ti));
      ret += which + '{ ... }';
      p.recover(T.TemplateSeqEnd);
      continue;
    }
    if (tt === T.EOF) {
      p.error('Unterminated string literal', 'Unable to find the closing quote mark before the end of the file.', p.range(ti), p.rangeTok(oq, ti));
      endTok = ti;
      break;
    }
    p.error('Invalid string literal', 'This item is not valid in a string literal.', p.range(ti), p.rangeTok(oq, ti));
    p.recover(T.CQuote);
    endTok = ti;
    break;
  }
  return [ret, Math.min(p.ts(oq), p.ts(endTok)), Math.max(p.te(oq), p.te(endTok))];
}
