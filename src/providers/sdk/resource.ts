/**
 * How a terrane provider defines a resource or data source: a schema (with force-new and
 * default flags) and CRUD functions over object values. The SDK turns these into the
 * provider protocol (planning, replacement, import, refresh), as hashicorp's plugin SDK does.
 */
import type { Path, Value } from '../../lang/value.js';
import type { ProviderDiagnostic, Schema } from '../protocol.js';

/** What every resource function receives: the configured provider's client data. */
export interface ResourceContext<M> {
  meta: M;
  /** Aborted when the user interrupts (Ctrl-C): long waits should stop. */
  signal?: AbortSignal;
}

/** The inputs and outputs of a plan customisation hook. */
export interface PlanCustomization {
  /** Null when creating. */
  prior: Value | null;
  /** The SDK's plan: config values, defaults, prior or unknown computed values. */
  planned: Value;
  config: Value;
  /** Paths that force replacement (may be extended by the hook). */
  requiresReplace: Path[];
}

export interface ResourceDef<M = unknown> {
  schema: Schema;
  /** Creates the object; returns the full new state (every computed attribute known). */
  create(ctx: ResourceContext<M>, planned: Value, config: Value): Promise<Value>;
  /** Reads the current object; null when it no longer exists. */
  read(ctx: ResourceContext<M>, state: Value): Promise<Value | null>;
  /** Updates in place; absent when every argument forces replacement. */
  update?(ctx: ResourceContext<M>, prior: Value, planned: Value, config: Value): Promise<Value>;
  delete(ctx: ResourceContext<M>, state: Value): Promise<void>;
  /**
   * Builds a partial state from an import id (default: `{ id = <id> }`); `read` is called
   * after it to fill the rest. Throw ProviderError for a malformed id.
   */
  importState?(ctx: ResourceContext<M>, id: string): Promise<Value>;
  /** Adjusts the plan (e.g. mark attributes unknown that an update recomputes). */
  customizePlan?(ctx: ResourceContext<M>, p: PlanCustomization): Promise<PlanCustomization> | PlanCustomization;
  /** Validates configuration beyond the schema (values may be unknown). */
  validate?(config: Value): ProviderDiagnostic[];
  /** Upgrades raw stored attributes from an older schema version to the current one. */
  upgradeState?(version: number, raw: Record<string, unknown>): Record<string, unknown>;
  /** Overrides the provider's `legacyTypeSystem` (a plugin-framework type in an SDKv2 provider). */
  legacyTypeSystem?: boolean;
}

export interface DataSourceDef<M = unknown> {
  schema: Schema;
  read(ctx: ResourceContext<M>, config: Value): Promise<Value>;
  validate?(config: Value): ProviderDiagnostic[];
}

/**
 * An error a provider function throws to report a problem to the user: becomes a
 * diagnostic (with the attribute path, when given) instead of an internal error.
 */
export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(readonly summary: string, readonly detail?: string, readonly attribute?: Path) {
    super(detail ? `${summary}: ${detail}` : summary);
  }
}
