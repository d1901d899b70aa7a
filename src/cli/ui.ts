/**
 * Terminal UI shared by the commands: diagnostics, prompts, colour choice, the common
 * flags of plan/apply/destroy, and opening the working directory.
 */
import type { Diagnostic } from '../hcl/diagnostic.js';
import { hasErrors } from '../hcl/diagnostic.js';
import { renderDiagnostics } from '../hcl/diagnostic-render.js';
import type { VariableArg } from '../config/variable-values.js';
import type { Variable } from '../config/module.js';
import { Workdir, type WorkdirOptions } from '../apply/workdir.js';
import type { ConfigSnapshot } from '../config/config-files.js';
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

/** Terraform's legacy local-state options besides -state, for the commands that change state. */
export const STATE_OUT_FLAGS: FlagSpec = {
  'state-out': { type: 'string', arg: 'path', help: 'Legacy option for the local backend only.' },
  backup: { type: 'string', arg: 'path', help: 'Legacy option for the local backend only.' },
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
  if (io.noColor || p.flags['no-color'] || p.flags.json) return false;
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

/**
 * Lines of one input stream. Lines read ahead (typed or piped faster than they are asked
 * for) stay buffered for the next question instead of being lost with a closed reader.
 */
class LineReader {
  private buf = '';
  private ended = false;

  constructor(private readonly input: NodeJS.ReadableStream) {
    input.once('end', () => { this.ended = true; });
  }

  /**
   * The next line without its line ending, or undefined at end of input or on Ctrl-C/Ctrl-D
   * at a secret prompt. `secret` reads from a terminal without echo, as Terraform's
   * prompts for sensitive variables do.
   */
  read(secret: boolean, ask: () => void): Promise<string | undefined> {
    const tty = this.input as NodeJS.ReadStream;
    const raw = secret && tty.isTTY && typeof tty.setRawMode === 'function';
    // Echo goes off before the question shows, so a quick answer is never echoed.
    if (raw) tty.setRawMode(true);
    ask();
    return new Promise((resolve) => {
      const finish = (line: string | undefined) => {
        this.input.removeListener('data', onData);
        this.input.removeListener('end', onEnd);
        this.input.pause();
        if (raw) tty.setRawMode(false);
        resolve(line);
      };
      const take = (): boolean => {
        const i = raw ? this.buf.search(/[\r\n\x03\x04]/) : this.buf.indexOf('\n');
        if (i < 0) return false;
        const ch = this.buf[i];
        const line = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 1);
        if (raw && ch === '\r' && this.buf.startsWith('\n')) this.buf = this.buf.slice(1);
        finish(ch === '\x03' || (ch === '\x04' && line === '') ? undefined : line);
        return true;
      };
      const onData = (chunk: Buffer | string) => {
        const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
        if (!raw) this.buf += text;
        // Without echo the terminal does no line editing: backspaces are applied here.
        else for (const ch of text) this.buf = ch === '\x7f' || ch === '\b' ? this.buf.slice(0, -1) : this.buf + ch;
        take();
      };
      // A last line without its newline is not an answer: Terraform reports EOF for it too.
      const onEnd = () => {
        this.ended = true;
        if (!take()) finish(undefined);
      };
      if (take()) return;
      if (this.ended) { onEnd(); return; }
      this.input.on('data', onData);
      this.input.once('end', onEnd);
      this.input.resume();
    });
  }
}

const readers = new WeakMap<NodeJS.ReadableStream, LineReader>();

/**
 * Prints `prompt` and reads one line from stdin, trailing white space removed as
 * Terraform's UIInput does (undefined at end of input). `secret` reads without echo on a
 * terminal (and ends the line the user could not see).
 */
export async function readLine(io: CommandIO, prompt: string, secret = false): Promise<string | undefined> {
  let r = readers.get(io.stdin);
  if (!r) { r = new LineReader(io.stdin); readers.set(io.stdin, r); }
  const line = await r.read(secret, () => io.stdout.write(prompt));
  if (secret && (io.stdin as NodeJS.ReadStream).isTTY) io.stdout.write('\n');
  return line?.replace(/\s+$/u, '');
}

/**
 * Terraform's question layout (its UIInput): the query, each description line indented
 * two spaces and a blank line when there is a description, then `  Enter a value: `.
 */
export function promptText(query: string, description?: string, color = false): string {
  const bold = (t: string) => (color ? `\x1b[1m${t}\x1b[0m` : t);
  let s = `${color ? '\x1b[0m' : ''}${bold(query)}\n`;
  if (description) s += description.split(/\r?\n/).map((l) => `  ${l}\n`).join('') + '\n';
  return s + `  ${bold('Enter a value:')} `;
}

/**
 * Asks on a terminal for a required variable that has no value, as Terraform does:
 * `var.NAME` and its description, the answer hidden for sensitive variables, a blank line
 * after each answer. Without a terminal (or with -input=false) nothing is asked, so the
 * variable is reported as missing.
 */
export function variablePrompter(io: CommandIO, enabled: boolean, color = false): ((v: Variable) => Promise<string | undefined>) | undefined {
  if (!enabled || !isInteractive(io) || /^(0|false|f)$/i.test(io.env?.TF_INPUT ?? '')) return undefined;
  return async (v) => {
    const answer = await readLine(io, promptText(`var.${v.name}${v.ephemeral ? ' (ephemeral)' : ''}`, v.description, color), v.sensitive);
    // Terraform ends every answered question with a newline of its own.
    if (answer !== undefined) io.stdout.write('\n');
    return answer;
  };
}

/** Opens the working directory, reporting problems. */
export async function openWorkdir(io: CommandIO, p: ParsedFlags, color: boolean, dirArg?: string, snapshot?: ConfigSnapshot): Promise<Workdir | undefined> {
  const { wd, diags, sources } = await Workdir.open(workdirOptions(io, p, dirArg, snapshot));
  if (wd && !hasErrors(diags)) diags.push(...await wd.ensureBackend(variableArgs(p), variablePrompter(io, p.flags.input !== false, color)));
  emitDiags(io, diags, sources, color);
  return hasErrors(diags) ? undefined : wd;
}

/** The options of Workdir.open for a command: its directory, -state, and a saved plan's configuration. */
export function workdirOptions(io: CommandIO, p: ParsedFlags, dirArg?: string, snapshot?: ConfigSnapshot): WorkdirOptions {
  return {
    dir: dirArg ?? io.cwd, cwd: io.cwd, env: io.env ?? process.env,
    ...(typeof p.flags.state === 'string' ? { statePath: p.flags.state } : {}),
    // Terraform's legacy local-state options; the state subcommands give them their own meaning.
    ...(typeof p.flags['state-out'] === 'string' && p.flags['state-out'] !== '' ? { stateOutPath: p.flags['state-out'] } : {}),
    ...(typeof p.flags.backup === 'string' && p.flags.backup !== '' ? { backupPath: p.flags.backup } : {}),
    ...(snapshot ? { snapshot } : {}),
  };
}

/** Prints usage help for a command: the text, then its options. */
export function usage(io: CommandIO, text: string): number {
  io.stdout.write(text.endsWith('\n') ? text : text + '\n');
  return 0;
}
