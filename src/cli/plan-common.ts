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
}

/**
 * Reads variables, takes the lock (kept until `wd.unlock()`), reads state and plans.
 * Prints diagnostics; undefined on error (the lock is released then).
 */
export async function preparePlan(io: CommandIO, wd: Workdir, p: ParsedFlags, mode: PlanMode, color: boolean): Promise<PreparedPlan | undefined> {
  const vars = await wd.variables(variableArgs(p), variablePrompter(io, p.flags.input !== false));
  if (hasErrors(vars.diags)) { emitDiags(io, vars.diags, wd.config.sources, color); return undefined; }
  const warnings: Diagnostic[] = [...vars.diags];
  if (p.flags.lock !== false) {
    const timeout = parseDuration(String(p.flags['lock-timeout'] ?? '0s')) ?? 0;
    const ld = await wd.lock(mode === 'destroy' ? 'OperationTypeApply' : 'OperationTypePlan', timeout);
    if (hasErrors(ld)) { emitDiags(io, ld, wd.config.sources, color); return undefined; }
  }
  const c = colors(color);
  const st = await wd.readState();
  if (hasErrors(st.diags)) { emitDiags(io, st.diags, wd.config.sources, color); await wd.unlock(); return undefined; }
  const result = await wd.plan(st.state, {
    mode, refresh: p.flags.refresh !== false, targets: p.flags.target as string[], excludes: p.flags.exclude as string[],
    replace: p.flags.replace as string[], parallelism: Number(p.flags.parallelism ?? 10), variables: vars.values,
    onPlanEvent: (e) => {
      const name = c.bold(`${e.addr}:`);
      if (e.kind === 'refresh') io.stdout.write(`${name} Refreshing state...${e.id ? ` [id=${e.id}]` : ''}\n`);
      else if (e.kind === 'read-start') io.stdout.write(`${name} Reading...\n`);
      else io.stdout.write(`${name} Read complete after ${elapsed(e.elapsedMs)}${e.id ? ` [id=${e.id}]` : ''}\n`);
    },
  });
  const all = [...warnings, ...result.diags];
  if (hasErrors(all)) {
    emitDiags(io, all, wd.config.sources, color);
    await wd.unlock();
    return undefined;
  }
  emitDiags(io, all, wd.config.sources, color, Boolean(p.flags['compact-warnings']));
  return { result, variables: vars.values };
}

/** Prints the plan. */
export function printPlan(io: CommandIO, wd: Workdir, r: PlanResult, color: boolean): void {
  io.stdout.write(renderPlan(r.plan, { color, schemaFor: schemaLookup(wd) }));
}
