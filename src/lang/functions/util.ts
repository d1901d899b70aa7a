/**
 * Small helpers for declaring built-in functions tersely.
 */
import type { Type } from '../types.js';
import type { Value } from '../value.js';
import type { FunctionContext, FunctionDef, Param } from './function.js';

/** Parameter flags in the short form used by the function tables. */
export interface ParamFlags {
  allowNull?: boolean;
  allowUnknown?: boolean;
  allowDynamicType?: boolean;
  allowMarked?: boolean;
}

/** A parameter declaration. */
export function param(name: string, type: Type, flags?: ParamFlags): Param {
  return flags ? { name, type, ...flags } : { name, type };
}

/** A function with a fixed return type. */
export function fixed(
  description: string,
  params: Param[],
  ret: Type,
  impl: (args: readonly Value[], ctx: FunctionContext, retType: Type) => Value,
  extra?: Partial<FunctionDef>,
): FunctionDef {
  return { description, params, returnType: () => ret, impl, refineNotNull: true, ...extra };
}

/** A function whose return type depends on its arguments. */
export function typed(
  description: string,
  params: Param[],
  returnType: (args: readonly Value[]) => Type,
  impl: (args: readonly Value[], ctx: FunctionContext, retType: Type) => Value,
  extra?: Partial<FunctionDef>,
): FunctionDef {
  return { description, params, returnType, impl, refineNotNull: true, ...extra };
}
