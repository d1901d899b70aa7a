/**
 * The provider protocol, modelled on Terraform's plugin protocol (v5/v6): a provider is
 * described by schemas and answers a fixed set of calls with schema-typed Values. A
 * provider knows nothing of HCL, graphs or state files.
 *
 * The engine:
 *  - validates and configures the provider with its `provider` block (decoded by the schema),
 *  - for each resource instance: `readResource` (refresh), `planResourceChange` (the provider
 *    fills computed attributes with unknowns or defaults and says which changed paths force
 *    replacement), `applyResourceChange` (create: prior null; delete: planned null; update),
 *  - `importResourceState` / `readDataSource` / `upgradeResourceState` as named.
 */
import type { Type } from '../lang/types.js';
import type { Path, Value } from '../lang/value.js';

/** One attribute of a block schema. */
export interface AttributeSchema {
  type: Type;
  description?: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  /** Changing this attribute forces replacement (used by the SDK's default planner). */
  forceNew?: boolean;
  /**
   * With forceNew: whether a change from `prior` to `planned` (which may be unknown) really
   * forces replacement, like the plugin framework's conditional RequiresReplace modifiers.
   */
  replaceIf?: (prior: Value, planned: Value) => boolean;
  /** Default used by the SDK when the attribute is optional and unset in config. */
  default?: Value;
  deprecated?: string;
  /** Write-only (ephemeral) attributes are never stored in state. */
  writeOnly?: boolean;
}

/** How a nested block type repeats. */
export type NestingMode = 'single' | 'group' | 'list' | 'set' | 'map';

export interface NestedBlockSchema {
  nesting: NestingMode;
  block: BlockSchema;
  minItems?: number;
  maxItems?: number;
  /** Changing anything in this block forces replacement (SDK planner). */
  forceNew?: boolean;
}

export interface BlockSchema {
  attributes: Record<string, AttributeSchema>;
  blockTypes: Record<string, NestedBlockSchema>;
  description?: string;
  deprecated?: boolean;
}

/** A versioned schema (state stored under an older version is upgraded by the provider). */
export interface Schema {
  version: number;
  block: BlockSchema;
}

export interface ProviderSchema {
  provider: Schema;
  resources: Record<string, Schema>;
  dataSources: Record<string, Schema>;
  /** The provider's own metadata for `terraform providers schema -json`. */
  providerMeta?: Schema;
}

/** A problem reported by a provider, pointing at an attribute path instead of a source range. */
export interface ProviderDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  /** The attribute the problem is about (the engine maps it to the configuration's range). */
  attribute?: Path;
}

export interface ConfigureRequest {
  config: Value;
  /** The terrane version, like TerraformVersion in the real protocol. */
  terraformVersion: string;
}

export interface ReadResourceRequest {
  typeName: string;
  currentState: Value;
  private?: Uint8Array;
  providerMeta?: Value;
}
export interface ReadResourceResponse {
  /** Null when the object no longer exists (the engine plans to create it again). */
  newState: Value;
  private?: Uint8Array;
  diagnostics: ProviderDiagnostic[];
}

export interface PlanResourceChangeRequest {
  typeName: string;
  /** Null value of the schema's type when creating. */
  priorState: Value;
  /** Config merged over prior state for computed attributes; null when destroying. */
  proposedNewState: Value;
  config: Value;
  priorPrivate?: Uint8Array;
}
export interface PlanResourceChangeResponse {
  plannedState: Value;
  /** Attribute paths whose change forces replacement. */
  requiresReplace: Path[];
  plannedPrivate?: Uint8Array;
  diagnostics: ProviderDiagnostic[];
}

export interface ApplyResourceChangeRequest {
  typeName: string;
  priorState: Value;
  /** Null to delete. */
  plannedState: Value;
  config: Value;
  plannedPrivate?: Uint8Array;
}
export interface ApplyResourceChangeResponse {
  /** Null after a delete. On error, the state as far as it got (may be null). */
  newState: Value;
  private?: Uint8Array;
  diagnostics: ProviderDiagnostic[];
  /**
   * The resource type is built on hashicorp's legacy plugin SDK (SDKv2), whose type shims
   * return values the plan did not promise (`""` planned as null): Terraform tolerates
   * those instead of failing with "Provider produced inconsistent result after apply".
   */
  legacyTypeSystem?: boolean;
}

export interface ImportResourceStateRequest {
  typeName: string;
  id: string;
}
export interface ImportedResource {
  typeName: string;
  state: Value;
  private?: Uint8Array;
}
export interface ImportResourceStateResponse {
  importedResources: ImportedResource[];
  diagnostics: ProviderDiagnostic[];
}

export interface ReadDataSourceRequest {
  typeName: string;
  config: Value;
}
export interface ReadDataSourceResponse {
  state: Value;
  diagnostics: ProviderDiagnostic[];
}

export interface UpgradeResourceStateRequest {
  typeName: string;
  /** The schema version the stored state was written with. */
  version: number;
  /** The stored attributes, as decoded JSON. */
  rawState: unknown;
}
export interface UpgradeResourceStateResponse {
  upgradedState: Value;
  diagnostics: ProviderDiagnostic[];
}

/** A provider instance (one per provider configuration). */
export interface Provider {
  getSchema(): ProviderSchema;
  validateProviderConfig?(config: Value): ProviderDiagnostic[];
  configure(req: ConfigureRequest): Promise<ProviderDiagnostic[]>;
  validateResourceConfig?(typeName: string, config: Value): ProviderDiagnostic[];
  validateDataSourceConfig?(typeName: string, config: Value): ProviderDiagnostic[];
  upgradeResourceState?(req: UpgradeResourceStateRequest): UpgradeResourceStateResponse;
  readResource(req: ReadResourceRequest): Promise<ReadResourceResponse>;
  planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse>;
  applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse>;
  importResourceState(req: ImportResourceStateRequest): Promise<ImportResourceStateResponse>;
  readDataSource(req: ReadDataSourceRequest): Promise<ReadDataSourceResponse>;
  /** Called when the engine is done with the provider (close clients). */
  close?(): Promise<void>;
}

/** A provider type terrane ships, known by its source address. */
export interface ProviderFactory {
  /** e.g. `registry.terraform.io/hashicorp/random`. */
  source: string;
  /** The version terrane reports for it (written to .terraform.lock.hcl). */
  version: string;
  create(): Provider;
}
