/**
 * Bodies, attributes and blocks of HCL's native syntax, with hclsyntax's rules and
 * diagnostics: one item per line, one-line blocks holding at most one attribute,
 * duplicate attributes reported as "Attribute redefined".
 */
import { SmallMap } from './small-map.js';
import type { Attribute, Block, Body, Expression } from './ast.js';
import type { Range } from './diagnostic.js';
import { AttributeNode, BlockNode, BodyNode } from './ast-nodes.js';
import { Parser } from './parser.js';
import { parseExpr } from './parser-expression.js';
import { parseQuotedStringLiteral } from './parser-template.js';
import { TokenType as T } from './token.js';

const ARG_REQUIRED = 'Argument or block definition required';
const UNCLOSED_BLOCK_DETAIL =
  'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.';

/** Parses body items until the `end` token (CBrace for blocks, EOF for a file). */
export function parseBody(p: Parser, end: T): Body {
  const attributes = new SmallMap<string, Attribute>();
  // Blocks collect on the parser's stack (nested bodies use it above us) so the body gets
  // one right-sized array.
  const base = p.blockTop;
  const startTok = p.prev();
  let endTok: number;
  const type = p.b.type;
  for (;;) {
    const ni = p.peek();
    const nt = type[ni];
    if (nt === end) {
      endTok = ni;
      p.read();
      break;
    }
    if (nt === T.Newline) {
      p.read();
      continue;
    }
    if (nt === T.Ident) {
      const item = parseBodyItem(p);
      if (item === undefined) continue;
      if ('expr' in item) {
        const existing = attributes.get(item.name);
        if (existing !== undefined) {
          p.error(
            'Attribute redefined',
            `The argument ${JSON.stringify(item.name)} was already set at ${rangeString(existing.nameRange)}. Each argument may be set only once.`,
            item.nameRange,
          );
        } else {
          attributes.set(item.name, item);
        }
      } else {
        p.blockBuf[p.blockTop++] = item;
      }
      continue;
    }
    const bad = p.read();
    if (!p.recovery) {
      const bt = type[bad];
      if (bt === T.OQuote) {
        p.error('Invalid argument name', 'Argument names must not be quoted.', p.range(bad));
      } else if (bt === T.EOF) {
        if (end === T.CBrace) p.error('Unclosed configuration block', UNCLOSED_BLOCK_DETAIL, p.range(startTok));
        else p.error('Unclosed configuration body', 'Found end of file before the end of this configuration body.', p.range(startTok));
      } else {
        p.error(ARG_REQUIRED, 'An argument or block definition is required here.', p.range(bad));
      }
    }
    endTok = p.prev();
    p.recover(end);
    break;
  }
  const ee = p.te(endTok);
  const blocks = p.blockTop === base ? [] : p.blockBuf.slice(base, p.blockTop);
  p.blockTop = base;
  return new BodyNode(p.ix, Math.min(p.ts(startTok), p.ts(endTok)), Math.max(p.te(startTok), ee), attributes, blocks, ee, ee);
}

/** hcl.Range's String(): `file:line,col-col` or `file:line,col-line,col`. */
export function rangeString(r: Range): string {
  if (r.start.line === r.end.line) return `${r.filename}:${r.start.line},${r.start.column}-${r.end.column}`;
  return `${r.filename}:${r.start.line},${r.start.column}-${r.end.line},${r.end.column}`;
}

function parseBodyItem(p: Parser): Attribute | Block | undefined {
  const ident = p.read();
  const nt = p.peekType();
  if (nt === T.Equal) return finishAttribute(p, ident, false);
  if (nt === T.OQuote || nt === T.OBrace || nt === T.Ident) return finishBlock(p, ident);
  p.recoverAfterBodyItem();
  p.error(
    ARG_REQUIRED,
    'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
    p.range(ident),
  );
  return undefined;
}

function finishAttribute(p: Parser, ident: number, singleLine: boolean): AttributeNode {
  const eq = p.read();
  const before = p.diags.length;
  const expr: Expression = parseExpr(p);
  let endTok = p.prev();
  if (p.recovery && p.diags.length > before) {
    p.recoverAfterBodyItem();
  } else {
    if (!singleLine) {
      const e = p.peek();
      const et = p.type(e);
      if (et !== T.Newline && et !== T.EOF) {
        if (!p.recovery) {
          let summary = 'Missing newline after argument';
          let detail = 'An argument definition must end with a newline.';
          if (et === T.Comma) {
            summary = 'Unexpected comma after argument';
            detail = 'Argument definitions must be separated by newlines, not commas. ' + detail;
          }
          p.error(summary, detail, p.range(e), p.rangeTok(ident, e));
        }
        endTok = p.prev();
        p.recoverAfterBodyItem();
      } else {
        endTok = p.prev();
        p.read();
      }
    }
  }
  const s = Math.min(p.ts(ident), p.ts(endTok));
  const e = Math.max(p.te(ident), p.te(endTok));
  return new AttributeNode(p.ix, s, e, p.name(ident), expr, p.ts(eq));
}

function placeholderBlock(p: Parser, ident: number, labels: string[], labelSpans: number[]): Block {
  const s = p.ts(ident);
  const e = p.te(ident);
  const body = new BodyNode(p.ix, s, e, new Map(), [], s, e);
  return new BlockNode(p.ix, s, e, p.name(ident), labels, body, labelSpans, s, e, s, e);
}

function finishBlock(p: Parser, ident: number): Block {
  // Labels are few: gather them in reused scratch arrays and copy out right-sized ones.
  const labels = p.labelBuf;
  const labelSpans = p.spanBuf;
  labels.length = 0;
  labelSpans.length = 0;
  let oBrace: number;
  for (;;) {
    const ti = p.peek();
    const tt = p.type(ti);
    if (tt === T.OBrace) {
      oBrace = p.read();
      break;
    }
    if (tt === T.OQuote) {
      const [label, ls, le] = parseQuotedStringLiteral(p);
      labels.push(label);
      labelSpans.push(ls, le);
      continue;
    }
    if (tt === T.Ident) {
      p.read();
      labels.push(p.text(ti));
      labelSpans.push(p.ts(ti), p.te(ti));
      continue;
    }
    if (tt === T.Equal) {
      p.error(
        'Invalid block definition',
        'The equals sign "=" indicates an argument definition, and must not be used when defining a block.',
        p.range(ti), p.rangeTok(ident, ti),
      );
    } else if (tt === T.Newline) {
      p.error(
        'Invalid block definition',
        'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
        p.range(ti), p.rangeTok(ident, ti),
      );
    } else if (!p.recovery) {
      p.error(
        'Invalid block definition',
        'Either a quoted string block label or an opening brace ("{") is expected here.',
        p.range(ti), p.rangeTok(ident, ti),
      );
    }
    p.recoverAfterBodyItem();
    return placeholderBlock(p, ident, labels.slice(), labelSpans.slice());
  }

  const labelsOut = labels.length === 0 ? [] : labels.slice();
  const spansOut = labelSpans.length === 0 ? [] : labelSpans.slice();
  let body: Body | undefined;
  const nt = p.peekType();
  if (nt === T.Newline || nt === T.EOF || nt === T.CBrace) {
    body = parseBody(p, T.CBrace);
  } else {
    const b0 = p.diags.length;
    body = parseSingleAttrBody(p);
    const b1 = p.diags.length;
    const ci = p.peek();
    switch (p.type(ci)) {
      case T.CBrace:
        p.read();
        break;
      case T.Comma:
        p.error(
          'Invalid single-argument block definition',
          'Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.',
          p.range(ci),
        );
        p.recover(T.CBrace);
        break;
      case T.Newline:
        p.error(
          'Invalid single-argument block definition',
          "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
          p.range(ci),
        );
        p.recover(T.CBrace);
        break;
      default:
        if (!p.recovery) {
          if (p.type(ci) === T.EOF) {
            p.error('Unclosed configuration block', UNCLOSED_BLOCK_DETAIL, p.range(oBrace), p.rangeTok(ident, oBrace));
          } else {
            p.error(
              'Invalid single-argument block definition',
              'A single-line block definition must end with a closing brace immediately after its single argument definition.',
              p.range(ci),
            );
          }
        }
        p.recover(T.CBrace);
    }
    if (b1 > b0 && p.diags.length > b1) {
      // hclsyntax reports the closing problems before the attribute's own errors.
      const d = p.diags;
      p.diags = d.slice(0, b0).concat(d.slice(b1), d.slice(b0, b1));
    }
  }
  const cBrace = p.prev();

  const eol = p.peek();
  const et = p.type(eol);
  if (et === T.Newline || et === T.EOF) {
    p.read();
  } else {
    if (!p.recovery) {
      p.error('Missing newline after block definition', 'A block definition must end with a newline.', p.range(eol), p.rangeTok(ident, eol));
    }
    p.recoverAfterBodyItem();
  }
  const os = p.ts(oBrace);
  const oe = p.te(oBrace);
  const cs = p.ts(cBrace);
  const ce = p.te(cBrace);
  if (body === undefined) {
    body = new BodyNode(p.ix, Math.min(os, cs), Math.max(oe, ce), new Map(), [], cs, ce);
  }
  const s = Math.min(p.ts(ident), cs);
  const e = Math.max(p.te(ident), ce);
  return new BlockNode(p.ix, s, e, p.name(ident), labelsOut, body, spansOut, os, oe, cs, ce);
}

/** The body of a one-line block `a { b = 1 }`: exactly one attribute. */
function parseSingleAttrBody(p: Parser): Body | undefined {
  const ident = p.read();
  if (p.type(ident) !== T.Ident) {
    p.recoverAfterBodyItem();
    p.error(ARG_REQUIRED, 'An argument or block definition is required here.', p.range(ident));
    return undefined;
  }
  const ni = p.peek();
  const nt = p.type(ni);
  if (nt === T.Equal) {
    const attr = finishAttribute(p, ident, true);
    const attributes = new SmallMap<string, Attribute>();
    attributes.set(attr.name, attr);
    return new BodyNode(p.ix, attr.s, attr.e, attributes, [], attr.e, attr.e);
  }
  p.recoverAfterBodyItem();
  if (nt === T.OQuote || nt === T.OBrace || nt === T.Ident) {
    p.error(
      'Argument definition required',
      `A single-line block definition can contain only a single argument. If you meant to define argument ${JSON.stringify(p.text(ident))}, use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.`,
      p.rangeTok(ident, ni),
    );
  } else {
    p.error(
      ARG_REQUIRED,
      'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
      p.range(ident),
    );
  }
  return undefined;
}
