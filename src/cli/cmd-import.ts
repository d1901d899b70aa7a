/** `terrane import [options] ADDR ID`: brings an existing remote object under management. */
import { moduleNodeAt } from '../config/module.js';
import { errorDiag, hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import { colors, type Colors } from '../plan/render/colors.js';
import { parseAbsResourceInstance } from '../addrs/index.js';
import type { Workdir } from '../apply/workdir.js';
import { flagsHelp, parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { OPERATION_FLAGS, STATE_OUT_FLAGS, emitDiags, openWorkdir, parseDuration, useColor, variableArgs, variablePrompter } from './ui.js';

const SPEC = {
  var: OPERATION_FLAGS.var!, 'var-file': OPERATION_FLAGS['var-file']!, lock: OPERATION_FLAGS.lock!, 'lock-timeout': OPERATION_FLAGS['lock-timeout']!,
  input: OPERATION_FLAGS.input!, 'no-color': OPERATION_FLAGS['no-color']!, state: OPERATION_FLAGS.state!, parallelism: OPERATION_FLAGS.parallelism!,
  config: { type: 'string' as const, arg: 'path', help: 'Path to a directory of terrane configuration files to use to configure the provider. Defaults to pwd.' },
  ...STATE_OUT_FLAGS,
  help: { type: 'bool' as const },
};

const USAGE = `Usage: terrane [global options] import [options] ADDR ID

  Import existing infrastructure into your terrane state.

  This will find and import the specified resource into your terrane
  state, allowing existing infrastructure to come under terrane
  management without having to be initially created by terrane.

  The ADDR specified is the address to import the resource to. Please
  see the documentation online for resource addresses. The ID is a
  resource-specific ID to identify that resource being imported. Please
  reference the documentation for the resource type you're importing to
  determine the ID syntax to use. It typically matches directly to the ID
  that the provider uses.

  This command will not modify your infrastructure, but it will make
  network requests to inspect parts of your infrastructure relevant to
  the resource being imported.

Options:

`;

/**
 * What Terraform checks before importing, in its words: the module must be declared, the
 * resource declared in it (said as bare text, since its detail holds an example), and the
 * instance key must fit the resource's count or for_each.
 */
function checkTarget(wd: Workdir, addr: string, c: Colors): { diags: Diagnostic[]; text?: string } {
  const parsed = parseAbsResourceInstance(addr);
  if (!parsed.value) return { diags: parsed.diags };
  const ai = parsed.value;
  const node = moduleNodeAt(wd.config.root, ai.module.steps);
  if (!node) {
    return { diags: [errorDiag('Import to non-existent module', `${ai.module.toString()} is not defined in the configuration. Please add configuration for this module before importing into it.`)] };
  }
  const r = ai.resource.resource;
  if (r.mode !== 'managed') return { diags: [errorDiag('A managed resource address is required. Importing into a data resource is not allowed.')] };
  const decl = node.module.managedResources.get(`${r.type}.${r.name}`);
  if (!decl) {
    const where = ai.module.steps.length ? ai.module.toString() : 'the root module';
    return {
      diags: [],
      text: `${c.bold(c.red('Error:'))}${c.bold(` resource address ${JSON.stringify(ai.toString())} does not exist in the configuration.`)}\n\n`
        + `Before importing this resource, please create its configuration in ${where}. For example:\n\n`
        + `resource ${JSON.stringify(r.type)} ${JSON.stringify(r.name)} {\n  # (resource arguments)\n}\n`,
    };
  }
  const key = ai.resource.key;
  const fits = decl.count ? typeof key === 'number' : decl.forEach ? typeof key === 'string' : key === null;
  if (!fits) {
    return { diags: [errorDiag('Configuration for import target does not exist', `The configuration for the given import ${ai.toString()} does not exist. All target instances must have an associated configuration to be imported.`)] };
  }
  return { diags: [] };
}

/** Runs `terrane import`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${USAGE}${flagsHelp(SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(USAGE + flagsHelp(SPEC)); return 0; }
  if (p.positional.length !== 2) {
    io.stderr.write(`The import command expects two arguments.\n\n${USAGE}${flagsHelp(SPEC)}`);
    return 1;
  }
  const [addr, id] = p.positional as [string, string];
  const color = useColor(p, io);
  const c = colors(color);
  const wd = await openWorkdir(io, p, color, typeof p.flags.config === 'string' ? p.flags.config : undefined);
  if (!wd) return 1;
  try {
    const target = checkTarget(wd, addr, c);
    if (target.text !== undefined) { io.stderr.write(`${target.text}\n`); return 1; }
    if (hasErrors(target.diags)) {
      // Terraform follows these with an empty line.
      emitDiags(io, target.diags, wd.config.sources, color);
      io.stderr.write('\n');
      return 1;
    }
    const vars = await wd.variables(variableArgs(p), variablePrompter(io, p.flags.input !== false));
    if (hasErrors(vars.diags)) { emitDiags(io, vars.diags, wd.config.sources, color); return 1; }
    if (p.flags.lock !== false) {
      const ld = await wd.lock('OperationTypeInvalid', parseDuration(String(p.flags['lock-timeout'] ?? '0s')) ?? 0);
      if (hasErrors(ld)) { emitDiags(io, ld, wd.config.sources, color); return 1; }
    }
    io.stdout.write(`${c.bold(`${addr}: Importing from ID "${id}"...`)}\n`);
    const r = await wd.importResource(addr, id, { variables: vars.values, parallelism: Number(p.flags.parallelism ?? 10) });
    // The import plans with a target internally; Terraform says nothing of it, failed or not.
    if (hasErrors(r.diags)) { emitDiags(io, r.diags.filter((d) => d.summary !== 'Resource targeting is in effect'), wd.config.sources, color); return 1; }
    const type = addr.replace(/\[.*$/, '').split('.').slice(-2)[0];
    io.stdout.write(`${c.bold(c.green(`${addr}: Import prepared!`))}\n${c.green(`  Prepared ${type} for import`)}\n`);
    io.stdout.write(`${c.bold(`${addr}: Refreshing state... [id=${id}]`)}\n`);
    emitDiags(io, r.diags, wd.config.sources, color);
    io.stdout.write('\n' + c.bold(c.green('Import successful!')) + '\n\n' + c.green('The resources that were imported are shown above. These resources are now in\nyour terrane state and will henceforth be managed by terrane.') + '\n\n');
    return 0;
  } finally {
    await wd.unlock();
    await wd.close();
  }
}
