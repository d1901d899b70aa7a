/**
 * A working directory as the commands see it: its configuration, its backend and
 * workspace, its variables, and the plan / apply operations over them with the state
 * locked. This is the programmatic API the CLI drives; tests use it directly.
 */
import { resolve, join, isAbsolute } from 'node:path';
import { errorDiag, hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import type { Config } from '../config/module.js';
import { loadConfig } from '../config/load-config.js';
import { collectVariableValues, finalizeVariableValues, type VariableArg } from '../config/variable-values.js';
import type { Variable } from '../config/module.js';
import { evaluate } from '../lang/eval.js';
import { builtinFunctions } from '../lang/functions/index.js';
import type { Value } from '../lang/value.js';
import { LocalBackend, State, StateSync, currentWorkspace, type StateBackend, type StateMgr } from '../state/index.js';
import { ProviderManager } from '../plan/provider-manager.js';
import { makePlan, type PlanOptions, type PlanResult } from '../plan/planner.js';
import type { PlanMode } from '../plan/plan.js';
import { applyPlan, type ApplyEvent, type ApplyResult } from './applier.js';
import { VERSION } from '../version.js';

export interface WorkdirOptions {
  /** The directory holding the root module. */
  dir: string;
  /** The process working directory (path.cwd; file names in messages are relative to it). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  providers?: ProviderManager;
  /** `-state=path`: use this local state file instead of the backend's. */
  statePath?: string;
}

export interface RunOptions {
  mode?: PlanMode;
  refresh?: boolean;
  targets?: string[];
  excludes?: string[];
  replace?: string[];
  parallelism?: number;
  variables: Map<string, Value>;
  signal?: AbortSignal;
}

export class Workdir {
  readonly dir: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly providers: ProviderManager;
  workspace = 'default';
  backend!: StateBackend;
  stateMgr!: StateMgr;
  private lockId: string | undefined;

  private constructor(readonly config: Config, opts: WorkdirOptions) {
    this.dir = resolve(opts.dir);
    this.cwd = opts.cwd ?? this.dir;
    this.env = opts.env ?? process.env;
    this.providers = opts.providers ?? new ProviderManager();
  }

  /** Loads the configuration and opens its backend. Errors leave `wd` undefined. */
  static async open(opts: WorkdirOptions): Promise<{ wd?: Workdir; diags: Diagnostic[]; sources: Map<string, string> }> {
    const dir = resolve(opts.dir);
    const { config, diags } = loadConfig(dir, opts.cwd ?? dir);
    if (hasErrors(diags)) return { diags, sources: config.sources };
    const wd = new Workdir(config, opts);
    diags.push(...await wd.openBackend(opts.statePath));
    if (hasErrors(diags)) return { diags, sources: config.sources };
    return { wd, diags, sources: config.sources };
  }

  /** The backend from the `terraform { backend "..." }` block (local by default). */
  private async openBackend(statePath?: string): Promise<Diagnostic[]> {
    const diags: Diagnostic[] = [];
    this.workspace = await currentWorkspace(this.dir, this.env);
    const b = this.config.root.module.terraform.backend;
    let path: string | undefined;
    if (b) {
      if (b.type !== 'local') {
        return [errorDiag('Unsupported backend type', `terrane does not support the "${b.type}" backend yet; the "local" backend is available.`, b.typeRange)];
      }
      // terrane evaluates backend arguments with variables and locals (Terraform cannot).
      const { content, diags: d } = b.config.content({ attributes: [{ name: 'path' }, { name: 'workspace_dir' }], blocks: [] });
      diags.push(...d);
      const pathAttr = content.attributes.get('path');
      if (pathAttr) {
        const r = evaluate(pathAttr.expr, { functions: builtinFunctions(), functionContext: { baseDir: this.dir } });
        diags.push(...r.diags);
        if (r.value.isKnown && !r.value.isNull && r.value.type.kind === 'string') path = r.value.str;
        else if (!hasErrors(r.diags)) diags.push(errorDiag('Invalid backend configuration', 'The "path" argument must be a known string.', pathAttr.expr.range));
      }
    }
    const file = statePath ?? path;
    const local = new LocalBackend({ dir: this.dir, ...(file ? { path: isAbsolute(file) ? file : join(this.dir, file) } : {}) });
    this.backend = local;
    this.stateMgr = local.stateMgr(this.workspace);
    return diags;
  }

  /** Root variable values from -var/-var-file, files and the environment; `prompt` asks for missing ones. */
  async variables(args: VariableArg[], prompt?: (v: Variable) => Promise<string | undefined>): Promise<{ values: Map<string, Value>; diags: Diagnostic[] }> {
    const mod = this.config.root.module;
    const raw = collectVariableValues(mod, { dir: this.dir, args, env: this.env, sources: this.config.sources });
    const fin = await finalizeVariableValues(mod, raw.values, prompt);
    return { values: fin.values, diags: [...raw.diags, ...fin.diags] };
  }

  /** Takes the state lock for an operation; waits up to `timeoutMs`. */
  async lock(operation: string, timeoutMs: number): Promise<Diagnostic[]> {
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
    const r = await this.stateMgr.read();
    return { state: r.state ?? new State(), diags: r.diags };
  }

  /** Makes a plan against `state`. */
  async plan(state: State, o: RunOptions): Promise<PlanResult> {
    const opts: PlanOptions = {
      mode: o.mode ?? 'normal', refresh: o.refresh ?? true, targets: o.targets ?? [], excludes: o.excludes ?? [], replace: o.replace ?? [],
      parallelism: o.parallelism ?? 10, variables: o.variables,
      run: { cwd: this.cwd, rootDir: this.dir, workspace: this.workspace, applying: false, planTimestamp: new Date() },
      ...(o.signal ? { signal: o.signal } : {}),
    };
    return makePlan(this.config, state, this.providers, opts);
  }

  /** Applies a plan made against `refreshed`; the state is persisted after every change. */
  async apply(p: PlanResult, o: RunOptions & { onEvent?: (e: ApplyEvent) => void }): Promise<ApplyResult & { state: State }> {
    const sync = new StateSync(this.stateMgr, p.refreshed);
    const r = await applyPlan(this.config, p.plan, sync, this.providers, {
      parallelism: o.parallelism ?? 10, variables: o.variables,
      run: { cwd: this.cwd, rootDir: this.dir, workspace: this.workspace, applying: true, planTimestamp: p.plan.timestamp },
      ...(o.signal ? { signal: o.signal } : {}), ...(o.onEvent ? { onEvent: o.onEvent } : {}),
    });
    return { ...r, state: sync.state };
  }

  /** Persists a state as is (refresh-only applies, state commands). */
  async writeState(state: State): Promise<Diagnostic[]> {
    return this.stateMgr.write(state);
  }

  async close(): Promise<void> {
    await this.providers.closeAll();
  }
}
