/**
 * What an expression can see while it is evaluated. The evaluator resolves each root name
 * in this order:
 *
 *  1. names bound by the expression itself (`for` variables, splat items);
 *  2. `scope.variables`, plain root variables (templatefile/templatestring arguments,
 *     test harnesses); when `data` is absent, an unknown name is "Unknown variable";
 *  3. `scope.data`, Terraform's references (`var.x`, `local.y`, `aws_instance.web`,
 *     `data.t.n`, `module.m`, `count.index`, `each.key`, `path.module`,
 *     `terraform.workspace`, `self`), parsed like Terraform's addrs.ParseRef; the data
 *     object returns the value of the referenced object and the evaluator applies the
 *     remaining steps (`[0].id`) with HCL's traversal rules.
 *
 * The engine (src/config, src/plan) implements EvalData; the helpers below build
 * Terraform's diagnostics for names that are not declared, so every implementation
 * reports them with the same words.
 */
import type { Range, Diagnostic } from '../hcl/diagnostic.js';
import { errorDiag } from '../hcl/diagnostic.js';
import { nameSuggestion } from '../hcl/didyoumean.js';
import type { Value } from './value.js';
import type { FunctionContext, FunctionDef } from './functions/function.js';

/** A lookup result: the value, or error diagnostics (the evaluator then uses an unknown). */
export type Lookup = Value | Diagnostic[];

/** Resource modes as they appear in references. */
export type ResourceMode = 'managed' | 'data' | 'ephemeral';

/**
 * Terraform's lang.Data: the objects references can name. Each method gets the name and
 * the source range of the reference (for diagnostics).
 */
export interface EvalData {
  /** `var.<name>`: the variable's final value (converted to its type, defaults applied). */
  getInputVariable(name: string, range: Range): Lookup;
  /** `local.<name>`. */
  getLocalValue(name: string, range: Range): Lookup;
  /**
   * `<type>.<name>` / `data.<type>.<name>` / `ephemeral.<type>.<name>`: the whole resource:
   * an object for a single instance, a tuple for `count`, an object for `for_each`;
   * unknown when not yet known.
   */
  getResource(mode: ResourceMode, type: string, name: string, range: Range): Lookup;
  /** `module.<name>`: an object of the module's outputs (tuple/object of those with count/for_each). */
  getModule(name: string, range: Range): Lookup;
  /** `count.<name>` (only `index` is valid). */
  getCountAttr(name: string, range: Range): Lookup;
  /** `each.<name>` (`key` or `value`). */
  getForEachAttr(name: string, range: Range): Lookup;
  /** `path.<name>` (`module`, `root`, `cwd`). */
  getPathAttr(name: string, range: Range): Lookup;
  /** `terraform.<name>` (`workspace`, `applying`). */
  getTerraformAttr(name: string, range: Range): Lookup;
  /** `self` inside provisioners, connection blocks and postconditions. */
  getSelf?(range: Range): Lookup;
  /** `output.<name>` (only in test files and checks). */
  getOutput?(name: string, range: Range): Lookup;
}

/** Everything an evaluation needs besides the expression. */
export interface Scope {
  /** Terraform references; absent in plain HCL contexts (templates, tfvars). */
  data?: EvalData;
  /** Plain root variables, consulted before `data`. */
  variables?: ReadonlyMap<string, Value>;
  /** Functions callable here; absent means "Function calls not allowed". */
  functions?: ReadonlyMap<string, FunctionDef>;
  /** Passed to function implementations (baseDir = the working directory, as in Terraform). */
  functionContext?: FunctionContext;
}

// ---------- Terraform's diagnostics for unresolvable references ----------

/** `Reference to undeclared input variable` with Terraform's suggestion. */
export function undeclaredVariableDiag(name: string, declared: Iterable<string>, range: Range): Diagnostic {
  const s = nameSuggestion(name, declared);
  const suggestion = s !== undefined ? ` Did you mean "${s}"?` : ` This variable can be declared with a variable "${name}" {} block.`;
  return errorDiag('Reference to undeclared input variable', `An input variable with the name "${name}" has not been declared.${suggestion}`, range);
}

/** `Reference to undeclared local value`. */
export function undeclaredLocalDiag(name: string, declared: Iterable<string>, range: Range): Diagnostic {
  const s = nameSuggestion(name, declared);
  const suggestion = s !== undefined ? ` Did you mean "${s}"?` : '';
  return errorDiag('Reference to undeclared local value', `A local value with the name "${name}" has not been declared.${suggestion}`, range);
}

/**
 * `Reference to undeclared resource`. `moduleDisplay` is "the root module" or
 * `module.x`; `dataCandidate` is set when a data resource of that type and name exists.
 */
export function undeclaredResourceDiag(
  mode: ResourceMode, type: string, name: string, range: Range, moduleDisplay = 'the root module', dataCandidate = false,
): Diagnostic {
  const adj = mode === 'managed' ? 'managed' : mode;
  const article = mode === 'ephemeral' ? 'An' : 'A';
  const suggestion = mode === 'managed' && dataCandidate ? `\n\nDid you mean the data resource data.${type}.${name}?` : '';
  return errorDiag('Reference to undeclared resource', `${article} ${adj} resource "${type}" "${name}" has not been declared in ${moduleDisplay}.${suggestion}`, range);
}

/** `Reference to undeclared module`. */
export function undeclaredModuleDiag(name: string, declared: Iterable<string>, range: Range, moduleDisplay = 'the root module'): Diagnostic {
  const s = nameSuggestion(name, declared);
  const suggestion = s !== undefined ? ` Did you mean "${s}"?` : '';
  return errorDiag('Reference to undeclared module', `No module call named "${name}" is declared in ${moduleDisplay}.${suggestion}`, range);
}

/** `Reference to undeclared output value`. */
export function undeclaredOutputDiag(name: string, declared: Iterable<string>, range: Range): Diagnostic {
  const s = nameSuggestion(name, declared);
  const suggestion = s !== undefined ? ` Did you mean "${s}"?` : '';
  return errorDiag('Reference to undeclared output value', `An output value with the name "${name}" has not been declared.${suggestion}`, range);
}

/** `count.x` errors: outside a counted block, or an attribute other than `index`. */
export function countAttrDiag(name: string, counted: boolean, range: Range): Diagnostic {
  if (name !== 'index') {
    return errorDiag('Invalid "count" attribute', `The "count" object does not have an attribute named "${name}". The only supported attribute is count.index, which is the index of each instance of a resource block that has the "count" argument set.`, range);
  }
  void counted;
  return errorDiag('Reference to "count" in non-counted context', 'The "count" object can only be used in "module", "resource", and "data" blocks, and only when the "count" argument is set.', range);
}

/** `each.x` errors: outside a for_each block, or an attribute other than key/value. */
export function forEachAttrDiag(name: string, range: Range): Diagnostic {
  if (name !== 'key' && name !== 'value') {
    return errorDiag('Invalid "each" attribute', `The "each" object does not have an attribute named "${name}". The supported attributes are each.key and each.value, the current key and value pair of the "for_each" attribute set.`, range);
  }
  return errorDiag('Reference to "each" in context without for_each', 'The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" argument is set.', range);
}

/** `path.x` with an unknown attribute. */
export function invalidPathAttrDiag(name: string, range: Range): Diagnostic {
  const s = nameSuggestion(name, ['cwd', 'module', 'root']);
  const suggestion = s !== undefined ? ` Did you mean "${s}"?` : '';
  return errorDiag('Invalid "path" attribute', `The "path" object does not have an attribute named "${name}".${suggestion}`, range);
}

/** `terraform.x` with an unknown attribute (`env` has its own history lesson). */
export function invalidTerraformAttrDiag(name: string, range: Range): Diagnostic {
  if (name === 'env') {
    return errorDiag('Invalid "terraform" attribute', 'The terraform.env attribute was deprecated in v0.10 and removed in v0.12. The "state environment" concept was renamed to "workspace" in v0.12, and so the workspace name can now be accessed using the terraform.workspace attribute.', range);
  }
  return errorDiag('Invalid "terraform" attribute', `The "terraform" object does not have an attribute named "${name}". The only supported attributes are terraform.workspace, the name of the currently-selected workspace, and terraform.applying, a boolean which is true only during apply.`, range);
}

/** `self` used where there is no self object. */
export function invalidSelfDiag(range: Range): Diagnostic {
  return errorDiag('Invalid "self" reference', 'The "self" object is not available in this context. This object can be used only in resource provisioner, connection, and postcondition blocks.', range);
}

/**
 * Terraform's static check of `aws_instance.web.nope` against the resource type's schema:
 * `candidates` are the schema's attribute and block names (for the suggestion).
 */
export function unsupportedSchemaAttrDiag(name: string, candidates: Iterable<string>, range: Range): Diagnostic {
  const s = nameSuggestion(name, candidates);
  const suggestion = s !== undefined ? ` Did you mean "${s}"?` : '';
  return errorDiag('Unsupported attribute', `This object has no argument, nested block, or exported attribute named "${name}".${suggestion}`, range);
}

/** Terraform's `Missing resource instance key` for `aws_instance.web.id` when the resource has count or for_each. */
export function missingInstanceKeyDiag(addr: string, repetition: 'count' | 'for_each', range: Range): Diagnostic {
  const key = repetition === 'count' ? 'count.index' : 'each.key';
  return errorDiag('Missing resource instance key',
    `Because ${addr} has "${repetition}" set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    ${addr}[${key}]`,
    range);
}

/** Terraform's `Unexpected resource instance key` for `aws_instance.web[0]` without count or for_each. */
export function unexpectedInstanceKeyDiag(addr: string, range: Range): Diagnostic {
  return errorDiag('Unexpected resource instance key',
    `Because ${addr} does not have "count" or "for_each" set, references to it must not include an index key. Remove the bracketed index to refer to the single instance of this resource.`,
    range);
}
