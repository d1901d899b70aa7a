/**
 * Rendering a template file or string with given variables, for `templatefile` and
 * `templatestring`, with Terraform's rules: variable names must be identifiers, every
 * name the template reads must be given, templates cannot call template functions
 * (and `templatestring` templates cannot read files), a null result is an error, and
 * problems read the way Terraform's hcl.Diagnostics.Error() prints them.
 */
import type { Diagnostic } from '../hcl/diagnostic.js';
import type { Value } from './value.js';
import { FunctionError, type FunctionContext, type FunctionDef } from './functions/function.js';
import { getTemplateParser } from './eval-json.js';
import { rangeString } from './convert-diags.js';
import { traversalsOf } from './references.js';
import { evaluate } from './eval.js';

/** hcl.Diagnostics.Error(): the first diagnostic as `file:l,c-c: Summary; Detail`, plus a count of the rest. */
export function diagnosticsError(diags: readonly Diagnostic[]): string {
  const one = (d: Diagnostic) => `${d.subject ? rangeString(d.subject) : '<nil>'}: ${d.summary}; ${d.detail ?? ''}`;
  if (diags.length === 0) return 'no diagnostics';
  if (diags.length === 1) return one(diags[0]!);
  return `${one(diags[0]!)}, and ${diags.length - 1} other diagnostic(s)`;
}

const TEMPLATE_FUNCS = new Set(['templatefile', 'templatestring']);
const FS_FUNCS = new Set([
  'file', 'fileexists', 'fileset', 'filebase64', 'filebase64sha256', 'filebase64sha512', 'filemd5', 'filesha1',
  'filesha256', 'filesha512', 'templatefile',
]);
const IDENT = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

const restricted = new WeakMap<object, Map<boolean, ReadonlyMap<string, FunctionDef>>>();

// The function table a template sees: template functions (and, for templatestring, file
// functions) replaced by ones that fail with Terraform's message.
function templateFunctions(fns: ReadonlyMap<string, FunctionDef>, allowFS: boolean): ReadonlyMap<string, FunctionDef> {
  let byMode = restricted.get(fns);
  if (!byMode) restricted.set(fns, (byMode = new Map()));
  const hit = byMode.get(allowFS);
  if (hit) return hit;
  const out = new Map<string, FunctionDef>();
  for (const [name, def] of fns) {
    const plain = name.startsWith('core::') ? name.slice(6) : name;
    let msg: string | undefined;
    if (TEMPLATE_FUNCS.has(plain)) msg = `cannot recursively call ${plain} from inside another template function`;
    else if (!allowFS && FS_FUNCS.has(plain)) {
      msg = `cannot use filesystem access functions like ${plain} in templatestring templates; consider passing the function result as a template variable instead`;
    }
    if (msg === undefined) { out.set(name, def); continue; }
    const m = msg;
    out.set(name, { ...def, returnType: () => { throw new FunctionError(m); } });
  }
  byMode.set(allowFS, out);
  return out;
}

/**
 * Renders `src` as a template with `vars`; throws FunctionError when it cannot (argument
 * index 1, the vars argument, for problems with the variables).
 */
export function renderTemplateWith(
  src: string, filename: string, vars: ReadonlyMap<string, Value>,
  functions: ReadonlyMap<string, FunctionDef> | undefined, base: FunctionContext,
): Value {
  const parse = getTemplateParser();
  for (const n of vars.keys()) {
    if (!IDENT.test(n)) {
      throw new FunctionError(`invalid template variable name "${n}": must start with a letter, followed by zero or more letters, digits, and underscores`, 1);
    }
  }
  const p = parse(src, filename, { line: 1, column: 1, byte: 0 });
  if (p.diags.some((d) => d.severity === 'error')) throw new FunctionError(diagnosticsError(p.diags));
  for (const t of traversalsOf(p.expr)) {
    if (!vars.has(t.root)) {
      throw new FunctionError(`vars map does not contain key "${t.root}", referenced at ${rangeString(t.rootRange)}`, 1);
    }
  }
  const allowFS = filename !== '<templatestring argument>';
  const fns = functions ? templateFunctions(functions, allowFS) : undefined;
  const r = evaluate(p.expr, { variables: vars, functions: fns, functionContext: { ...base, functions: fns } });
  if (r.diags.some((d) => d.severity === 'error')) throw new FunctionError(diagnosticsError(r.diags));
  if (r.value.isNull) {
    throw new FunctionError(diagnosticsError([{
      severity: 'error', summary: 'Template result is null',
      detail: 'The result of the template is null, which is not a valid result for a templatestring call.', subject: p.expr.range,
    }]));
  }
  return r.value;
}
