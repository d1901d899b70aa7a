/**
 * Expressions of HCL's native syntax: conditionals, binary operators by precedence,
 * unary operators, terms (literals, templates, variables, function calls, tuples, objects,
 * `for` expressions) and their traversals, indexes and splats. Follows hclsyntax's
 * parser.go, including its error recovery and diagnostics.
 */
import type { AnonSymbolExpr, BinaryOp, Expression, LiteralExpr, Traverser } from './ast.js';
import {
  AnonSymbolNode, AttrStep, BinaryOpNode, ConditionalNode, FunctionCallNode, IndexNode, IndexStep, LiteralNode,
  ParensNode, RelativeTraversalNode, ScopeTraversalNode, SplatNode, TemplateNode, TemplateWrapNode,
  UnaryOpNode, endOf, startOf,
} from './ast-nodes.js';
import { Parser } from './parser.js';
import { parseObjectCons, parseTupleCons } from './parser-collection.js';
import { decodeStringLit } from './parser-string.js';
import { parseTemplateInner } from './parser-template.js';
import { TokenType as T } from './token.js';

let anonId = 0;

/** The steps of a bare name; frozen because it is shared (flushSteps replaces, never pushes). */
const NO_STEPS = Object.freeze([]) as unknown as Traverser[];

/** A literal standing in for an expression that failed to parse, over offsets [s, e). */
export function placeholder(p: Parser, s: number, e: number): LiteralExpr {
  return new LiteralNode(p.ix, s, e, null, undefined);
}

/** Parses one expression (hclsyntax's ParseExpression). */
export function parseExpr(p: Parser): Expression {
  const startIdx = p.peek();
  const before = p.diags.length;
  const cond = parseBinary(p, 1);
  if (p.recovery && p.diags.length > before) return cond;
  const qi = p.peek();
  if (p.type(qi) !== T.Question) return cond;
  p.read();
  const b2 = p.diags.length;
  const trueResult = parseExpr(p);
  if (p.recovery && p.diags.length > b2) return cond;
  const ci = p.peek();
  if (p.type(ci) !== T.Colon) {
    p.error(
      'Missing false expression in conditional',
      'The conditional operator (...?...:...) requires a false expression, delimited by a colon.',
      p.range(ci), p.rangeTok(startIdx, ci),
    );
    return cond;
  }
  p.read();
  const b3 = p.diags.length;
  const falseResult = parseExpr(p);
  if (p.recovery && p.diags.length > b3) return cond;
  return new ConditionalNode(p.ix, p.ts(startIdx), endOf(falseResult), cond, trueResult, falseResult);
}

/** Binary operator precedence by token type: 1 = `||` ... 6 = `* / %`; 0 = not an operator. */
const PREC = new Uint8Array(256);
const OPS: BinaryOp[] = new Array<BinaryOp>(256);
function defOp(t: T, prec: number, op: BinaryOp): void {
  PREC[t] = prec;
  OPS[t] = op;
}
defOp(T.Or, 1, '||');
defOp(T.And, 2, '&&');
defOp(T.EqualOp, 3, '==');
defOp(T.NotEqual, 3, '!=');
defOp(T.GreaterThan, 4, '>');
defOp(T.GreaterThanEq, 4, '>=');
defOp(T.LessThan, 4, '<');
defOp(T.LessThanEq, 4, '<=');
defOp(T.Plus, 5, '+');
defOp(T.Minus, 5, '-');
defOp(T.Star, 6, '*');
defOp(T.Slash, 6, '/');
defOp(T.Percent, 6, '%');

/**
 * Binary operators by precedence climbing; all are left-associative, which gives the same
 * trees as hclsyntax's one-function-per-level recursion.
 */
function parseBinary(p: Parser, minPrec: number): Expression {
  const before = p.diags.length;
  let lhs = parseTraversals(p, parseTerm(p));
  if (p.recovery && p.diags.length > before) return lhs;
  for (;;) {
    const t = p.peekType();
    const prec = PREC[t];
    if (prec === 0 || prec < minPrec) return lhs;
    p.read();
    const b2 = p.diags.length;
    const rhs = parseBinary(p, prec + 1);
    if (p.recovery && p.diags.length > b2) return lhs;
    lhs = binary(p, OPS[t], lhs, rhs);
  }
}

function binary(p: Parser, op: BinaryOp, lhs: Expression, rhs: Expression): Expression {
  return new BinaryOpNode(p.ix, Math.min(startOf(lhs), startOf(rhs)), Math.max(endOf(lhs), endOf(rhs)), op, lhs, rhs);
}

function invalidLegacyIndex(p: Parser, numTok: number, splat: boolean, subject: number): void {
  const text = p.text(numTok);
  const dot = text.indexOf('.');
  const first = text.slice(0, dot);
  const second = text.slice(dot + 1);
  p.error(
    'Invalid legacy index syntax',
    splat
      ? `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax with a full splat expression [*] instead, like [${first}][${second}].`
      : `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [${first}][${second}].`,
    p.range(subject),
  );
}

/**
 * Attaches the static steps parsed since `base` (held on the parser's step stack, so that
 * each traversal gets one right-sized array) to `expr`: appended to a traversal, or the
 * start of a relative traversal.
 */
function flushSteps(p: Parser, expr: Expression, base: number): Expression {
  const top = p.stepTop;
  if (top === base) return expr;
  const add = p.stepBuf.slice(base, top);
  p.stepTop = base;
  const s = startOf(add[0]);
  const e = endOf(add[add.length - 1]);
  if (expr.kind === 'scopeTraversal' || expr.kind === 'relativeTraversal') {
    const t = expr as ScopeTraversalNode | RelativeTraversalNode;
    t.steps = t.steps.length === 0 ? add : t.steps.concat(add);
    if (s < t.s) t.s = s;
    if (e > t.e) t.e = e;
    return expr;
  }
  return new RelativeTraversalNode(p.ix, Math.min(startOf(expr), s), Math.max(endOf(expr), e), expr, add);
}

/** The value of a number literal token, diagnosing malformed ones (`1.2.3`). */
export function numberValue(p: Parser, tok: number): number {
  const raw = p.text(tok);
  const v = Number(raw);
  if (Number.isNaN(v)) {
    p.error('Invalid number literal', 'Failed to recognize the value of this number literal.', p.range(tok));
    return 0;
  }
  return v;
}

function anon(p: Parser, s: number, e: number): AnonSymbolExpr {
  return new AnonSymbolNode(p.ix, s, e, ++anonId);
}

/** Parses `.attr`, `.0`, `[key]`, `.*` and `[*]` steps after `from`. */
export function parseTraversals(p: Parser, from: Expression): Expression {
  let ret = from;
  const base = p.stepTop;
  for (;;) {
    const ni = p.peek();
    const nt = p.type(ni);
    if (nt === T.Dot) {
      const dot = p.read();
      const ai = p.peek();
      const at = p.type(ai);
      if (at === T.Ident) {
        p.read();
        const s = p.ts(dot);
        const e = p.te(ai);
        p.pushStep(new AttrStep(p.ix, s, e, p.name(ai)));
      } else if (at === T.NumberLit) {
        p.read();
        const s = p.ts(dot);
        const e = p.te(ai);
        if (p.text(ai).indexOf('.') >= 0) {
          invalidLegacyIndex(p, ai, false, ai);
          p.pushStep(new IndexStep(p.ix, s, e, 0));
        } else {
          p.pushStep(new IndexStep(p.ix, s, e, numberValue(p, ai)));
        }
      } else if (at === T.Star) {
        ret = flushSteps(p, ret, base);
        const marker = p.read();
        const steps: Traverser[] = [];
        const first = p.peek();
        const firstS = p.ts(first);
        const firstE = p.te(first);
        let lastS = p.ts(marker);
        let lastE = p.te(marker);
        let bad = false;
        while (p.peekType() === T.Dot) {
          const d2 = p.read();
          const ki = p.peek();
          const kt = p.type(ki);
          if (kt === T.NumberLit) {
            p.read();
            if (p.text(ki).indexOf('.') >= 0) {
              invalidLegacyIndex(p, ki, true, ai); // hclsyntax points at the `*`
              steps.push(new IndexStep(p.ix, p.ts(d2), p.te(ki), 0));
            } else {
              steps.push(new IndexStep(p.ix, p.ts(d2), p.te(ki), numberValue(p, ki)));
            }
            lastS = p.ts(ki);
            lastE = p.te(ki);
            continue;
          }
          if (kt !== T.Ident) {
            if (!p.recovery) {
              if (kt === T.Star) {
                p.error('Nested splat expression not allowed', 'A splat expression (*) cannot be used inside another attribute-only splat expression.', p.range(ki));
              } else {
                p.error('Invalid attribute name', 'An attribute name is required after a dot.', p.range(ai));
              }
            }
            p.recovery = true;
            bad = true;
            break;
          }
          p.read();
          steps.push(new AttrStep(p.ix, p.ts(d2), p.te(ki), p.name(ki)));
          lastS = p.ts(ki);
          lastE = p.te(ki);
        }
        if (bad) continue;
        const ms = p.ts(dot);
        const me = p.te(marker);
        const item = anon(p, ms, me);
        const each: Expression = steps.length === 0
          ? item
          : new RelativeTraversalNode(p.ix, Math.min(firstS, lastS), Math.max(firstE, lastE), item, steps);
        ret = new SplatNode(p.ix, Math.min(startOf(from), lastS), Math.max(endOf(from), lastE), ret, each, item, true, ms, me);
      } else {
        p.error('Invalid attribute name', 'An attribute name is required after a dot.', p.range(ai));
        ret = flushSteps(p, ret, base);
        ret = placeholder(p, Math.min(startOf(from), p.ts(dot)), Math.max(endOf(from), p.te(dot)));
        p.recovery = true;
      }
      continue;
    }
    if (nt === T.OBrack) {
      const open = p.read();
      if (p.peekType() === T.Star) {
        ret = flushSteps(p, ret, base);
        p.read();
        let close = p.read();
        if (p.type(close) !== T.CBrack && !p.recovery) {
          // hclsyntax's subject aliases the token variable that recovery then overwrites,
          // so the error points at where recovery stopped; we match it.
          close = p.recover(T.CBrack);
          p.error('Missing close bracket on splat index', 'The star for a full splat operator must be immediately followed by a closing bracket ("]").', p.range(close));
        }
        const ms = p.ts(open);
        const me = p.te(close);
        const item = anon(p, ms, me);
        const each = parseTraversals(p, item);
        const s = Math.min(startOf(from), startOf(each));
        const e = Math.max(endOf(from), endOf(each));
        ret = new SplatNode(p.ix, s, e, ret, each, item, false, ms, me);
        continue;
      }
      p.pushNL(false);
      const before = p.diags.length;
      const key = parseExpr(p);
      let close: number;
      if (p.recovery && p.diags.length > before) {
        close = p.recover(T.CBrack);
      } else {
        close = p.read();
        if (p.type(close) !== T.CBrack && !p.recovery) {
          close = p.recover(T.CBrack); // see the splat case above for the subject
          p.error('Missing close bracket on index', 'The index operator must end with a closing bracket ("]").', p.range(close));
        }
      }
      p.popNL();
      const rs = p.ts(open);
      const re = p.te(close);
      let litKey: string | number | undefined;
      if (key.kind === 'literal') {
        if (typeof key.value === 'number' || typeof key.value === 'string') litKey = key.value;
      } else if (key.kind === 'template' && key.parts.length === 1 && key.parts[0].kind === 'literal') {
        const v = key.parts[0].value;
        if (typeof v === 'string') litKey = v;
      }
      if (litKey !== undefined) {
        p.pushStep(new IndexStep(p.ix, rs, re, litKey));
      } else {
        ret = flushSteps(p, ret, base);
        ret = new IndexNode(p.ix, Math.min(startOf(from), rs), Math.max(endOf(from), re), ret, key, rs);
      }
      continue;
    }
    return flushSteps(p, ret, base);
  }
}

/** Parses a term: the operand of operators, before any traversal steps. */
function parseTerm(p: Parser): Expression {
  const si = p.peek();
  switch (p.type(si)) {
    case T.Ident: {
      p.read();
      const nt = p.peekType();
      if (nt === T.OParen || nt === T.DoubleColon) return finishFunctionCall(p, si);
      const b = p.b;
      const s = b.start[si];
      const e = b.end[si];
      const len = e - s;
      const src = p.src;
      if (len === 4 && src.startsWith('true', s)) return new LiteralNode(p.ix, s, e, true, undefined);
      if (len === 5 && src.startsWith('false', s)) return new LiteralNode(p.ix, s, e, false, undefined);
      if (len === 4 && src.startsWith('null', s)) return new LiteralNode(p.ix, s, e, null, undefined);
      return new ScopeTraversalNode(p.ix, s, e, p.name(si), NO_STEPS);
    }
    case T.NumberLit: {
      p.read();
      const value = numberValue(p, si);
      return new LiteralNode(p.ix, p.ts(si), p.te(si), value, p.text(si));
    }
    case T.OQuote:
    case T.OHeredoc: {
      p.read();
      const heredoc = p.type(si) === T.OHeredoc;
      const li = p.i;
      if (!heredoc && p.b.type[li] === T.QuotedLit && p.b.type[li + 1] === T.CQuote) {
        // Fast path for the most common template: a plain quoted string.
        const value = decodeStringLit(p, li, true);
        p.i = li + 2;
        const part = new LiteralNode(p.ix, p.ts(li), p.te(li), value, undefined);
        return new TemplateNode(p.ix, p.ts(si), p.te(li + 1), [part], false);
      }
      const closer = heredoc ? T.CHeredoc : T.CQuote;
      const flush = heredoc && p.src.charCodeAt(p.b.start[si] + 2) === 45;
      const { parts, passthru } = parseTemplateInner(p, closer, flush);
      const s = p.ts(si);
      const e = p.te(p.prev());
      if (passthru) return new TemplateWrapNode(p.ix, s, e, parts[0]);
      return new TemplateNode(p.ix, s, e, parts, heredoc);
    }
    case T.OParen: {
      p.read();
      p.pushNL(false);
      const before = p.diags.length;
      const expr = parseExpr(p);
      if (p.diags.length > before) {
        p.recover(T.CParen);
        p.popNL();
        return expr;
      }
      const ci = p.peek();
      if (p.type(ci) !== T.CParen) {
        p.error('Unbalanced parentheses', 'Expected a closing parenthesis to terminate the expression.', p.range(ci), p.rangeTok(si, ci));
        p.recovery = true;
      }
      const cp = p.read();
      p.popNL();
      return new ParensNode(p.ix, p.ts(si), p.te(cp), expr);
    }
    case T.Minus:
    case T.Bang: {
      p.read();
      const operand = parseTraversals(p, parseTerm(p));
      return new UnaryOpNode(p.ix, p.ts(si), endOf(operand), p.type(si) === T.Minus ? '-' : '!', operand);
    }
    case T.OBrack:
      return parseTupleCons(p);
    case T.OBrace:
      return parseObjectCons(p);
    default: {
      if (!p.recovery) {
        if (p.type(si) === T.EOF) {
          p.error('Missing expression', 'Expected the start of an expression, but found the end of the file.', p.range(si));
        } else {
          p.error('Invalid expression', 'Expected the start of an expression, but found an invalid expression token.', p.range(si));
        }
      }
      p.recovery = true;
      return placeholder(p, p.ts(si), p.te(si));
    }
  }
}

function finishFunctionCall(p: Parser, name: number): Expression {
  let open = p.read();
  let nameStr = p.text(name);
  let nameEnd = name;
  while (p.type(open) === T.DoubleColon) {
    const next = p.read();
    if (p.type(next) !== T.Ident) {
      p.error('Missing function name', 'Function scope resolution symbol :: must be followed by a function name in this scope.', p.range(next), p.rangeTok(name, next));
      p.recoverOver(T.OParen);
      return placeholder(p, p.ts(name), p.te(next));
    }
    nameStr = nameStr + '::' + p.text(next);
    nameEnd = next;
    open = p.read();
  }
  if (p.type(open) !== T.OParen) {
    p.error('Missing open parenthesis', 'Function selector must be followed by an open parenthesis to begin the function call.', p.range(open), p.rangeTok(name, open));
    p.recoverOver(T.OParen);
    return placeholder(p, p.ts(name), p.te(open));
  }
  const base = p.itemTop;
  let expandFinal = false;
  let close = -1;
  p.pushNL(false);
  for (;;) {
    if (p.peekType() === T.CParen) {
      close = p.read();
      break;
    }
    const before = p.diags.length;
    const arg = parseExpr(p);
    p.pushItem(arg);
    if (p.recovery && p.diags.length > before) {
      const r = p.recover(T.CParen);
      if (p.type(r) === T.CParen) close = r;
      break;
    }
    const sep = p.read();
    const st = p.type(sep);
    if (st === T.CParen) {
      close = sep;
      break;
    }
    if (st === T.Ellipsis) {
      expandFinal = true;
      if (p.peekType() !== T.CParen) {
        if (!p.recovery) {
          p.error('Missing closing parenthesis', 'An expanded function argument (with ...) must be immediately followed by closing parentheses.', p.range(sep), p.rangeTok(name, sep));
        }
        close = p.recover(T.CParen);
      } else {
        close = p.read();
      }
      break;
    }
    if (st !== T.Comma) {
      if (st === T.EOF) {
        p.error('Unterminated function call', 'There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.', p.rangeTok(name, open));
      } else {
        p.error('Missing argument separator', 'A comma is required to separate each function argument from the next.', p.range(sep), p.rangeTok(name, sep));
      }
      close = p.recover(T.CParen);
      break;
    }
    if (p.peekType() === T.CParen) {
      close = p.read();
      break;
    }
  }
  p.popNL();
  // A call cut short by recovery has no closing parenthesis; Go leaves a zero range there.
  const closeTok = close >= 0 ? close : p.prev();
  const cs = p.ts(closeTok);
  const ce = p.te(closeTok);
  const ne = p.te(nameEnd);
  const s = Math.min(p.ts(name), cs);
  return new FunctionCallNode(p.ix, s, Math.max(ne, ce), nameStr, p.takeItems<Expression>(base), expandFinal, ne, p.ts(open), cs, ce);
}
