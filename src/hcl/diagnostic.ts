/**
 * Source positions, ranges and diagnostics: the currency every stage of terrane pays its
 * errors in. Modelled on HCL's hcl.Pos / hcl.Range / hcl.Diagnostic.
 */

/** A position in a source file. `line` and `column` are 1-based; `byte` is a 0-based UTF-8 byte offset. */
export interface Pos {
  line: number;
  column: number;
  byte: number;
}

/** A span of source: from `start` (inclusive) to `end` (exclusive) in `filename`. */
export interface Range {
  filename: string;
  start: Pos;
  end: Pos;
}

export type Severity = 'error' | 'warning';

/**
 * A problem found in user input. Never thrown: returned next to a (possibly partial) result.
 * `subject` is the range the problem is about (underlined when rendered); `context` is an
 * optional wider range that contains it (e.g. the whole expression).
 */
export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail?: string;
  subject?: Range;
  context?: Range;
  /** Set by the evaluator: the expression whose evaluation failed, for "x is y" hints. */
  expression?: unknown;
  /** Extra information carried to renderers (e.g. values of referenced variables). */
  extra?: Record<string, unknown>;
}

/** A list of diagnostics with helpers. Plain array so it composes with spread/concat. */
export type Diagnostics = Diagnostic[];

/** True when any diagnostic in the list is an error. */
export function hasErrors(diags: readonly Diagnostic[]): boolean {
  for (const d of diags) if (d.severity === 'error') return true;
  return false;
}

/** Builds an error diagnostic. */
export function errorDiag(summary: string, detail?: string, subject?: Range, context?: Range): Diagnostic {
  const d: Diagnostic = { severity: 'error', summary };
  if (detail !== undefined) d.detail = detail;
  if (subject) d.subject = subject;
  if (context) d.context = context;
  return d;
}

/** Builds a warning diagnostic. */
export function warningDiag(summary: string, detail?: string, subject?: Range): Diagnostic {
  const d: Diagnostic = { severity: 'warning', summary };
  if (detail !== undefined) d.detail = detail;
  if (subject) d.subject = subject;
  return d;
}

/** The initial position of a file: line 1, column 1, byte 0. */
export const initialPos: Pos = Object.freeze({ line: 1, column: 1, byte: 0 });

/** A range covering both `a` and `b` (which must be in the same file). */
export function rangeBetween(a: Range, b: Range): Range {
  const start = a.start.byte <= b.start.byte ? a.start : b.start;
  const end = a.end.byte >= b.end.byte ? a.end : b.end;
  return { filename: a.filename, start, end };
}

/** A zero-length range at `p`. */
export function rangeAt(filename: string, p: Pos): Range {
  return { filename, start: p, end: p };
}

/** Thrown only for internal invariants (bugs), never for user input. */
export class InternalError extends Error {
  override name = 'InternalError';
}
