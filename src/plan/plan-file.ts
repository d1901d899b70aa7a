/**
 * Saved plan files (`plan -out=FILE`, `apply FILE`, `show FILE`): the serialized form of
 * a Plan plus the refreshed prior state it was made against, the configuration files it
 * was made from and the variable values its caller set. JSON, versioned; values keep
 * their types, unknowns and sensitive marks. Terraform's own plan files are a private
 * binary format, so terrane's are its own.
 */
import { readFile } from 'node:fs/promises';
import { goPathError } from './os-error.js';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import * as T from '../lang/types.js';
import {
  Value, UNKNOWN, nullVal, unknownVal, unmarkDeep, markWithPaths, Mark, type Path,
} from '../lang/value.js';
import { typeToJSONValue, typeFromJSONValue, decodeState, encodeState, atomicWrite, type State } from '../state/index.js';
import type { Plan, ResourceInstanceChange, OutputChange } from './plan.js';
import type { ConfigSnapshot } from '../config/config-files.js';

const FORMAT = 'terrane-plan';
/** 2: with the configuration snapshot and the variables the caller set. */
const VERSION = 2;

type Tree = null | string | number | boolean | { $unknown: true } | { $dynamic: unknown; value: Tree } | Tree[] | { [k: string]: Tree };

/**
 * `declared` is the type the place holds: a value of a concrete type in a dynamic place
 * keeps its own type, unknown and null ones too (Terraform's JSON plan tells an unknown
 * object, `{}` in after_sensitive, from an unknown of unknown type, `false`).
 */
function toTree(v: Value, declared: T.Type = v.type): Tree {
  if (declared.kind === 'dynamic' && v.type.kind !== 'dynamic') {
    return { $dynamic: typeToJSONValue(v.type), value: toTree(v, v.type) };
  }
  if (v.v === UNKNOWN) return { $unknown: true };
  if (v.isNull) return null;
  const t = v.type;
  switch (t.kind) {
    case 'string': case 'number': case 'bool': return v.v as Tree;
    case 'list': case 'set': return v.elems.map((e) => toTree(e, t.elem));
    case 'tuple': return v.elems.map((e, i) => toTree(e, t.elems[i]!));
    case 'map': case 'object': {
      const o: Record<string, Tree> = {};
      for (const [k, e] of v.attrs) o[k] = toTree(e, t.kind === 'map' ? t.elem : t.attrs[k]!);
      return o;
    }
    default: return null;
  }
}

function fromTree(t: Tree, type: T.Type): Value {
  if (t !== null && typeof t === 'object' && !Array.isArray(t) && (t as { $unknown?: boolean }).$unknown === true) return unknownVal(type);
  if (t === null) return nullVal(type);
  switch (type.kind) {
    case 'string': return new Value(type, String(t));
    case 'number': return new Value(type, Number(t));
    case 'bool': return new Value(type, Boolean(t));
    case 'list': case 'set': return new Value(type, (t as Tree[]).map((e) => fromTree(e, type.elem)));
    case 'tuple': return new Value(type, (t as Tree[]).map((e, i) => fromTree(e, type.elems[i]!)));
    case 'map': return new Value(type, new Map(Object.entries(t as Record<string, Tree>).map(([k, e]) => [k, fromTree(e, type.elem)])));
    case 'object': return new Value(type, new Map(Object.keys(type.attrs).sort().map((k) => [k, fromTree((t as Record<string, Tree>)[k] ?? null, type.attrs[k]!)])));
    case 'dynamic': {
      const d = t as { $dynamic?: unknown; value?: Tree };
      if (d && typeof d === 'object' && '$dynamic' in d) return fromTree(d.value ?? null, typeFromJSONValue(d.$dynamic));
      return unknownVal(T.Dynamic);
    }
  }
}

interface EncodedValue { type: unknown; value: Tree; sensitive: Path[] }

function enc(v: Value): EncodedValue {
  const [bare, pms] = unmarkDeep(v);
  return { type: typeToJSONValue(bare.type), value: toTree(bare), sensitive: pms.filter((p) => p.marks & Mark.Sensitive).map((p) => p.path) };
}

function dec(e: EncodedValue): Value {
  const v = fromTree(e.value, typeFromJSONValue(e.type));
  return e.sensitive.length ? markWithPaths(v, e.sensitive.map((path) => ({ path, marks: Mark.Sensitive }))) : v;
}

/** What a saved plan holds besides the plan and its prior state. */
export interface PlanFileExtras {
  /** The configuration files the plan was made from: `apply FILE` applies with these, as Terraform does. */
  config: ConfigSnapshot;
  /**
   * The root variable values the caller set (-var, files, TF_VAR_, prompts; not defaults), as
   * given, before conversion: Terraform refuses `apply -var` values that differ from these.
   */
  setVariables: ReadonlyMap<string, Value>;
  /**
   * Ephemeral root variables set for the plan: their values are not saved, and Terraform
   * requires them again when the plan is applied.
   */
  applyTimeVariables?: readonly string[];
}

/** Writes a plan, its prior state and `extras` to `path` (atomically, mode 0600). */
export async function writePlanFile(path: string, plan: Plan, prior: State, extras: PlanFileExtras): Promise<void> {
  const doc = {
    format: FORMAT, format_version: VERSION,
    config: extras.config,
    set_variables: Object.fromEntries([...extras.setVariables].map(([k, v]) => [k, enc(v)])),
    ...(extras.applyTimeVariables?.length ? { apply_time_variables: extras.applyTimeVariables } : {}),
    plan: {
      ...plan,
      timestamp: plan.timestamp.toISOString(),
      variables: Object.fromEntries(Object.entries(plan.variables).map(([k, v]) => [k, enc(v)])),
      changes: plan.changes.map(encChange), drift: plan.drift.map(encChange),
      outputChanges: plan.outputChanges.map((o) => ({ ...o, before: enc(o.before), after: enc(o.after) })),
      diagnostics: [],
    },
    prior_state: encodeState(prior),
  };
  await atomicWrite(path, JSON.stringify(doc));
}

function encChange(c: ResourceInstanceChange) {
  return {
    ...c, before: enc(c.before), after: enc(c.after), objectType: typeToJSONValue(c.objectType),
    plannedPrivate: c.plannedPrivate ? Buffer.from(c.plannedPrivate).toString('base64') : undefined,
  };
}

function decChange(c: Record<string, unknown>): ResourceInstanceChange {
  const out = { ...c } as unknown as ResourceInstanceChange & { plannedPrivate?: unknown };
  out.before = dec(c.before as EncodedValue);
  out.after = dec(c.after as EncodedValue);
  out.objectType = typeFromJSONValue(c.objectType);
  if (typeof c.plannedPrivate === 'string') out.plannedPrivate = Buffer.from(c.plannedPrivate, 'base64');
  else delete out.plannedPrivate;
  return out;
}

/** A saved plan as read back. */
export interface SavedPlan extends PlanFileExtras { plan: Plan; prior: State }

/**
 * Reads a saved plan: undefined with a diagnostic when the file is not a terrane plan.
 * `shownAs` is the path as the user gave it. When the file cannot be read at all, `unreadable`
 * is the OS error as Terraform words it (`stat PATH: no such file or directory`), which each
 * command reports in its own way.
 */
export async function readPlanFile(path: string, shownAs = path): Promise<{ saved?: SavedPlan; diags: Diagnostic[]; unreadable?: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const unreadable = goPathError('stat', shownAs, e as NodeJS.ErrnoException);
    return { diags: [errorDiag(`Failed to load "${shownAs}" as a plan file`, `Error: ${unreadable}`)], unreadable };
  }
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    return { diags: [errorDiag('Failed to load plan file', `The file ${path} is not a terrane plan file: ${(e as Error).message}`)] };
  }
  if (doc.format !== FORMAT || doc.format_version !== VERSION) {
    return { diags: [errorDiag('Failed to load plan file', `The file ${path} is not a terrane plan file (format ${String(doc.format)} version ${String(doc.format_version)}).`)] };
  }
  const p = doc.plan as Record<string, unknown>;
  const st = decodeState(doc.prior_state as string);
  if (!st.state) return { diags: st.diags };
  const plan: Plan = {
    ...(p as unknown as Plan),
    timestamp: new Date(p.timestamp as string),
    variables: Object.fromEntries(Object.entries(p.variables as Record<string, EncodedValue>).map(([k, v]) => [k, dec(v)])),
    changes: (p.changes as Record<string, unknown>[]).map(decChange),
    drift: (p.drift as Record<string, unknown>[]).map(decChange),
    outputChanges: (p.outputChanges as Record<string, unknown>[]).map((o) => ({ ...(o as unknown as OutputChange), before: dec(o.before as EncodedValue), after: dec(o.after as EncodedValue) })),
    // Files written before check results had their present shape carry none that can be used.
    checks: Array.isArray(p.checks) ? (p.checks as Plan['checks']).filter((c) => typeof c?.configAddr === 'string' && Array.isArray(c.objects)) : [],
    diagnostics: [],
  };
  const setVariables = new Map(Object.entries(doc.set_variables as Record<string, EncodedValue>).map(([k, v]) => [k, dec(v)]));
  const applyTimeVariables = Array.isArray(doc.apply_time_variables) ? doc.apply_time_variables.filter((n): n is string => typeof n === 'string') : [];
  return { saved: { plan, prior: st.state, config: doc.config as ConfigSnapshot, setVariables, applyTimeVariables }, diags: st.diags };
}
