/**
 * Terminal UI shared by the commands: diagnostics, prompts, colour choice, the common
 * flags of plan/apply/destroy, and opening the working directory.
 */
import { createInterface } from 'node:readline';
import type { Diagnostic } from '../hcl/diagnostic.js';
import { hasErrors } from '../hcl/diagnostic.js';
import { renderDiagnostics } from '../hcl/diagnostic-render.js';
import type { VariableArg } from '../config/variable-values.js';
import type { Variable } from '../config/module.js';
import { Workdir } from '../apply/workdir.js';
import type { FlagSpec, ParsedFlags } from './flags.js';
import type { CommandIO } from './io.js';

/** Flags shared by plan, apply, destroy and refresh (Terraform's names). */
export const OPERATION_FLAGS: FlagSpec = {
  var: { type: 'list', arg: "'foo=bar'", help: 'Set a value for one of the input variables in the root module of the configuration. Use this option more than once to set more than one variable.' },
  'var-file': { type: 'list', arg: 'filename', help: 'Load variable values from the given file, in addition to the default files terraform.tfvars and *.auto.tfvars. Use this option more than once to include more than one variables file.' },
  target: { type: 'list', arg: 'resource', help: 'Limit the planning operation to only the given module, resource, or resource instance and all of its dependencies. You can use this option multiple times to include more than one object. This is for exceptional use only.' },
  exclude: { type: 'list', arg: 'resource', help: 'Limit the planning operation to not operate on the given module, resource, or resource instance and all of the resources and modules that depend on it. You can use this option multiple times to exclude more than one object.' },
  replace: { type: 'list', arg: 'resource', help: 'Force replacement of a particular resource instance using its resource address. If the plan would\'ve normally produced an update or no-op action for this instance, terrane will plan to replace it instead.' },
  refresh: { type: 'bool', default: true, arg: 'false', help: 'Skip checking for external changes to remote objects while creating the plan. This can potentially make planning faster, but at the expense of possibly planning against a stale record of the remote system state.' },
  'refresh-only': { type: 'bool', help: 'Select the "refresh only" planning mode, which checks whether remote objects still match the outcome of the most recent terrane apply but does not propose any actions to undo any changes made outside of terrane.' },
  parallelism: { type: 'int', default: 10, arg: 'n', help: 'Limit the number of concurrent operations. Defaults to 10.' },
  lock: { type: 'bool', default: true, arg: 'false', help: "Don't hold a state lock during the operation. This is dangerous if others might concurrently run commands against the same workspace." },
  'lock-timeout': { type: 'string', default: '0s', arg: '0s', help: 'Duration to retry a state lock.' },
  input: { type: 'bool', default: true, arg: 'true', help: 'Ask for input for variables if not directly set.' },
  'no-color': { type: 'bool', help: 'If specified, output won\'t contain any color.' },
  'compact-warnings': { type: 'bool', help: 'If terrane produces any warnings that are not accompanied by errors, shows them in a more compact form that includes only the summary messages.' },
  json: { type: 'bool', help: 'Produce output in a machine-readable JSON format, suitable for use in text editor integrations and other automated systems. Always disables color.' },
  state: { type: 'string', arg: 'path', help: 'Legacy option for the local backend only.' },
};

/** -var and -var-file in command-line order. */
export function variableArgs(p: ParsedFlags): VariableArg[] {
  const out: VariableArg[] = [];
  for (const o of p.ordered) {
    if (o.name === 'var') out.push({ kind: 'var', value: o.value });
    else if (o.name === 'var-file') out.push({ kind: 'var-file', path: o.value });
  }
  return out;
}

/** Go-style duration (`0s`, `30s`, `5m`, `1m30s`) in milliseconds, or undefined when invalid. */
export function parseDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0, consumed = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    consumed += m[0].length;
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60000 : n * 3600000;
  }
  return consumed === s.length && s.length > 0 ? total : undefined;
}

/** Whether to colour output: not with -no-color, and only on a terminal. */
export function useColor(p: ParsedFlags, io: CommandIO): boolean {
  if (p.flags['no-color'] || p.flags.json) return false;
  return Boolean((io.stdout as NodeJS.WriteStream).isTTY) && !io.env?.NO_COLOR;
}

/** Writes diagnostics: warnings to stdout, errors to stderr, Terraform style. */
export function emitDiags(io: CommandIO, diags: readonly Diagnostic[], sources: ReadonlyMap<string, string>, color: boolean, compact = false): void {
  if (!diags.length) return;
  const r = renderDiagnostics(diags, sources, { color, compactWarnings: compact });
  if (r.stdout) io.stdout.write(r.stdout);
  if (r.stderr) io.stderr.write(r.stderr);
}

/** True when stdin is an interactive terminal. */
export function isInteractive(io: CommandIO): boolean {
  return Boolean((io.stdin as NodeJS.ReadStream).isTTY);
}

/** Reads one line from stdin after printing `prompt` (undefined at end of input). */
export function readLine(io: CommandIO, prompt: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    io.stdout.write(prompt);
    const rl = createInterface({ input: io.stdin, terminal: false });
    let done = false;
    rl.once('line', (l) => { done = true; rl.close(); resolve(l.trim()); });
    rl.once('close', () => { if (!done) resolve(undefined); });
  });
}

/** Asks for a required variable on a terminal, as Terraform does. */
export function variablePrompter(io: CommandIO, enabled: boolean): ((v: Variable) => Promise<string | undefined>) | undefined {
  if (!enabled || !isInteractive(io)) return undefined;
  return async (v) => {
    io.stdout.write(`var.${v.name}\n`);
    if (v.description) io.stdout.write(`  ${v.description}\n`);
    io.stdout.write('\n');
    return readLine(io, '  Enter a value: ');
  };
}

/** Opens the working directory, reporting problems. */
export async function openWorkdir(io: CommandIO, p: ParsedFlags, color: boolean, dirArg?: string): Promise<Workdir | undefined> {
  const { wd, diags, sources } = await Workdir.open({
    dir: dirArg ?? io.cwd, cwd: io.cwd, env: io.env ?? process.env,
    ...(typeof p.flags.state === 'string' ? { statePath: p.flags.state } : {}),
  });
  if (wd && !hasErrors(diags)) diags.push(...await wd.ensureBackend(variableArgs(p)));
  emitDiags(io, diags, sources, color);
  return hasErrors(diags) ? undefined : wd;
}

/** Prints usage help for a command: the text, then its options. */
export function usage(io: CommandIO, text: string): number {
  io.stdout.write(text.endsWith('\n') ? text : text + '\n');
  return 0;
}
