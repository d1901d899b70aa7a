/**
 * `terrane apply [PLAN]` and `terrane destroy`: plan (or load a saved plan), ask for
 * approval, apply with progress lines, then print the summary and outputs like Terraform.
 */
import { tightenHeapGrowthWhenLarge } from './heap-growth.js';
import { resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import { readPlanFile, type SavedPlan } from '../plan/plan-file.js';
import { applyTimeVariableValues, savedPlanVariableDiags } from '../apply/saved-plan-variables.js';
import { planHasChanges, type Plan } from '../plan/plan.js';
import type { PlanResult } from '../plan/planner.js';
import type { Workdir } from '../apply/workdir.js';
import { refreshOnlyApplyState } from '../apply/refresh-only.js';
import { colors } from '../plan/render/colors.js';
import { formatConsoleValue } from '../lang/format-console.js';
import type { Value } from '../lang/value.js';
import { flagsHelp, parseFlags, type ParsedFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { interruptible } from './interrupt.js';
import { OPERATION_FLAGS, STATE_OUT_FLAGS, emitDiags, openWorkdir, parseDuration, promptText, readLine, useColor, variableArgs } from './ui.js';
import { isCheckWarning, openWorkdirJson, preparePlan, printPlan } from './plan-common.js';
import { JsonUI } from './json-ui.js';
import { JsonHooks } from './json-ui-hooks.js';
import { ApplyProgress } from './apply-progress.js';
import { errorDiag } from '../hcl/diagnostic.js';

const SPEC = {
  ...OPERATION_FLAGS,
  'auto-approve': { type: 'bool' as const, help: 'Skip interactive approval of plan before applying.' },
  destroy: { type: 'bool' as const, help: 'Destroy terrane-managed infrastructure. The command "terrane destroy" is a convenience alias for this option.' },
  ...STATE_OUT_FLAGS,
  help: { type: 'bool' as const },
};

const APPLY_USAGE = `Usage: terrane [global options] apply [options] [PLAN]

  Creates or updates infrastructure according to terrane configuration
  files in the current directory.

  By default, terrane will generate a new plan and present it for your
  approval before taking any action. You can optionally provide a plan
  file created by a previous call to "terrane plan", in which case
  terrane will take the actions described in that plan without any
  confirmation prompt.

Options:

`;

const DESTROY_USAGE = `Usage: terrane [global options] destroy [options]

  Destroy terrane-managed infrastructure.

  This command is a convenience alias for:
      terrane apply -destroy

Options:

`;

/** Runs `terrane apply` (or destroy when `destroy` is set). */
export async function run(args: string[], io: CommandIO, destroy = false): Promise<number> {
  return runOperation(args, io, destroy ? 'destroy' : 'apply');
}

/** Which command runs the apply: `refresh` is `apply -refresh-only -auto-approve` with its own JSON view. */
export type ApplyCommand = 'apply' | 'destroy' | 'refresh';

const JSON_APPROVAL_DETAIL = 'terrane cannot ask for interactive approval when -json is set. You can either apply a saved plan file, or enable the -auto-approve option.';

/** Runs apply, destroy or refresh. */
export async function runOperation(args: string[], io: CommandIO, command: ApplyCommand): Promise<number> {
  const p = parseFlags(args, SPEC);
  const usage = command === 'destroy' ? DESTROY_USAGE : APPLY_USAGE;
  if (p.error) { io.stderr.write(`${p.error}\n\n${usage}${flagsHelp(SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(usage + flagsHelp(SPEC)); return 0; }
  const color = useColor(p, io);
  const c = colors(color);
  const isDestroy = command === 'destroy' || Boolean(p.flags.destroy);
  const planFile = !isDestroy ? p.positional[0] : undefined;
  const json = p.flags.json ? new JsonUI(io.stdout) : undefined;
  if (json) {
    json.version();
    // -json leaves no way to ask for approval.
    if (!planFile && !p.flags['auto-approve']) {
      json.diagnostics([errorDiag('Plan file or auto-approve required', JSON_APPROVAL_DETAIL)]);
      return 1;
    }
  }
  if (p.positional.length > 1) {
    const d = [errorDiag('Too many command line arguments', 'Expected at most one positional argument.')];
    if (json) json.diagnostics(d);
    else emitDiags(io, d, new Map(), color);
    return 1;
  }
  // A saved plan is applied with the configuration it was made from, read from the plan file.
  let saved: SavedPlan | undefined;
  if (planFile) {
    const r = await readPlanFile(resolve(io.cwd, planFile), planFile);
    if (!r.saved) {
      if (json) json.diagnostics(r.diags);
      else emitDiags(io, r.diags, new Map(), color);
      return 1;
    }
    saved = r.saved;
  }
  const wd = json ? await openWorkdirJson(io, p, json, undefined, saved?.config) : await openWorkdir(io, p, color, undefined, saved?.config);
  if (!wd) return 1;
  const show = (d: readonly Diagnostic[]) => (json ? json.diagnostics(d) : emitDiags(io, d, wd.config.sources, color, Boolean(p.flags['compact-warnings'])));
  try {
    let result: PlanResult;
    let variables: Map<string, Value>;
    let warnings: Diagnostic[] = [];
    if (saved) {
      if (saved.plan.errored) {
        // A plan saved after planning failed (plan -out keeps it) is never applied. Terraform
        // shows it first only when it has no resource changes ("Planning failed.").
        if (!json && !saved.plan.changes.some((ch) => ch.action !== 'no-op')) printPlan(io, wd, { plan: saved.plan, refreshed: saved.prior, diags: [] }, color);
        show([errorDiag('Cannot apply incomplete plan', 'terrane encountered an error when generating this plan, so it cannot be applied.')]);
        return 1;
      }
      const loaded = await loadSavedPlan(wd, saved, p, show);
      if (!loaded) return 1;
      ({ result, variables, warnings } = loaded);
    } else {
      const mode = isDestroy ? 'destroy' : p.flags['refresh-only'] ? 'refresh-only' : 'normal';
      // Check block warnings of the plan are shown only before a question: the apply
      // evaluates the checks again and reports them itself (Terraform drops them otherwise).
      const prepared = await preparePlan(io, wd, p, mode, color, json,
        { lockOperation: command === 'refresh' ? 'OperationTypeRefresh' : 'OperationTypeApply' });
      if (!prepared) return 1;
      ({ result, variables, warnings } = prepared);
      if (json && mode !== 'refresh-only') warnings = warnings.filter((d) => !isCheckWarning(d));
      if (json) {
        if (command !== 'refresh') json.plan(result.plan);
      } else {
        // Terraform's refresh command shows only the refresh progress, then the outputs.
        if (command !== 'refresh') printPlan(io, wd, result, color);
        const asking = planHasChanges(result.plan) && !p.flags['auto-approve'];
        show(asking || mode === 'refresh-only' ? warnings : warnings.filter((d) => !isCheckWarning(d)));
        warnings = [];
        if (asking) {
          const answer = await approve(io, result.plan, wd.workspace, color);
          if (answer === undefined) {
            // Terraform's wording when stdin ends before an answer (no newline follows the prompt).
            emitDiags(io, [errorDiag('error asking for approval: EOF')], wd.config.sources, color);
            return 1;
          }
          if (answer !== 'yes') {
            io.stdout.write(`${result.plan.mode === 'destroy' ? 'Destroy' : 'Apply'} cancelled.\n`);
            return 1;
          }
        }
      }
    }
    if (result.plan.mode === 'refresh-only') {
      // `apply -refresh-only` records the plan's check results; `refresh` none, as Terraform's does.
      result.refreshed.checkResults = command === 'refresh' ? [] : result.plan.checks.slice();
      const state = command === 'refresh' ? result.refreshed : refreshOnlyApplyState(result);
      const d = [...warnings, ...await wd.writeState(state)];
      show(d);
      if (hasErrors(d)) return 1;
      // What is reported is what the state keeps, as in Terraform.
      const outputs = state.outputs;
      if (json) {
        if (command !== 'refresh') json.changeSummary('apply', { add: 0, change: 0, import: 0, remove: 0 });
        json.outputValues(outputs);
        return 0;
      }
      if (command !== 'refresh') io.stdout.write('\n' + c.bold(c.green('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.')) + '\n');
      printOutputs(io, c, outputs);
      return 0;
    }
    const hooks = json ? new JsonHooks(json) : undefined;
    const progress = json ? undefined : new ApplyProgress(io.stdout, c);
    // The plan's changes are not read again here: the apply may let each go once it is made.
    const r = await interruptible(io, (signal) => wd.apply(result, {
      variables, parallelism: Number(p.flags.parallelism ?? 10), onEvent: hooks?.onApplyEvent ?? progress!.onEvent,
      ...(progress ? { onImport: progress.onImport } : {}), releasePlan: true, ...(signal ? { signal } : {}),
    }));
    hooks?.stop();
    progress?.stop();
    show([...warnings, ...r.diags]);
    if (hasErrors(r.diags)) return 1;
    const destroyed = result.plan.mode === 'destroy';
    if (json) {
      json.changeSummary(destroyed ? 'destroy' : 'apply', { add: r.counts.added, change: r.counts.changed, import: r.counts.imported, remove: r.counts.destroyed });
      if (!destroyed) json.outputValues(r.outputs);
      return 0;
    }
    const summary = destroyed
      ? `Destroy complete! Resources: ${r.counts.destroyed} destroyed.`
      : `Apply complete! Resources: ${r.counts.imported ? `${r.counts.imported} imported, ` : ''}${r.counts.added} added, ${r.counts.changed} changed, ${r.counts.destroyed} destroyed.`;
    io.stdout.write('\n' + c.bold(c.green(summary)) + '\n');
    if (!destroyed) printOutputs(io, c, r.outputs);
    return 0;
  } finally {
    await wd.unlock();
    await wd.close();
  }
}

/** The `Outputs:` block Terraform prints after an apply or a refresh (nothing when there are none). */
function printOutputs(io: CommandIO, c: ReturnType<typeof colors>, outputs: ReadonlyMap<string, { value: Value; sensitive: boolean }>): void {
  if (outputs.size === 0) return;
  io.stdout.write(c.bold(c.green('\nOutputs:')) + '\n\n');
  for (const [name, o] of [...outputs].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    io.stdout.write(`${name} = ${o.sensitive ? '<sensitive>' : formatConsoleValue(o.value)}\n`);
  }
}

/**
 * Terraform's approval question for the plan's mode (naming a workspace other than
 * `default`); the answer, or undefined when stdin ends first. As Terraform's UIInput, a
 * newline follows an answer.
 */
async function approve(io: CommandIO, plan: Plan, workspace: string, color: boolean): Promise<string | undefined> {
  const ws = workspace !== 'default' ? workspace : undefined;
  let query: string, desc: string;
  if (plan.mode === 'destroy') {
    query = ws ? `Do you really want to destroy all resources in workspace "${ws}"?` : 'Do you really want to destroy all resources?';
    desc = 'terrane will destroy all your managed infrastructure, as shown above.\nThere is no undo. Only \'yes\' will be accepted to confirm.';
  } else if (plan.mode === 'refresh-only') {
    query = ws ? `Would you like to update the terrane state for "${ws}" to reflect these detected changes?` : 'Would you like to update the terrane state to reflect these detected changes?';
    desc = 'terrane will write these changes to the state without modifying any real infrastructure.\nThere is no undo. Only \'yes\' will be accepted to confirm.';
  } else {
    query = ws ? `Do you want to perform these actions in workspace "${ws}"?` : 'Do you want to perform these actions?';
    desc = 'terrane will perform the actions described above.\nOnly \'yes\' will be accepted to approve.';
  }
  const answer = await readLine(io, promptText(`\n${query}`, desc, color));
  if (answer !== undefined) io.stdout.write('\n');
  return answer;
}

/**
 * Takes the lock and checks that a saved plan can be applied: to the state it was made
 * against, without variable values that differ from its own. Warnings are returned to
 * follow the apply, as Terraform shows them.
 */
async function loadSavedPlan(wd: Workdir, saved: SavedPlan, p: ParsedFlags, show: (d: readonly Diagnostic[]) => void): Promise<{ result: PlanResult; variables: Map<string, Value>; warnings: Diagnostic[] } | undefined> {
  const { plan, prior } = saved;
  if (p.flags.lock !== false) {
    const ld = await wd.lock('OperationTypeApply', parseDuration(String(p.flags['lock-timeout'] ?? '0s')) ?? 0);
    if (hasErrors(ld)) { show(ld); return undefined; }
  }
  const cur = await wd.readState();
  tightenHeapGrowthWhenLarge();
  // The plan's refreshed prior carries the serial of the state it was planned against.
  const stale = cur.state.serial !== plan.priorStateSerial || (plan.priorStateSerial > 0 && cur.state.lineage !== plan.priorStateLineage);
  if (stale) {
    show([errorDiag('Saved plan is stale',
      'The given plan file can no longer be applied because the state was changed by another operation after the plan was created.')]);
    return undefined;
  }
  const given = wd.givenVariables(variableArgs(p));
  const applyTime = applyTimeVariableValues(wd.config.root.module, saved.applyTimeVariables ?? [], given.values);
  const rest = new Map([...given.values].filter(([name]) => !applyTime.values.has(name)));
  const vd = [...given.diags, ...applyTime.diags, ...savedPlanVariableDiags(rest, saved.setVariables)];
  if (hasErrors(vd)) { show(vd); return undefined; }
  return { result: { plan, refreshed: prior, diags: [] }, variables: new Map([...Object.entries(plan.variables), ...applyTime.values]), warnings: vd };
}
