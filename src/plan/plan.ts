/**
 * The decoded form of a plan: what the plan stage produces, what the renderers print and
 * what apply executes. Modelled on Terraform's plans.Plan. The serialized form (saved plan
 * files) is separate (plan-file.ts).
 */
import type { RelevantAttribute } from './relevant.js';
import type { Path, Value } from '../lang/value.js';
import type { Type } from '../lang/types.js';
import type { Diagnostic } from '../hcl/diagnostic.js';

/** What will happen to one resource instance (Terraform's plans.Action). */
export type Action =
  | 'no-op'
  | 'create'
  | 'read'
  | 'update'
  | 'delete'
  /** Replace: destroy first, then create (the default). */
  | 'delete-then-create'
  /** Replace with create_before_destroy. */
  | 'create-then-delete'
  /** Removed from state without destroying (a `removed` block with destroy = false). */
  | 'forget';

/** Why an action was chosen, as Terraform's `action_reason` in JSON plans. */
export type ActionReason =
  | 'replace_because_tainted'
  | 'replace_because_cannot_update'
  | 'replace_by_request'
  | 'replace_by_triggers'
  | 'delete_because_no_resource_config'
  | 'delete_because_wrong_repetition'
  | 'delete_because_count_index'
  | 'delete_because_each_key'
  | 'delete_because_no_module'
  | 'delete_because_no_move_target'
  | 'read_because_config_unknown'
  | 'read_because_dependency_pending'
  | 'read_because_check_nested';

/** A planned change to one resource instance object. */
export interface ResourceInstanceChange {
  /** Absolute instance address, e.g. `module.net.aws_subnet.a["x"]`. */
  addr: string;
  /** The address in the previous run's state when the object moved (a `moved` block). */
  prevRunAddr?: string;
  /** Set for a deposed object (left over from a create_before_destroy replace). */
  deposedKey?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Absolute provider config address, e.g. `provider["registry.terraform.io/hashicorp/aws"]`. */
  providerAddr: string;
  action: Action;
  actionReason?: ActionReason;
  /** Prior object (null value when creating). Marks carry sensitivity. */
  before: Value;
  /** Planned object (null value when deleting); may contain unknowns. Marks carry sensitivity. */
  after: Value;
  /** The schema type of the object (for rendering and JSON). */
  objectType: Type;
  /** Attribute paths that force replacement (`# forces replacement`). */
  requiredReplace: Path[];
  /** Present when the object is being imported. */
  importing?: { id: string };
  /** A comment the provider or engine attached (e.g. generated config path). */
  generatedConfig?: string;
  /** Private data from planResourceChange, passed to applyResourceChange. */
  plannedPrivate?: Uint8Array;
}

/** A planned change to a root module output. */
export interface OutputChange {
  name: string;
  action: 'create' | 'update' | 'delete' | 'no-op';
  before: Value;
  after: Value;
  sensitive: boolean;
}

/**
 * The statuses of every checkable object (resources with conditions, outputs with
 * preconditions, check blocks, variables with validations), as the state records them.
 */
export type CheckResult = import('../state/state.js').CheckResult;

export type PlanMode = 'normal' | 'destroy' | 'refresh-only';

export interface Plan {
  mode: PlanMode;
  /** Changes to resource instances, sorted by address. */
  changes: ResourceInstanceChange[];
  /** Root module output changes. */
  outputChanges: OutputChange[];
  /** Objects changed outside terrane since the last run ("Objects have changed outside of terrane"). */
  drift: ResourceInstanceChange[];
  /**
   * The attributes the plan's changes depend on (relevant.ts); a normal plan shows only the
   * drift that touches them. Absent in plans from older files: all drift is shown.
   */
  relevantAttributes?: RelevantAttribute[];
  /** Values of the root module's input variables used for the plan (saved into plan files). */
  variables: Record<string, Value>;
  targets: string[];
  excludes: string[];
  replaceAddrs: string[];
  checks: CheckResult[];
  /** The state the plan was made against (refreshed): apply refuses a plan whose state has moved on. */
  priorStateSerial: number;
  priorStateLineage: string;
  /** When the plan was made (plantimestamp()). */
  timestamp: Date;
  /** True when planning stopped on an error (an errored plan is never applied). */
  errored: boolean;
  /** Warnings gathered while planning (errors make the plan fail instead). */
  diagnostics: Diagnostic[];
}

/** True when applying the plan would change anything (resources or outputs). */
export function planHasChanges(p: Plan): boolean {
  if (p.changes.some((c) => c.action !== 'no-op' || c.importing || (c.prevRunAddr !== undefined && c.prevRunAddr !== c.addr))) return true;
  if (p.outputChanges.some((o) => o.action !== 'no-op')) return true;
  return p.mode === 'refresh-only' && p.drift.length > 0;
}

/** Counts for the `Plan: X to add, Y to change, Z to destroy.` line. */
export function planSummary(p: Plan): { add: number; change: number; destroy: number; import: number } {
  const s = { add: 0, change: 0, destroy: 0, import: 0 };
  for (const c of p.changes) {
    if (c.importing) s.import++;
    switch (c.action) {
      case 'create': s.add++; break;
      case 'update': s.change++; break;
      case 'delete': if (c.mode === 'managed') s.destroy++; break;
      case 'delete-then-create':
      case 'create-then-delete': s.add++; s.destroy++; break;
      default: break;
    }
  }
  return s;
}
