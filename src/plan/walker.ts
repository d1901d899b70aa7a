/**
 * What plan and apply walks share: evaluating input variables (with validations), locals,
 * outputs and module expansions per module instance, and configuring providers. Resource
 * nodes are left to the subclass (planning vs applying).
 */
import { ModuleInstance, type InstanceKey } from '../addrs/index.js';
import type { Expression, Traversal } from '../hcl/ast.js';
import { errorDiag, hasErrors, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import type { CheckRule, Config, ModuleNode } from '../config/module.js';
import { tryConvert, ConversionError } from '../lang/convert.js';
import { expressionValues } from '../lang/diag-values.js';
import { ephemeralOutputDiags } from './ephemeral-checks.js';
import { convertForVariable } from '../config/variable-values.js';
import { evaluate, evaluateAs, withExpressionValues } from '../lang/eval.js';
import { referencesOf } from '../lang/references.js';
import { decodeBody, emptyObject } from '../lang/decode-body.js';
import * as T from '../lang/types.js';
import { Mark, unknownVal, unmarkDeep, deepMarks, type Value } from '../lang/value.js';
import { walk as walkGraph } from '../graph/walk.js';
import type { Graph } from '../graph/dag.js';
import { keys, type EngineNode } from './graph-build.js';
import type { TargetFilter } from './targets.js';
import { moduleScope, unknownAtPlanDiag, type InstanceContext, type RunContext } from './eval-data.js';
import { WorkingValues, type ModuleExpansion } from './working-values.js';
import type { ProviderManager } from './provider-manager.js';

/** A semaphore bounding concurrent provider operations (Terraform's -parallelism). */
export class Semaphore {
  // A FIFO with a moving head: shift() on a 100k-long array is O(n).
  private queue: (() => void)[] = [];
  private head = 0;
  private active = 0;
  constructor(private readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      if (this.head < this.queue.length) {
        const next = this.queue[this.head]!;
        this.queue[this.head++] = undefined as never;
        if (this.head > 1024 && this.head * 2 > this.queue.length) { this.queue = this.queue.slice(this.head); this.head = 0; }
        next();
      }
    }
  }
}

/**
 * Runs `fn` over `items`, at most `limit` at once, in order. A resource's instances go
 * through this rather than all starting together: 100k instances started at once would
 * each hold their closures and promises until the semaphore lets them run, and that
 * outlives the young generation, so it is all garbage the major collector must reclaim.
 */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}

/** Terraform's error for a run stopped by an interrupt. */
export function haltedDiag(): Diagnostic {
  return errorDiag('execution halted');
}

/** How many instances of one resource are worked on at once (provider calls are bounded by the semaphore). */
export const INSTANCES_AT_ONCE = 64;

export interface WalkerOptions {
  run: RunContext;
  /** Root input variable values (already converted and validated for type). */
  variables: Map<string, Value>;
  /**
   * Where root variable values given in files came from (the value expression in a tfvars
   * file): a failed validation rule points there, as Terraform's does.
   */
  variableRanges?: Map<string, Range>;
  parallelism: number;
  signal?: AbortSignal;
}

export abstract class Walker {
  readonly values = new WorkingValues();
  readonly sem: Semaphore;
  /** Root output values computed by the walk. */
  readonly rootOutputs = new Map<string, { value: Value; sensitive: boolean }>();
  /** With -target/-exclude: the nodes and instances the run includes (all when unset). */
  filter?: TargetFilter;
  /** The graph being walked. */
  protected walkedGraph?: Graph<EngineNode>;

  constructor(
    readonly config: Config,
    readonly providers: ProviderManager,
    readonly opts: WalkerOptions,
  ) {
    this.sem = new Semaphore(Math.max(1, opts.parallelism));
  }

  /** Walks the graph; node failures stop dependents only. */
  async walk(graph: Graph<EngineNode>): Promise<Diagnostic[]> {
    this.walkedGraph = graph;
    // Node visits are cheap except provider calls, which the semaphore bounds.
    const r = await walkGraph(graph, (_k, n) => this.visit(n), { parallelism: 64, ...(this.opts.signal ? { signal: this.opts.signal } : {}) });
    return this.stopped() ? [...r.diags, haltedDiag()] : r.diags;
  }

  /** True once the run was interrupted: nothing new starts (what is in flight finishes). */
  protected stopped(): boolean {
    return this.opts.signal?.aborted === true;
  }

  protected async visit(n: EngineNode): Promise<Diagnostic[]> {
    switch (n.kind) {
      case 'var': return this.visitVariable(n.node, n.name);
      case 'local': return this.visitLocal(n.node, n.name);
      case 'output': return this.visitOutput(n.node, n.name);
      case 'modcall': return this.visitModuleCall(n.node, n.name);
      case 'provider': return this.visitProvider(n);
      case 'resource': return this.visitResource(n);
    }
  }

  protected abstract visitResource(n: Extract<EngineNode, { kind: 'resource' }>): Promise<Diagnostic[]>;

  /** The scope for an expression in module instance `mi` of `node`. */
  scope(node: ModuleNode, mi: ModuleInstance, inst?: InstanceContext) {
    return moduleScope(this.values, node, mi, this.opts.run, inst);
  }

  /** The parent module node of `node`. */
  parentNode(node: ModuleNode): ModuleNode | undefined {
    if (node.path.length === 0) return undefined;
    let cur = this.config.root;
    for (const s of node.path.slice(0, -1)) cur = cur.children.get(s)!;
    return cur;
  }

  /** The count/each context a module instance was created with, for evaluating its inputs in the parent. */
  callContext(mi: ModuleInstance): InstanceContext {
    const step = mi.lastStep();
    if (!step) return {};
    const e = this.values.getExpansion(mi.parent(), step.name);
    if (!e) return {};
    if (e.placeholder) return e.kind === 'count' ? { hasCount: true } : e.kind === 'for_each' ? { hasForEach: true } : {};
    if (e.kind === 'count') return { countIndex: step.key as number };
    if (e.kind === 'for_each') return { eachKey: String(step.key), eachValue: e.eachValues?.get(String(step.key)) ?? unknownVal(T.Dynamic) };
    return {};
  }

  private async visitVariable(node: ModuleNode, name: string): Promise<Diagnostic[]> {
    const diags: Diagnostic[] = [];
    const decl = node.module.variables.get(name)!;
    for (const mi of this.values.moduleInstances(node.path)) {
      let v: Value;
      if (mi.isRoot) {
        v = this.opts.variables.get(name) ?? (decl.default !== undefined ? (decl.sensitive ? decl.default.mark(Mark.Sensitive) : decl.default) : unknownVal(decl.type));
      } else {
        const input = node.call?.inputs.get(name);
        const parent = this.parentNode(node)!;
        if (input) {
          const r = evaluate(input.expr, this.scope(parent, mi.parent(), this.callContext(mi)));
          diags.push(...r.diags);
          if (hasErrors(r.diags)) continue;
          const c = convertForVariable(r.value, decl, input.expr.range, { kind: 'file', range: input.expr.range });
          if ('diag' in c) { diags.push(c.diag); continue; }
          v = c.value;
          // null stands for "use the default" only where null is not allowed (nullable = false).
          if (v.isNull && !decl.nullable && decl.default !== undefined) v = decl.default;
          if (v.isNull && !decl.nullable) {
            diags.push(errorDiag('Invalid value for input variable', `The given value is not suitable for var.${name}: required variable may not be set to null.`, input.expr.range));
            continue;
          }
        } else if (decl.default !== undefined) {
          v = decl.default;
        } else {
          diags.push(errorDiag('Missing required argument', `The argument "${name}" is required, but no definition was found.`, node.call?.declRange));
          continue;
        }
        if (decl.sensitive) v = v.mark(Mark.Sensitive);
      }
      // An ephemeral variable's value is ephemeral wherever it goes (ephemeral-checks.ts).
      if (decl.ephemeral) v = v.mark(Mark.Ephemeral);
      this.values.setVar(mi, name, v);
      // Terraform blames the value: the module argument, the tfvars entry, else the declaration.
      const valueRange = mi.isRoot ? this.opts.variableRanges?.get(name) : node.call?.inputs.get(name)?.expr.range;
      diags.push(...this.checkValidations(node, mi, decl.validations, valueRange ?? decl.range));
    }
    return diags;
  }

  private checkValidations(node: ModuleNode, mi: ModuleInstance, rules: { condition: Expression; errorMessage: Expression; range: Range }[], valueRange: Range): Diagnostic[] {
    const diags: Diagnostic[] = [];
    for (const rule of rules) {
      const scope = this.scope(node, mi);
      const c = evaluate(rule.condition, scope);
      diags.push(...c.diags);
      if (hasErrors(c.diags) || !c.value.isKnown) continue;
      if (c.value.isNull || c.value.type.kind !== 'bool') {
        diags.push(errorDiag('Invalid validation result', 'The validation condition must return true or false.', rule.condition.range));
        continue;
      }
      if (c.value.bool) continue;
      const m = evaluate(rule.errorMessage, scope);
      const msg = m.value.isKnown && m.value.type.kind === 'string' && !m.value.isNull ? (m.value.isSensitive ? '(sensitive value)' : m.value.str) : 'Invalid value for variable';
      // Terraform shows a sensitive variable's value here (its rules see the value before the
      // variable is marked); an ephemeral one stays hidden.
      const resolve = (t: Traversal): Value | undefined => {
        const r = evaluate({ kind: 'scopeTraversal', traversal: t, range: t.range } as never, scope);
        return hasErrors(r.diags) ? undefined : r.value.withMarks(r.value.marks & ~Mark.Sensitive);
      };
      diags.push({
        severity: 'error', summary: 'Invalid value for variable', subject: valueRange, expression: rule.condition,
        detail: `${msg}\n\nThis was checked by the validation rule at ${rule.range.filename}:${rule.range.start.line},${rule.range.start.column}-${rule.range.end.column}.`,
        extra: { values: expressionValues(rule.condition, resolve) },
      });
    }
    return diags;
  }

  private async visitLocal(node: ModuleNode, name: string): Promise<Diagnostic[]> {
    const diags: Diagnostic[] = [];
    const l = node.module.locals.get(name)!;
    const self = selfReferenceDiags(name, l.expr);
    if (self.length) return self;
    for (const mi of this.values.moduleInstances(node.path)) {
      const r = evaluate(l.expr, this.scope(node, mi));
      diags.push(...r.diags);
      this.values.setLocal(mi, name, r.value);
    }
    return diags;
  }

  protected async visitOutput(node: ModuleNode, name: string): Promise<Diagnostic[]> {
    const diags: Diagnostic[] = [];
    // A targeted run leaves the outputs it does not include alone (they keep their prior value).
    if (this.filter && !this.filter.included.has(keys.output(node, name))) return diags;
    const o = node.module.outputs.get(name)!;
    for (const mi of this.values.moduleInstances(node.path)) {
      if (this.filter && !mi.isRoot && !this.filter.moduleInstanceIncluded(mi)) continue;
      const scope = this.scope(node, mi);
      const pre = o.preconditions.flatMap((pc) => outputPrecondition(pc, scope, this.outputConditionSeverity()));
      diags.push(...pre);
      // A failed precondition stops the output's evaluation, as in Terraform.
      if (hasErrors(pre)) continue;
      const r = evaluate(o.expr, scope);
      diags.push(...r.diags);
      let v = r.value;
      const eph = ephemeralOutputDiags(o, v, mi.isRoot);
      if (eph.length) { diags.push(...eph); continue; }
      if (o.ephemeral) v = v.mark(Mark.Ephemeral);
      if (!o.sensitive && mi.isRoot && (deepMarks(v) & Mark.Sensitive) !== 0) {
        diags.push(errorDiag('Output refers to sensitive values',
          'To reduce the risk of accidentally exporting sensitive data that was intended to be only internal, terrane requires that any root module output containing sensitive data be explicitly marked as sensitive, to confirm your intent.\n\nIf you do intend to export this data, annotate the output value as sensitive by adding the following argument:\n    sensitive = true',
          o.range));
        continue;
      }
      if (o.sensitive) v = v.mark(Mark.Sensitive);
      this.values.setOutput(mi, name, v);
      if (mi.isRoot) this.rootOutputs.set(name, { value: v, sensitive: o.sensitive || (deepMarks(v) & Mark.Sensitive) !== 0 });
    }
    return diags;
  }

  /** How a failed output precondition is reported (a refresh-only plan makes it a warning). */
  protected outputConditionSeverity(): 'error' | 'warning' {
    return 'error';
  }

  private async visitModuleCall(node: ModuleNode, name: string): Promise<Diagnostic[]> {
    const diags: Diagnostic[] = [];
    const call = node.module.moduleCalls.get(name)!;
    for (const mi of this.values.moduleInstances(node.path)) {
      const scope = this.scope(node, mi);
      const e = expandRepetition(call.count, call.forEach, scope, diags);
      this.values.setExpansion(mi, name, e);
    }
    return diags;
  }

  private async visitProvider(n: Extract<EngineNode, { kind: 'provider' }>): Promise<Diagnostic[]> {
    const { cfg, source } = n;
    const schema = this.providers.schema(source);
    if (!schema) return [];
    const diags: Diagnostic[] = [];
    let config: Value;
    if (cfg.block) {
      const mis = this.values.moduleInstances(cfg.node.path);
      const mi = mis[0] ?? ModuleInstance.ROOT;
      const r = decodeBody(cfg.block.config, schema.provider.block, this.scope(cfg.node, mi));
      diags.push(...r.diags);
      if (hasErrors(r.diags)) return diags;
      config = r.value;
    } else {
      config = emptyObject(schema.provider.block);
    }
    const [bare] = unmarkDeep(config);
    diags.push(...await this.providers.configure(cfg.addr.toString(), source, bare, cfg.block?.range));
    return diags;
  }

}

/** Terraform's error for a local value whose expression reads that same local value. */
function selfReferenceDiags(name: string, expr: Expression): Diagnostic[] {
  return referencesOf(expr).refs.filter((r) => r.subject.kind === 'local' && r.subject.name === name).map((r) => errorDiag(
    'Self-referencing local value', `Local value local.${name} cannot use its own result as part of its expression.`, r.range, expr.range));
}

/**
 * Evaluates count/for_each into an expansion (single when neither is set). With
 * `allowUnknown` (validate), a value not known yet is no error: the expansion is unknown.
 */
/** Terraform's explanation of a for_each whose keys are not known while planning (a set's or a map's). */
function unknownForEachDetail(set: boolean): string {
  const what = set
    ? 'The "for_each" set includes values derived from resource attributes that cannot be determined until apply, and so terrane cannot determine the full set of keys that will identify the instances of this resource.\n\nWhen working with unknown values in for_each, it\'s better to use a map value where the keys are defined statically in your configuration and where only the values contain apply-time results.'
    : 'The "for_each" map includes keys derived from resource attributes that cannot be determined until apply, and so terrane cannot determine the full set of keys that will identify the instances of this resource.\n\nWhen working with unknown values in for_each, it\'s better to define the map keys statically in your configuration and place apply-time results only in the map values.';
  return `${what}\n\nAlternatively, you could use the -target planning option to first apply only the resources that the for_each value depends on, and then apply a second time to fully converge.`;
}

export function expandRepetition(count: Expression | undefined, forEach: Expression | undefined, scope: ReturnType<typeof moduleScope>, diags: Diagnostic[], allowUnknown = false): ModuleExpansion {
  if (count) {
    // Terraform converts to number first: a string that is no number is "Incorrect value type".
    const r = evaluateAs(count, scope, T.Number);
    diags.push(...r.diags);
    if (hasErrors(r.diags)) return { kind: 'count', keys: [], unknown: true };
    const v = r.value;
    if (!v.isKnown) {
      if (!allowUnknown) diags.push(unknownAtPlanDiag('count', count.range));
      return { kind: 'count', keys: [], unknown: true };
    }
    if (v.isNull) {
      diags.push(errorDiag('Invalid count argument', 'The given "count" argument value is null. An integer is required.', count.range));
      return { kind: 'count', keys: [], unknown: true };
    }
    if (!Number.isInteger(v.num)) {
      diags.push(errorDiag('Invalid count argument', 'The given "count" argument value is unsuitable: value must be a whole number, between -9223372036854775808 and 9223372036854775807.', count.range));
      return { kind: 'count', keys: [], unknown: true };
    }
    if (v.num < 0) {
      diags.push(errorDiag('Invalid count argument', 'The given "count" argument value is unsuitable: must be greater than or equal to zero.', count.range));
      return { kind: 'count', keys: [], unknown: true };
    }
    return countKeys(v.num);
  }
  if (forEach) {
    const r = evaluate(forEach, scope);
    diags.push(...r.diags);
    if (hasErrors(r.diags)) return { kind: 'for_each', keys: [], unknown: true };
    const v = r.value;
    if (v.isSensitive || (deepMarks(v) & Mark.Sensitive && (v.type.kind === 'set'))) {
      diags.push(errorDiag('Invalid for_each argument', 'Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments. If used, the sensitive value could be exposed as a resource instance key.', forEach.range));
      return { kind: 'for_each', keys: [], unknown: true };
    }
    if (!v.isKnown) {
      if (allowUnknown) return { kind: 'for_each', keys: [], unknown: true };
      diags.push(withExpressionValues(errorDiag('Invalid for_each argument', unknownForEachDetail(v.type.kind === 'set'), forEach.range), forEach, scope, 'unknown'));
      return { kind: 'for_each', keys: [], unknown: true };
    }
    if (v.isNull) {
      diags.push(errorDiag('Invalid for_each argument', 'The given "for_each" argument value is unsuitable: the given "for_each" argument value is null. A map, or set of strings is allowed.', forEach.range));
      return { kind: 'for_each', keys: [], unknown: true };
    }
    const k = v.type.kind;
    if (k === 'map' || k === 'object') {
      const eachValues = new Map<string, Value>();
      for (const [key, ev] of v.attrs) eachValues.set(key, ev);
      return { kind: 'for_each', keys: [...eachValues.keys()], eachValues };
    }
    if (k === 'set') {
      const eachValues = new Map<string, Value>();
      for (const e of v.elems) {
        if (!e.isKnown) {
          if (allowUnknown) return { kind: 'for_each', keys: [], unknown: true };
          diags.push(withExpressionValues(errorDiag('Invalid for_each argument', unknownForEachDetail(true), forEach.range), forEach, scope, 'unknown'));
          return { kind: 'for_each', keys: [], unknown: true };
        }
        if (e.type.kind !== 'string' || e.isNull) {
          diags.push(errorDiag('Invalid for_each set argument', `The given "for_each" argument value is unsuitable: "for_each" supports sets of strings, but you have provided a set containing type ${T.typeString(e.type)}.`, forEach.range));
          return { kind: 'for_each', keys: [], unknown: true };
        }
        eachValues.set(e.str, e);
      }
      return { kind: 'for_each', keys: [...eachValues.keys()], eachValues };
    }
    diags.push(errorDiag('Invalid for_each argument', `The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, or set of strings, and you have provided a value of type ${T.typeString(v.type)}.`, forEach.range));
    return { kind: 'for_each', keys: [], unknown: true };
  }
  return { kind: 'single', keys: [null] };
}

function countKeys(n: number): ModuleExpansion {
  const keys: InstanceKey[] = [];
  for (let i = 0; i < n; i++) keys.push(i);
  return { kind: 'count', keys };
}

const INVALID_MESSAGE = 'This check failed, but has an invalid error message as described in the other accompanying messages.';

/**
 * One output precondition as Terraform's evalCheckRule: the error message first (trimmed;
 * withheld with a warning when sensitive), then the condition, which must be true or false.
 */
function outputPrecondition(rule: CheckRule, scope: ReturnType<typeof moduleScope>, severity: 'error' | 'warning'): Diagnostic[] {
  const diags: Diagnostic[] = [];
  let message = '';
  const m = evaluate(rule.errorMessage, scope);
  diags.push(...m.diags);
  if (!hasErrors(m.diags)) {
    const [bare, pms] = unmarkDeep(m.value);
    const s = tryConvert(bare, T.String);
    if (s instanceof ConversionError) diags.push(errorDiag('Invalid error message', `Unsuitable value for error message: ${s.message}.`, rule.errorMessage.range));
    else if (s.isKnown && s.isNull) diags.push(errorDiag('Invalid error message', 'Unsuitable value for error message: must not be null.', rule.errorMessage.range));
    else if (s.isKnown && pms.length) {
      diags.push({
        severity: 'warning', summary: 'Error message refers to sensitive values', subject: rule.errorMessage.range,
        detail: 'The error expression used to explain this condition refers to sensitive values, so terrane will not display the resulting message.\n\nYou can correct this by removing references to sensitive values, or by carefully using the nonsensitive() function if the expression will not reveal the sensitive data.',
      });
    } else if (s.isKnown) message = s.str.trim();
  }
  const c = evaluate(rule.condition, scope);
  diags.push(...c.diags);
  if (hasErrors(diags)) return diags;
  const [v] = unmarkDeep(c.value);
  if (!v.isKnown) return diags;
  const resolve = (t: Traversal): Value | undefined => {
    const r = evaluate({ kind: 'scopeTraversal', traversal: t, range: t.range } as never, scope);
    return hasErrors(r.diags) ? undefined : r.value;
  };
  const invalid = (detail: string) => diags.push({ severity: 'error', summary: 'Invalid condition result', detail, subject: rule.condition.range, expression: rule.condition, extra: { values: expressionValues(rule.condition, resolve) } });
  if (v.isNull) { invalid('Condition expression must return either true or false, not null.'); return diags; }
  const b = tryConvert(v, T.Bool);
  if (b instanceof ConversionError || !b.isKnown) { invalid(`Invalid condition result value: ${b instanceof ConversionError ? b.message : 'a bool is required'}.`); return diags; }
  if (b.bool) return diags;
  diags.push({
    severity, summary: 'Module output value precondition failed', detail: message || INVALID_MESSAGE, subject: rule.condition.range,
    expression: rule.condition, extra: { values: expressionValues(rule.condition, resolve), doNotConsolidate: true },
  });
  return diags;
}
