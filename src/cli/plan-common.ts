/**
 * The shared core of plan, apply, destroy and refresh: variables, locking, planning and
 * rendering the plan, with Terraform's messages.
 */
import { hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import { parseAbsProviderConfig } from '../addrs/index.js';
import type { Workdir } from '../apply/workdir.js';
import type { PlanResult } from '../plan/planner.js';
import type { PlanMode, ResourceInstanceChange } from '../plan/plan.js';
import { renderPlan } from '../plan/render/plan-render.js';
import type { BlockSchema } from '../providers/protocol.js';
import type { Value } from '../lang/value.js';
import type { ParsedFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { emitDiags, parseDuration, variableArgs, variablePrompter } from './ui.js';
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
  /** Warnings not yet shown: Terraform shows them after the plan. */
  warnings: Diagnostic[];
}

/**
 * Reads variables, takes the lock (kept until `wd.unlock()`), reads state and plans.
 * Prints errors (as JSON messages when `json` is given) and returns warnings for the
 * caller to show after the plan; undefined on error (the lock is released then).
 */
export async function preparePlan(io: CommandIO, wd: Workdir, p: ParsedFlags, mode: PlanMode, color: boolean, json?: JsonUI, forApply = false): Promise<PreparedPlan | undefined> {
  const show = (d: readonly Diagnostic[]) => (json ? json.diagnostics(d) : emitDiags(io, d, wd.config.sources, color));
  const vars = await wd.variables(variableArgs(p), json ? undefined : variablePrompter(io, p.flags.input !== false));
  if (hasErrors(vars.diags)) { show(vars.diags); return undefined; }
  const warnings: Diagnostic[] = [...vars.diags];
  if (p.flags.lock !== false) {
    const timeout = parseDuration(String(p.flags['lock-timeout'] ?? '0s')) ?? 0;
    const ld = await wd.lock(mode === 'destroy' ? 'OperationTypeApply' : 'OperationTypePlan', timeout);
    if (hasErrors(ld)) { show(ld); return undefined; }
  }
  const c = colors(color);
  const st = await wd.readState();
  if (hasErrors(st.diags)) { show(st.diags); await wd.unlock(); return undefined; }
  const hooks = json ? new JsonHooks(json) : undefined;
  const result = await wd.plan(st.state, {
    mode, refresh: p.flags.refresh !== false, targets: p.flags.target as string[], excludes: p.flags.exclude as string[],
    replace: p.flags.replace as string[], parallelism: Number(p.flags.parallelism ?? 10), variables: vars.values,
    onPlanEvent: hooks ? hooks.onPlanEvent : (e) => {
      const name = c.bold(`${e.addr}:`);
      if (e.kind === 'refresh') io.stdout.write(`${name} Refreshing state...${e.id ? ` [id=${e.id}]` : ''}\n`);
      else if (e.kind === 'read-start') io.stdout.write(`${name} Reading...\n`);
      else if (e.kind === 'read-done') io.stdout.write(`${name} Read complete after ${elapsed(e.elapsedMs)}${e.id ? ` [id=${e.id}]` : ''}\n`);
    },
  });
  hooks?.stop();
  // An apply evaluates check blocks again and reports their warnings itself, as Terraform does.
  const all = [...warnings, ...result.diags].filter((d) => !(forApply && isCheckWarning(d)));
  if (hasErrors(all)) {
    show(all);
    await wd.unlock();
    return undefined;
  }
  return { result, variables: vars.values, warnings: all };
}

/** A failed check block assertion (a warning, never an error). */
export function isCheckWarning(d: Diagnostic): boolean {
  return d.severity === 'warning' && (d.summary === CHECK_ASSERTION_FAILED || d.summary === CHECK_KNOWN_AFTER_APPLY);
}

/**
 * Opens the working directory for an operation with -json: like ui.ts's openWorkdir, but
 * problems are written as JSON diagnostic messages.
 */
export async function openWorkdirJson(io: CommandIO, p: ParsedFlags, json: JsonUI, dirArg?: string): Promise<Workdir | undefined> {
  const { wd, diags, sources } = await WorkdirClass.open({
    dir: dirArg ?? io.cwd, cwd: io.cwd, env: io.env ?? process.env,
    ...(typeof p.flags.state === 'string' ? { statePath: p.flags.state } : {}),
  });
  json.setSources(sources);
  if (wd && !hasErrors(diags)) diags.push(...await wd.ensureBackend(variableArgs(p)));
  json.diagnostics(diags);
  return hasErrors(diags) ? undefined : wd;
}

/** Prints the plan. */
export function printPlan(io: CommandIO, wd: Workdir, r: PlanResult, color: boolean): void {
  io.stdout.write(renderPlan(r.plan, { color, schemaFor: schemaLookup(wd) }));
}
