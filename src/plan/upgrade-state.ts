/**
 * Resource state upgrades: an object stored at an older schema version than the provider's
 * goes through the provider's UpgradeResourceState before anything else reads it, and the
 * upgraded object (at the current version) is what later steps see and save, as in
 * Terraform's upgradeResourceState.
 */
import type { AbsResourceInstance } from '../addrs/index.js';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { Provider, Schema } from '../providers/protocol.js';
import { impliedType } from '../providers/schema.js';
import { encodeAttributes, type ResourceInstanceObject } from '../state/index.js';
import { providerDiags } from './provider-manager.js';

/** The upgraded object, or undefined with the reasons in `diags`. */
export interface UpgradedObject {
  obj: ResourceInstanceObject | undefined;
  diags: Diagnostic[];
}

/**
 * Brings `obj` (of managed resource `addr`) to `schema.version` through `provider`. An
 * object already at the current version is returned as is; one from a newer provider
 * version cannot be downgraded, so it is an error.
 */
export function upgradeResourceObject(addr: AbsResourceInstance, provider: Provider | undefined, obj: ResourceInstanceObject, schema: Schema): UpgradedObject {
  if (obj.schemaVersion === schema.version || obj.attrsJSON === undefined) return { obj, diags: [] };
  const type = addr.resource.resource.type;
  if (obj.schemaVersion > schema.version) {
    // Terraform names the provider by the type's implied local name ("random" for random_password).
    const providerType = type.split('_')[0];
    return {
      obj: undefined,
      diags: [errorDiag('Resource instance managed by newer provider version', `The current state of ${addr.toString()} was created by a newer provider version than is currently selected. Upgrade the ${providerType} provider to work with this state.`)],
    };
  }
  if (!provider?.upgradeResourceState) return { obj, diags: [] };
  let rawState: unknown;
  try {
    rawState = JSON.parse(obj.attrsJSON);
  } catch {
    return { obj, diags: [] }; // left to the decoder, which reports invalid data with its location
  }
  const r = provider.upgradeResourceState({ typeName: type, version: obj.schemaVersion, rawState });
  const diags = providerDiags(r.diagnostics);
  if (r.diagnostics.some((d) => d.severity === 'error')) return { obj: undefined, diags };
  const enc = encodeAttributes(r.upgradedState, impliedType(schema.block));
  return { obj: { ...obj, schemaVersion: schema.version, attrsJSON: enc.attrsJSON }, diags };
}
