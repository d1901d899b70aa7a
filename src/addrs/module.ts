/**
 * Static module paths (`module.net.module.x`): where a module sits in the configuration
 * tree, before `count`/`for_each` expand it into instances.
 */
import { errorDiag } from '../hcl/diagnostic.js';
import { parseTraversal, stepsRange, type Parsed } from './traversal.js';

/** A module's path in the configuration tree; the root module is the empty path. */
export class Module {
  private str?: string;
  /** The root module. */
  static readonly ROOT = new Module([]);

  constructor(readonly names: readonly string[]) {}

  get isRoot(): boolean { return this.names.length === 0; }

  /** The child module called `name` from this one. */
  child(name: string): Module { return new Module([...this.names, name]); }

  /** The parent module; the root's parent is the root. */
  parent(): Module { return this.names.length === 0 ? this : new Module(this.names.slice(0, -1)); }

  /** True when `other` is this module or a descendant of it. */
  contains(other: Module): boolean {
    if (other.names.length < this.names.length) return false;
    for (let i = 0; i < this.names.length; i++) if (this.names[i] !== other.names[i]) return false;
    return true;
  }

  /** `module.a.module.b`; the root prints as the empty string. */
  toString(): string {
    if (this.str === undefined) this.str = this.names.map((n) => 'module.' + n).join('.');
    return this.str;
  }

  /** A key for Maps. */
  uniqueKey(): string { return 'mod:' + this.toString(); }

  equals(other: Module): boolean {
    return this === other || (this.names.length === other.names.length && this.toString() === other.toString());
  }
}

/** Parses a static module path (`module.a.module.b`); instance keys are an error. */
export function parseModule(src: string): Parsed<Module> {
  if (src === '') return { value: Module.ROOT, diags: [] };
  const t = parseTraversal(src);
  if (!t.value) return { value: undefined, diags: t.diags };
  const names: string[] = [];
  const steps = t.value;
  for (let i = 0; i < steps.length; i += 2) {
    const kw = steps[i]!, name = steps[i + 1];
    if ((kw.type !== 'root' && kw.type !== 'attr') || kw.name !== 'module' || !name || name.type !== 'attr') {
      const bad = kw.type === 'index' || kw.type === 'splat' ? kw : name ?? kw;
      const detail = bad.type === 'index' || bad.type === 'splat'
        ? 'Module path must not include instance keys.'
        : 'Module path must be a sequence of "module." prefixes, each followed by a module name.';
      return { value: undefined, diags: [errorDiag('Invalid module path', detail, stepsRange(src, [bad]))] };
    }
    names.push(name.name);
  }
  return { value: new Module(names), diags: [] };
}
