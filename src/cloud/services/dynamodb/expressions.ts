/**
 * A small hand-written parser for DynamoDB expressions: condition/filter/key-condition
 * expressions, update expressions and projection expressions. Names (#n) and values (:v)
 * stay symbolic here; evaluate.ts resolves them.
 */

/** One element of a document path: an attribute name or a list index. */
export type PathElem = { name: string } | { index: number };
/** A document path such as `a.#b[2].c`; names may be `#placeholders`. */
export interface Path { kind: 'path'; elems: PathElem[] }

/** A value-producing operand. */
export type Operand =
  | Path
  | { kind: 'value'; name: string }
  | { kind: 'size'; path: Path }
  | { kind: 'if_not_exists'; path: Path; value: Operand }
  | { kind: 'list_append'; a: Operand; b: Operand }
  | { kind: 'arith'; op: '+' | '-'; a: Operand; b: Operand };

/** A boolean condition. */
export type Condition =
  | { kind: 'cmp'; op: '=' | '<>' | '<' | '<=' | '>' | '>='; a: Operand; b: Operand }
  | { kind: 'between'; v: Operand; lo: Operand; hi: Operand }
  | { kind: 'in'; v: Operand; list: Operand[] }
  | { kind: 'and' | 'or'; a: Condition; b: Condition }
  | { kind: 'not'; c: Condition }
  | { kind: 'exists' | 'not_exists'; path: Path }
  | { kind: 'attribute_type'; path: Path; type: Operand }
  | { kind: 'begins_with'; path: Operand; prefix: Operand }
  | { kind: 'contains'; path: Operand; operand: Operand };

/** The actions of one update expression, by clause. */
export interface UpdateActions {
  set: { path: Path; value: Operand }[];
  remove: Path[];
  add: { path: Path; value: Operand }[];
  delete: { path: Path; value: Operand }[];
}

/** Thrown for a malformed expression; the handler turns it into a ValidationException. */
export class ExpressionError extends Error {}

interface Token { t: 'name' | 'attr' | 'value' | 'num' | 'op' | 'eof'; v: string; pos: number }

function tokenize(src: string, what: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const start = i;
    if (c === '#' || c === ':') {
      i++;
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i]!)) i++;
      if (i === start + 1) throw syntaxError(what, src, c, start);
      out.push({ t: c === '#' ? 'attr' : 'value', v: src.slice(start, i), pos: start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i]!)) i++;
      out.push({ t: 'name', v: src.slice(start, i), pos: start });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < src.length && /[0-9]/.test(src[i]!)) i++;
      out.push({ t: 'num', v: src.slice(start, i), pos: start });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '<>' || two === '<=' || two === '>=') { out.push({ t: 'op', v: two, pos: i }); i += 2; continue; }
    if ('=<>(),.[]+-'.includes(c)) { out.push({ t: 'op', v: c, pos: i }); i++; continue; }
    throw new ExpressionError(`Invalid ${what}: Syntax error; token: "${c}", near: "${src.slice(Math.max(0, i - 5), i + 5).trim()}"`);
  }
  out.push({ t: 'eof', v: '<EOF>', pos: src.length });
  return out;
}

/** DynamoDB quotes the bad token and the source from the token before it through the bad one. */
function syntaxError(what: string, src: string, tok: string, pos: number, prevPos = pos): ExpressionError {
  const end = tok === '<EOF>' ? src.length : pos + tok.length;
  return new ExpressionError(`Invalid ${what}: Syntax error; token: "${tok}", near: "${src.slice(prevPos, end)}"`);
}

const RESERVED_OPS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[], private readonly src: string, private readonly what: string) {}

  peek(k = 0): Token { return this.toks[Math.min(this.i + k, this.toks.length - 1)]!; }
  next(): Token { return this.toks[this.i++] ?? this.toks[this.toks.length - 1]!; }
  isKw(w: string, k = 0): boolean { const t = this.peek(k); return t.t === 'name' && t.v.toUpperCase() === w; }
  isOp(o: string): boolean { const t = this.peek(); return t.t === 'op' && t.v === o; }
  fail(t = this.peek()): never {
    const at = this.toks.indexOf(t);
    const prev = at > 0 ? this.toks[at - 1]!.pos : t.pos;
    throw syntaxError(this.what, this.src, t.v, t.pos, prev);
  }
  expectOp(o: string): void { if (!this.isOp(o)) this.fail(); this.i++; }
  atEnd(): boolean { return this.peek().t === 'eof'; }

  condition(): Condition {
    let left = this.andCond();
    while (this.isKw('OR')) { this.i++; left = { kind: 'or', a: left, b: this.andCond() }; }
    return left;
  }

  private andCond(): Condition {
    let left = this.notCond();
    while (this.isKw('AND')) { this.i++; left = { kind: 'and', a: left, b: this.notCond() }; }
    return left;
  }

  private notCond(): Condition {
    if (this.isKw('NOT')) { this.i++; return { kind: 'not', c: this.notCond() }; }
    return this.primaryCond();
  }

  private primaryCond(): Condition {
    if (this.isOp('(')) {
      // A parenthesis may open a nested condition; operands never start with one.
      this.i++;
      const c = this.condition();
      this.expectOp(')');
      return c;
    }
    const t = this.peek();
    if (t.t === 'name' && this.peek(1).t === 'op' && this.peek(1).v === '(') {
      const fn = t.v;
      switch (fn) {
        case 'attribute_exists': case 'attribute_not_exists': {
          this.i += 2; const path = this.path(); this.expectOp(')');
          return { kind: fn === 'attribute_exists' ? 'exists' : 'not_exists', path };
        }
        case 'attribute_type': {
          this.i += 2; const path = this.path(); this.expectOp(','); const type = this.operand(); this.expectOp(')');
          return { kind: 'attribute_type', path, type };
        }
        case 'begins_with': {
          this.i += 2; const path = this.operand(); this.expectOp(','); const prefix = this.operand(); this.expectOp(')');
          return { kind: 'begins_with', path, prefix };
        }
        case 'contains': {
          this.i += 2; const path = this.operand(); this.expectOp(','); const operand = this.operand(); this.expectOp(')');
          return { kind: 'contains', path, operand };
        }
        case 'size': break;
        default:
          throw new ExpressionError(`Invalid ${this.what}: Invalid function name; function: ${fn}`);
      }
    }
    const a = this.operand();
    if (this.isKw('BETWEEN')) {
      this.i++;
      const lo = this.operand();
      if (!this.isKw('AND')) this.fail();
      this.i++;
      return { kind: 'between', v: a, lo, hi: this.operand() };
    }
    if (this.isKw('IN')) {
      this.i++;
      this.expectOp('(');
      const list = [this.operand()];
      while (this.isOp(',')) { this.i++; list.push(this.operand()); }
      this.expectOp(')');
      return { kind: 'in', v: a, list };
    }
    const op = this.peek();
    if (op.t === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(op.v)) {
      this.i++;
      return { kind: 'cmp', op: op.v as '=', a, b: this.operand() };
    }
    return this.fail();
  }

  operand(): Operand {
    const t = this.peek();
    if (t.t === 'value') { this.i++; return { kind: 'value', name: t.v }; }
    if (t.t === 'name' && this.peek(1).t === 'op' && this.peek(1).v === '(') {
      if (t.v === 'size') { this.i += 2; const path = this.path(); this.expectOp(')'); return { kind: 'size', path }; }
      if (t.v === 'if_not_exists') {
        this.i += 2; const path = this.path(); this.expectOp(','); const value = this.setValue(); this.expectOp(')');
        return { kind: 'if_not_exists', path, value };
      }
      if (t.v === 'list_append') {
        this.i += 2; const a = this.setValue(); this.expectOp(','); const b = this.setValue(); this.expectOp(')');
        return { kind: 'list_append', a, b };
      }
      throw new ExpressionError(`Invalid ${this.what}: Invalid function name; function: ${t.v}`);
    }
    return this.path();
  }

  /** The right side of SET: operand, optionally `+`/`-` another operand. */
  setValue(): Operand {
    const a = this.operand();
    if (this.isOp('+') || this.isOp('-')) {
      const op = this.next().v as '+' | '-';
      return { kind: 'arith', op, a, b: this.operand() };
    }
    return a;
  }

  path(): Path {
    const first = this.peek();
    if (first.t !== 'name' && first.t !== 'attr') this.fail();
    if (first.t === 'name' && RESERVED_OPS.has(first.v.toUpperCase())) this.fail();
    this.i++;
    const elems: PathElem[] = [{ name: first.v }];
    for (;;) {
      if (this.isOp('.')) {
        this.i++;
        const n = this.next();
        if (n.t !== 'name' && n.t !== 'attr') this.fail(n);
        elems.push({ name: n.v });
      } else if (this.isOp('[')) {
        this.i++;
        const n = this.next();
        if (n.t !== 'num') this.fail(n);
        this.expectOp(']');
        elems.push({ index: Number(n.v) });
      } else break;
    }
    return { kind: 'path', elems };
  }
}

function parser(src: string, what: string): Parser {
  if (src.trim() === '') throw new ExpressionError(`Invalid ${what}: The expression can not be empty;`);
  return new Parser(tokenize(src, what), src, what);
}

/** Parses a ConditionExpression, FilterExpression or KeyConditionExpression. */
export function parseCondition(src: string, what = 'ConditionExpression'): Condition {
  const p = parser(src, what);
  const c = p.condition();
  if (!p.atEnd()) p.fail();
  return c;
}

/** Parses an UpdateExpression into its SET/REMOVE/ADD/DELETE actions. */
export function parseUpdate(src: string): UpdateActions {
  const what = 'UpdateExpression';
  const p = parser(src, what);
  const out: UpdateActions = { set: [], remove: [], add: [], delete: [] };
  const seen = new Set<string>();
  while (!p.atEnd()) {
    const kw = p.next();
    const clause = kw.t === 'name' ? kw.v.toUpperCase() : '';
    if (!['SET', 'REMOVE', 'ADD', 'DELETE'].includes(clause)) p.fail(kw);
    if (seen.has(clause)) throw new ExpressionError(`Invalid ${what}: The "${clause}" section can only be used once in an update expression;`);
    seen.add(clause);
    for (;;) {
      const path = p.path();
      if (clause === 'SET') { p.expectOp('='); out.set.push({ path, value: p.setValue() }); }
      else if (clause === 'REMOVE') out.remove.push(path);
      else if (clause === 'ADD') out.add.push({ path, value: p.operand() });
      else out.delete.push({ path, value: p.operand() });
      if (p.isOp(',')) { p.next(); continue; }
      break;
    }
  }
  return out;
}

/** Parses a ProjectionExpression into its paths. */
export function parseProjection(src: string): Path[] {
  const p = parser(src, 'ProjectionExpression');
  const out = [p.path()];
  while (p.isOp(',')) { p.next(); out.push(p.path()); }
  if (!p.atEnd()) p.fail();
  return out;
}

/** Every `#name` and `:value` placeholder an expression mentions (for unused/undefined checks). */
export function placeholders(src: string): { names: Set<string>; values: Set<string> } {
  const names = new Set<string>(), values = new Set<string>();
  for (const m of src.matchAll(/([#:])[A-Za-z0-9_]+/g)) (m[1] === '#' ? names : values).add(m[0]);
  return { names, values };
}
