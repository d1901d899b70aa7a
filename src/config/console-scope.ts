/**
 * The evaluation scope `terrane console` uses: the root module of the configuration in a
 * directory, with input variables from every source Terraform reads (converted to their
 * types), locals evaluated lazily in dependency order (cycles reported), path.*,
 * terraform.workspace, and resources, data sources and module calls that are declared but
 * not yet applied, so their values are unknown ("(known after apply)").
 */
import { resolve } from 'node:path';
import { errorDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import { evaluate } from '../lang/eval.js';
import { builtinFunctions } from '../lang/functions/index.js';
import { DynamicUnknown, False, Mark, stringVal, unknownVal, type Value } from '../lang/value.js';
import {
  countAttrDiag, forEachAttrDiag, invalidPathAttrDiag, invalidSelfDiag, invalidTerraformAttrDiag, undeclaredLocalDiag,
  undeclaredModuleDiag, undeclaredResourceDiag, undeclaredVariableDiag, type EvalData, type Lookup, type ResourceMode, type Scope,
} from '../lang/scope.js';
import { loadConfig } from './load-config.js';
import { currentWorkspace } from '../state/workspace.js';
import { askInNameOrder, collectVariableValues, finalizeVariableValues, type VariableArg } from './variable-values.js';
import type { Config, Module, Variable } from './module.js';

/** Inputs of the console scope. */
export interface ConsoleScopeOptions {
  /** The working directory holding the root module. */
  dir: string;
  /** `-var` and `-var-file` in command-line order. */
  varArgs: VariableArg[];
  env: NodeJS.ProcessEnv;
  /** The configuration, when already loaded (its diagnostics are then not repeated). */
  config?: Config;
  /** Asks for required variables that have no value (in name order); without it they are errors. */
  prompt?: (v: Variable) => Promise<string | undefined>;
}

/** The scope plus what loading the configuration reported. */
export interface ConsoleScope {
  scope: Scope;
  diags: Diagnostic[];
  /** Source texts for rendering diagnostics. */
  sources: Map<string, string>;
}

/** Loads the configuration in `opts.dir` and builds the console's scope. */
export async function buildConsoleScope(opts: ConsoleScopeOptions): Promise<ConsoleScope> {
  const dir = resolve(opts.dir);
  const { config, diags } = opts.config ? { config: opts.config, diags: [] as Diagnostic[] } : loadConfig(dir, dir);
  const sources = new Map(config.sources);
  const mod = config.root.module;
  const raw = collectVariableValues(mod, { dir, args: opts.varArgs, env: opts.env, sources });
  diags.push(...raw.diags);
  const fin = await finalizeVariableValues(mod, raw.values, opts.prompt && await askInNameOrder(mod, raw.values, opts.prompt));
  diags.push(...fin.diags);
  const functions = builtinFunctions();
  const scope: Scope = { functions, functionContext: { baseDir: dir, functions } };
  scope.data = new ConsoleData(mod, fin.values, scope, dir, await currentWorkspace(dir, opts.env));
  return { scope, diags, sources };
}

/** EvalData over one module for the console (no state: every resource is yet to be applied). */
class ConsoleData implements EvalData {
  private readonly localValues = new Map<string, Value>();
  private readonly evaluating: string[] = [];

  constructor(
    private readonly mod: Module,
    private readonly vars: ReadonlyMap<string, Value>,
    private readonly scope: Scope,
    private readonly dir: string,
    private readonly workspace: string,
  ) {}

  getInputVariable(name: string, range: Range): Lookup {
    const v = this.vars.get(name);
    if (v) return v;
    const decl = this.mod.variables.get(name);
    if (decl) return unknownVal(decl.type); // Its value had a problem, already reported.
    return [undeclaredVariableDiag(name, this.mod.variables.keys(), range)];
  }

  getLocalValue(name: string, range: Range): Lookup {
    const done = this.localValues.get(name);
    if (done) return done;
    const decl = this.mod.locals.get(name);
    if (!decl) return [undeclaredLocalDiag(name, this.mod.locals.keys(), range)];
    const at = this.evaluating.indexOf(name);
    if (at >= 0) {
      const cycle = this.evaluating.slice(at).concat(name).map((n) => `local.${n}`).join(', ');
      return [errorDiag('Cycle', `Cycle: ${cycle}`, range)];
    }
    this.evaluating.push(name);
    try {
      const r = evaluate(decl.expr, this.scope);
      if (r.diags.some((d) => d.severity === 'error')) return r.diags;
      this.localValues.set(name, r.value);
      return r.value;
    } finally {
      this.evaluating.pop();
    }
  }

  getResource(mode: ResourceMode, type: string, name: string, range: Range): Lookup {
    const key = `${type}.${name}`;
    if (mode === 'data' ? this.mod.dataResources.has(key) : mode === 'managed' && this.mod.managedResources.has(key)) {
      return DynamicUnknown;
    }
    return [undeclaredResourceDiag(mode, type, name, range, 'the root module', mode === 'managed' && this.mod.dataResources.has(key))];
  }

  getModule(name: string, range: Range): Lookup {
    if (this.mod.moduleCalls.has(name)) return DynamicUnknown;
    return [undeclaredModuleDiag(name, this.mod.moduleCalls.keys(), range)];
  }

  getCountAttr(name: string, range: Range): Lookup {
    return [countAttrDiag(name, false, range)];
  }

  getForEachAttr(name: string, range: Range): Lookup {
    return [forEachAttrDiag(name, range)];
  }

  getPathAttr(name: string, range: Range): Lookup {
    switch (name) {
      case 'cwd': return stringVal(this.dir.replace(/\\/g, '/'));
      case 'module': case 'root': return stringVal('.');
      default: return [invalidPathAttrDiag(name, range)];
    }
  }

  getTerraformAttr(name: string, range: Range): Lookup {
    if (name === 'workspace') return stringVal(this.workspace);
    if (name === 'applying') return False.mark(Mark.Ephemeral);
    return [invalidTerraformAttrDiag(name, range)];
  }

  getSelf(range: Range): Lookup {
    return [invalidSelfDiag(range)];
  }
}
