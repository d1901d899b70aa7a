/**
 * Terraform's diagnostics for values that do not fit a type constraint: input variables
 * (`Invalid value for input variable`) and attributes (`Incorrect attribute value type`).
 */
import { errorDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';

/** hcl.Range.String(): `main.tf:1,1-13` or `main.tf:1,1-3,2` across lines. */
export function rangeString(r: Range): string {
  if (r.start.line === r.end.line) return `${r.filename}:${r.start.line},${r.start.column}-${r.end.column}`;
  return `${r.filename}:${r.start.line},${r.start.column}-${r.end.line},${r.end.column}`;
}

/** Where a variable's value came from, for the wording of the error. */
export type VariableValueSource =
  | { kind: 'file'; range: Range }
  | { kind: 'cli' }
  | { kind: 'env' }
  | { kind: 'input' }
  | { kind: 'other' };

/**
 * The error Terraform reports when a variable's value cannot be converted to its type:
 * `The given value is not suitable for var.x declared at main.tf:1,1-13: string required.`
 * `name` is the variable name, `declRange` the `variable "x"` block header, `message` the
 * conversion error's message.
 */
export function invalidVariableValueDiag(
  name: string, declRange: Range, message: string, source: VariableValueSource, sensitive = false,
): Diagnostic {
  const addr = `var.${name}`;
  const summary = 'Invalid value for input variable';
  let nonFile: string | undefined;
  switch (source.kind) {
    case 'cli': nonFile = `set using -var="${name}=..."`; break;
    case 'env': nonFile = `set using the TF_VAR_${name} environment variable`; break;
    case 'input': nonFile = 'set using an interactive prompt'; break;
    case 'other': nonFile = 'set from outside of the configuration'; break;
  }
  if (nonFile !== undefined || source.kind !== 'file') {
    return errorDiag(summary, `Unsuitable value for ${addr} ${nonFile}: ${message}.`, declRange);
  }
  if (sensitive) {
    return errorDiag(summary,
      `The given value is not suitable for ${addr}, which is sensitive: ${message}. Invalid value defined at ${rangeString(source.range)}.`,
      declRange);
  }
  return errorDiag(summary, `The given value is not suitable for ${addr} declared at ${rangeString(declRange)}: ${message}.`, source.range);
}

/** Terraform's error for a required variable with no value. */
export function requiredVariableNotSetDiag(name: string, declRange: Range): Diagnostic {
  return errorDiag('Required variable not set', `The variable "${name}" is required, but is not set.`, declRange);
}

/** Terraform's error when a non-nullable variable is given null. */
export function variableNullDiag(name: string, declRange: Range, source: Range): Diagnostic {
  return errorDiag('Required variable not set',
    `The given value is not suitable for var.${name} defined at ${rangeString(declRange)}: required variable may not be set to null.`,
    source);
}

/** HCL's error for an attribute whose value cannot convert to the schema type. */
export function incorrectAttributeTypeDiag(name: string, message: string, subject?: Range): Diagnostic {
  return errorDiag('Incorrect attribute value type', `Inappropriate value for attribute "${name}": ${message}.`, subject);
}
