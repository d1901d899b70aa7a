/** `terrane output [-json|-raw] [NAME]`: root module outputs from the state, like `terraform output`. */
import { formatConsoleValue } from '../lang/format-console.js';
import { formatNumber, unmarkDeep } from '../lang/value.js';
import { indentRaw, typeToJSON, valueToJSON } from '../state/index.js';
import { friendlyName } from '../lang/convert-mismatch.js';
import { flagsHelp, parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { openWorkdir, useColor, emitDiags } from './ui.js';
import { errorDiag, hasErrors, warningDiag, type Diagnostic } from '../hcl/diagnostic.js';

const SPEC = {
  json: { type: 'bool' as const, help: 'If specified, machine readable output will be printed in JSON format.' },
  raw: { type: 'bool' as const, help: 'For value types that can be automatically converted to a string, will print the raw string directly, rather than a human-oriented representation of the value.' },
  'no-color': { type: 'bool' as const, help: "If specified, output won't contain any color." },
  state: { type: 'string' as const, arg: 'path', help: 'Path to the state file to read. Defaults to "terraform.tfstate".' },
  help: { type: 'bool' as const },
};

const USAGE = `Usage: terrane [global options] output [options] [NAME]

  Reads an output variable from a terrane state file and prints
  the value. With no additional arguments, output will display all
  the outputs for the root module.  If NAME is not specified, all
  outputs are printed.

Options:

`;

/** Runs `terrane output`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${USAGE}${flagsHelp(SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(USAGE + flagsHelp(SPEC)); return 0; }
  const color = useColor(p, io);
  // Terraform checks the arguments before it reads any state, in this order.
  const argError = outputArgsError(p.positional, !!p.flags.json, !!p.flags.raw);
  if (argError) {
    emitDiags(io, [argError], new Map(), color);
    io.stderr.write('\nFor more help on using this command, run:\n  terrane output -help\n');
    return 1;
  }
  const wd = await openWorkdir(io, p, color);
  if (!wd) return 1;
  const { state, diags } = await wd.readState();
  if (hasErrors(diags)) { emitDiags(io, diags, wd.config.sources, color); return 1; }
  const noOutputs = () => emitDiags(io, [warningDiag('No outputs found', 'The state file either has no outputs defined, or all the defined outputs are empty. Please define an output in your configuration with the `output` keyword and run `terrane refresh` for it to become available. If you are using interpolation, please verify the interpolated value is not empty. You can use the `terrane console` command to assist.')], wd.config.sources, color);
  const name = p.positional[0];
  if (name !== undefined) {
    const o = state.outputs.get(name);
    // As Terraform's human and raw views, no outputs at all is only a warning, even with a name.
    if (!o && state.outputs.size === 0 && !p.flags.json) { noOutputs(); return 0; }
    if (!o) {
      emitDiags(io, [errorDiag(`Output "${name}" not found`, `The output variable requested could not be found in the state file. If you recently added this to your configuration, be sure to run \`terrane apply\`, since the state won't be updated with new output variables until that command is run.`)], wd.config.sources, color);
      return 1;
    }
    const [bare] = unmarkDeep(o.value);
    if (p.flags.json) { io.stdout.write(valueToJSON(bare) + '\n'); return 0; }
    if (p.flags.raw) {
      const k = bare.type.kind;
      if (bare.isNull || (k !== 'string' && k !== 'number' && k !== 'bool')) {
        emitDiags(io, [errorDiag('Unsupported value for raw output', `The -raw option only supports strings, numbers, and boolean values, but output value "${name}" is ${friendlyName(bare.type)}.\n\nUse the -json option for machine-readable representations of output values that have complex types.`)], wd.config.sources, color);
        return 1;
      }
      io.stdout.write(k === 'string' ? bare.str : k === 'number' ? formatNumber(bare.num) : String(bare.bool));
      return 0;
    }
    io.stdout.write(formatConsoleValue(bare) + '\n');
    return 0;
  }
  const names = [...state.outputs.keys()].sort();
  if (p.flags.json) {
    const parts = names.map((n) => {
      const o = state.outputs.get(n)!;
      const [bare] = unmarkDeep(o.value);
      // Terraform indents the whole document (json.MarshalIndent), types and values included.
      return `  ${JSON.stringify(n)}: {\n    "sensitive": ${o.sensitive},\n    "type": ${indentRaw(typeToJSON(bare.type), 2)},\n    "value": ${indentRaw(valueToJSON(bare), 2)}\n  }`;
    });
    io.stdout.write(names.length ? `{\n${parts.join(',\n')}\n}\n` : '{}\n');
    return 0;
  }
  if (names.length === 0) { noOutputs(); return 0; }
  for (const n of names) {
    const o = state.outputs.get(n)!;
    io.stdout.write(`${n} = ${o.sensitive ? '<sensitive>' : formatConsoleValue(unmarkDeep(o.value)[0])}\n`);
  }
  return 0;
}

/** Terraform's errors for a bad combination of output arguments, checked in its order. */
export function outputArgsError(positional: readonly string[], json: boolean, raw: boolean): Diagnostic | undefined {
  if (positional.length > 1) return errorDiag('Unexpected argument', 'The output command expects exactly one argument with the name of an output variable or no arguments to show all outputs.');
  if (json && raw) return errorDiag('Invalid output format', 'The -raw and -json options are mutually-exclusive.');
  if (raw && positional.length === 0) return errorDiag('Output name required', 'You must give the name of a single output value when using the -raw option.');
  return undefined;
}
