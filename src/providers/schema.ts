/**
 * Schema helpers shared by the engine and the providers: the object type a block schema
 * implies (cty's ImpliedType), and walking a schema along an attribute path.
 */
import * as T from '../lang/types.js';
import type { Type } from '../lang/types.js';
import type { Path } from '../lang/value.js';
import type { AttributeSchema, BlockSchema, NestedBlockSchema } from './protocol.js';

const impliedCache = new WeakMap<BlockSchema, T.ObjectType>();

/**
 * The object type of a block: its attributes, and its nested block types as
 * list/set/map of objects (or a single object for `single`/`group` nesting).
 */
export function impliedType(block: BlockSchema): T.ObjectType {
  const cached = impliedCache.get(block);
  if (cached) return cached;
  const attrs: Record<string, Type> = {};
  for (const [name, a] of Object.entries(block.attributes)) attrs[name] = a.type;
  for (const [name, nb] of Object.entries(block.blockTypes)) attrs[name] = nestedBlockType(nb);
  const t = T.Object_(attrs);
  impliedCache.set(block, t);
  return t;
}

/** The type a nested block type contributes to its parent object. */
export function nestedBlockType(nb: NestedBlockSchema): Type {
  const inner = impliedType(nb.block);
  switch (nb.nesting) {
    case 'single':
    case 'group':
      return inner;
    case 'list':
      return T.List(inner);
    case 'set':
      return T.Set(inner);
    case 'map':
      return T.Map(inner);
  }
}

/** What a path leads to in a schema: an attribute, a nested block, or nothing. */
export type SchemaAtPath =
  | { kind: 'attribute'; attr: AttributeSchema }
  | { kind: 'block'; block: NestedBlockSchema }
  | undefined;

/** Follows an attribute path (attribute names and element keys) through a block schema. */
export function schemaAtPath(block: BlockSchema, path: Path): SchemaAtPath {
  let cur: BlockSchema = block;
  let i = 0;
  while (i < path.length) {
    const step = path[i]!;
    if (!('attr' in step)) return undefined;
    const a = cur.attributes[step.attr];
    if (a) return { kind: 'attribute', attr: a };
    const nb = cur.blockTypes[step.attr];
    if (!nb) return undefined;
    i++;
    // Skip the element key of a repeated block.
    if (nb.nesting !== 'single' && nb.nesting !== 'group') {
      if (i < path.length && 'index' in path[i]!) i++;
    }
    if (i >= path.length) return { kind: 'block', block: nb };
    cur = nb.block;
  }
  return undefined;
}

/** Attribute paths marked sensitive in the schema (for masking values the schema says are secret). */
export function sensitivePaths(block: BlockSchema, prefix: Path = []): Path[] {
  const out: Path[] = [];
  for (const [name, a] of Object.entries(block.attributes)) {
    if (a.sensitive) out.push([...prefix, { attr: name }]);
  }
  for (const [name, nb] of Object.entries(block.blockTypes)) {
    for (const p of sensitivePaths(nb.block, [])) {
      // Sensitive attributes inside repeated blocks: the engine marks every element.
      out.push([...prefix, { attr: name }, ...p]);
    }
  }
  return out;
}
