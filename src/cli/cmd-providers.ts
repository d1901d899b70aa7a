/** `terrane providers`: the provider requirements of the configuration tree and of the state, like `terraform providers`. */
import type { ModuleNode } from '../config/module.js';
import { sourceForLocalName } from '../plan/provider-resolve.js';
import { flagsHelp, parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { openWorkdir, useColor } from './ui.js';
import { typeToJSONValue } from '../state/index.js';
import type { BlockSchema, Schema } from '../providers/protocol.js';

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
  if (args[0] === 'schema') return runSchema(args.slice(1), io);
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

function blockJSON(b: BlockSchema): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  for (const [n, a] of Object.entries(b.attributes)) {
    attrs[n] = {
      type: typeToJSONValue(a.type),
      ...(a.description ? { description: a.description, description_kind: 'plain' } : { description_kind: 'plain' }),
      ...(a.required ? { required: true } : {}), ...(a.optional ? { optional: true } : {}),
      ...(a.computed ? { computed: true } : {}), ...(a.sensitive ? { sensitive: true } : {}),
      ...(a.deprecated ? { deprecated: true } : {}),
    };
  }
  const blocks: Record<string, unknown> = {};
  for (const [n, nb] of Object.entries(b.blockTypes)) {
    blocks[n] = { nesting_mode: nb.nesting, block: blockJSON(nb.block), ...(nb.minItems ? { min_items: nb.minItems } : {}), ...(nb.maxItems ? { max_items: nb.maxItems } : {}) };
  }
  return {
    ...(Object.keys(attrs).length ? { attributes: attrs } : {}),
    ...(Object.keys(blocks).length ? { block_types: blocks } : {}),
    ...(b.description ? { description: b.description } : {}),
    description_kind: 'plain',
  };
}

function schemaJSON(s: Schema): Record<string, unknown> {
  return { version: s.version, block: blockJSON(s.block) };
}

/** `terrane providers schema -json`: Terraform's provider schema JSON for the providers the configuration uses. */
async function runSchema(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, { json: { type: 'bool' }, help: { type: 'bool' } });
  if (p.error || !p.flags.json) {
    io.stderr.write('The `terrane providers schema` command requires the `-json` flag.\n');
    return 1;
  }
  const wd = await openWorkdir(io, p, false);
  if (!wd) return 1;
  try {
    const sources = new Set<string>();
    const walk = (n: ModuleNode): void => { for (const s of requirements(n).keys()) sources.add(s); for (const c of n.children.values()) walk(c); };
    walk(wd.config.root);
    const out: Record<string, unknown> = {};
    for (const src of [...sources].sort()) {
      const s = wd.providers.schema(src);
      if (!s) continue;
      const rs: Record<string, unknown> = {}, ds: Record<string, unknown> = {};
      for (const k of Object.keys(s.resources).sort()) rs[k] = schemaJSON(s.resources[k]!);
      for (const k of Object.keys(s.dataSources).sort()) ds[k] = schemaJSON(s.dataSources[k]!);
      out[src] = { provider: schemaJSON(s.provider), ...(Object.keys(rs).length ? { resource_schemas: rs } : {}), ...(Object.keys(ds).length ? { data_source_schemas: ds } : {}) };
    }
    io.stdout.write(JSON.stringify({ format_version: '1.0', provider_schemas: out }) + '\n');
    return 0;
  } finally { await wd.close(); }
}
