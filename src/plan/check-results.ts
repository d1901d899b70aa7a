/**
 * The status of every checkable object of a run, as Terraform's checks.State keeps it:
 * each configuration object that declares conditions (a resource with pre/postconditions,
 * an output with preconditions, a check block, a variable with validation rules) starts
 * out unknown; once its instances are known they are reported, and each of their rules
 * then gets a status. The snapshot (`results()`) is what plans carry as `checks` and what
 * apply records in the state's `check_results`.
 */
import type { Config, ModuleNode } from '../config/module.js';
import type { CheckResult, CheckStatus } from '../state/index.js';

/** The kinds of rule a checkable object can have (Terraform's addrs.CheckRuleType). */
export type CheckRuleType = 'precondition' | 'postcondition' | 'output-precondition' | 'assertion' | 'check-data' | 'validation';

/** The words Terraform uses for each rule type in diagnostics (`Resource postcondition failed`). */
export const RULE_DESCRIPTION: Record<CheckRuleType, string> = {
  precondition: 'Resource precondition',
  postcondition: 'Resource postcondition',
  'output-precondition': 'Module output value precondition',
  assertion: 'Check block assertion',
  'check-data': 'Check block data resource',
  validation: 'Input variable validation',
};

type Kind = CheckResult['objectKind'];

interface ConfigCheckable {
  kind: Kind;
  counts: Partial<Record<CheckRuleType, number>>;
  /** Absent until the object's instances are known. */
  objects?: Map<string, Partial<Record<CheckRuleType, CheckStatus[]>>>;
}

/** The static address prefix of a module path (`module.a.module.b.`, '' for the root). */
export function modulePrefix(path: readonly string[]): string {
  return path.map((p) => `module.${p}.`).join('');
}

/** Collects the checkable objects of a configuration and the statuses reported for them. */
export class CheckTracker {
  private readonly configs = new Map<string, ConfigCheckable>();
  private readonly messages = new Map<string, string>();
  /** Outcomes reported before the object's instances were (rules decided mid-walk). */
  private readonly early = new Map<string, { type: CheckRuleType; index: number; status: CheckStatus; message: string }[]>();
  /** Configuration objects with outcomes reported during the walk. */
  private readonly walked = new Set<string>();

  constructor(config: Config) {
    this.collect(config.root);
  }

  private collect(node: ModuleNode): void {
    const m = node.module;
    const pre = modulePrefix(node.path);
    const resources = [...m.managedResources.values(), ...m.dataResources.values()];
    for (const r of resources) {
      const { preconditions: p, postconditions: q } = r.lifecycle;
      if (!p.length && !q.length) continue;
      const counts: ConfigCheckable['counts'] = {};
      if (p.length) counts.precondition = p.length;
      if (q.length) counts.postcondition = q.length;
      this.configs.set(`${pre}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`, { kind: 'resource', counts });
    }
    for (const o of m.outputs.values()) {
      if (o.preconditions.length) this.configs.set(`${pre}output.${o.name}`, { kind: 'output', counts: { 'output-precondition': o.preconditions.length } });
    }
    for (const c of m.checks.values()) {
      const counts: ConfigCheckable['counts'] = { assertion: c.asserts.length };
      if (c.data.length) counts['check-data'] = 1;
      this.configs.set(`${pre}check.${c.name}`, { kind: 'check', counts });
    }
    for (const v of m.variables.values()) {
      if (v.validations.length) this.configs.set(`${pre}var.${v.name}`, { kind: 'var', counts: { validation: v.validations.length } });
    }
    for (const child of node.children.values()) this.collect(child);
  }

  /** True when the configuration object declares checks. */
  has(configAddr: string): boolean {
    return this.configs.has(configAddr);
  }

  /** True when some rule of the configuration object was decided during the walk. */
  wasWalked(configAddr: string): boolean {
    return this.walked.has(configAddr);
  }

  /** True once the instances of the configuration object have been reported. */
  objectsKnown(configAddr: string): boolean {
    return this.configs.get(configAddr)?.objects !== undefined;
  }

  /** Reports the instances of a configuration object (only the first report counts). */
  reportObjects(configAddr: string, objectAddrs: readonly string[]): void {
    const c = this.configs.get(configAddr);
    if (!c || c.objects) return;
    c.objects = new Map();
    for (const a of objectAddrs) {
      const rules: Partial<Record<CheckRuleType, CheckStatus[]>> = {};
      for (const [t, n] of Object.entries(c.counts) as [CheckRuleType, number][]) rules[t] = new Array<CheckStatus>(n).fill('unknown');
      c.objects.set(a, rules);
      for (const e of this.early.get(a) ?? []) this.report(configAddr, a, e.type, e.index, e.status, e.message);
      this.early.delete(a);
    }
  }

  /** The status recorded for one rule of one object (unknown when none was). */
  ruleStatus(configAddr: string, objectAddr: string, type: CheckRuleType, index: number): CheckStatus {
    const c = this.configs.get(configAddr);
    if (c && !c.objects) return this.early.get(objectAddr)?.find((e) => e.type === type && e.index === index)?.status ?? 'unknown';
    return c?.objects?.get(objectAddr)?.[type]?.[index] ?? 'unknown';
  }

  /**
   * Records the outcome of one rule. The first decided status stands, as a rule is
   * decided once per run; `message` is kept for failures.
   */
  report(configAddr: string, objectAddr: string, type: CheckRuleType, index: number, status: CheckStatus, message = ''): void {
    const c = this.configs.get(configAddr);
    if (c) this.walked.add(configAddr);
    if (c && !c.objects) {
      const list = this.early.get(objectAddr) ?? [];
      if (!list.some((e) => e.type === type && e.index === index)) list.push({ type, index, status, message });
      this.early.set(objectAddr, list);
      return;
    }
    const statuses = c?.objects?.get(objectAddr)?.[type];
    if (!statuses || index >= statuses.length || statuses[index] !== 'unknown') return;
    statuses[index] = status;
    if (status === 'fail') this.messages.set(`${objectAddr}\0${type}\0${index}`, message);
  }

  /** The overall status of one object: error over fail over unknown over pass. */
  objectStatus(configAddr: string, objectAddr: string): CheckStatus {
    const rules = this.configs.get(configAddr)?.objects?.get(objectAddr);
    return rules ? summarize(Object.values(rules).flat()) : 'unknown';
  }

  /** A snapshot in Terraform's terms, configuration objects and their instances by address. */
  results(): CheckResult[] {
    const out: CheckResult[] = [];
    for (const configAddr of [...this.configs.keys()].sort(byString)) {
      const c = this.configs.get(configAddr)!;
      if (!c.objects) {
        out.push({ objectKind: c.kind, configAddr, status: 'unknown', objects: [] });
        continue;
      }
      const objects: CheckResult['objects'][number][] = [];
      const all: CheckStatus[] = [];
      for (const objectAddr of [...c.objects.keys()].sort(byString)) {
        const rules = c.objects.get(objectAddr)!;
        const messages: string[] = [];
        for (const [t, statuses] of Object.entries(rules) as [CheckRuleType, CheckStatus[]][]) {
          all.push(...statuses);
          statuses.forEach((s, i) => {
            const m = s === 'fail' ? this.messages.get(`${objectAddr}\0${t}\0${i}`) : undefined;
            if (m) messages.push(m);
          });
        }
        messages.sort(byString);
        objects.push({ objectAddr, status: summarize(Object.values(rules).flat()), ...(messages.length ? { failureMessages: messages } : {}) });
      }
      out.push({ objectKind: c.kind, configAddr, status: summarize(all), objects });
    }
    return out;
  }
}

function summarize(statuses: readonly CheckStatus[]): CheckStatus {
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('unknown')) return 'unknown';
  return 'pass';
}

/** Go's string order (byte-wise), which Terraform sorts addresses and messages by. */
function byString(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
