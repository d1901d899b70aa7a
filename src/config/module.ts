/**
 * The decoded configuration of one module (the files of one directory), modelled on
 * Terraform's configs.Module. Expressions stay unevaluated (AST): the plan evaluates them
 * in the right scope. Only what must be static is decoded here (variable types, defaults).
 */
import type { Expression, Traversal } from '../hcl/ast.js';
import type { HclBody } from '../hcl/body.js';
import type { Range } from '../hcl/diagnostic.js';
import type { Type } from '../lang/types.js';
import type { Value } from '../lang/value.js';
import type { TypeDefaults } from '../lang/defaults.js';

/** A `required_providers` entry. */
export interface RequiredProvider {
  /** The local name (`aws`). */
  name: string;
  /** The full source address, e.g. `registry.terraform.io/hashicorp/aws`. */
  source: string;
  /** The version constraint as written (`~> 5.0`), or undefined. */
  version?: string;
  /** Extra local names for aliases (`configuration_aliases`). */
  configurationAliases: string[];
  range: Range;
}

export interface Backend {
  type: string;
  /** Evaluated at init/plan time; terrane allows var. and local. references here. */
  config: HclBody;
  range: Range;
  typeRange: Range;
}

export interface TerraformSettings {
  requiredVersion: { constraint: string; range: Range }[];
  requiredProviders: Map<string, RequiredProvider>;
  backend?: Backend;
  /** `cloud` blocks are recorded so we can say they are unsupported offline. */
  cloudRange?: Range;
  experiments: string[];
}

export interface ProviderBlock {
  /** The local name (`aws`). */
  name: string;
  alias?: string;
  config: HclBody;
  /** The `version` argument (deprecated in Terraform but still accepted). */
  version?: string;
  range: Range;
  nameRange: Range;
}

export interface Validation {
  condition: Expression;
  errorMessage: Expression;
  range: Range;
}

export interface Variable {
  name: string;
  /** The type constraint (`any` when not given). May contain optional attributes. */
  type: Type;
  /** True when `type` was written explicitly. */
  typeSet: boolean;
  /** Defaults of `optional(T, default)` attributes in the type. */
  typeDefaults?: TypeDefaults;
  /** How text values (-var, TF_VAR_) are read: primitive types literally, others as HCL. */
  parseMode: 'literal' | 'hcl';
  /** The default, already converted to `type` (with optional attribute defaults applied). */
  default?: Value;
  description?: string;
  sensitive: boolean;
  /** `nullable` (default true). */
  nullable: boolean;
  ephemeral: boolean;
  validations: Validation[];
  range: Range;
  nameRange: Range;
}

export interface Local {
  name: string;
  expr: Expression;
  range: Range;
}

export interface CheckRule {
  condition: Expression;
  errorMessage: Expression;
  range: Range;
}

export interface Output {
  name: string;
  expr: Expression;
  description?: string;
  sensitive: boolean;
  ephemeral: boolean;
  dependsOn: Traversal[];
  preconditions: CheckRule[];
  range: Range;
  nameRange: Range;
}

export interface Lifecycle {
  createBeforeDestroy: boolean;
  createBeforeDestroySet: boolean;
  /** An expression: terrane accepts variables and locals known before plan here. */
  preventDestroy?: Expression;
  /** Attribute paths to ignore, or 'all'. */
  ignoreChanges: Traversal[] | 'all';
  replaceTriggeredBy: Expression[];
  preconditions: CheckRule[];
  postconditions: CheckRule[];
}

/** A reference to a provider configuration from a resource or module: `aws.west`. */
export interface ProviderRef {
  name: string;
  alias?: string;
  range: Range;
}

export interface Resource {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** The body less meta-arguments: decoded later with the provider's schema. */
  config: HclBody;
  count?: Expression;
  forEach?: Expression;
  /** Explicit `provider = aws.west`. */
  provider?: ProviderRef;
  dependsOn: Traversal[];
  lifecycle: Lifecycle;
  /** Recorded to warn that provisioners are not run. */
  provisionerRanges: Range[];
  range: Range;
  /** The block header (`resource "aws_instance" "web"`). */
  declRange: Range;
  typeRange: Range;
}

export interface PassedProvider {
  /** The name in the child module (`aws` or `aws.west`). */
  inChild: ProviderRef;
  /** The configuration in the calling module. */
  inParent: ProviderRef;
}

export interface ModuleCall {
  name: string;
  source: string;
  sourceRange: Range;
  version?: string;
  /** Input variables for the child: every argument that is not a meta-argument. */
  inputs: Map<string, { expr: Expression; range: Range; nameRange: Range }>;
  count?: Expression;
  forEach?: Expression;
  providers: PassedProvider[];
  dependsOn: Traversal[];
  range: Range;
  declRange: Range;
  /** The block's opening brace, where Terraform reports a missing input. */
  bodyStart: Range;
}

export interface Moved {
  from: Traversal;
  to: Traversal;
  range: Range;
}

export interface Import {
  to: Expression;
  /** The whole `to = ...` argument (Terraform points some errors at it, not at the expression). */
  toRange: Range;
  id: Expression;
  forEach?: Expression;
  provider?: ProviderRef;
  /** The whole `provider = ...` argument. */
  providerRange?: Range;
  range: Range;
}

export interface Removed {
  from: Traversal;
  destroy: boolean;
  range: Range;
}

export interface Check {
  name: string;
  asserts: CheckRule[];
  /** A scoped data source (`data` block nested in the check). */
  data: Resource[];
  range: Range;
}

export interface Module {
  /** The directory the module was loaded from. */
  dir: string;
  /** File name -> source text, for diagnostics' code frames. */
  sources: Map<string, string>;
  terraform: TerraformSettings;
  providers: Map<string, ProviderBlock>;
  variables: Map<string, Variable>;
  locals: Map<string, Local>;
  outputs: Map<string, Output>;
  /** Keyed `type.name`. */
  managedResources: Map<string, Resource>;
  /** Keyed `type.name` (without the `data.` prefix). */
  dataResources: Map<string, Resource>;
  moduleCalls: Map<string, ModuleCall>;
  moved: Moved[];
  imports: Import[];
  removed: Removed[];
  checks: Map<string, Check>;
}

/** A module in the tree of modules, with its children by call name. */
export interface ModuleNode {
  /** Call names from the root (`[]` for the root, `['net', 'subnets']` for `module.net.module.subnets`). */
  path: string[];
  module: Module;
  /** The call in the parent that produced this node (undefined for the root). */
  call?: ModuleCall;
  children: Map<string, ModuleNode>;
}

/** The whole configuration: the root module and every module it calls (local sources). */
export interface Config {
  root: ModuleNode;
  /** Every source file of every module, for rendering diagnostics. */
  sources: Map<string, string>;
}

/** The key of a provider block or reference: `aws` or `aws.west`. */
export function providerKey(name: string, alias?: string): string {
  return alias ? `${name}.${alias}` : name;
}

/**
 * The module node that module calls named `steps` lead to from `root` (instance keys do not
 * matter), or undefined when one of the calls is not declared.
 */
export function moduleNodeAt(root: ModuleNode, steps: readonly { name: string }[]): ModuleNode | undefined {
  let node: ModuleNode | undefined = root;
  for (const st of steps) node = node?.children.get(st.name);
  return node;
}
