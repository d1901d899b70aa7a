/** Reading EC2 request parameters: flattened lists (`Filter.1.Value.2`), structures, typed scalars. */
import { AwsError, missingParameter } from '../../errors.js';
import { listItems, queryTree, type QueryParams, type QueryTree } from '../../protocols/query.js';

/** One request's parameters, flat and as a tree. */
export class Params {
  readonly tree: QueryTree;
  constructor(readonly flat: QueryParams) {
    this.tree = queryTree(flat);
  }

  /** A scalar parameter ('' counts as given). */
  str(name: string): string | undefined {
    return this.flat[name];
  }

  /** A scalar that must be present and non-empty, else MissingParameter. */
  req(name: string): string {
    const v = this.flat[name];
    if (v === undefined || v === '') throw missingParameter(name);
    return v;
  }

  /** A boolean parameter ('true'/'false'). */
  bool(name: string): boolean | undefined {
    return toBool(this.flat[name], name);
  }

  /** An integer parameter, validated. */
  int(name: string): number | undefined {
    return toInt(this.flat[name], name);
  }

  /** A flattened list of strings: `Name.1`, `Name.2`, ... */
  strs(name: string): string[] {
    return strings(this.tree[name]);
  }

  /** A flattened list of structures: `Name.1.Field`, ... */
  structs(name: string): QueryTree[] {
    return structs(this.tree[name]);
  }

  /** A nested structure (`Name.Field`). */
  struct(name: string): QueryTree | undefined {
    const v = this.tree[name];
    return typeof v === 'object' ? v : undefined;
  }
}

/** The strings of a list node. */
export function strings(node: QueryTree | string | undefined): string[] {
  return listItems(node).filter((v): v is string => typeof v === 'string');
}

/** The structures of a list node. */
export function structs(node: QueryTree | string | undefined): QueryTree[] {
  return listItems(node).filter((v): v is QueryTree => typeof v === 'object');
}

/** A string field of a structure. */
export function field(node: QueryTree | undefined, name: string): string | undefined {
  const v = node?.[name];
  return typeof v === 'string' ? v : undefined;
}

/** A structure field of a structure. */
export function sub(node: QueryTree | undefined, name: string): QueryTree | undefined {
  const v = node?.[name];
  return typeof v === 'object' ? v : undefined;
}

/** Parses 'true'/'false' as EC2 does (case-insensitive); anything else is InvalidParameterValue. */
export function toBool(v: string | undefined, name: string): boolean | undefined {
  if (v === undefined) return undefined;
  const l = v.toLowerCase();
  if (l === 'true') return true;
  if (l === 'false') return false;
  throw new AwsError('InvalidParameterValue', `Value (${v}) for parameter ${lcFirst(name)} is invalid. Expected: 'true' or 'false'.`);
}

/** Parses an integer parameter. */
export function toInt(v: string | undefined, name: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw new AwsError('InvalidParameterValue', `Value (${v}) for parameter ${lcFirst(name)} is invalid. Expected an integer.`);
  return Number(v);
}

/** `VpcId` -> `vpcId`, as EC2 names parameters in messages. */
export function lcFirst(s: string): string {
  const base = s.split('.').pop() ?? s;
  return base.charAt(0).toLowerCase() + base.slice(1);
}
