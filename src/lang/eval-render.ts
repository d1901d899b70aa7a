/**
 * Rendering a template file or string with given variables, for `templatefile` and
 * `templatestring`: parse as a template, evaluate with only those variables and the
 * functions, and report problems the way Terraform's hcl.Diagnostics.Error() reads.
 */
import type { Diagnostic } from '../hcl/diagnostic.js';
import type { Value } from './value.js';
import { FunctionError, type FunctionContext, type FunctionDef } from './functions/function.js';
import { getTemplateParser } from './eval-json.js';
import { rangeString } from './convert-diags.js';
import { evaluate } from './eval.js';

/** hcl.Diagnostics.Error(): the first diagnostic as `file:l,c-c: Summary; Detail`, plus a count of the rest. */
export function diagnosticsError(diags: readonly Diagnostic[]): string {
  const errs = diags.filter((d) => d.severity === 'error');
  const one = (d: Diagnostic) => `${d.subject ? rangeString(d.subject) : '<nil>'}: ${d.summary}; ${d.detail ?? ''}`;
  if (errs.length === 0) return '';
  if (errs.length === 1) return one(errs[0]!);
  return `${one(errs[0]!)}, and ${errs.length - 1} other diagnostic(s)`;
}

/** Renders `src` as a template with `vars`; throws FunctionError when it cannot. */
export function renderTemplateWith(
  src: string, filename: string, vars: ReadonlyMap<string, Value>,
  functions: ReadonlyMap<string, FunctionDef> | undefined, base: FunctionContext,
): Value {
  const parse = getTemplateParser();
  if (!parse) throw new FunctionError('template rendering is not available');
  const p = parse(src, filename, { line: 1, column: 1, byte: 0 });
  if (p.diags.some((d) => d.severity === 'error')) throw new FunctionError(diagnosticsError(p.diags));
  const r = evaluate(p.expr, { variables: vars, functions, functionContext: base });
  if (r.diags.some((d) => d.severity === 'error')) {
    for (const d of r.diags) {
      if (d.expression && (d.expression as { kind?: string; name?: string }).kind === 'functionCall' &&
          (d.expression as { name?: string }).name === 'templatefile') {
        throw new FunctionError('cannot recursively call templatefile from inside another template function.', 0);
      }
    }
    throw new FunctionError(diagnosticsError(r.diags));
  }
  return r.value;
}
