/** Output value addresses: `output.name` in a module, `module.x.output.name` absolutely. */
import { errorDiag } from '../hcl/diagnostic.js';
import { ModuleInstance, parseModuleInstancePrefix } from './module-instance.js';
import { parseTraversal, stepsRange, type Parsed } from './traversal.js';

/** An output value of a module (`output.name`). */
export class OutputValue {
  constructor(readonly name: string) {}
  toString(): string { return 'output.' + this.name; }
  uniqueKey(): string { return 'o:' + this.name; }
  equals(o: OutputValue): boolean { return this.name === o.name; }
  absolute(module: ModuleInstance): AbsOutputValue { return new AbsOutputValue(module, this); }
}

/** An output value of a particular module instance (`module.x.output.name`). */
export class AbsOutputValue {
  constructor(readonly module: ModuleInstance, readonly output: OutputValue) {}
  toString(): string {
    return this.module.isRoot ? this.output.toString() : `${this.module.toString()}.${this.output.toString()}`;
  }
  uniqueKey(): string { return 'ao:' + this.toString(); }
  equals(o: AbsOutputValue): boolean { return this.output.equals(o.output) && this.module.equals(o.module); }
}

/** Parses `output.name` or `module.x[0].output.name`. */
export function parseAbsOutputValue(src: string): Parsed<AbsOutputValue> {
  const t = parseTraversal(src);
  if (!t.value) return { value: undefined, diags: t.diags };
  const p = parseModuleInstancePrefix(src, t.value);
  if (!p.value) return { value: undefined, diags: p.diags };
  const [kw, name, extra] = p.value.remain;
  if (!kw || (kw.type !== 'root' && kw.type !== 'attr') || kw.name !== 'output' || !name || name.type !== 'attr' || extra) {
    return { value: undefined, diags: [errorDiag('Invalid address', 'Output address must be the keyword "output" followed by an output name.', stepsRange(src, p.value.remain))] };
  }
  return { value: new AbsOutputValue(p.value.path, new OutputValue(name.name)), diags: [] };
}
