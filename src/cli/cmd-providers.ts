/** `terrane providers`: the provider requirements of the configuration tree and of the state, like `terraform providers`. */
import type { ModuleNode } from '../config/module.js';
import { sourceForLocalName } from '../plan/provider-resolve.js';
import { flagsHelp, parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { openWorkdir, useColor } from './ui.js';

const SPEC = { help: { type: 'bool' as const } };
const USAGE = `Usage: terrane [global options] providers [options] [DIR]

  Prints out a tree of modules in the referenced configuration annotated with
  their provider requirements.

  This provides an overview of all of the provider requirements across all
  referenced modules, as an aid to understanding why particular provider
  plugins are needed and why particular versions are selected.

Options:

`;

function requirements(node: ModuleNode): Map<string, string> {
  const req = new Map<string, string>();
  for (const r of node.module.terraform.requiredProviders.values()) req.set(r.source, r.version ?? '');
  const m = node.module as unknown as { managedResources: Map<string, { type: string; provider?: { name?: string; localName?: string } }>; dataResources: Map<string, { type: string; provider?: { name?: string; localName?: string } }>; providers: Map<string, { name: string }> };
  for (const pb of m.providers.values()) if (!req.has(sourceForLocalName(node, pb.name))) req.set(sourceForLocalName(node, pb.name), '');
  for (const r of [...m.managedResources.values(), ...m.dataResources.values()]) {
    const local = r.provider?.name ?? r.provider?.localName ?? r.type.split('_')[0]!;
    const src = sourceForLocalName(node, local);
    if (!req.has(src)) req.set(src, '');
  }
  return req;
}

function tree(node: ModuleNode, indent: string, out: string[]): void {
  const req = [...requirements(node)].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const kids = [...node.children.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const items = req.length + kids.length;
  let i = 0;
  for (const [src, ver] of req) {
    const last = ++i === items;
    out.push(`${indent}${last ? '└── ' : '├── '}provider[${src}]${ver ? ' ' + ver : ''}`);
  }
  for (const [name, child] of kids) {
    const last = ++i === items;
    out.push(`${indent}${last ? '└── ' : '├── '}module.${name}`);
    tree(child, indent + (last ? '    ' : '│   '), out);
  }
}

/** Runs `terrane providers`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${USAGE}${flagsHelp(SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(USAGE + flagsHelp(SPEC)); return 0; }
  const color = useColor(p, io);
  const wd = await openWorkdir(io, p, color, p.positional[0]);
  if (!wd) return 1;
  try {
    const lines = ['', 'Providers required by configuration:', '.'];
    tree(wd.config.root, '', lines);
    io.stdout.write(lines.join('\n') + '\n\n');
    const { state } = await wd.readState();
    const fromState = new Set<string>();
    for (const r of state.resources()) fromState.add(r.provider.provider.toString());
    if (fromState.size) {
      io.stdout.write('Providers required by state:\n\n' + [...fromState].sort().map((s) => `    provider[${s}]\n\n`).join(''));
    }
    return 0;
  } finally { await wd.close(); }
}
