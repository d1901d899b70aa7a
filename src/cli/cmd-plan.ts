/** `terrane plan`: shows the changes an apply would make, Terraform's way. */
import { basename, dirname, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { writePlanFile } from '../plan/plan-file.js';
import { planHasChanges } from '../plan/plan.js';
import { flagsHelp, parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { OPERATION_FLAGS, emitDiags, openWorkdir, useColor } from './ui.js';
import { openWorkdirJson, preparePlan, printPlan, type PreparedPlan } from './plan-common.js';
import type { Workdir } from '../apply/workdir.js';
import { JsonUI } from './json-ui.js';
import { errorDiag } from '../hcl/diagnostic.js';
import { wordWrap } from '../hcl/diagnostic-render.js';
import { validateTargetFile } from '../plan/generate-config-file.js';

const SPEC = {
  ...OPERATION_FLAGS,
  destroy: { type: 'bool' as const, help: 'Select the "destroy" planning mode, which creates a plan to destroy all objects currently managed by this configuration.' },
  out: { type: 'string' as const, arg: 'path', help: 'Write a plan file to the given path. This can be used as input to the "apply" command.' },
  'detailed-exitcode': { type: 'bool' as const, help: 'Return detailed exit codes when the command exits: 0 - Succeeded, diff is empty (no changes); 1 - Errored; 2 - Succeeded, there is a diff.' },
  'generate-config-out': { type: 'string' as const, arg: 'path', help: '(Experimental) If import blocks are present in configuration, instructs terrane to generate HCL for any imported resources not already present. The configuration is written to a new file at PATH, which must not already exist. terrane may still attempt to write configuration if the plan errors.' },
  help: { type: 'bool' as const },
};

const USAGE = `Usage: terrane [global options] plan [options]

  Generates a speculative execution plan, showing what actions terrane
  would take to apply the current configuration. This command will not
  actually perform the planned actions.

  You can optionally save the plan to a file, which you can then pass to
  the "apply" command to perform exactly the actions described in the plan.

Options:

`;

/** Runs `terrane plan`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${USAGE}${flagsHelp(SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(USAGE + flagsHelp(SPEC)); return 0; }
  const color = useColor(p, io);
  const mode = p.flags.destroy ? 'destroy' : p.flags['refresh-only'] ? 'refresh-only' : 'normal';
  const json = p.flags.json ? new JsonUI(io.stdout) : undefined;
  json?.version();
  const wd = json ? await openWorkdirJson(io, p, json, p.positional[0]) : await openWorkdir(io, p, color, p.positional[0]);
  if (!wd) return 1;
  try {
    const genOut = p.flags['generate-config-out'] as string | undefined;
    if (genOut) {
      // Checked before the state is locked, as Terraform does.
      const bad = mode !== 'normal'
        ? [errorDiag('Invalid generate-config-out flag', 'Config can only be generated during a normal plan operation, and not during a refresh-only or destroy plan.')]
        : validateTargetFile(genOut, io.cwd);
      if (bad.length) {
        if (json) json.diagnostics(bad); else emitDiags(io, bad, wd.config.sources, color);
        return 1;
      }
    }
    const out = p.flags.out as string | undefined;
    const prepared = await preparePlan(io, wd, p, mode, color, json, {
      ...(genOut ? { generateConfigOut: genOut } : {}),
      ...(out ? { savePartial: (partial: PreparedPlan) => savePlan(out, wd, partial, genOut) } : {}),
    });
    if (!prepared) return 1;
    if (json) {
      // The JSON view reports the plan, then its warnings, and has no closing notes.
      json.plan(prepared.result.plan);
      json.diagnostics(prepared.warnings);
      if (out) await savePlan(out, wd, prepared, genOut);
    } else {
      printPlan(io, wd, prepared.result, color);
      emitDiags(io, prepared.warnings, wd.config.sources, color, Boolean(p.flags['compact-warnings']));
      // Terraform's next-step notes follow the rule: the generated file first, then the plan's.
      const genNote = prepared.wroteConfig && planHasChanges(prepared.result.plan)
        ? `\n${wordWrap(`terrane has generated configuration and written it to ${genOut}. Please review the configuration and edit it as necessary before adding it to version control.`, 78)}\n`
        : '';
      if (out) {
        await savePlan(out, wd, prepared, genOut);
        io.stdout.write(`\n${'─'.repeat(77)}\n${genNote}\nSaved the plan to: ${out}\n\nTo perform exactly these actions, run the following command to apply:\n    terrane apply "${out}"\n`);
      } else if (planHasChanges(prepared.result.plan)) {
        io.stdout.write(`\n${'─'.repeat(77)}\n${genNote}\nNote: You didn't use the -out option to save this plan, so terrane can't\nguarantee to take exactly these actions if you run "terrane apply" now.\n`);
      }
    }
    await wd.unlock();
    if (p.flags['detailed-exitcode'] && planHasChanges(prepared.result.plan)) return 2;
    return 0;
  } finally {
    await wd.unlock();
    await wd.close();
  }
}

/** Writes the plan file of `-out`: the plan with the configuration and the variable values it was made from. */
function savePlan(out: string, wd: Workdir, prepared: PreparedPlan, generated?: string): Promise<void> {
  // Ephemeral variables' values stay out of the file; their names say they are needed again.
  const ephemeral = new Set([...wd.config.root.module.variables.values()].filter((v) => v.ephemeral).map((v) => v.name));
  const setVariables = new Map([...prepared.given].filter(([name]) => !ephemeral.has(name)).map(([name, raw]) => [name, raw.value]));
  const applyTimeVariables = [...prepared.given.keys()].filter((name) => ephemeral.has(name)).sort();
  const plan = { ...prepared.result.plan, variables: Object.fromEntries(Object.entries(prepared.result.plan.variables).filter(([name]) => !ephemeral.has(name))) };
  const config = wd.configSnapshot();
  // As Terraform does, the configuration -generate-config-out wrote is part of the plan's
  // configuration: applying the plan imports into it.
  const path = generated !== undefined && prepared.wroteConfig ? resolve(wd.cwd, generated) : undefined;
  if (path && dirname(path) === resolve(wd.dir)) config[''] = { ...config[''], [basename(path)]: readFileSync(path, 'utf8') };
  // Relative to the working directory -chdir chose, as Terraform's -out is.
  return writePlanFile(resolve(wd.cwd, out), plan, prepared.result.refreshed, { config, setVariables, applyTimeVariables });
}
