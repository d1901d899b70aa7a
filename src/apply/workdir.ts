/**
 * A working directory as the commands see it: its configuration, its backend and
 * workspace, its variables, and the plan / apply operations over them with the state
 * locked. This is the programmatic API the CLI drives; tests use it directly.
 */
import { resolve } from 'node:path';
import { errorDiag, hasErrors, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import { ModuleInstance, parseAbsResourceInstance } from '../addrs/index.js';
import { moduleNodeAt, type Config } from '../config/module.js';
import { loadConfig } from '../config/load-config.js';
import { askInNameOrder, collectVariableValues, finalizeVariableValues, type RawVariableValue, type VariableArg } from '../config/variable-values.js';
import { diskFiles, snapshotFiles, snapshotOf, type ConfigSnapshot } from '../config/config-files.js';
import type { Variable } from '../config/module.js';
import type { Value } from '../lang/value.js';
import { LocalBackend, State, StateSync, currentWorkspace, dataDir, type StateBackend, type StateMgr } from '../state/index.js';
import { readBackendRecord, type BackendSettings } from '../state/backend-record.js';
import { checkAgainstRecord, resolveBackendBlock } from './backend-settings.js';
import { ProviderManager } from '../plan/provider-manager.js';
import { emptyPlan, makePlan, type PlanEvent, type PlanOptions, type PlanResult } from '../plan/planner.js';
import { importConfigDiags, importTargetDiags } from '../plan/validate-imports.js';
import { moduleScope } from '../plan/eval-data.js';
import { WorkingValues } from '../plan/working-values.js';
import type { PlanMode } from '../plan/plan.js';
import { applyPlan, type ApplyEvent, type ApplyResult, type ImportEvent } from './applier.js';
import { VERSION } from '../version.js';
import { AsyncLocalStorage } from 'node:async_hooks';

export interface WorkdirOptions {
  /** The directory holding the root module. */
  dir: string;
  /** The process working directory (path.cwd; file names in messages are relative to it). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  providers?: ProviderManager;
  /** `-state=path`: use this local state file instead of the backend's. */
  statePath?: string;
  /** `-state-out=path` (local state only): write the state here instead of where it was read. */
  stateOutPath?: string;
  /** `-backup=path` (local state only): where the previous state goes; `-` for nowhere. */
  backupPath?: string;
  /** The configuration files of a saved plan, loaded instead of the directory's (`apply FILE`). */
  snapshot?: ConfigSnapshot;
}

export interface RunOptions {
  mode?: PlanMode;
  imports?: { addr: string; id: string }[];
  onPlanEvent?: (e: PlanEvent) => void;
  refresh?: boolean;
  /** See PlanOptions.refreshCommand (also set for plans made inside asRefreshCommand). */
  refreshCommand?: boolean;
  targets?: string[];
  excludes?: string[];
  replace?: string[];
  parallelism?: number;
  variables: Map<string, Value>;
  /** See WalkerOptions.variableRanges. */
  variableRanges?: Map<string, Range>;
  signal?: AbortSignal;
  /** -generate-config-out: import targets without configuration get it generated (PlanOptions.generateConfigOut). */
  generateConfigOut?: string;
}

function importNotConfigured(addr: string): Diagnostic {
  return errorDiag('Configuration for import target does not exist',
    `The configuration for the given import target ${addr} does not exist. All target instances must have an associated configuration to be imported.\n\nBefore importing this resource, please create its configuration in the root module. For example:\n\nresource "${addr.replace(/^.*?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[.*\])?$/, '$1" "$2')}" {\n  # (resource arguments)\n}`);
}

const refreshCommand = new AsyncLocalStorage<boolean>();

/**
 * Runs `fn` as `terrane refresh`: every plan it makes is one of Terraform's refresh command
 * (PlanOptions.refreshCommand). The CLI shares apply's code path for refresh, which builds
 * the run options itself; this carries the command's identity through it.
 */
export function asRefreshCommand<T>(fn: () => Promise<T>): Promise<T> {
  return refreshCommand.run(true, fn);
}

export class Workdir {
  readonly dir: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly providers: ProviderManager;
  workspace = 'default';
  private be?: StateBackend;
  private mgr?: StateMgr;
  statePath: string | undefined;
  private readonly stateOutPath: string | undefined;
  private readonly backupPath: string | undefined;
  private lockId: string | undefined;
  private readonly answers = new Map<string, string | undefined>();

  private constructor(readonly config: Config, opts: WorkdirOptions) {
    this.dir = resolve(opts.dir);
    this.cwd = opts.cwd ?? this.dir;
    this.env = opts.env ?? process.env;
    this.providers = opts.providers ?? new ProviderManager();
    this.stateOutPath = opts.stateOutPath;
    this.backupPath = opts.backupPath;
  }

  /** Loads the configuration and opens its backend. Errors leave `wd` undefined. */
  static async open(opts: WorkdirOptions): Promise<{ wd?: Workdir; diags: Diagnostic[]; sources: Map<string, string> }> {
    const dir = resolve(opts.dir);
    const { config, diags } = loadConfig(dir, opts.cwd ?? dir, opts.snapshot ? snapshotFiles(opts.snapshot, dir) : diskFiles);
    if (hasErrors(diags)) return { diags, sources: config.sources };
    const wd = new Workdir(config, opts);
    wd.statePath = opts.statePath;
    wd.workspace = await currentWorkspace(wd.dir, wd.env);
    return { wd, diags, sources: config.sources };
  }

  /**
   * Opens the backend of the `terraform { backend "..." }` block (local by default) once,
   * refusing one that differs from what `init` recorded. Unlike Terraform, its arguments
   * may use variables and locals known before planning, so the -var / -var-file arguments
   * of the command take part (and `prompt` asks for missing ones, remembering the answers).
   */
  async ensureBackend(varArgs: VariableArg[] = [], prompt?: (v: Variable) => Promise<string | undefined>): Promise<Diagnostic[]> {
    if (this.be) return [];
    const r = await resolveBackendBlock(this.config, { dir: this.dir, env: this.env, varArgs, prompt: prompt && this.remembering(prompt) });
    if (hasErrors(r.diags)) return r.diags;
    const rec = await readBackendRecord(dataDir(this.dir, this.env));
    if (hasErrors(rec.diags)) return rec.diags;
    const checked = checkAgainstRecord(r.backend, rec.record);
    if (!checked.settings) return checked.diags;
    const local = localBackend(this.dir, checked.settings, this.statePath);
    this.be = local;
    const mgr = local.stateMgr(this.workspace);
    if (this.stateOutPath !== undefined || this.backupPath !== undefined) {
      const backup = this.backupPath === undefined || this.backupPath === '-' ? this.backupPath : resolve(this.dir, this.backupPath);
      mgr.redirect(this.stateOutPath === undefined ? undefined : resolve(this.dir, this.stateOutPath), backup);
    }
    this.mgr = mgr;
    return r.diags;
  }

  /** `prompt`, asking each variable once for this working directory (the backend and the plan share answers). */
  private remembering(prompt: (v: Variable) => Promise<string | undefined>): (v: Variable) => Promise<string | undefined> {
    return async (v) => {
      if (!this.answers.has(v.name)) this.answers.set(v.name, await prompt(v));
      return this.answers.get(v.name);
    };
  }

  /** The backend (open it first with ensureBackend; the CLI's openWorkdir does). */
  get backend(): StateBackend {
    if (!this.be) throw new Error('Workdir: backend not opened (call ensureBackend first)');
    return this.be;
  }

  /** The state manager of the current workspace (open the backend first). */
  get stateMgr(): StateMgr {
    if (!this.mgr) throw new Error('Workdir: backend not opened (call ensureBackend first)');
    return this.mgr;
  }

  /**
   * Root variable values from -var/-var-file, files and the environment; `prompt` asks for
   * missing ones. `given` holds the raw values the caller set (see finalizeVariableValues).
   */
  async variables(args: VariableArg[], prompt?: (v: Variable) => Promise<string | undefined>): Promise<{ values: Map<string, Value>; given: Map<string, RawVariableValue>; diags: Diagnostic[] }> {
    const bd = await this.ensureBackend(args, prompt);
    if (hasErrors(bd)) return { values: new Map(), given: new Map(), diags: bd };
    const mod = this.config.root.module;
    const raw = this.givenVariables(args);
    const fin = await finalizeVariableValues(mod, raw.values, prompt && await askInNameOrder(mod, raw.values, this.remembering(prompt)));
    return { values: fin.values, given: fin.given, diags: [...bd, ...raw.diags, ...fin.diags] };
  }

  /** The raw root variable values from -var/-var-file, files and the environment, unconverted. */
  givenVariables(args: VariableArg[]): { values: Map<string, RawVariableValue>; diags: Diagnostic[] } {
    return collectVariableValues(this.config.root.module, { dir: this.dir, args, env: this.env, sources: this.config.sources });
  }

  /** The configuration files this working directory's configuration was loaded from, for a saved plan. */
  configSnapshot(): ConfigSnapshot {
    return snapshotOf(this.config, this.dir);
  }

  /** Takes the state lock for an operation; waits up to `timeoutMs`. */
  async lock(operation: string, timeoutMs: number): Promise<Diagnostic[]> {
    const bd = await this.ensureBackend();
    if (hasErrors(bd)) return bd;
    const r = await this.stateMgr.lock({ operation, version: VERSION }, timeoutMs);
    this.lockId = r.id;
    return r.diags;
  }

  async unlock(): Promise<Diagnostic[]> {
    if (!this.lockId) return [];
    const id = this.lockId;
    this.lockId = undefined;
    return this.stateMgr.unlock(id);
  }

  /** The current state (an empty one when there is none yet). */
  async readState(): Promise<{ state: State; diags: Diagnostic[] }> {
    const bd = await this.ensureBackend();
    if (hasErrors(bd)) return { state: new State(), diags: bd };
    const r = await this.stateMgr.read();
    return { state: r.state ?? new State(), diags: r.diags };
  }

  /** Makes a plan against `state`. */
  async plan(state: State, o: RunOptions): Promise<PlanResult> {
    const opts: PlanOptions = {
      mode: o.mode ?? 'normal', refresh: o.refresh ?? true, targets: o.targets ?? [], excludes: o.excludes ?? [], replace: o.replace ?? [],
      parallelism: o.parallelism ?? 10, variables: o.variables, ...(o.variableRanges ? { variableRanges: o.variableRanges } : {}), ...(o.imports ? { imports: o.imports } : {}), ...(o.onPlanEvent ? { onEvent: o.onPlanEvent } : {}),
      run: { cwd: this.cwd, rootDir: this.dir, workspace: this.workspace, applying: false, planTimestamp: new Date() },
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.refreshCommand ?? refreshCommand.getStore() ? { refreshCommand: true } : {}),
      ...(o.generateConfigOut !== undefined ? { generateConfigOut: o.generateConfigOut } : {}),
    };
    // Terraform validates the configuration before planning: import blocks in the wrong place
    // or whose `to` does not fit the target's repetition stop the plan before any import.
    const values = new WorkingValues();
    const pre = [...importConfigDiags(this.config), ...(opts.mode === 'destroy' ? [] : importTargetDiags(this.config,
      (each) => moduleScope(values, this.config.root, ModuleInstance.ROOT, opts.run, each ? { eachKey: each.key, eachValue: each.value } : undefined), { withoutConfig: false }))];
    if (hasErrors(pre)) return { plan: { ...emptyPlan(opts, state), errored: true }, refreshed: state.clone(), diags: pre };
    return makePlan(this.config, state, this.providers, opts);
  }

  /** Applies a plan made against `refreshed`; the state is persisted after every change. */
  async apply(p: PlanResult, o: RunOptions & { onEvent?: (e: ApplyEvent) => void; onImport?: (e: ImportEvent) => void; releasePlan?: boolean }): Promise<ApplyResult & { state: State }> {
    const sync = new StateSync(this.stateMgr, p.refreshed);
    const r = await applyPlan(this.config, p.plan, sync, this.providers, {
      parallelism: o.parallelism ?? 10, variables: o.variables,
      run: { cwd: this.cwd, rootDir: this.dir, workspace: this.workspace, applying: true, planTimestamp: p.plan.timestamp },
      ...(o.signal ? { signal: o.signal } : {}), ...(o.onEvent ? { onEvent: o.onEvent } : {}),
      ...(o.onImport ? { onImport: o.onImport } : {}), ...(o.releasePlan ? { releasePlan: true } : {}),
    });
    return { ...r, state: sync.state };
  }

  /**
   * `terrane import ADDR ID`: imports an existing object into state at `addr` (which must
   * be declared in the configuration), without changing anything else.
   */
  async importResource(addr: string, id: string, o: RunOptions): Promise<{ diags: Diagnostic[]; state?: State }> {
    const parsed = parseAbsResourceInstance(addr);
    if (!parsed.value) return { diags: parsed.diags };
    const ai = parsed.value;
    const node = moduleNodeAt(this.config.root, ai.module.steps);
    if (!node) return { diags: [importNotConfigured(addr)] };
    const r = ai.resource.resource;
    if (r.mode !== 'managed' || !node.module.managedResources.has(`${r.type}.${r.name}`)) return { diags: [importNotConfigured(addr)] };
    const { state, diags } = await this.readState();
    if (hasErrors(diags)) return { diags };
    if (state.current(ai)) {
      return { diags: [errorDiag('Resource already managed by terrane', `terrane is already managing a remote object for ${addr}. To import to this address you must first remove the existing object from the state.`)] };
    }
    const p = await this.plan(state, { ...o, targets: [addr], refresh: false, imports: [{ addr, id }] } as RunOptions & { imports: { addr: string; id: string }[] });
    // The targets are how terrane runs the import, not the user's: no warning about them.
    const own = p.diags.filter((d) => d.summary !== 'Resource targeting is in effect');
    if (hasErrors(own)) return { diags: own };
    if (!p.refreshed.current(ai)) {
      return { diags: [...own, errorDiag('Import failed', `The configuration does not produce an instance at ${addr} (check count/for_each and the instance key).`)] };
    }
    const w = await this.writeState(p.refreshed);
    return { diags: [...own.filter((d) => d.severity === 'warning'), ...w], state: p.refreshed };
  }

  /** Persists a state as is (refresh-only applies, state commands). */
  async writeState(state: State): Promise<Diagnostic[]> {
    const bd = await this.ensureBackend();
    if (hasErrors(bd)) return bd;
    return this.stateMgr.write(state);
  }

  async close(): Promise<void> {
    await this.providers.closeAll();
  }
}

/** The local backend for resolved settings (`-state`, when given, overrides every workspace's file). */
export function localBackend(dir: string, settings: BackendSettings, statePath?: string): LocalBackend {
  return new LocalBackend({
    dir, ...(settings['path'] ? { path: settings['path'] } : {}), ...(settings['workspace_dir'] ? { workspaceDir: settings['workspace_dir'] } : {}),
    ...(statePath ? { stateOverride: statePath } : {}),
  });
}
