/**
 * Values for the root module's input variables, from every source Terraform reads, in its
 * precedence (later wins): TF_VAR_* environment variables, terraform.tfvars,
 * terraform.tfvars.json, *.auto.tfvars(.json) in lexical order, then -var and -var-file in
 * command-line order. Then each value is converted to its variable's type.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { bodyOf } from '../hcl/body.js';
import { errorDiag, hasErrors, warningDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import { parseConfig, parseExpression } from '../hcl/parse.js';
import { parseJsonConfig } from '../hcl/json/parse-config.js';
import { evaluate } from '../lang/eval.js';
import { tryConvert, ConversionError } from '../lang/convert.js';
import { applyDefaults } from '../lang/defaults.js';
import { invalidVariableValueDiag, variableNullDiag, type VariableValueSource } from '../lang/convert-diags.js';
import { Mark, stringVal, type Value } from '../lang/value.js';
import type { Module, Variable } from './module.js';

/** A raw value given for a variable, before conversion, with where it came from. */
export interface RawVariableValue {
  value: Value;
  source: VariableValueSource;
  /** The range of the value expression (files) for diagnostics. */
  range?: Range;
  /** Read from terraform.tfvars or a *.auto.tfvars file rather than a -var-file. */
  autoFile?: true;
}

/** One `-var` or `-var-file` occurrence, in command-line order. */
export type VariableArg = { kind: 'var'; value: string } | { kind: 'var-file'; path: string };

export interface CollectOptions {
  /** The working directory (where terraform.tfvars is looked for). */
  dir: string;
  args: VariableArg[];
  env: NodeJS.ProcessEnv;
  /** File name -> source, filled with every tfvars file read (for diagnostics). */
  sources?: Map<string, string>;
}

/** Collects raw values from every source, later sources overriding earlier ones. */
export function collectVariableValues(mod: Module, opts: CollectOptions): { values: Map<string, RawVariableValue>; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const values = new Map<string, RawVariableValue>();
  // 1. Environment.
  for (const [k, raw] of Object.entries(opts.env)) {
    if (!k.startsWith('TF_VAR_') || raw === undefined) continue;
    const name = k.slice('TF_VAR_'.length);
    const decl = mod.variables.get(name);
    if (!decl) continue; // Terraform silently ignores undeclared TF_VAR_ values.
    const v = parseRawValue(raw, decl, `<value for var.${name}>`, diags);
    if (v) values.set(name, { value: v, source: { kind: 'env' } });
  }
  // 2. Automatic files.
  const auto: string[] = [];
  if (existsSync(join(opts.dir, 'terraform.tfvars'))) auto.push('terraform.tfvars');
  if (existsSync(join(opts.dir, 'terraform.tfvars.json'))) auto.push('terraform.tfvars.json');
  let names: string[] = [];
  try { names = readdirSync(opts.dir).sort(); } catch { /* no dir: no files */ }
  for (const n of names) if (n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json')) auto.push(n);
  for (const f of auto) readVarFile(mod, join(opts.dir, f), f, values, diags, opts.sources, false);
  // 3. Command line, in order.
  for (const a of opts.args) {
    if (a.kind === 'var-file') {
      const full = isAbsolute(a.path) ? a.path : join(opts.dir, a.path);
      readVarFile(mod, full, a.path, values, diags, opts.sources, true);
      continue;
    }
    const eq = a.value.indexOf('=');
    if (eq <= 0) {
      diags.push(errorDiag('Invalid -var option', `The given -var option ${JSON.stringify(a.value)} is not correctly specified. It must be a variable name and value separated an equals sign, like -var="key=value".`));
      continue;
    }
    const name = a.value.slice(0, eq), raw = a.value.slice(eq + 1);
    const decl = mod.variables.get(name);
    if (!decl) {
      diags.push(undeclaredCliVariableDiag(name));
      continue;
    }
    const v = parseRawValue(raw, decl, `<value for var.${name}>`, diags);
    if (v) values.set(name, { value: v, source: { kind: 'cli' } });
  }
  return { values, diags };
}

/** Terraform's error for a -var value of a variable the root module does not declare. */
export function undeclaredCliVariableDiag(name: string): Diagnostic {
  return errorDiag('Value for undeclared variable', `A variable named "${name}" was assigned on the command line, but the root module does not declare a variable of that name. To use this value, add a "variable" block to the configuration.`);
}

/** Terraform's warning for a value in a file (`explicit`: a -var-file) of a variable the root module does not declare. */
export function undeclaredFileVariableDiag(name: string, file: string, explicit: boolean, range?: Range): Diagnostic {
  return warningDiag('Value for undeclared variable',
    explicit
      ? `The root module does not declare a variable named "${name}" but a value was found in file "${file}". To use this value, add a "variable" block to the configuration.`
      : `The root module does not declare a variable named "${name}" but a value was found in file "${file}". If you meant to use this value, add a "variable" block to the configuration.\n\nTo silence these warnings, use TF_VAR_... environment variables to provide certain "global" settings to all configurations in your organization. To reduce the verbosity of these warnings, use the -compact-warnings option.`,
    range);
}

/**
 * A value given as a string (-var, TF_VAR_): taken literally for primitive (or untyped)
 * variables, parsed as an HCL expression for complex types, as Terraform does.
 */
function parseRawValue(raw: string, decl: Variable, filename: string, diags: Diagnostic[]): Value | undefined {
  if (decl.parseMode === 'literal') return stringVal(raw);
  const p = parseExpression(raw, filename);
  if (hasErrors(p.diags)) { diags.push(...p.diags); return undefined; }
  const r = evaluate(p.expr, {});
  diags.push(...r.diags);
  return hasErrors(r.diags) ? undefined : r.value;
}

function readVarFile(
  mod: Module, path: string, display: string, into: Map<string, RawVariableValue>, diags: Diagnostic[],
  sources: Map<string, string> | undefined, explicit: boolean,
): void {
  let src: string;
  try {
    src = readFileSync(path, 'utf8');
  } catch {
    diags.push(errorDiag('Failed to read variables file', `Given variables file ${display} does not exist.`));
    return;
  }
  sources?.set(display, src);
  const parsed = display.endsWith('.json') ? parseJsonConfig(src, display) : parseConfig(src, display);
  diags.push(...parsed.diags);
  if (hasErrors(parsed.diags)) return;
  const { attributes, diags: d } = bodyOf(parsed.file).justAttributes();
  diags.push(...d);
  for (const [name, attr] of attributes) {
    const decl = mod.variables.get(name);
    if (!decl) {
      // Undeclared values in files are warnings (errors on the command line).
      diags.push(undeclaredFileVariableDiag(name, display, explicit, attr.nameRange));
      continue;
    }
    const r = evaluate(attr.expr, {});
    diags.push(...r.diags);
    if (hasErrors(r.diags)) continue;
    into.set(name, { value: r.value, source: { kind: 'file', range: attr.expr.range }, range: attr.expr.range, ...(explicit ? {} : { autoFile: true }) });
  }
}

/**
 * Converts a value for variable `decl` to its type (applying optional-attribute defaults),
 * with Terraform's "Invalid value for input variable" wording.
 */
export function convertForVariable(
  value: Value, decl: Variable, range: Range | undefined, origin: 'default' | VariableValueSource,
): { value: Value } | { diag: Diagnostic } {
  const withDefaults = applyDefaults(decl.typeDefaults, value);
  const c = tryConvert(withDefaults, decl.type);
  if (c instanceof ConversionError) {
    if (origin === 'default') {
      return { diag: errorDiag('Invalid default value for variable', `This default value is not compatible with the variable's type constraint: ${c.message}.`, range) };
    }
    return { diag: invalidVariableValueDiag(decl.name, decl.range, c.message, origin, decl.sensitive) };
  }
  return { value: c };
}

/**
 * The final value of every root variable: given values converted, defaults for the rest,
 * an error for required variables with no value (after `prompt`, when given, had its
 * chance), and sensitive marks for sensitive variables. `given` holds the raw values of
 * the declared variables the caller set, prompted ones included (what a saved plan keeps).
 */
export async function finalizeVariableValues(
  mod: Module, raw: Map<string, RawVariableValue>, prompt?: (v: Variable) => Promise<string | undefined>,
): Promise<{ values: Map<string, Value>; given: Map<string, RawVariableValue>; diags: Diagnostic[] }> {
  const diags: Diagnostic[] = [];
  const values = new Map<string, Value>();
  const givenValues = new Map<string, RawVariableValue>();
  for (const decl of mod.variables.values()) {
    let given = raw.get(decl.name);
    if (!given && decl.default === undefined && prompt) {
      const answer = await prompt(decl);
      if (answer !== undefined) given = { value: parseRawValue(answer, decl, `<input-value>`, diags) ?? stringVal(answer), source: { kind: 'input' } };
    }
    let v: Value;
    if (given) {
      givenValues.set(decl.name, given);
      const c = convertForVariable(given.value, decl, given.range, given.source);
      if ('diag' in c) { diags.push(c.diag); continue; }
      v = c.value;
      if (v.isNull && !decl.nullable) {
        if (decl.default !== undefined) v = decl.default;
        else { diags.push(variableNullDiag(decl.name, decl.range, given.range ?? decl.range)); continue; }
      }
    } else if (decl.default !== undefined) {
      v = decl.default;
    } else {
      diags.push(errorDiag('No value for required variable',
        `The root module input variable "${decl.name}" is not set, and has no default value. Use a -var or -var-file command line argument to provide a value for this variable.`,
        decl.range));
      continue;
    }
    values.set(decl.name, decl.sensitive ? v.mark(Mark.Sensitive) : v);
  }
  return { values, given: givenValues, diags };
}

/**
 * Asks for every required variable that has no value first, in name order as Terraform
 * does, and answers later questions from what was typed.
 */
export async function askInNameOrder(
  mod: Module, given: ReadonlyMap<string, unknown>, prompt: (v: Variable) => Promise<string | undefined>,
): Promise<(v: Variable) => Promise<string | undefined>> {
  const answers = new Map<string, string | undefined>();
  const needed = [...mod.variables.values()].filter((v) => v.default === undefined && !given.has(v.name)).map((v) => v.name).sort();
  for (const name of needed) answers.set(name, await prompt(mod.variables.get(name)!));
  return async (v) => answers.get(v.name);
}
