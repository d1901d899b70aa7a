/**
 * Builds a protocol Provider from resource and data source definitions: the SDK layer
 * every terrane provider (builtin, aws, docker) stands on. It plans with the default
 * planner, dispatches apply to create/update/delete, imports through importState + read,
 * and turns thrown errors into diagnostics.
 */
import { nullVal, type Value } from '../../lang/value.js';
import { convert, ConversionError } from '../../lang/convert.js';
import type {
  ApplyResourceChangeRequest, ApplyResourceChangeResponse, ConfigureRequest, ImportResourceStateRequest,
  ImportResourceStateResponse, PlanResourceChangeRequest, PlanResourceChangeResponse, Provider, ProviderDiagnostic,
  ProviderSchema, ReadDataSourceRequest, ReadDataSourceResponse, ReadResourceRequest, ReadResourceResponse, Schema,
  UpgradeResourceStateRequest, UpgradeResourceStateResponse,
} from '../protocol.js';
import { impliedType } from '../schema.js';
import { planResource } from './planner.js';
import { fromJS, withAttrs } from './obj.js';
import { ProviderError, type DataSourceDef, type ResourceContext, type ResourceDef } from './resource.js';

export interface ProviderDef<M> {
  schema: Schema;
  /** Builds the client data (`meta`) from the provider configuration. */
  configure(config: Value, req: ConfigureRequest): Promise<M> | M;
  resources: Record<string, ResourceDef<M>>;
  dataSources: Record<string, DataSourceDef<M>>;
  validate?(config: Value): ProviderDiagnostic[];
  /**
   * True for providers hashicorp builds on the plugin framework (null, random, local, tls,
   * time): a resource type without importState cannot be imported, and says so with the
   * framework's error. Otherwise the import id alone is read (the plugin SDK's
   * ImportStatePassthrough, which the aws resources use).
   */
  framework?: boolean;
  /**
   * True for providers built on hashicorp's legacy plugin SDK (aws): their apply results
   * may differ from the plan in ways Terraform tolerates (see ApplyResourceChangeResponse).
   */
  legacyTypeSystem?: boolean;
  close?(meta: M | undefined): Promise<void>;
}

/** Turns anything thrown by provider code into diagnostics. */
export function errorDiagnostics(e: unknown): ProviderDiagnostic[] {
  if (e instanceof ProviderError) {
    const d: ProviderDiagnostic = { severity: 'error', summary: e.summary };
    if (e.detail !== undefined) d.detail = e.detail;
    if (e.attribute) d.attribute = e.attribute;
    return [d];
  }
  const msg = e instanceof Error ? e.message : String(e);
  return [{ severity: 'error', summary: msg }];
}

/** The plugin framework's answer to importing a resource type that does not implement import. */
const IMPORT_NOT_IMPLEMENTED = new ProviderError('Resource Import Not Implemented', 'This resource does not support import. Please contact the provider developer for additional information.');

/** A Provider implementing the protocol over `def`. */
export function makeProvider<M>(def: ProviderDef<M>): Provider {
  let meta: M | undefined;
  let configured = false;
  const ctx = (): ResourceContext<M> => {
    if (!configured) throw new ProviderError('Provider not configured', 'The provider was used before it was configured (a terrane bug).');
    return { meta: meta as M };
  };
  const resource = (t: string): ResourceDef<M> => {
    const r = def.resources[t];
    if (!r) throw new ProviderError('Invalid resource type', `The provider does not support resource type "${t}".`);
    return r;
  };
  const dataSource = (t: string): DataSourceDef<M> => {
    const r = def.dataSources[t];
    if (!r) throw new ProviderError('Invalid data source', `The provider does not support data source "${t}".`);
    return r;
  };
  const schema: ProviderSchema = {
    provider: def.schema,
    resources: Object.fromEntries(Object.entries(def.resources).map(([k, r]) => [k, r.schema])),
    dataSources: Object.fromEntries(Object.entries(def.dataSources).map(([k, d]) => [k, d.schema])),
  };

  return {
    getSchema: () => schema,
    validateProviderConfig: (config) => def.validate?.(config) ?? [],
    async configure(req) {
      try {
        meta = await def.configure(req.config, req);
        configured = true;
        return [];
      } catch (e) {
        return errorDiagnostics(e);
      }
    },
    validateResourceConfig: (t, config) => {
      const r = def.resources[t];
      if (!r) return [];
      return [...(def.framework ? deprecationWarnings(r.schema, config) : []), ...(r.validate?.(config) ?? [])];
    },
    validateDataSourceConfig: (t, config) => def.dataSources[t]?.validate?.(config) ?? [],

    upgradeResourceState(req: UpgradeResourceStateRequest): UpgradeResourceStateResponse {
      try {
        const r = resource(req.typeName);
        let raw = (req.rawState ?? {}) as Record<string, unknown>;
        if (req.version < r.schema.version && r.upgradeState) raw = r.upgradeState(req.version, raw);
        return { upgradedState: fromJS(raw, impliedType(r.schema.block)), diagnostics: [] };
      } catch (e) {
        return { upgradedState: nullVal(impliedType(resource(req.typeName).schema.block)), diagnostics: errorDiagnostics(e) };
      }
    },

    async readResource(req: ReadResourceRequest): Promise<ReadResourceResponse> {
      try {
        const r = resource(req.typeName);
        const got = await r.read(ctx(), req.currentState);
        return { newState: got ?? nullVal(impliedType(r.schema.block)), diagnostics: [] };
      } catch (e) {
        return { newState: req.currentState, diagnostics: errorDiagnostics(e) };
      }
    },

    async planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse> {
      try {
        const r = resource(req.typeName);
        if (req.proposedNewState.isNull) return { plannedState: req.proposedNewState, requiresReplace: [], diagnostics: [] };
        const prior = req.priorState.isNull ? null : req.priorState;
        const base = planResource(r.schema.block, prior, req.config);
        let custom = { prior, planned: base.planned, config: req.config, requiresReplace: base.requiresReplace };
        if (r.customizePlan) custom = await r.customizePlan(ctx(), custom);
        return { plannedState: custom.planned, requiresReplace: custom.requiresReplace, diagnostics: [] };
      } catch (e) {
        return { plannedState: req.proposedNewState, requiresReplace: [], diagnostics: errorDiagnostics(e) };
      }
    },

    async applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse> {
      const r = resource(req.typeName);
      const type = impliedType(r.schema.block);
      try {
        if (req.plannedState.isNull) {
          await r.delete(ctx(), req.priorState);
          return { newState: nullVal(type), diagnostics: [] };
        }
        let out: Value;
        if (req.priorState.isNull) out = await r.create(ctx(), req.plannedState, req.config);
        else if (r.update) out = await r.update(ctx(), req.priorState, req.plannedState, req.config);
        else throw new ProviderError('Update not supported', `Resource type "${req.typeName}" cannot be updated in place; this change should have been planned as a replacement (a provider bug).`);
        return { newState: conform(out, type), diagnostics: [], ...(r.legacyTypeSystem ?? def.legacyTypeSystem ? { legacyTypeSystem: true } : {}) };
      } catch (e) {
        // A failed create leaves nothing; a failed update or delete leaves the prior object.
        return { newState: req.priorState, diagnostics: errorDiagnostics(e) };
      }
    },

    async importResourceState(req: ImportResourceStateRequest): Promise<ImportResourceStateResponse> {
      try {
        const r = resource(req.typeName);
        const type = impliedType(r.schema.block);
        if (!r.importState && def.framework) throw IMPORT_NOT_IMPLEMENTED;
        const partial = r.importState ? await r.importState(ctx(), req.id) : withAttrs(nullObject(type), { id: req.id });
        const full = await r.read(ctx(), partial);
        if (!full) {
          throw new ProviderError(
            'Cannot import non-existent remote object',
            `While attempting to import an existing object to "${req.typeName}", the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider's configured region or endpoint, or use "terrane apply" to create a new remote object for this resource.`,
          );
        }
        return { importedResources: [{ typeName: req.typeName, state: conform(full, type) }], diagnostics: [] };
      } catch (e) {
        return { importedResources: [], diagnostics: errorDiagnostics(e) };
      }
    },

    async readDataSource(req: ReadDataSourceRequest): Promise<ReadDataSourceResponse> {
      try {
        const d = dataSource(req.typeName);
        const out = await d.read(ctx(), req.config);
        return { state: conform(out, impliedType(d.schema.block)), diagnostics: [] };
      } catch (e) {
        return { state: req.config, diagnostics: errorDiagnostics(e) };
      }
    },

    async close() {
      await def.close?.(meta);
    },
  };
}

/**
 * The plugin framework's warning for each deprecated top-level attribute the configuration
 * sets to a known value.
 */
function deprecationWarnings(schema: Schema, config: Value): ProviderDiagnostic[] {
  if (config.isNull || !config.isKnown) return [];
  const out: ProviderDiagnostic[] = [];
  for (const [name, a] of Object.entries(schema.block.attributes)) {
    const v = config.attrs.get(name);
    if (a.deprecated && v && v.isKnown && !v.isNull) out.push({ severity: 'warning', summary: 'Attribute Deprecated', detail: a.deprecated, attribute: [{ attr: name }] });
  }
  return out;
}

/** An object of `type` with every attribute null (the starting point of an import). */
export function nullObject(type: ReturnType<typeof impliedType>): Value {
  return fromJS({}, type);
}

function conform(v: Value, type: ReturnType<typeof impliedType>): Value {
  try {
    return convert(v, type);
  } catch (e) {
    if (e instanceof ConversionError) throw new ProviderError('Provider produced invalid object', `The provider returned a value that does not match its schema: ${e.message}.`);
    throw e;
  }
}
