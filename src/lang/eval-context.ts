/**
 * The evaluator's working state for one `evaluate` call: the scope, the diagnostics list
 * every step appends to, names bound by `for` expressions, and splat item values.
 * Kept in one small object so recursive evaluation allocates little.
 */
import type { Diagnostic, Range } from '../hcl/diagnostic.js';
import type { Expression } from '../hcl/ast.js';
import type { Value } from './value.js';
import type { Scope } from './scope.js';

/** Names bound by one `for` expression (one or two), chained to the enclosing ones. */
export interface Frame {
  k?: string;
  kv?: Value;
  v: string;
  vv: Value;
  parent: Frame | null;
}

/** Evaluation state shared by the eval-*.ts files. */
export class EvalCtx {
  frame: Frame | null = null;
  anon: Map<number, Value> | null = null;
  constructor(readonly scope: Scope, readonly diags: Diagnostic[]) {}

  /** Looks up a `for`-bound name. */
  local(name: string): Value | undefined {
    for (let f = this.frame; f; f = f.parent) {
      if (f.v === name) return f.vv;
      if (f.k === name) return f.kv;
    }
    return undefined;
  }

  /** True when any error was added after index `from`. */
  errorsSince(from: number): boolean {
    const d = this.diags;
    for (let i = from; i < d.length; i++) if (d[i]!.severity === 'error') return true;
    return false;
  }

  /** Appends an error diagnostic. */
  error(summary: string, detail: string, subject?: Range, context?: Range, expression?: Expression): void {
    const d: Diagnostic = { severity: 'error', summary, detail };
    if (subject) d.subject = subject;
    if (context) d.context = context;
    if (expression) d.expression = expression;
    this.push(d);
  }

  /**
   * Appends a diagnostic. Inside `for` expressions the values its expression reads are
   * described now, while the loop variables are still bound (set by the evaluator).
   */
  push(d: Diagnostic): void {
    if (this.frame && d.expression && this.describe) this.describe(d, this);
    this.diags.push(d);
  }

  /** Hook installed by the evaluator to describe expression values in place. */
  describe?: (d: Diagnostic, c: EvalCtx) => void;
}

/** HCL's StartRange: the part of an expression a diagnostic about "this argument" underlines. */
export function startRange(e: Expression): Range {
  switch (e.kind) {
    case 'binaryOp': return startRange(e.lhs);
    case 'conditional': return startRange(e.condition);
    case 'functionCall': return { filename: e.nameRange.filename, start: e.nameRange.start, end: e.openParenRange.end };
    case 'tuple': case 'object': return e.openRange;
    case 'for': return e.openRange;
    case 'splat': return e.markerRange;
    case 'template': return e.parts.length ? startRange(e.parts[0]!) : e.range;
    case 'templateJoin': return startRange(e.tuple);
    case 'objectKey': return startRange(e.wrapped);
    default: return e.range;
  }
}
