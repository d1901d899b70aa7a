/**
 * The table of Terraform's built-in functions (Terraform 1.x up to 1.10), by name, each
 * also reachable as `core::<name>`.
 *
 * Notes for the evaluator:
 * - Call functions through `callFunction` (call.ts); turn a thrown FunctionError into a
 *   diagnostic with `describeFunctionError`.
 * - `try` and `can` (FunctionDef.special) take unevaluated expressions: the evaluator must
 *   special-case them (names in SPECIAL_FORMS). `try(a, b, ...)`: evaluate each argument in
 *   turn; return the first whose evaluation has no error diagnostics and whose value is
 *   wholly known... precisely as Terraform: an argument whose value is not wholly known
 *   makes the result unknown (of dynamic type); an argument with errors is skipped; when
 *   all fail: "Error in function call" / `Call to function "try" failed: no expression
 *   succeeded:\n- <summary of each>\n  at <file>:<line>,<col>-<col>\n\nAt least one
 *   expression must produce a successful result.` `can(expr)`: true when evaluation has no
 *   errors, false otherwise; unknown bool when the value is not wholly known. Both refuse
 *   zero arguments ("Not enough function arguments").
 * - `templatestring`'s first argument must be a reference (not a literal template); the
 *   evaluator checks the expression shape (Terraform's messages are in TEMPLATESTRING_ERRORS).
 * - `templatefile`/`templatestring` render through
 *   `ctx.renderTemplate(src, filename, vars, functions)`, which parses `src` as a template
 *   and evaluates it with `vars` as the variables. `functions` (passed when ctx.functions
 *   is set) is the table the template may call, built by `templateFunctions`: recursion
 *   into templatefile/templatestring and, for templatestring, filesystem access fail with
 *   Terraform's messages. It throws FunctionError for template errors, e.g.
 *   `vars map does not contain key "x", referenced at <file>:1,3-4` with argIndex 1.
 *   The vars map is already checked (map/object, identifier keys) before the call.
 * - `type` is console-only (FunctionDef.consoleOnly); its result is the type's console text
 *   as a string value, recognised by `isTypeResult` so the console prints it unquoted.
 *   `plantimestamp` is not available in the console; the caller filters as it needs.
 * - Impure functions (bcrypt, timestamp, uuid) are flagged `impure`; with
 *   `ctx.impureUnknown` they return unknown results (Terraform's validate walk).
 */
import type { FunctionDef } from './function.js';
import { numericFunctions } from './numeric.js';
import { collectionFunctions } from './collection.js';
import { setFunctions } from './sets.js';
import { stringFunctions } from './string.js';
import { formatFunctions } from './format.js';
import { encodingFunctions } from './encoding.js';
import { datetimeFunctions } from './datetime.js';
import { cryptoFunctions } from './crypto.js';
import { filesystemFunctions } from './filesystem.js';
import { ipnetFunctions } from './ipnet.js';
import { typeconvFunctions } from './typeconv.js';

/** Names the evaluator must handle itself because they see unevaluated expressions. */
export const SPECIAL_FORMS: ReadonlySet<string> = new Set(['try', 'can', 'core::try', 'core::can']);

/** Terraform's messages for a templatestring call whose first argument is not a reference. */
export const TEMPLATESTRING_ERRORS = {
  templateWrap: 'invalid template expression: templatestring is only for rendering templates retrieved dynamically from elsewhere; to treat the inner expression as template syntax, write the reference expression directly without any template interpolation syntax',
  literal: 'invalid template expression: templatestring is only for rendering templates retrieved dynamically from elsewhere, and so does not support providing a literal template; consider using a template string expression instead',
  template: 'invalid template expression: templatestring is only for rendering templates retrieved dynamically from elsewhere; to render an inline template, consider using a plain template string expression',
  other: 'invalid template expression: must be a direct reference to a single string from elsewhere, containing valid Terraform template syntax',
} as const;

let table: Map<string, FunctionDef> | undefined;

/** Every built-in function by Terraform name (and `core::` name). Built once; shared. */
export function builtinFunctions(): ReadonlyMap<string, FunctionDef> {
  if (table) return table;
  const all: Record<string, FunctionDef> = {
    ...numericFunctions,
    ...collectionFunctions,
    ...setFunctions,
    ...stringFunctions,
    ...formatFunctions,
    ...encodingFunctions,
    ...datetimeFunctions,
    ...cryptoFunctions,
    ...filesystemFunctions,
    ...ipnetFunctions,
    ...typeconvFunctions,
  };
  table = new Map();
  for (const [name, def] of Object.entries(all)) {
    table.set(name, def);
    table.set(`core::${name}`, def);
  }
  return table;
}

export { callFunction, describeFunctionError } from './call.js';
export type { FunctionDef, FunctionContext, Param } from './function.js';
export { FunctionError } from './function.js';
export { isTypeResult } from './typeconv.js';
export { templateFunctions } from './string.js';
