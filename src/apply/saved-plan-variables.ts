/**
 * `apply FILE` with variable values: a saved plan keeps the values its caller set, and
 * Terraform refuses -var / -var-file values that differ from them, warns about (and
 * ignores) TF_VAR_ ones, and silently ignores automatically loaded files. A variable the
 * plan has no value for (one left to its default) counts as undeclared, as in Terraform.
 */
import { errorDiag, warningDiag, type Diagnostic } from '../hcl/diagnostic.js';
import { compactValueStr } from '../lang/diag-values.js';
import { Mark, rawEquals, type Value } from '../lang/value.js';
import { convertForVariable, undeclaredCliVariableDiag, undeclaredFileVariableDiag, type RawVariableValue } from '../config/variable-values.js';
import type { Module } from '../config/module.js';

const EPHEMERAL_HINT = 'To declare an ephemeral variable which is not saved in the plan file, use ephemeral = true.';

/** Terraform's words for where a value came from (ValueSourceType.DiagnosticLabel). */
function sourceLabel(r: RawVariableValue): string {
  switch (r.source.kind) {
    case 'cli': return 'set by a CLI argument';
    case 'env': return 'set by an environment variable';
    case 'input': return 'set by an interactive input';
    case 'file': return r.autoFile ? 'set by an automatically loaded .tfvars file' : 'set by a .tfvars file passed through -var-file argument';
    default: return 'unknown';
  }
}

/** The diagnostics for `given` (the apply's variable values, raw) against the plan's `planned` ones. */
export function savedPlanVariableDiags(given: ReadonlyMap<string, RawVariableValue>, planned: ReadonlyMap<string, Value>): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const [name, r] of given) {
    const before = planned.get(name);
    if (!before) {
      const d = undeclaredDiag(name, r);
      if (d) diags.push(d);
      continue;
    }
    if (rawEquals(r.value, before) || r.autoFile) continue;
    const values = `The saved plan specifies ${compactValueStr(before)} as the value whereas during apply the value ${compactValueStr(r.value)} was ${sourceLabel(r)}. ${EPHEMERAL_HINT}`;
    if (r.source.kind === 'env') {
      diags.push(warningDiag('Ignoring variable when applying a saved plan',
        `The variable ${name} cannot be overriden when applying a saved plan file, because a saved plan includes the variable values that were set when it was created. ${values}`));
    } else {
      diags.push(errorDiag("Can't change variable when applying a saved plan",
        `The variable ${name} cannot be set using the -var and -var-file options when applying a saved plan file, because a saved plan includes the variable values that were set when it was created. ${values}`, r.range));
    }
  }
  return diags;
}

/** Terraform's ParseUndeclaredVariableValues for a value the plan does not know. */
function undeclaredDiag(name: string, r: RawVariableValue): Diagnostic | undefined {
  switch (r.source.kind) {
    case 'env': return undefined;
    case 'cli': return undeclaredCliVariableDiag(name);
    // Terraform words this as for an automatically loaded file, and without a source range.
    case 'file': return undeclaredFileVariableDiag(name, r.source.range.filename, false);
    default: return undefined; // no prompts for a saved plan
  }
}

/**
 * The values of the ephemeral variables a saved plan was made with (its apply-time
 * variables): not in the file, so they must be given again, as Terraform requires.
 */
export function applyTimeVariableValues(
  mod: Module, names: readonly string[], given: ReadonlyMap<string, RawVariableValue>,
): { values: Map<string, Value>; diags: Diagnostic[] } {
  const values = new Map<string, Value>();
  const diags: Diagnostic[] = [];
  for (const name of names) {
    const decl = mod.variables.get(name);
    if (!decl) continue;
    const r = given.get(name);
    if (!r) {
      diags.push(errorDiag('No value for required variable', `The ephemeral input variable "${name}" was set during the plan phase, and so must also be set during the apply phase.`));
      continue;
    }
    const c = convertForVariable(r.value, decl, r.range, r.source);
    if ('diag' in c) { diags.push(c.diag); continue; }
    values.set(name, decl.sensitive ? c.value.mark(Mark.Sensitive) : c.value);
  }
  return { values, diags };
}
