/**
 * Collection constructors of HCL's native syntax: tuples `[...]`, objects `{...}` (keys
 * as identifiers, strings or parenthesized expressions; `=` or `:`; commas or newlines) and
 * `for` expressions in both forms. Follows hclsyntax's parser.go and its diagnostics.
 */
import type { Expression, ObjectConsItem } from './ast.js';
import { ForNode, ObjectKeyNode, ObjectNode, TupleNode } from './ast-nodes.js';
import { Parser } from './parser.js';
import { parseExpr, placeholder } from './parser-expression.js';
import { TokenType as T } from './token.js';

/** True when token i is the identifier `kw` (HCL keywords are contextual identifiers). */
export function isKeyword(p: Parser, i: number, kw: string): boolean {
  const b = p.b;
  return b.type[i] === T.Ident && b.end[i] - b.start[i] === kw.length && p.src.startsWith(kw, b.start[i]);
}

/** `[a, b]` or `[for ...]`, with the peeker on the `[`. */
export function parseTupleCons(p: Parser): Expression {
  const open = p.read();
  p.pushNL(false);
  try {
    if (isKeyword(p, p.peek(), 'for')) return finishFor(p, open);
    const base = p.itemTop;
    let close: number;
    for (;;) {
      if (p.peekType() === T.CBrack) {
        close = p.read();
        break;
      }
      const before = p.diags.length;
      p.pushItem(parseExpr(p));
      if (p.recovery && p.diags.length > before) {
        close = p.recover(T.CBrack);
        break;
      }
      const ni = p.peek();
      const nt = p.type(ni);
      if (nt === T.CBrack) {
        close = p.read();
        break;
      }
      if (nt !== T.Comma) {
        if (!p.recovery) {
          if (nt === T.EOF) {
            p.error('Unterminated tuple constructor expression', 'There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.', p.range(open));
          } else {
            p.error('Missing item separator', 'Expected a comma to mark the beginning of the next item.', p.range(ni), p.rangeTok(open, ni));
          }
        }
        close = p.recover(T.CBrack);
        break;
      }
      p.read();
    }
    return new TupleNode(p.ix, p.ts(open), p.te(close), p.takeItems<Expression>(base));
  } finally {
    p.popNL();
  }
}

/** `{ k = v }` or `{for ...}`, with the peeker on the `{`. */
export function parseObjectCons(p: Parser): Expression {
  const open = p.read();
  p.pushNL(false);
  const isFor = isKeyword(p, p.peek(), 'for');
  p.popNL();
  if (isFor) return finishFor(p, open);
  p.pushNL(true);
  const base = p.itemTop;
  let close: number;
  const UNTERMINATED = 'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.';
  for (;;) {
    const ni = p.peek();
    const nt = p.type(ni);
    if (nt === T.Newline) {
      p.read();
      continue;
    }
    if (nt === T.CBrace) {
      close = p.read();
      break;
    }
    const forceNonLiteral = nt === T.OParen;
    const before = p.diags.length;
    const keyInner = parseExpr(p);
    if (p.recovery && p.diags.length > before) {
      close = p.recover(T.CBrace);
      break;
    }
    const key: Expression = new ObjectKeyNode(keyInner, forceNonLiteral);
    const si = p.peek();
    const st = p.type(si);
    if (st !== T.Equal && st !== T.Colon) {
      if (!p.recovery) {
        if (st === T.Newline || st === T.Comma) {
          p.error('Missing attribute value', 'Expected an attribute value, introduced by an equals sign ("=").', p.range(si), p.rangeTok(open, si));
        } else if (st === T.Ident) {
          p.error('Missing key/value separator', 'Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.', p.range(si), p.rangeTok(open, si));
        } else if (st === T.EOF) {
          p.error('Unterminated object constructor expression', UNTERMINATED, p.range(open));
        } else {
          p.error('Missing key/value separator', 'Expected an equals sign ("=") to mark the beginning of the attribute value.', p.range(si), p.rangeTok(open, si));
        }
      }
      close = p.recover(T.CBrace);
      break;
    }
    p.read();
    const b2 = p.diags.length;
    const value = parseExpr(p);
    if (p.recovery && p.diags.length > b2) {
      close = p.recover(T.CBrace);
      break;
    }
    const item: ObjectConsItem = { key, value };
    p.pushItem(item);
    const ei = p.peek();
    const et = p.type(ei);
    if (et === T.CBrace) {
      close = p.read();
      break;
    }
    if (et !== T.Comma && et !== T.Newline) {
      if (!p.recovery) {
        if (et === T.EOF) {
          p.error('Unterminated object constructor expression', UNTERMINATED, p.range(open));
        } else {
          p.error('Missing attribute separator', 'Expected a newline or comma to mark the beginning of the next attribute.', p.range(ei), p.rangeTok(open, ei));
        }
      }
      close = p.recover(T.CBrace);
      break;
    }
    p.read();
  }
  p.popNL();
  return new ObjectNode(p.ix, p.ts(open), p.te(close), p.takeItems<ObjectConsItem>(base));
}

function forFail(p: Parser, open: number, closeType: T, detail: string): Expression {
  if (!p.recovery) {
    const ni = p.peek();
    p.error("Invalid 'for' expression", detail, p.range(ni), p.rangeTok(open, ni));
  }
  const close = p.recover(closeType);
  return placeholder(p, p.ts(open), p.te(close));
}

function finishFor(p: Parser, open: number): Expression {
  p.pushNL(false);
  try {
    p.read(); // `for`
    const makeObj = p.type(open) === T.OBrace;
    const closeType = makeObj ? T.CBrace : T.CBrack;
    if (p.peekType() !== T.Ident) return forFail(p, open, closeType, "For expression requires variable name after 'for'.");
    let keyVar: string | undefined;
    let valVar = p.text(p.read());
    if (p.peekType() === T.Comma) {
      keyVar = valVar;
      p.read();
      if (p.peekType() !== T.Ident) return forFail(p, open, closeType, 'For expression requires value variable name after comma.');
      valVar = p.text(p.read());
    }
    if (!isKeyword(p, p.peek(), 'in')) return forFail(p, open, closeType, "For expression requires the 'in' keyword after its name declarations.");
    p.read();
    let before = p.diags.length;
    const collExpr = parseExpr(p);
    if (p.recovery && p.diags.length > before) {
      const close = p.recover(closeType);
      return placeholder(p, p.ts(open), p.te(close));
    }
    if (p.peekType() !== T.Colon) return forFail(p, open, closeType, 'For expression requires a colon after the collection expression.');
    p.read();
    before = p.diags.length;
    let keyExpr: Expression | undefined;
    let valExpr = parseExpr(p);
    if (p.peekType() === T.FatArrow) {
      p.read();
      keyExpr = valExpr;
      valExpr = parseExpr(p);
    }
    if (p.recovery && p.diags.length > before) {
      const close = p.recover(closeType);
      return placeholder(p, p.ts(open), p.te(close));
    }
    let group = false;
    let ellipsis = -1;
    if (p.peekType() === T.Ellipsis) {
      ellipsis = p.read();
      group = true;
    }
    let condExpr: Expression | undefined;
    if (isKeyword(p, p.peek(), 'if')) {
      p.read();
      before = p.diags.length;
      condExpr = parseExpr(p);
      if (p.recovery && p.diags.length > before) {
        const close = p.recover(closeType);
        return placeholder(p, p.ts(open), p.te(close));
      }
    }
    let close: number;
    if (p.peekType() === closeType) {
      close = p.read();
    } else {
      if (!p.recovery) {
        const ni = p.peek();
        p.error("Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", p.range(ni), p.rangeTok(open, ni));
      }
      close = p.recover(closeType);
    }
    if (!makeObj) {
      if (keyExpr !== undefined) {
        p.error("Invalid 'for' expression", 'Key expression is not valid when building a tuple.', keyExpr.range, p.rangeTok(open, close));
      }
      if (group) {
        p.error("Invalid 'for' expression", 'Grouping ellipsis (...) cannot be used when building a tuple.', p.range(ellipsis), p.rangeTok(open, close));
      }
    } else if (keyExpr === undefined) {
      p.error("Invalid 'for' expression", 'Key expression is required when building an object.', valExpr.range, p.rangeTok(open, close));
    }
    return new ForNode(p.ix, p.ts(open), p.te(close), keyVar, valVar, collExpr, keyExpr, valExpr, condExpr, group, p.te(open), p.ts(close));
  } finally {
    p.popNL();
  }
}
