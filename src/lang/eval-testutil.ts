/**
 * A small EvalData for tests and benchmarks: fixed variables and locals, resources and
 * modules that are unknown unless given, count/each bound when provided.
 */
import type { Range } from '../hcl/diagnostic.js';
import { DynamicUnknown, stringVal, type Value } from './value.js';
import {
  countAttrDiag, forEachAttrDiag, invalidPathAttrDiag, invalidTerraformAttrDiag, undeclaredLocalDiag,
  undeclaredVariableDiag, type EvalData, type Lookup, type ResourceMode,
} from './scope.js';

/** Options for `mockData`. */
export interface MockDataOptions {
  vars?: Record<string, Value>;
  locals?: Record<string, Value>;
  /** Resource values keyed `type.name` or `data.type.name`; missing ones are unknown. */
  resources?: Record<string, Value>;
  modules?: Record<string, Value>;
  count?: Value;
  each?: { key: Value; value: Value };
  workspace?: string;
}

/** An EvalData answering from fixed maps. */
export function mockData(o: MockDataOptions = {}): EvalData {
  const vars = o.vars ?? {}, locals = o.locals ?? {};
  return {
    getInputVariable: (name: string, range: Range): Lookup =>
      name in vars ? vars[name]! : [undeclaredVariableDiag(name, Object.keys(vars), range)],
    getLocalValue: (name: string, range: Range): Lookup =>
      name in locals ? locals[name]! : [undeclaredLocalDiag(name, Object.keys(locals), range)],
    getResource: (mode: ResourceMode, type: string, name: string): Lookup => {
      const key = mode === 'managed' ? `${type}.${name}` : `${mode}.${type}.${name}`;
      return o.resources?.[key] ?? DynamicUnknown;
    },
    getModule: (name: string): Lookup => o.modules?.[name] ?? DynamicUnknown,
    getCountAttr: (name: string, range: Range): Lookup =>
      name === 'index' && o.count ? o.count : [countAttrDiag(name, !!o.count, range)],
    getForEachAttr: (name: string, range: Range): Lookup => {
      if (o.each && name === 'key') return o.each.key;
      if (o.each && name === 'value') return o.each.value;
      return [forEachAttrDiag(name, range)];
    },
    getPathAttr: (name: string, range: Range): Lookup =>
      name === 'module' || name === 'root' || name === 'cwd' ? stringVal('.') : [invalidPathAttrDiag(name, range)],
    getTerraformAttr: (name: string, range: Range): Lookup =>
      name === 'workspace' ? stringVal(o.workspace ?? 'default') : [invalidTerraformAttrDiag(name, range)],
  };
}
