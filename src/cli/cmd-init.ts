/**
 * `terrane init`: checks the configuration's modules (local paths only), resolves every
 * required provider against the providers terrane ships (a clear error listing what is
 * available otherwise), checks version constraints, and writes `.terraform.lock.hcl`
 * in Terraform's format.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorDiag, hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import { loadConfig } from '../config/load-config.js';
import type { ModuleNode } from '../config/module.js';
import { satisfies } from '../config/version-constraints.js';
import { shortProviderSource } from '../config/provider-source.js';
import { ProviderManager } from '../plan/provider-manager.js';
import { ProviderResolver, sourceForLocalName } from '../plan/provider-resolve.js';
import { requiredVersionDiags } from '../config/required-version.js';
import { colors } from '../plan/render/colors.js';
import { flagsHelp, parseFlags, type ParsedFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { OPERATION_FLAGS, emitDiags, promptText, readLine, useColor, variableArgs, variablePrompter } from './ui.js';
import { initBackend } from '../apply/backend-init.js';

const SPEC = {
  backend: { type: 'bool' as const, default: true, help: 'Disable backend initialization for this configuration and use what was previously initialized instead.' },
  upgrade: { type: 'bool' as const, help: 'Install the latest module and provider versions allowed within configured constraints.' },
  input: { type: 'bool' as const, default: true, help: 'Ask for input if necessary.' },
  'no-color': { type: 'bool' as const, help: "If specified, output won't contain any color." },
  reconfigure: { type: 'bool' as const, help: 'Reconfigure a backend, ignoring any saved configuration.' },
  'migrate-state': { type: 'bool' as const, help: 'Reconfigure a backend, and attempt to migrate any existing state.' },
  'backend-config': { type: 'list' as const, arg: 'path', help: 'Configuration to be merged with what is in the configuration file\'s \'backend\' block. This can be either a path to an HCL file with key/value assignments (same format as terraform.tfvars) or a \'key=value\' format, and can be specified multiple times.' },
  'force-copy': { type: 'bool' as const, help: 'Suppress prompts about copying state data when initializing a new state backend. This is equivalent to providing a "yes" to all confirmation prompts.' },
  var: OPERATION_FLAGS.var,
  'var-file': OPERATION_FLAGS['var-file'],
  'lockfile': { type: 'string' as const, arg: 'MODE', help: 'Set a dependency lockfile mode. Currently only "readonly" is valid.' },
  json: { type: 'bool' as const, help: 'Produce output in a machine-readable JSON format.' },
  help: { type: 'bool' as const },
};

const USAGE = `Usage: terrane [global options] init [options]

  Initialize a new or existing terrane working directory: check modules,
  select the built-in providers the configuration requires and record them in
  the dependency lock file.

Options:

`;

interface Requirement { source: string; constraints: string[] }

/** Every provider the configuration tree needs, with all version constraints. */
export function requiredProviders(root: ModuleNode, resolver: ProviderResolver): Map<string, Requirement> {
  const out = new Map<string, Requirement>();
  const add = (source: string, c?: string) => {
    let r = out.get(source);
    if (!r) { r = { source, constraints: [] }; out.set(source, r); }
    if (c && !r.constraints.includes(c)) r.constraints.push(c);
  };
  const visit = (n: ModuleNode) => {
    for (const req of n.module.terraform.requiredProviders.values()) add(req.source, req.version);
    for (const pb of n.module.providers.values()) add(sourceForLocalName(n, pb.name), pb.version);
    for (const r of [...n.module.managedResources.values(), ...n.module.dataResources.values()]) {
      const pc = resolver.forResource(n, r);
      if (pc) add(pc.provider.toString());
    }
    for (const c of n.children.values()) visit(c);
  };
  visit(root);
  return out;
}

/** The lock file's `h1:` hash for a built-in provider (stable for a source and version). */
function builtinHash(source: string, version: string): string {
  return 'h1:' + createHash('sha256').update(`terrane-builtin:${source}@${version}`).digest('base64');
}

/** Runs `terrane init`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${USAGE}${flagsHelp(SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(USAGE + flagsHelp(SPEC)); return 0; }
  const color = useColor(p, io);
  const c = colors(color);
  const { config, diags } = loadConfig(io.cwd, io.cwd);
  const out = (s: string) => io.stdout.write(s);
  if (config.root.module.sources.size === 0) {
    out(c.bold('Terrane initialized in an empty directory!') + '\n\nThe directory has no terrane configuration files. You may begin working\nwith terrane immediately by creating terrane configuration files.\n');
    return 0;
  }
  diags.push(...requiredVersionDiags(config));
  if (config.root.children.size) {
    out(c.bold('Initializing modules...') + '\n');
    const visit = (n: ModuleNode) => {
      for (const [name, child] of n.children) {
        out(`- ${[...n.path, name].join('.')} in ${child.call?.source.replace(/^\.\//, '') ?? ''}\n`);
        visit(child);
      }
    };
    visit(config.root);
  }
  if (hasErrors(diags)) { emitDiags(io, diags, config.sources, color); return 1; }
  // Terraform 1.11 prints the heading with no blank line before it.
  out(c.bold('Initializing the backend...') + '\n');
  if (p.flags.backend !== false) {
    const b = await initBackend({
      config, dir: io.cwd, env: io.env ?? process.env, varArgs: variableArgs(p),
      prompt: variablePrompter(io, p.flags.input !== false, color),
      backendConfig: (p.flags['backend-config'] as string[] | undefined) ?? [],
      reconfigure: Boolean(p.flags.reconfigure), migrateState: Boolean(p.flags['migrate-state']), forceCopy: Boolean(p.flags['force-copy']),
      confirm: confirmer(io, p, color),
      out: (kind, text) => out(kind === 'reconfigure' ? c.bold(text.slice(0, text.indexOf('\n'))) + text.slice(text.indexOf('\n')) + '\n' : '\n' + c.green(text) + '\n'),
    });
    emitDiags(io, b.diags, new Map([...config.sources, ...b.sources]), color);
    if (hasErrors(b.diags)) return 1;
  }
  const pm = new ProviderManager();
  const resolver = new ProviderResolver(config);
  const reqs = requiredProviders(config.root, resolver);
  out(c.bold('Initializing provider plugins...') + '\n');
  const errs: Diagnostic[] = [];
  const locked: { source: string; version: string; constraints: string }[] = [];
  // As Terraform, the builtin provider is named first, is not looked for, and is not locked.
  if (reqs.has(BUILTIN)) out(`- ${BUILTIN} is built in to terrane\n`);
  for (const r of [...reqs.values()].sort((a, z) => (a.source < z.source ? -1 : 1))) {
    if (r.source === BUILTIN) continue;
    const short = shortProviderSource(r.source);
    const cons = r.constraints.join(', ');
    out(cons ? `- Finding ${short} versions matching "${cons}"...\n` : `- Finding latest version of ${short}...\n`);
    const version = pm.version(r.source);
    if (!version) {
      errs.push(errorDiag('Failed to query available provider packages',
        `Could not retrieve the list of available versions for provider ${short}: terrane works offline with the providers it ships, and ${short} is not one of them.\n\nAvailable providers: ${pm.sources().map(shortProviderSource).join(', ')}.`));
      continue;
    }
    const ok = cons ? satisfies(version, cons) : true;
    if (ok !== true) {
      errs.push(errorDiag('Failed to query available provider packages',
        `Could not retrieve the list of available versions for provider ${short}: no available releases match the given constraints ${cons} (terrane ships ${short} v${version}).`));
      continue;
    }
    out(`- Installing ${short} v${version}...\n- Installed ${short} v${version} (built in to terrane)\n`);
    locked.push({ source: r.source, version, constraints: cons });
  }
  if (errs.length) { emitDiags(io, errs, config.sources, color); return 1; }
  const lockPath = join(io.cwd, '.terraform.lock.hcl');
  const text = lockFileText(locked);
  let previous: string | undefined;
  try { previous = await readFile(lockPath, 'utf8'); } catch { /* none yet */ }
  // With only the builtin provider there is nothing to install or lock: Terraform then writes
  // neither .terraform nor a lock file.
  if (locked.length) await mkdir(join(io.cwd, '.terraform'), { recursive: true });
  if (previous !== text && (locked.length || previous !== undefined)) {
    await writeFile(lockPath, text);
    if (previous === undefined) {
      out('\nterrane has created a lock file ' + c.bold('.terraform.lock.hcl') + ' to record the provider\nselections it made above. Include this file in your version control repository\nso that terrane can guarantee to make the same selections by default when\nyou run "terrane init" in the future.\n');
    }
  }
  out('\n' + c.bold(c.green('terrane has been successfully initialized!')) + '\n' +
    c.green('\nYou may now begin working with terrane. Try running "terrane plan" to see\nany changes that are required for your infrastructure. All terrane commands\nshould now work.\n\nIf you ever set or change modules or backend configuration for terrane,\nrerun this command to reinitialize your working directory. If you forget, other\ncommands will detect it and remind you to do so if necessary.') + '\n');
  return 0;
}

/**
 * Asks init's yes/no questions on stdin as Terraform does (a piped answer works too);
 * undefined with -input=false or TF_INPUT=0, when nothing may be asked.
 */
function confirmer(io: CommandIO, p: ParsedFlags, color: boolean): ((query: string, description: string) => Promise<string | undefined>) | undefined {
  if (p.flags.input === false || /^(0|false|f)$/i.test(io.env?.TF_INPUT ?? '')) return undefined;
  return async (query, description) => {
    const a = await readLine(io, promptText(query, description, color));
    if (a !== undefined) io.stdout.write('\n');
    return a;
  };
}

const BUILTIN = 'terraform.io/builtin/terraform';

/** `.terraform.lock.hcl` in Terraform's layout. */
export function lockFileText(locked: { source: string; version: string; constraints: string }[]): string {
  let s = '# This file is maintained automatically by "terraform init".\n# Manual edits may be lost in future updates.\n';
  for (const l of locked) {
    s += `\nprovider "${l.source}" {\n  version     = "${l.version}"\n`;
    if (l.constraints) s += `  constraints = "${l.constraints}"\n`;
    s += `  hashes = [\n    "${builtinHash(l.source, l.version)}",\n  ]\n}\n`;
  }
  return s;
}
