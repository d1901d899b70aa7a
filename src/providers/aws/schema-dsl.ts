/**
 * A compact way to write hashicorp/aws schemas: `a(T.String, 'oc')` instead of
 * `{ type: T.String, optional: true, computed: true }`. Flag letters: r required, o optional,
 * c computed, f forces replacement, s sensitive. No AWS SDK import (schemas load eagerly).
 */
import * as T from '../../lang/types.js';
import type { AttributeSchema, BlockSchema, NestedBlockSchema, NestingMode, Schema } from '../protocol.js';

/** One attribute from a type, flag letters and any extra fields (default, deprecated...). */
export function a(type: T.Type, flags: string, extra: Partial<AttributeSchema> = {}): AttributeSchema {
  const out: AttributeSchema = { type };
  for (const f of flags) {
    switch (f) {
      case 'r': out.required = true; break;
      case 'o': out.optional = true; break;
      case 'c': out.computed = true; break;
      case 'f': out.forceNew = true; break;
      case 's': out.sensitive = true; break;
      default: throw new Error(`unknown attribute flag ${f}`);
    }
  }
  return { ...out, ...extra };
}

/** A block from its attributes and nested block types. */
export function block(attributes: Record<string, AttributeSchema>, blockTypes: Record<string, NestedBlockSchema> = {}): BlockSchema {
  return { attributes, blockTypes };
}

/** A nested block type. */
export function nested(nesting: NestingMode, b: BlockSchema, limits: { min?: number; max?: number; forceNew?: boolean } = {}): NestedBlockSchema {
  const out: NestedBlockSchema = { nesting, block: b };
  if (limits.min !== undefined) out.minItems = limits.min;
  if (limits.max !== undefined) out.maxItems = limits.max;
  if (limits.forceNew) out.forceNew = true;
  return out;
}

/** A resource or data source schema. */
export function schema(version: number, b: BlockSchema): Schema {
  return { version, block: b };
}

/** The `timeouts` block hashicorp/aws resources accept (values are durations like "10m"). */
export function timeoutsBlock(...ops: ('create' | 'read' | 'update' | 'delete')[]): NestedBlockSchema {
  return nested('single', block(Object.fromEntries(ops.map((o) => [o, a(T.String, 'o')]))));
}
