/**
 * Loads one module: reads the directory's `.tf` and `.tf.json` files (override files last,
 * merged the way Terraform merges them), parses them and decodes every top-level block
 * into a Module. Returns diagnostics for everything wrong and a partial module.
 */
import { join, relative } from 'node:path';
import type { File } from '../hcl/ast.js';
import { bodyOf, type ContentBlock } from '../hcl/body.js';
import { errorDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import { parseConfig } from '../hcl/parse.js';
import { parseJsonConfig } from '../hcl/json/parse-config.js';
import type { Module } from './module.js';
import { diskFiles, type ConfigFiles } from './config-files.js';
import { providerKey } from './module.js';
import { decodeTerraformBlock, emptyTerraformSettings } from './decode-terraform.js';
import { decodeProvider } from './decode-provider.js';
import { decodeVariable } from './decode-variable.js';
import { decodeOutput } from './decode-output.js';
import { decodeResource } from './decode-resource.js';
import { decodeModuleCall } from './decode-module-call.js';
import { decodeCheck, decodeImport, decodeMoved, decodeRemoved } from './decode-refactoring.js';
import { applyOverride, overrideKey, type OverrideBases } from './override.js';

const fileSchema = {
  attributes: [],
  blocks: [
    { type: 'terraform', labelNames: [] },
    { type: 'provider', labelNames: ['name'] },
    { type: 'variable', labelNames: ['name'] },
    { type: 'locals', labelNames: [] },
    { type: 'output', labelNames: ['name'] },
    { type: 'module', labelNames: ['name'] },
    { type: 'resource', labelNames: ['type', 'name'] },
    { type: 'data', labelNames: ['type', 'name'] },
    { type: 'ephemeral', labelNames: ['type', 'name'] },
    { type: 'moved', labelNames: [] },
    { type: 'import', labelNames: [] },
    { type: 'removed', labelNames: [] },
    { type: 'check', labelNames: ['name'] },
  ],
};

/** A configuration file name: .tf or .tf.json, not hidden nor an editor's backup. */
function isConfigFileName(n: string): boolean {
  return !n.startsWith('.') && !n.startsWith('#') && !n.endsWith('~') && (n.endsWith('.tf') || n.endsWith('.tf.json'));
}

/** The configuration files of a directory: primary files sorted by name, then override files. */
export function configFileNames(dir: string, files: ConfigFiles = diskFiles): { primary: string[]; override: string[] } {
  const primary: string[] = [], override: string[] = [];
  for (const n of files.fileNames(dir, isConfigFileName).sort()) {
    const base = n.replace(/\.tf(\.json)?$/, '');
    (base === 'override' || base.endsWith('_override') ? override : primary).push(n);
  }
  return { primary, override };
}

/** Parses one configuration file by its extension. `displayName` is used in diagnostics. */
export function parseFile(path: string, displayName: string, files: ConfigFiles = diskFiles): { file?: File; src: string; diags: Diagnostic[] } {
  let src: string;
  try {
    src = files.read(path);
  } catch (e) {
    return { src: '', diags: [errorDiag('Failed to read file', `The file ${JSON.stringify(displayName)} could not be read: ${(e as Error).message}`)] };
  }
  const r = displayName.endsWith('.json') ? parseJsonConfig(src, displayName) : parseConfig(src, displayName);
  return { file: r.file, src, diags: r.diags };
}

/** An empty module for `dir`. */
export function emptyModule(dir: string): Module {
  return {
    dir, sources: new Map(), terraform: emptyTerraformSettings(), providers: new Map(), variables: new Map(), locals: new Map(),
    outputs: new Map(), managedResources: new Map(), dataResources: new Map(), moduleCalls: new Map(), moved: [], imports: [],
    removed: [], checks: new Map(),
  };
}

/**
 * Loads the module in `dir`. `displayBase` is the directory diagnostics name files
 * relative to (the working directory), so errors say `modules/net/main.tf`.
 */
export function loadModule(dir: string, displayBase: string = dir, files: ConfigFiles = diskFiles): { module: Module; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const mod = emptyModule(dir);
  const { primary, override } = configFileNames(dir, files);
  if (primary.length === 0 && override.length === 0) return { module: mod, diags };
  const bases: OverrideBases = new Map();
  for (const [names, isOverride] of [[primary, false], [override, true]] as const) {
    for (const n of names) {
      const display = relative(displayBase, join(dir, n)) || n;
      const parsed = parseFile(join(dir, n), display, files);
      mod.sources.set(display, parsed.src);
      diags.push(...parsed.diags);
      if (!parsed.file) continue;
      const { content, diags: d } = bodyOf(parsed.file).content(fileSchema);
      diags.push(...d);
      for (const b of content.blocks) {
        if (isOverride && applyOverride(mod, b, bases, diags)) continue;
        decodeTopLevel(mod, b, bases, diags);
      }
    }
  }
  return { module: mod, diags };
}

function decodeTopLevel(mod: Module, b: ContentBlock, bases: OverrideBases, diags: Diagnostic[]): void {
  const record = (providerAddr?: string) => { const k = overrideKey(b, providerAddr); if (k) bases.set(k, b); };
  switch (b.type) {
    case 'terraform':
      decodeTerraformBlock(b, mod.terraform, diags);
      return;
    case 'provider': {
      const p = decodeProvider(b, diags);
      if (!p) return;
      const key = providerKey(p.name, p.alias);
      const prev = mod.providers.get(key);
      if (prev) {
        diags.push(duplicate(p.alias ? 'Duplicate provider configuration' : 'Duplicate provider configuration',
          `A default (non-aliased) provider configuration for "${p.name}" was already given at ${at(prev.range)}. If multiple configurations are required, set the "alias" argument for alternative configurations.`, b.defRange));
        return;
      }
      mod.providers.set(key, p);
      record(key);
      return;
    }
    case 'variable': {
      const v = decodeVariable(b, diags);
      if (!v) return;
      const prev = mod.variables.get(v.name);
      if (prev) {
        diags.push(duplicate('Duplicate variable declaration', `A variable named "${v.name}" was already declared at ${at(prev.range)}. Variable names must be unique within a module.`, b.defRange));
        return;
      }
      mod.variables.set(v.name, v);
      record();
      return;
    }
    case 'locals': {
      const { attributes, diags: d } = b.body.justAttributes();
      diags.push(...d);
      for (const [name, attr] of attributes) {
        const prev = mod.locals.get(name);
        if (prev) {
          diags.push(duplicate('Duplicate local value definition', `A local value named "${name}" was already defined at ${at(prev.range)}. Local value names must be unique within a module.`, attr.nameRange));
          continue;
        }
        mod.locals.set(name, { name, expr: attr.expr, range: attr.range });
      }
      return;
    }
    case 'output': {
      const o = decodeOutput(b, diags);
      if (!o) return;
      const prev = mod.outputs.get(o.name);
      if (prev) {
        diags.push(duplicate('Duplicate output definition', `An output named "${o.name}" was already defined at ${at(prev.range)}. Output names must be unique within a module.`, b.defRange));
        return;
      }
      mod.outputs.set(o.name, o);
      record();
      return;
    }
    case 'module': {
      const mc = decodeModuleCall(b, diags);
      if (!mc) return;
      const prev = mod.moduleCalls.get(mc.name);
      if (prev) {
        diags.push(duplicate('Duplicate module call', `A module call named "${mc.name}" was already defined at ${at(prev.declRange)}. Module calls must have unique names within a module.`, b.defRange));
        return;
      }
      mod.moduleCalls.set(mc.name, mc);
      record();
      return;
    }
    case 'resource':
    case 'data': {
      const mode = b.type === 'resource' ? 'managed' : 'data';
      const r = decodeResource(b, mode, diags);
      if (!r) return;
      const map = mode === 'managed' ? mod.managedResources : mod.dataResources;
      const key = `${r.type}.${r.name}`;
      const prev = map.get(key);
      if (prev) {
        diags.push(duplicate(`Duplicate ${mode === 'managed' ? 'resource' : 'data'} "${r.type}" configuration`,
          `A ${mode === 'managed' ? 'resource' : 'data'} "${r.type}" "${r.name}" was already declared at ${at(prev.declRange)}. Resource names must be unique per type in each module.`, b.defRange));
        return;
      }
      map.set(key, r);
      record();
      return;
    }
    case 'ephemeral':
      diags.push(errorDiag('Ephemeral resources are not supported', 'terrane does not support ephemeral resources yet.', b.defRange));
      return;
    case 'moved': {
      const m = decodeMoved(b, diags);
      if (m) mod.moved.push(m);
      return;
    }
    case 'import': {
      const i = decodeImport(b, diags);
      if (i) mod.imports.push(i);
      return;
    }
    case 'removed': {
      const r = decodeRemoved(b, diags);
      if (r) mod.removed.push(r);
      return;
    }
    case 'check': {
      const c = decodeCheck(b, diags);
      if (!c) return;
      if (mod.checks.has(c.name)) {
        diags.push(duplicate('Duplicate check block', `A check block named "${c.name}" was already defined. Check blocks must have unique names within a module.`, b.defRange));
        return;
      }
      mod.checks.set(c.name, c);
      return;
    }
  }
}

function duplicate(summary: string, detail: string, range: Range): Diagnostic {
  return errorDiag(summary, detail, range);
}

function at(r: Range): string {
  return `${r.filename}:${r.start.line},${r.start.column}-${r.end.column}`;
}
