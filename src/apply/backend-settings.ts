/**
 * The backend a configuration asks for, resolved: the `backend` block's arguments checked
 * against the backend's schema and evaluated (terrane, unlike Terraform, lets them use
 * variables and locals), `-backend-config` overrides merged in at init, and the comparison
 * with what init recorded (backend-record.ts) that makes every other command refuse a
 * backend that changed since.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorDiag, hasErrors, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import { bodyOf } from '../hcl/body.js';
import type { Attribute } from '../hcl/ast.js';
import { parseConfigFile } from '../hcl/parse-file.js';
import type { Config, Variable } from '../config/module.js';
import type { VariableArg } from '../config/variable-values.js';
import { buildConsoleScope } from '../config/console-scope.js';
import { evaluate } from '../lang/eval.js';
import { traversalsOf } from '../lang/references.js';
import { builtinFunctions } from '../lang/functions/index.js';
import type { Scope } from '../lang/scope.js';
import { backendConfigHash, sameSettings, type BackendRecord, type BackendSettings } from '../state/backend-record.js';

/** The arguments of each backend terrane has (all optional strings). */
const BACKEND_ARGUMENTS: Record<string, readonly string[]> = {
  local: ['path', 'workspace_dir'],
};

/** Backends Terraform has and terrane does not (yet): named in a clearer error than an unknown type. */
const TERRAFORM_ONLY_BACKENDS = new Set(['azurerm', 'consul', 'cos', 'gcs', 'http', 'inmem', 'kubernetes', 'oss', 'pg', 'remote', 's3']);

/** The backend block, resolved. */
export interface ResolvedBackend {
  type: string;
  /** Every argument of the backend's schema, null when not set. */
  settings: BackendSettings;
  /** Terraform's hash of the block (before -backend-config overrides). */
  hash: number;
}

export interface ResolveOptions {
  dir: string;
  env: NodeJS.ProcessEnv;
  varArgs: VariableArg[];
  /** Asks for variables the block needs that have no value. */
  prompt?: ((v: Variable) => Promise<string | undefined>) | undefined;
}

/** The error for a backend type terrane cannot use, or undefined when it can. */
export function backendTypeDiag(type: string, range: Range): Diagnostic | undefined {
  if (Object.hasOwn(BACKEND_ARGUMENTS, type)) return undefined;
  const have = Object.keys(BACKEND_ARGUMENTS).map((t) => `"${t}"`).join(', ');
  return errorDiag('Unsupported backend type', TERRAFORM_ONLY_BACKENDS.has(type)
    ? `terrane does not support the "${type}" backend yet. The backends terrane has: ${have}.`
    : `There is no backend type named "${type}".`, range);
}

/** Evaluates the configuration's backend block; undefined backend when there is none. */
export async function resolveBackendBlock(config: Config, opts: ResolveOptions): Promise<{ backend?: ResolvedBackend; diags: Diagnostic[] }> {
  const b = config.root.module.terraform.backend;
  if (!b) return { diags: [] };
  const typeDiag = backendTypeDiag(b.type, b.typeRange);
  if (typeDiag) return { diags: [typeDiag] };
  const names = BACKEND_ARGUMENTS[b.type]!;
  const { content, diags } = b.config.content({ attributes: names.map((name) => ({ name })), blocks: [] });
  if (hasErrors(diags)) return { diags };
  const attrs = [...content.attributes.values()];
  let scope: Scope = literalScope(opts.dir);
  if (attrs.some((a) => traversalsOf(a.expr).length)) {
    const s = await buildConsoleScope({ dir: opts.dir, varArgs: opts.varArgs, env: opts.env, config, ...(opts.prompt ? { prompt: opts.prompt } : {}) });
    diags.push(...s.diags);
    if (hasErrors(s.diags)) return { diags };
    scope = s.scope;
  }
  const settings = evaluateSettings(names, attrs, scope, diags);
  return hasErrors(diags) ? { diags } : { backend: { type: b.type, settings, hash: backendConfigHash(b.type, settings) }, diags };
}

/** Functions only: what -backend-config files and literal blocks may use. */
function literalScope(dir: string): Scope {
  return { functions: builtinFunctions(), functionContext: { baseDir: dir } };
}

/** Every argument's string value (null when absent); problems go to `diags`. */
function evaluateSettings(names: readonly string[], attrs: Attribute[], scope: Scope, diags: Diagnostic[]): BackendSettings {
  const settings: BackendSettings = Object.fromEntries(names.map((n) => [n, null]));
  for (const a of attrs) {
    const r = evaluate(a.expr, scope);
    diags.push(...r.diags);
    if (r.value.isKnown && !r.value.isNull && r.value.type.kind === 'string') settings[a.name] = r.value.str;
    else if (!hasErrors(r.diags) && !(r.value.isKnown && r.value.isNull)) {
      diags.push(errorDiag('Invalid backend configuration', `The "${a.name}" argument must be a string known before planning: it may use variables and locals, but not resource attributes.`, a.expr.range));
    }
  }
  return settings;
}

/**
 * `init -backend-config=...` items in order: `key=value` sets one argument, anything else
 * names a file of arguments (relative to `cwd`). Returns only the arguments given, and the
 * texts of the files read (for rendering diagnostics).
 */
export function backendConfigOverrides(items: readonly string[], type: string, cwd: string): { settings: BackendSettings; diags: Diagnostic[]; sources: Map<string, string> } {
  const names = BACKEND_ARGUMENTS[type] ?? [];
  const settings: BackendSettings = {};
  const diags: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq >= 0) {
      const name = item.slice(0, eq);
      if (!names.includes(name)) {
        diags.push(errorDiag('Invalid backend configuration argument', `The backend configuration argument "${name}" given on the command line is not expected for the selected backend type.`));
      } else settings[name] = item.slice(eq + 1);
      continue;
    }
    // A lone empty -backend-config= means "no overrides" (Terraform's way to drop them).
    if (item === '') continue;
    let text: string;
    try { text = readFileSync(resolve(cwd, item), 'utf8'); } catch {
      diags.push(errorDiag('Failed to read file', `The file "${item}" could not be read.`));
      continue;
    }
    sources.set(item, text);
    const parsed = parseConfigFile(text, item);
    diags.push(...parsed.diags);
    if (hasErrors(parsed.diags)) continue;
    const { content, diags: cd } = bodyOf(parsed.file).content({ attributes: names.map((name) => ({ name })), blocks: [] });
    diags.push(...cd);
    if (hasErrors(cd)) continue;
    const given = evaluateSettings(names, [...content.attributes.values()], literalScope(cwd), diags);
    for (const a of content.attributes.keys()) settings[a] = given[a]!;
  }
  return { settings, diags, sources };
}

const INIT_REQUIRED_DETAIL = (reason: string) => `Reason: ${reason}

The "backend" is the interface that terrane uses to store state,
perform operations, etc. If this message is showing up, it means that the
terrane configuration you're using is using a custom configuration for
the terrane backend.

Changes to backend configurations require reinitialization. This allows
terrane to set up the new configuration, copy existing state, etc. Please run
"terrane init" with either the "-reconfigure" or "-migrate-state" flags to
use the current configuration.

If the change reason above is incorrect, please verify your configuration
hasn't changed and try again. At this point, no changes to your existing
configuration or state have been made.`;

/** Terraform's two wordings: "required, please run" before any init, "required: please run" after a change. */
function initRequired(reason: string, changed: boolean): Diagnostic {
  return errorDiag(`Backend initialization required${changed ? ':' : ','} please run "terrane init"`, INIT_REQUIRED_DETAIL(reason));
}

/** What init says when the backend changed and neither -migrate-state nor -reconfigure was given. */
export function migrateOrReconfigureDiag(): Diagnostic {
  return errorDiag('Backend configuration changed',
    'A change in the backend configuration has been detected, which may require migrating existing state.\n\n' +
    'If you wish to attempt automatic migration of the state, use "terrane init -migrate-state".\n' +
    'If you wish to store the current configuration with no changes to the state, use "terrane init -reconfigure".');
}

/**
 * For commands other than init: the settings to use, given the block and what init
 * recorded, or Terraform's "Backend initialization required" error when they disagree. An
 * unchanged block (same hash) uses the recorded settings, which include init's
 * -backend-config overrides.
 */
export function checkAgainstRecord(block: ResolvedBackend | undefined, record: BackendRecord | undefined): { settings?: BackendSettings; diags: Diagnostic[] } {
  if (!block && !record) return { settings: {}, diags: [] };
  if (!block) return { diags: [initRequired(`Unsetting the previously set backend "${record!.type}"`, false)] };
  if (!record) return { diags: [initRequired(`Initial configuration of the requested backend "${block.type}"`, false)] };
  if (block.type === record.type && (block.hash === record.hash || sameSettings(block.settings, record.config))) {
    return { settings: record.config, diags: [] };
  }
  const reason = block.type !== record.type ? `Backend type changed from "${record.type}" to "${block.type}"` : 'Backend configuration block has changed';
  return { diags: [initRequired(reason, true)] };
}
