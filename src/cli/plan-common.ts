/**
 * The shared core of plan, apply, destroy and refresh: variables, locking, planning and
 * rendering the plan, with Terraform's messages.
 */
import { tightenHeapGrowthWhenLarge } from './heap-growth.js';
import { hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import { requiredVersionDiags } from '../config/required-version.js';
import { parseAbsProviderConfig } from '../addrs/index.js';
import type { Workdir } from '../apply/workdir.js';
import type { PlanResult } from '../plan/planner.js';
import { writeGeneratedConfig } from '../plan/generate-config-file.js';
import type { PlanMode, ResourceInstanceChange } from '../plan/plan.js';
import { renderPlan } from '../plan/render/plan-render.js';
import type { BlockSchema } from '../providers/protocol.js';
import type { Value } from '../lang/value.js';
import type { RawVariableValue } from '../config/variable-values.js';
import type { ParsedFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { interruptible } from './interrupt.js';
import { emitDiags, parseDuration, variableArgs, variablePrompter, workdirOptions } from './ui.js';
import type { ConfigSnapshot } from '../config/config-files.js';
import { colors } from '../plan/render/colors.js';
import { elapsed } from './apply-progress.js';
import { Workdir as WorkdirClass } from '../apply/workdir.js';
import type { JsonUI } from './json-ui.js';
import { JsonHooks } from './json-ui-hooks.js';
import { CHECK_ASSERTION_FAILED, CHECK_KNOWN_AFTER_APPLY } from '../plan/checks.js';

/** Schema lookup for rendering a change. */
export function schemaLookup(wd: Workdir): (c: ResourceInstanceChange) => BlockSchema | undefined {
  return (c) => {
    const pa = parseAbsProviderConfig(c.providerAddr).value;
    if (!pa) return undefined;
    return wd.providers.resourceSchema(pa.provider.toString(), c.mode, c.type)?.block;
  };
}

export interface PreparedPlan {
  result: PlanResult;
  variables: Map<string, Value>;
  /** The raw values of the variables the caller set (what a saved plan keeps). */
  given: Map<string, RawVariableValue>;
  /** Warnings not yet shown: Terraform shows them after the plan. */
  warnings: Diagnostic[];
  /** True when -generate-config-out wrote a file. */
  wroteConfig?: boolean;
}

/** Options of preparePlan beyond the flags. */
export interface PrepareOptions {
  /** Apply evaluates check blocks again: their plan-time warnings are dropped. */
  forApply?: boolean;
  /**
   * -generate-config-out: generate configuration for import targets that have none and
   * write it to this path (relative to the working directory), as Terraform does, even
   * when planning then fails.
   */
  generateConfigOut?: string;
  /**
   * The operation written in the lock info: Terraform's plan command (also with -destroy)
   * locks as OperationTypePlan, apply and destroy as OperationTypeApply, refresh as
   * OperationTypeRefresh.
   */
  lockOperation?: 'OperationTypePlan' | 'OperationTypeApply' | 'OperationTypeRefresh';
  /** `plan -out`: Terraform saves a plan that failed part way too (errored, so never applied). */
  savePartial?: (prepared: PreparedPlan) => Promise<void>;
}

/**
 * Reads variables, takes the lock (kept until `wd.unlock()`), reads state and plans.
 * Prints errors (as JSON messages when `json` is given) and returns warnings for the
 * caller to show after the plan; undefined on error (the lock is released then).
 */
export async function preparePlan(io: CommandIO, wd: Workdir, p: ParsedFlags, mode: PlanMode, color: boolean, json?: JsonUI, forApplyOrOpts: boolean | PrepareOptions = false): Promise<PreparedPlan | undefined> {
  const popts: PrepareOptions = typeof forApplyOrOpts === 'boolean' ? { forApply: forApplyOrOpts } : forApplyOrOpts;
  const forApply = popts.forApply ?? false;
  const show = (d: readonly Diagnostic[]) => (json ? json.diagnostics(d) : emitDiags(io, d, wd.config.sources, color));
  const rv = requiredVersionDiags(wd.config);
  if (hasErrors(rv)) { show(rv); return undefined; }
  const vars = await wd.variables(variableArgs(p), json ? undefined : variablePrompter(io, p.flags.input !== false));
  if (hasErrors(vars.diags)) { show(vars.diags); return undefined; }
  const warnings: Diagnostic[] = [...vars.diags];
  if (p.flags.lock !== false) {
    const timeout = parseDuration(String(p.flags['lock-timeout'] ?? '0s')) ?? 0;
    const ld = await wd.lock(popts.lockOperation ?? 'OperationTypePlan', timeout);
    if (hasErrors(ld)) { show(ld); return undefined; }
  }
  const c = colors(color);
  const st = await wd.readState();
  tightenHeapGrowthWhenLarge();
  if (hasErrors(st.diags)) { show(st.diags); await wd.unlock(); return undefined; }
  const hooks = json ? new JsonHooks(json) : undefined;
  const runOpts = {
    mode, refresh: p.flags.refresh !== false, targets: p.flags.target as string[], excludes: p.flags.exclude as string[],
    replace: p.flags.replace as string[], parallelism: Number(p.flags.parallelism ?? 10), variables: vars.values,
    variableRanges: new Map([...vars.given].flatMap(([k, g]) => (g.range ? [[k, g.range] as const] : []))),
    onPlanEvent: hooks ? hooks.onPlanEvent : (e) => {
      const name = c.bold(`${e.addr}:`);
      if (e.kind === 'import') io.stdout.write(`${name} Preparing import... [id=${e.id}]\n`);
      else if (e.kind === 'refresh') io.stdout.write(`${name} Refreshing state...${e.id ? ` [id=${e.id}]` : ''}\n`);
      else if (e.kind === 'read-start') io.stdout.write(`${name} Reading...\n`);
      else if (e.kind === 'read-done') io.stdout.write(`${name} Read complete after ${elapsed(e.elapsedMs)}${e.id ? ` [id=${e.id}]` : ''}\n`);
    },
  } satisfies Parameters<Workdir['plan']>[1];
  const result = await interruptible(io, (signal) => {
    const o = signal ? { ...runOpts, signal } : runOpts;
    return popts.generateConfigOut === undefined ? wd.plan(st.state, o) : planGenerating(wd, st.state, o, popts.generateConfigOut);
  });
  hooks?.stop();
  // Terraform writes what it generated before it reports the plan, even a failed one, so that
  // the configuration can be fixed by hand.
  let wroteConfig = false;
  if (popts.generateConfigOut !== undefined) {
    const w = writeGeneratedConfig(popts.generateConfigOut, result.generated ?? [], wd.cwd);
    wroteConfig = w.wrote;
    result.diags.push(...w.diags);
  }
  // An apply evaluates check blocks again and reports their warnings itself, as Terraform does.
  const all = [...warnings, ...result.diags].filter((d) => !(forApply && isCheckWarning(d)));
  if (hasErrors(all)) {
    // Terraform shows what it planned before the problem (not for errors found before planning).
    const p2 = result.plan;
    if (result.partial && popts.savePartial) await popts.savePartial({ result, variables: vars.values, given: vars.given, warnings: [] });
    // The plan command (not apply or refresh) says a plan failed in its walk even with nothing planned.
    const planCommand = !forApply && (popts.lockOperation ?? 'OperationTypePlan') === 'OperationTypePlan';
    const planned = p2.changes.length > 0 || p2.outputChanges.length > 0;
    if (p2.errored && json && planned) json.plan(p2);
    else if (p2.errored && !json && (planned || (result.walked && planCommand))) printPlan(io, wd, result, color);
    show(all);
    await wd.unlock();
    return undefined;
  }
  return { result, variables: vars.values, given: vars.given, warnings: all, wroteConfig };
}

/** Workdir.plan with -generate-config-out (Terraform's checks of import blocks included). */
function planGenerating(wd: Workdir, state: Parameters<Workdir['plan']>[0], o: Parameters<Workdir['plan']>[1], out: string): Promise<PlanResult> {
  return wd.plan(state, { ...o, generateConfigOut: out });
}

/** A failed check block assertion (a warning, never an error). */
export function isCheckWarning(d: Diagnostic): boolean {
  return d.severity === 'warning' && (d.summary === CHECK_ASSERTION_FAILED || d.summary === CHECK_KNOWN_AFTER_APPLY);
}

/**
 * Opens the working directory for an operation with -json: like ui.ts's openWorkdir, but
 * problems are written as JSON diagnostic messages.
 */
export async function openWorkdirJson(io: CommandIO, p: ParsedFlags, json: JsonUI, dirArg?: string, snapshot?: ConfigSnapshot): Promise<Workdir | undefined> {
  const { wd, diags, sources } = await WorkdirClass.open(workdirOptions(io, p, dirArg, snapshot));
  json.setSources(sources);
  if (wd && !hasErrors(diags)) diags.push(...await wd.ensureBackend(variableArgs(p)));
  json.diagnostics(diags);
  return hasErrors(diags) ? undefined : wd;
}

/** Prints the plan. */
export function printPlan(io: CommandIO, wd: Workdir, r: PlanResult, color: boolean): void {
  io.stdout.write(withGeneratedNotes(renderPlan(r.plan, { color, schemaFor: schemaLookup(wd) }), r, color));
}

/**
 * Terraform notes `# (config will be generated)` under `# ADDR will be imported` for an
 * instance whose configuration -generate-config-out generated (only when the import is the
 * whole change: an import that also updates shows `(imported from ...)` alone).
 */
export function withGeneratedNotes(text: string, r: PlanResult, color: boolean): string {
  if (!r.generated?.length) return text;
  const c = colors(color);
  const heads = new Set(r.generated.map((g) => `  ${c.bold(`# ${g.addr} will be imported`)}`));
  const note = `  ${c.bold('# (config will be generated)')}`;
  // A plan whose changes carry their generated configuration already has the note.
  const lines = text.split('\n');
  return lines.flatMap((l, i) => (heads.has(l) && lines[i + 1] !== note ? [l, note] : [l])).join('\n');
}
