/** `terrane show [-json] [-no-color] [FILE]`: the state, a state file or a saved plan, human or JSON. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { hasErrors, errorDiag } from '../hcl/diagnostic.js';
import { readPlanFile } from '../plan/plan-file.js';
import { goPathError } from '../plan/os-error.js';
import { planJSON } from '../plan/render/json-plan.js';
import { stateJSON, type SchemaLookup } from '../plan/render/json-state.js';
import { unmarkDeep } from '../lang/value.js';
import { decodeState, type State } from '../state/index.js';
import type { ModuleInstance } from '../addrs/index.js';
import type { Workdir } from '../apply/workdir.js';
import { flagsHelp, parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { emitDiags, openWorkdir, useColor } from './ui.js';
import { printPlan } from './plan-common.js';
import { decodedValues, renderInstance } from './state-common.js';
import { renderOutputValue } from './state-render.js';

const SPEC = {
  json: { type: 'bool' as const, help: 'If specified, output the terrane plan or state in a machine-readable form.' },
  'no-color': { type: 'bool' as const, help: "If specified, output won't contain any color." },
  help: { type: 'bool' as const },
};

const USAGE = `Usage: terrane [global options] show [options] [path]

  Reads and outputs a terrane state or plan file in a human-readable
  form. If no path is specified, the current state will be shown.

Options:

`;

function schemas(wd: Workdir): SchemaLookup {
  return (src, mode, type) => wd.providers.resourceSchema(src, mode, type);
}

/** The human `show` text of a state. */
export function renderStateHuman(state: State, wd?: Workdir): string {
  const withResources = new Set<string>();
  for (const { addr } of state.instances()) withResources.add(addr.module.toString());
  let out = '';
  let module: string | undefined;
  let first = true;
  for (const { addr, resource, instance } of state.instances()) {
    const mode = resource.addr.resource.mode;
    const objects: string[] = [];
    if (instance.current) objects.push(renderInstance(addr, mode, instance.current, undefined, wd ? decodedValues(wd, resource.provider.provider.toString(), mode, addr.resource.resource.type, instance.current) : undefined));
    for (const [k, o] of instance.deposed) objects.push(renderInstance(addr, mode, o, k));
    const m = addr.module.toString();
    if (m !== module) {
      module = m;
      first = !hasAncestorWithResources(addr.module, withResources);
      // Terraform starts each module's resources with a blank line of its own.
      if (!first) out += '\n';
    }
    for (const text of objects) {
      out += (first ? '' : '\n') + text;
      first = false;
    }
  }
  if (state.outputs.size) {
    out += `${out ? '\n\n' : ''}Outputs:\n\n`;
    for (const n of [...state.outputs.keys()].sort()) {
      const o = state.outputs.get(n)!;
      out += `${n} = ${o.sensitive ? '(sensitive value)' : renderOutputValue(unmarkDeep(o.value)[0])}\n`;
    }
  }
  return out;
}

/**
 * Whether a module instance's ancestors (the root module included) have resources in the
 * state. Terraform separates resources with blank lines, but forgets those printed by
 * other branches of the module tree: a module whose ancestors have none starts without one.
 */
function hasAncestorWithResources(m: ModuleInstance, withResources: ReadonlySet<string>): boolean {
  for (let p = m; !p.isRoot;) {
    p = p.parent();
    if (withResources.has(p.toString())) return true;
  }
  return false;
}

/** Runs `terrane show`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${USAGE}${flagsHelp(SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(USAGE + flagsHelp(SPEC)); return 0; }
  if (p.positional.length > 1) {
    io.stderr.write(`The show command expects at most one argument with the path to a terrane state or plan file.\n\n${USAGE}${flagsHelp(SPEC)}`);
    return 1;
  }
  const color = useColor(p, io);
  const file = p.positional[0];
  const path = file !== undefined ? resolve(io.cwd, file) : undefined;
  const pr = path !== undefined ? await readPlanFile(path, file) : undefined;
  // A saved plan is shown with the configuration it was made from.
  const wd = await openWorkdir(io, p, color, undefined, pr?.saved?.config);
  if (!wd) return 1;
  try {
    let state: State | undefined;
    if (path !== undefined && pr) {
      if (pr.saved) {
        const { plan, prior } = pr.saved;
        if (p.flags.json) {
          io.stdout.write(JSON.stringify(planJSON(plan, prior, schemas(wd), wd.config, (src) => wd.providers.schema(src)?.provider.block)) + '\n');
          return 0;
        }
        printPlan(io, wd, { plan, refreshed: prior, diags: [] }, color);
        return 0;
      }
      let text: string;
      try { text = await readFile(path, 'utf8'); } catch (e) {
        // Worded as Terraform's, which tries the file as a state, a local plan and a cloud plan.
        const open = goPathError('open', file!, e as NodeJS.ErrnoException);
        emitDiags(io, [errorDiag('Failed to read the given file as a state or plan file', `State read error: Error loading statefile: ${open}\n\nPlan read error: couldn't load the provided path as either a local plan file (${open}) or a saved cloud plan (${open})`)], wd.config.sources, color);
        return 1;
      }
      const dec = decodeState(text);
      if (!dec.state || hasErrors(dec.diags)) {
        emitDiags(io, [errorDiag('Failed to read the given file as a state or plan file', `State read error: ${dec.diags.map((d) => d.detail ?? d.summary).join('; ')}\n\nPlan read error: ${pr.diags.map((d) => d.detail ?? d.summary).join('; ')}`)], wd.config.sources, color);
        return 1;
      }
      state = dec.state;
    } else {
      const r = await wd.stateMgr.read();
      emitDiags(io, r.diags, wd.config.sources, color);
      if (hasErrors(r.diags)) return 1;
      state = r.state;
    }
    if (p.flags.json) {
      io.stdout.write(JSON.stringify(stateJSON(state, schemas(wd))) + '\n');
      return 0;
    }
    if (!state || state.isEmpty) { io.stdout.write('No state.\n'); return 0; }
    io.stdout.write(renderStateHuman(state, wd));
    return 0;
  } finally { await wd.close(); }
}
