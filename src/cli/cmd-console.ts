/**
 * `terrane console [-var ...] [-var-file ...]`: evaluates expressions against the
 * configuration in the working directory, like `terraform console`. With piped input it
 * evaluates every line, stops at the first error (exit 1) and prints the last result;
 * on a terminal it prompts with `> ` (`: ` while an expression continues over lines).
 */
import { createInterface } from 'node:readline';
import { parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { errorDiag, hasErrors, warningDiag, type Diagnostic } from '../hcl/diagnostic.js';
import { parseExpression } from '../hcl/parse.js';
import type { Expression } from '../hcl/ast.js';
import { renderDiagnostics } from '../hcl/diagnostic-render.js';
import { evaluate } from '../lang/eval.js';
import { formatConsoleValue, formatConsoleType } from '../lang/format-console.js';
import type { Scope } from '../lang/scope.js';
import { buildConsoleScope } from '../config/console-scope.js';
import type { VariableArg } from '../config/variable-values.js';

const INPUT_NAME = '<console-input>';

const HELP = `The Terraform console allows you to experiment with Terraform interpolations.
You may access resources in the state (if you have one) just as you would
from a configuration. For example: "aws_instance.foo.id" would evaluate
to the ID of "aws_instance.foo" if it exists in your state.

Type in the interpolation to test and hit <enter> to see the result.

To exit the console, type "exit" and hit <enter>, or use Control-C or
Control-D.`;

const USAGE = `Usage: terrane [global options] console [options]

  Starts an interactive console for experimenting with Terraform
  interpolations.

  This will open an interactive console that you can use to type
  interpolations into and inspect their values. This command loads the
  current state. This lets you explore and test interpolations before
  using them in future configurations.

  This command will never modify your state.

Options:

  -state=path       Legacy option for the local backend only.
  -var 'foo=bar'    Set a variable in the Terraform configuration. This
                    flag can be set multiple times.
  -var-file=foo     Set variables in the Terraform configuration from
                    a file. If "terraform.tfvars" or any ".auto.tfvars"
                    files are present, they will be automatically loaded.
  -plan             Create a new plan (as if running "terraform plan") and
                    then evaluate expressions against its planned state,
                    instead of evaluating against the current state.
`;

/** One console line's outcome. */
export interface HandleResult {
  output: string;
  exit: boolean;
  diags: Diagnostic[];
}

/** Handles one line of console input (Terraform's repl.Session.Handle). */
export function handleConsoleLine(line: string, scope: Scope): HandleResult {
  const t = line.trim();
  if (t === '') return { output: '', exit: false, diags: [] };
  if (t === 'exit') return { output: '', exit: true, diags: [] };
  if (t === 'help') return { output: HELP, exit: false, diags: [] };
  const p = parseExpression(line, INPUT_NAME);
  if (hasErrors(p.diags)) return { output: '', exit: false, diags: p.diags };
  // The console-only type() function prints the type of its argument.
  const e = p.expr;
  if (e.kind === 'functionCall' && e.name === 'type') {
    if (e.args.length !== 1) {
      return { output: '', exit: false, diags: [errorDiag('Invalid function argument', 'Function "type" expects exactly one argument.', e.range)] };
    }
    const r = evaluate(e.args[0]!, scope);
    if (hasErrors(r.diags)) return { output: '', exit: false, diags: r.diags };
    return { output: formatConsoleType(r.value.type), exit: false, diags: r.diags };
  }
  if (callsType(e)) {
    return {
      output: '', exit: false,
      diags: [errorDiag('Invalid use of type function', 'The console-only "type" function cannot be used as part of an expression.')],
    };
  }
  const r = evaluate(e, scope);
  if (hasErrors(r.diags)) return { output: '', exit: false, diags: r.diags };
  return { output: formatConsoleValue(r.value), exit: false, diags: r.diags };
}

// Whether `type(...)` appears anywhere inside the expression (it is only valid at the top).
function callsType(e: Expression): boolean {
  let found = false;
  const visit = (x: Expression): void => {
    if (found) return;
    switch (x.kind) {
      case 'functionCall': if (x.name === 'type') { found = true; return; } x.args.forEach(visit); return;
      case 'template': x.parts.forEach(visit); return;
      case 'templateWrap': visit(x.wrapped); return;
      case 'templateJoin': visit(x.tuple); return;
      case 'relativeTraversal': visit(x.source); return;
      case 'index': visit(x.collection); visit(x.key); return;
      case 'splat': visit(x.source); visit(x.each); return;
      case 'conditional': visit(x.condition); visit(x.trueResult); visit(x.falseResult); return;
      case 'binaryOp': visit(x.lhs); visit(x.rhs); return;
      case 'unaryOp': visit(x.operand); return;
      case 'tuple': x.exprs.forEach(visit); return;
      case 'object': x.items.forEach((i) => { visit(i.key); visit(i.value); }); return;
      case 'objectKey': visit(x.wrapped); return;
      case 'for': visit(x.collExpr); visit(x.valExpr); if (x.keyExpr) visit(x.keyExpr); if (x.condExpr) visit(x.condExpr); return;
      case 'parens': visit(x.wrapped); return;
      default: return;
    }
  };
  visit(e);
  return found;
}

/** Whether the lines typed so far leave a bracket or heredoc open (Terraform's ExpressionEntryCouldContinue). */
export function entryCouldContinue(lines: readonly string[]): boolean {
  const last = lines[lines.length - 1];
  if (last === undefined || last.trim() === '') return false;
  let depth = 0;
  let heredoc: string | undefined;
  for (const line of lines) {
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined;
      continue;
    }
    let inStr = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (inStr) {
        if (ch === '\\') i++;
        else if (ch === '"') inStr = false;
        continue;
      }
      if (ch === '"') inStr = true;
      else if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
    }
    const m = /<<-?([A-Za-z_][A-Za-z0-9_-]*)\s*$/.exec(line);
    if (m && !inStr) heredoc = m[1];
  }
  return depth > 0 || heredoc !== undefined;
}

/** Runs `terrane console`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, {
    var: { type: 'list' },
    'var-file': { type: 'list' },
    state: { type: 'string' },
    plan: { type: 'bool' },
    help: { type: 'bool' },
    h: { type: 'bool' },
  });
  if (p.error || p.flags.help || p.flags.h || p.positional.length > 0) {
    if (p.error) io.stderr.write(`${p.error}\n`);
    if (p.positional.length > 0) io.stderr.write('Error: Too many command line arguments\n\nExpected no positional arguments.\n\n');
    io.stderr.write(USAGE);
    return p.flags.help || p.flags.h ? 0 : 1;
  }
  const varArgs: VariableArg[] = p.ordered
    .filter((o) => o.name === 'var' || o.name === 'var-file')
    .map((o) => (o.name === 'var' ? { kind: 'var', value: o.value } : { kind: 'var-file', path: o.value }));

  const color = !io.noColor && isTTY(io.stdout);
  const built = await buildConsoleScope({ dir: io.cwd, varArgs, env: io.env ?? process.env });
  const sources = built.sources;
  const show = (diags: readonly Diagnostic[]) => {
    if (diags.length === 0) return;
    const r = renderDiagnostics(diags, sources, { color });
    if (r.stdout) io.stdout.write(r.stdout);
    if (r.stderr) io.stderr.write(r.stderr);
  };
  // An empty directory is a valid (empty) configuration for the console.
  const loadDiags = built.diags.filter((d) => d.summary !== 'No configuration files');
  if (hasErrors(loadDiags)) {
    show(loadDiags);
    show([warningDiag('Due to the problems above, some expressions may produce unexpected results.')]);
  } else {
    show(loadDiags);
  }

  const scope = built.scope;
  const handle = (line: string): HandleResult => {
    sources.set(INPUT_NAME, line);
    return handleConsoleLine(line, scope);
  };
  if (isTTY(io.stdin)) return interactive(io, handle, show);
  return piped(io, handle, show);
}

function isTTY(s: NodeJS.ReadableStream | NodeJS.WritableStream): boolean {
  return (s as { isTTY?: boolean }).isTTY === true;
}

async function piped(io: CommandIO, handle: (l: string) => HandleResult, show: (d: readonly Diagnostic[]) => void): Promise<number> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  let last = '';
  for await (const line of rl) {
    const r = handle(line.trim());
    if (hasErrors(r.diags)) {
      show(r.diags);
      rl.close();
      return 1;
    }
    if (r.exit) { rl.close(); return 0; }
    last = r.output;
  }
  io.stdout.write(last + '\n');
  return 0;
}

async function interactive(io: CommandIO, handle: (l: string) => HandleResult, show: (d: readonly Diagnostic[]) => void): Promise<number> {
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: true, historySize: 1000, prompt: '> ' });
  const lines: string[] = [];
  return new Promise<number>((resolveRun) => {
    let done = false;
    const finish = () => { if (!done) { done = true; rl.close(); resolveRun(0); } };
    rl.on('SIGINT', () => {
      if (lines.length === 0 && rl.line === '') { io.stdout.write('\n'); finish(); return; }
      if (lines.length > 0) { lines.length = 0; io.stdout.write('\n(multi-line entry canceled)\n'); }
      else io.stdout.write('\n');
      rl.setPrompt('> ');
      rl.prompt();
    });
    rl.on('close', () => { if (!done) { io.stdout.write('\n'); done = true; resolveRun(0); } });
    rl.on('line', (line) => {
      lines.push(line);
      if (entryCouldContinue(lines)) { rl.setPrompt(': '); rl.prompt(); return; }
      const input = lines.join('\n') + '\n';
      lines.length = 0;
      const r = handle(input);
      if (hasErrors(r.diags)) show(r.diags);
      if (r.exit) { finish(); return; }
      io.stdout.write(r.output + '\n');
      rl.setPrompt('> ');
      rl.prompt();
    });
    rl.prompt();
  });
}
