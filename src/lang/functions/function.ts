/**
 * The shape of a built-in function (cty's function.Spec): typed parameters, an optional
 * variadic parameter, a return type computed from argument types, and an implementation.
 * The evaluator converts arguments to parameter types, handles null/unknown/marked
 * arguments per the parameter flags, then calls `impl`.
 */
import type { Type } from '../types.js';
import type { Value } from '../value.js';

export interface Param {
  name: string;
  /** The parameter's type constraint; `any` accepts everything unconverted. */
  type: Type;
  /** When false (default) a null argument is an error before `impl` runs. */
  allowNull?: boolean;
  /** When false (default) an unknown argument makes the result unknown without calling `impl`. */
  allowUnknown?: boolean;
  /** When false (default) wholly-unknown dynamic args short-circuit to an unknown result. */
  allowDynamicType?: boolean;
  /** When false (default) marks are removed before `impl` and re-applied to the result. */
  allowMarked?: boolean;
}

/** What a function can see beyond its arguments (filesystem functions need the module dir). */
export interface FunctionContext {
  /** The directory of the module whose expression calls the function (`path.module`). */
  baseDir: string;
  /** Fixed timestamp of this plan/apply run, for `plantimestamp()`. */
  planTimestamp?: Date;
  /** Functions available to `templatefile`/`templatestring` templates (the same table). */
  functions?: ReadonlyMap<string, FunctionDef>;
  /**
   * Evaluates a template source with variables (provided by the evaluator for
   * templatefile/templatestring). `functions`, when given, is the table the template may
   * call: Terraform's, with templatefile/templatestring (and, for templatestring, the
   * filesystem functions) replaced by stubs that fail with Terraform's message.
   */
  renderTemplate?: (src: string, filename: string, vars: ReadonlyMap<string, Value>, functions?: ReadonlyMap<string, FunctionDef>) => Value;
  /** When true (Terraform's validate walk) impure functions return unknown results. */
  impureUnknown?: boolean;
}

export interface FunctionDef {
  /** Documentation summary (shown by the console's help). */
  description?: string;
  params: Param[];
  varParam?: Param;
  /** The result type given the argument values (which may be unknown); throw FunctionError on bad types. */
  returnType: (args: readonly Value[]) => Type;
  /** Computes the result from converted, known (unless allowUnknown), unmarked (unless allowMarked) args. */
  impl: (args: readonly Value[], ctx: FunctionContext, retType: Type) => Value;
  /** Impure functions (timestamp, uuid) return unknown during validation/plan where Terraform does. */
  impure?: boolean;
  /** The result is refined as not null even when unknown. */
  refineNotNull?: boolean;
  /**
   * Set on `try` and `can`: they take unevaluated expressions, so the evaluator must
   * special-case them (see `SPECIAL_FORMS` in index.ts); `impl` here only handles the
   * already-evaluated case.
   */
  special?: 'try' | 'can';
  /** Terraform's console-only functions (`type`). */
  consoleOnly?: boolean;
}

/**
 * An error in a function call. `argIndex` points the diagnostic at the failing argument.
 * `message` is cty's bare message without trailing period (e.g. `string required`);
 * `describeFunctionError` in call.ts turns it into Terraform's summary and detail.
 * `summary`, when set, replaces the default summary and `message` is then the whole
 * detail (used for arity errors, which HCL reports with their own wording).
 */
export class FunctionError extends Error {
  override name = 'FunctionError';
  constructor(message: string, readonly argIndex?: number, readonly summary?: string) {
    super(message);
  }
}
