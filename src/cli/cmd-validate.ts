/** `terrane validate [-json] [-no-color]`: checks the configuration, Terraform's texts and JSON. */
import { hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import { loadConfig } from '../config/load-config.js';
import { requiredVersionDiags } from '../config/required-version.js';
import { ProviderManager } from '../plan/provider-manager.js';
import { validateConfig } from '../plan/validate.js';
import { colors } from '../plan/render/colors.js';
import { flagsHelp, parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { emitDiags, useColor } from './ui.js';
import { jsonDiagnostic } from './json-ui-diagnostic.js';
import { resolve } from 'node:path';

const SPEC = {
  json: { type: 'bool' as const, help: 'Produce output in a machine-readable JSON format, suitable for use in text editor integrations and other automated systems. Always disables color.' },
  'no-color': { type: 'bool' as const, help: "If specified, output won't contain any color." },
  help: { type: 'bool' as const },
};

const USAGE = `Usage: terrane [global options] validate [options]

  Validate the configuration files in a directory, referring only to the
  configuration and not accessing any remote services such as remote state,
  provider APIs, etc.

Options:

`;

/** Runs `terrane validate`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${USAGE}${flagsHelp(SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(USAGE + flagsHelp(SPEC)); return 0; }
  const color = useColor(p, io);
  const dir = resolve(io.cwd, p.positional[0] ?? '.');
  const { config, diags } = loadConfig(dir, io.cwd);
  const all: Diagnostic[] = [...diags];
  if (!hasErrors(all)) all.push(...requiredVersionDiags(config));
  if (!hasErrors(all)) {
    const pm = new ProviderManager();
    try { all.push(...await validateConfig(config, pm, dir, io.cwd)); } finally { await pm.closeAll(); }
  }
  const errors = all.filter((d) => d.severity === 'error').length;
  if (p.flags.json) {
    io.stdout.write(JSON.stringify({
      format_version: '1.0', valid: errors === 0, error_count: errors, warning_count: all.length - errors,
      diagnostics: all.map((d) => jsonDiagnostic(d, config.sources)),
    }, null, 2) + '\n');
    return errors ? 1 : 0;
  }
  emitDiags(io, all, config.sources, color);
  if (errors) return 1;
  const c = colors(color);
  io.stdout.write(c.green(c.bold('Success!') + ' The configuration is valid' + (all.length ? ', but there were some\nvalidation warnings as shown above.' : '.')) + '\n\n');
  return 0;
}
