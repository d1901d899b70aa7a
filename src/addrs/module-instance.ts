/**
 * Module instance paths: `module.net["a"].module.x[0]`. The root module is the empty path.
 */
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import { type InstanceKey, instanceKeyString, compareInstanceKeys, compareBytes } from './instance-key.js';
import { Module } from './module.js';
import { parseTraversal, stepsRange, type Parsed, type TraversalStep } from './traversal.js';

/** One step of a module instance path: a module call name and the instance key. */
export interface ModuleInstanceStep {
  readonly name: string;
  readonly key: InstanceKey;
}

/** The path of a module instance from the root, e.g. `module.net["a"].module.x[0]`. */
export class ModuleInstance {
  private str?: string;
  /** The root module instance (empty path). */
  static readonly ROOT = new ModuleInstance([]);

  constructor(readonly steps: readonly ModuleInstanceStep[]) {}

  get isRoot(): boolean { return this.steps.length === 0; }

  /** The child instance `module.<name>[key]` of this one. */
  child(name: string, key: InstanceKey = null): ModuleInstance {
    return new ModuleInstance([...this.steps, { name, key }]);
  }

  /** The parent instance; the root's parent is the root. */
  parent(): ModuleInstance {
    return this.steps.length === 0 ? this : new ModuleInstance(this.steps.slice(0, -1));
  }

  /** The static module path, with instance keys dropped. */
  module(): Module {
    return this.steps.length === 0 ? Module.ROOT : new Module(this.steps.map((s) => s.name));
  }

  /** The last step, which names this instance in its parent (undefined for the root). */
  lastStep(): ModuleInstanceStep | undefined {
    return this.steps[this.steps.length - 1];
  }

  /** True when `other` is this instance or lies inside it. */
  contains(other: ModuleInstance): boolean {
    if (other.steps.length < this.steps.length) return false;
    for (let i = 0; i < this.steps.length; i++) {
      const a = this.steps[i]!, b = other.steps[i]!;
      if (a.name !== b.name || a.key !== b.key) return false;
    }
    return true;
  }

  /** Terraform's spelling; the root prints as the empty string. */
  toString(): string {
    if (this.str === undefined) {
      let s = '';
      for (const st of this.steps) s += (s ? '.module.' : 'module.') + st.name + instanceKeyString(st.key);
      this.str = s;
    }
    return this.str;
  }

  /** A key for Maps: equal addresses of this kind have equal keys. */
  uniqueKey(): string { return 'mi:' + this.toString(); }

  equals(other: ModuleInstance): boolean {
    if (this === other) return true;
    if (this.steps.length !== other.steps.length) return false;
    return this.toString() === other.toString();
  }

  /** Orders module instances step by step (name, then key), parents before children. */
  compare(other: ModuleInstance): number {
    const n = Math.min(this.steps.length, other.steps.length);
    for (let i = 0; i < n; i++) {
      const a = this.steps[i]!, b = other.steps[i]!;
      if (a.name !== b.name) return compareBytes(a.name, b.name);
      const k = compareInstanceKeys(a.key, b.key);
      if (k !== 0) return k;
    }
    return this.steps.length - other.steps.length;
  }
}

/** The result of splitting a `module.` prefix off a traversal. */
export interface ModulePrefix {
  path: ModuleInstance;
  remain: TraversalStep[];
  /** Steps whose key was `[*]` (only when partial addresses are allowed). */
  wildcard: boolean;
}

const INT_RANGE_ERR = 'value must be a whole number, between -9223372036854775808 and 9223372036854775807';

/** Converts a parsed index key to an instance key, or returns Terraform's error text. */
export function toInstanceKey(key: number | string): InstanceKey | { error: string } {
  if (typeof key === 'string') return key;
  if (!Number.isSafeInteger(key)) return { error: INT_RANGE_ERR };
  return key;
}

/**
 * Consumes leading `module.NAME[KEY]` steps. Stops at the first step that is not the
 * keyword `module`, leaving the rest in `remain`.
 */
export function parseModuleInstancePrefix(src: string, steps: readonly TraversalStep[], allowPartial = false): Parsed<ModulePrefix> {
  const diags: Diagnostic[] = [];
  const out: ModuleInstanceStep[] = [];
  let wildcard = false;
  let i = 0;
  while (i < steps.length) {
    const st = steps[i]!;
    if (st.type !== 'root' && st.type !== 'attr') {
      diags.push(errorDiag('Invalid address operator', 'Module address prefix must be followed by dot and then a name.', st.range));
      return { value: undefined, diags };
    }
    if (st.name !== 'module') break;
    const nameStep = steps[i + 1];
    if (!nameStep || nameStep.type !== 'attr') {
      diags.push(errorDiag('Invalid address operator', 'Prefix "module." must be followed by a module name.', (nameStep ?? st).range));
      return { value: undefined, diags };
    }
    i += 2;
    let key: InstanceKey = null;
    const idx = steps[i];
    if (idx?.type === 'index') {
      const k = toInstanceKey(idx.key);
      if (typeof k === 'object' && k !== null) {
        diags.push(errorDiag('Invalid address operator', `Invalid module index: ${k.error}.`, idx.range));
        return { value: undefined, diags };
      }
      key = k;
      i++;
    } else if (idx?.type === 'splat' && allowPartial) {
      wildcard = true;
      i++;
    }
    out.push({ name: nameStep.name, key });
  }
  void src;
  return { value: { path: out.length ? new ModuleInstance(out) : ModuleInstance.ROOT, remain: steps.slice(i), wildcard }, diags };
}

/** Parses a module instance address such as `module.a["x"].module.b`. The empty string is the root. */
export function parseModuleInstance(src: string): Parsed<ModuleInstance> {
  if (src === '') return { value: ModuleInstance.ROOT, diags: [] };
  const t = parseTraversal(src);
  if (!t.value) return { value: undefined, diags: t.diags };
  const p = parseModuleInstancePrefix(src, t.value);
  if (!p.value) return { value: undefined, diags: p.diags };
  if (p.value.remain.length > 0) {
    return {
      value: undefined,
      diags: [errorDiag('Invalid module instance address', 'A module instance address must be a sequence of "module." prefixes, each followed by a module name and optionally an instance key.', stepsRange(src, p.value.remain))],
    };
  }
  return { value: p.value.path, diags: [] };
}
