/**
 * Expressions of HCL's native syntax: conditionals, binary operators by precedence,
 * unary operators, terms (literals, templates, variables, function calls, tuples, objects,
 * `for` expressions) and their traversals, indexes and splats. Follows hclsyntax's
 * parser.go, including its error recovery and diagnostics.
 */
import type {
  AnonSymbolExpr, BinaryOp, Expression, LiteralExpr, ScopeTraversalExpr,
  RelativeTraversalExpr, Traverser,
} from './ast.js';
import type { Range } from './diagnostic.js';
import { Parser, compact } from './parser.js';
import { parseObjectCons, parseTupleCons } from './parser-collection.js';
import { decodeStringLit } from './parser-string.js';
import { parseTemplateInner } from './parser-template.js';
import { TokenType as T } from './token.js';

let anonId = 0;

/** A literal standing in for an expression that failed to parse. */
export function placeholder(range: Range): LiteralExpr {
  return { kind: 'literal', value: null, raw: undefined, range };
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
  return {
    kind: 'conditional',
    condition: cond,
    trueResult,
    falseResult,
    range: { filename: p.filename, start: p.startPos(startIdx), end: falseResult.range.end },
  };
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
  return { kind: 'binaryOp', op, lhs, rhs, range: p.between(lhs.range, rhs.range) };
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

/** Appends a static step to a traversal expression, or starts a relative traversal. */
function addStep(p: Parser, expr: Expression, step: Traverser, rng: Range): Expression {
  if (expr.kind === 'scopeTraversal') {
    expr.traversal.steps.push(step);
    const r = p.between(expr.range, rng);
    expr.range = r;
    expr.traversal.range = r;
    return expr;
  }
  if (expr.kind === 'relativeTraversal') {
    expr.steps.push(step);
    expr.range = p.between(expr.range, rng);
    return expr;
  }
  const rel: RelativeTraversalExpr = {
    kind: 'relativeTraversal',
    source: expr,
    steps: [step],
    range: p.between(expr.range, rng),
  };
  return rel;
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

function anon(p: Parser, range: Range): AnonSymbolExpr {
  void p;
  return { kind: 'anonSymbol', id: ++anonId, range };
}

/** Parses `.attr`, `.0`, `[key]`, `.*` and `[*]` steps after `from`. */
export function parseTraversals(p: Parser, from: Expression): Expression {
  let ret = from;
  for (;;) {
    const ni = p.peek();
    const nt = p.type(ni);
    if (nt === T.Dot) {
      const dot = p.read();
      const ai = p.peek();
      const at = p.type(ai);
      if (at === T.Ident) {
        p.read();
        const rng = p.rangeTok(dot, ai);
        ret = addStep(p, ret, { kind: 'attr', name: p.name(ai), range: rng }, rng);
      } else if (at === T.NumberLit) {
        p.read();
        const rng = p.rangeTok(dot, ai);
        if (p.text(ai).indexOf('.') >= 0) {
          invalidLegacyIndex(p, ai, false, ai);
          ret = addStep(p, ret, { kind: 'index', key: 0, range: rng }, rng);
        } else {
          ret = addStep(p, ret, { kind: 'index', key: numberValue(p, ai), range: rng }, rng);
        }
      } else if (at === T.Star) {
        const marker = p.read();
        const steps: Traverser[] = [];
        const firstRange = p.range(p.peek());
        let lastRange = p.range(marker);
        let bad = false;
        while (p.peekType() === T.Dot) {
          const d2 = p.read();
          const ki = p.peek();
          const kt = p.type(ki);
          if (kt === T.NumberLit) {
            p.read();
            if (p.text(ki).indexOf('.') >= 0) {
              invalidLegacyIndex(p, ki, true, ai); // hclsyntax points at the `*`
              steps.push({ kind: 'index', key: 0, range: p.rangeTok(d2, ki) });
            } else {
              steps.push({ kind: 'index', key: numberValue(p, ki), range: p.rangeTok(d2, ki) });
            }
            lastRange = p.range(ki);
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
          steps.push({ kind: 'attr', name: p.name(ki), range: p.rangeTok(d2, ki) });
          lastRange = p.range(ki);
        }
        if (bad) continue;
        const item = anon(p, p.rangeTok(dot, marker));
        const each: Expression = steps.length === 0
          ? item
          : { kind: 'relativeTraversal', source: item, steps, range: p.between(firstRange, lastRange) };
        ret = {
          kind: 'splat',
          source: ret,
          each,
          item,
          attrOnly: true,
          range: p.between(from.range, lastRange),
          markerRange: p.rangeTok(dot, marker),
        };
      } else {
        p.error('Invalid attribute name', 'An attribute name is required after a dot.', p.range(ai));
        ret = placeholder(p.between(from.range, p.range(dot)));
        p.recovery = true;
      }
      continue;
    }
    if (nt === T.OBrack) {
      const open = p.read();
      if (p.peekType() === T.Star) {
        p.read();
        let close = p.read();
        if (p.type(close) !== T.CBrack && !p.recovery) {
          // hclsyntax's subject aliases the token variable that recovery then overwrites,
          // so the error points at where recovery stopped; we match it.
          close = p.recover(T.CBrack);
          p.error('Missing close bracket on splat index', 'The star for a full splat operator must be immediately followed by a closing bracket ("]").', p.range(close));
        }
        const item = anon(p, p.rangeTok(open, close));
        const each = parseTraversals(p, item);
        ret = {
          kind: 'splat',
          source: ret,
          each,
          item,
          attrOnly: false,
          range: p.between(from.range, each.range),
          markerRange: p.rangeTok(open, close),
        };
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
      const rng = p.rangeTok(open, close);
      let litKey: string | number | undefined;
      if (key.kind === 'literal') {
        if (typeof key.value === 'number' || typeof key.value === 'string') litKey = key.value;
      } else if (key.kind === 'template' && key.parts.length === 1 && key.parts[0].kind === 'literal') {
        const v = key.parts[0].value;
        if (typeof v === 'string') litKey = v;
      }
      if (litKey !== undefined) {
        ret = addStep(p, ret, { kind: 'index', key: litKey, range: rng }, rng);
      } else {
        ret = { kind: 'index', collection: ret, key, range: p.between(from.range, rng), bracketRange: rng };
      }
      continue;
    }
    if (ret.kind === 'scopeTraversal') ret.traversal.steps = compact(ret.traversal.steps);
    else if (ret.kind === 'relativeTraversal') ret.steps = compact(ret.steps);
    return ret;
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
      const len = b.end[si] - s;
      const src = p.src;
      const range = p.range(si);
      if (len === 4 && src.startsWith('true', s)) return { kind: 'literal', value: true, raw: undefined, range };
      if (len === 5 && src.startsWith('false', s)) return { kind: 'literal', value: false, raw: undefined, range };
      if (len === 4 && src.startsWith('null', s)) return { kind: 'literal', value: null, raw: undefined, range };
      const t: ScopeTraversalExpr = {
        kind: 'scopeTraversal',
        traversal: { root: p.name(si), rootRange: range, steps: [], range },
        range,
      };
      return t;
    }
    case T.NumberLit: {
      p.read();
      const value = numberValue(p, si);
      return { kind: 'literal', value, raw: p.text(si), range: p.range(si) };
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
        const part: LiteralExpr = { kind: 'literal', value, raw: undefined, range: p.range(li) };
        return { kind: 'template', parts: [part], range: p.rangeTok(si, li + 1) };
      }
      const closer = heredoc ? T.CHeredoc : T.CQuote;
      const flush = heredoc && p.src.charCodeAt(p.b.start[si] + 2) === 45;
      const { parts, passthru } = parseTemplateInner(p, closer, flush);
      const range = p.rangeTok(si, p.prev());
      if (passthru) return { kind: 'templateWrap', wrapped: parts[0], range };
      return heredoc ? { kind: 'template', parts, heredoc: true, range } : { kind: 'template', parts, range };
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
      return { kind: 'parens', wrapped: expr, range: p.rangeTok(si, cp) };
    }
    case T.Minus:
    case T.Bang: {
      p.read();
      const operand = parseTraversals(p, parseTerm(p));
      return {
        kind: 'unaryOp',
        op: p.type(si) === T.Minus ? '-' : '!',
        operand,
        range: { filename: p.filename, start: p.startPos(si), end: operand.range.end },
      };
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
      return placeholder(p.range(si));
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
      return placeholder(p.rangeTok(name, next));
    }
    nameStr = nameStr + '::' + p.text(next);
    nameEnd = next;
    open = p.read();
  }
  const nameRange = p.rangeTok(name, nameEnd);
  if (p.type(open) !== T.OParen) {
    p.error('Missing open parenthesis', 'Function selector must be followed by an open parenthesis to begin the function call.', p.range(open), p.rangeTok(name, open));
    p.recoverOver(T.OParen);
    return placeholder(p.rangeTok(name, open));
  }
  const args: Expression[] = [];
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
    args.push(arg);
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
  const closeRange = close >= 0 ? p.range(close) : p.range(p.prev());
  return {
    kind: 'functionCall',
    name: nameStr,
    args: compact(args),
    expandFinal,
    range: p.between(nameRange, closeRange),
    nameRange,
    openParenRange: p.range(open),
    closeParenRange: closeRange,
  };
}
