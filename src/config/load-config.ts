/**
 * Loads the whole configuration: the root module and, recursively, every module it calls
 * with a local `source` path. Remote sources (registry, git, http, s3 ...) cannot be fetched
 * offline and get a clear diagnostic instead of a crash.
 */
import { resolve } from 'node:path';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import { nameSuggestion } from '../hcl/didyoumean.js';
import { loadModule } from './load-module.js';
import type { Config, ModuleCall, ModuleNode } from './module.js';
import { diskFiles, type ConfigFiles } from './config-files.js';

/** True for `./x` and `../x` sources (the only kind terrane loads from disk). */
export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

/** What kind of remote source a module address is, for the diagnostic. */
function remoteKind(source: string): string {
  if (/^[a-z0-9]+::/i.test(source)) return `a "${source.split('::')[0]}" source`;
  if (/^(github\.com|bitbucket\.org)\//.test(source) || source.startsWith('git@')) return 'a git repository';
  if (/^https?:\/\//.test(source)) return 'an HTTP URL';
  if (/^[^/]+\/[^/]+\/[^/]+(\/\/.*)?$/.test(source) || /^[a-z0-9.-]+\.[a-z]+\/[^/]+\/[^/]+\/[^/]+/.test(source)) return 'a module registry address';
  return 'a remote address';
}

/**
 * Loads the configuration rooted at `rootDir`. `cwd` is where file names in diagnostics are
 * relative to; `files` where they are read from (a saved plan's snapshot or the disk).
 */
export function loadConfig(rootDir: string, cwd: string = rootDir, files: ConfigFiles = diskFiles): { config: Config; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const root = loadNode(resolve(rootDir), [], undefined, { cwd, diags, sources, files }, [resolve(rootDir)]);
  if (root.module.sources.size === 0) {
    diags.push(errorDiag('No configuration files', `The directory ${rootDir} contains no Terraform configuration files (.tf or .tf.json).`));
  }
  return { config: { root, sources }, diags };
}

/** What every module of one load shares. */
interface LoadContext { cwd: string; diags: Diagnostic[]; sources: Map<string, string>; files: ConfigFiles }

function loadNode(dir: string, path: string[], call: ModuleCall | undefined, cx: LoadContext, chain: string[]): ModuleNode {
  const { diags, sources } = cx;
  const { module, diags: d } = loadModule(dir, cx.cwd, cx.files);
  diags.push(...d);
  for (const [k, v] of module.sources) sources.set(k, v);
  const node: ModuleNode = { path, module, children: new Map() };
  if (call) node.call = call;
  for (const mc of module.moduleCalls.values()) {
    if (!isLocalSource(mc.source)) {
      diags.push(errorDiag('Module source not available offline',
        `Module "${mc.name}" uses ${remoteKind(mc.source)} (${JSON.stringify(mc.source)}), which terrane cannot download: it works offline and loads modules only from local paths. Copy the module into this repository and use a local path such as "./modules/${mc.name}".`,
        mc.sourceRange));
      continue;
    }
    const childDir = resolve(dir, mc.source);
    if (!cx.files.isDirectory(childDir)) {
      diags.push(errorDiag('Unreadable module directory', `The directory ${mc.source} does not exist or cannot be read.`, mc.sourceRange));
      continue;
    }
    if (chain.includes(childDir)) {
      diags.push(errorDiag('Module call cycle', `Module "${mc.name}" calls ${mc.source}, which is already being loaded by one of its callers: modules cannot call themselves.`, mc.sourceRange));
      continue;
    }
    const child = loadNode(childDir, [...path, mc.name], mc, cx, [...chain, childDir]);
    if (child.module.sources.size === 0) {
      diags.push(errorDiag('No configuration files', `Module "${mc.name}" at ${mc.source} contains no Terraform configuration files.`, mc.sourceRange));
    }
    diags.push(...moduleCallArgumentDiags(mc, child));
    node.children.set(mc.name, child);
  }
  return node;
}

/**
 * Terraform's load-time check of a module call's arguments against the child's variables:
 * every required one given, no undeclared one (with the nearest variable name).
 */
function moduleCallArgumentDiags(mc: ModuleCall, child: ModuleNode): Diagnostic[] {
  const out: Diagnostic[] = [];
  const vars = child.module.variables;
  for (const v of vars.values()) {
    if (v.default === undefined && !mc.inputs.has(v.name)) {
      out.push(errorDiag('Missing required argument', `The argument "${v.name}" is required, but no definition was found.`, mc.bodyStart));
    }
  }
  for (const [name, input] of mc.inputs) {
    if (vars.has(name)) continue;
    const s = nameSuggestion(name, vars.keys());
    out.push(errorDiag('Unsupported argument', `An argument named "${name}" is not expected here.${s !== undefined ? ` Did you mean "${s}"?` : ''}`, input.nameRange));
  }
  return out;
}
