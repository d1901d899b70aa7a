/**
 * The body of a block that an override file overrides (Terraform's override files): the
 * base body with the override's arguments replacing the base's one by one, and each nested
 * block type that the override has replacing all of the base's blocks of that type
 * (`dynamic "x"` counts as type x). Some nested block types (a resource's `lifecycle`)
 * merge argument by argument instead, and some argument pairs exclude each other (an
 * override's `for_each` removes the base's `count`).
 */
import type { Attribute } from './ast.js';
import type { BodyContent, BodySchema, ContentBlock, HclBody } from './body.js';
import { errorDiag, type Diagnostic, type Range } from './diagnostic.js';
import { goQuote } from './go-format.js';

/** How two bodies merge beyond the general rule. */
export interface MergeRules {
  /** Nested block types merged argument by argument when both bodies have one. */
  mergeNested?: ReadonlySet<string>;
  /** Pairs of arguments where setting one in the override drops the other from the base. */
  exclusive?: readonly (readonly [string, string])[];
}

/** The body `base` as overridden by `over`. */
export function mergeBodies(base: HclBody, over: HclBody, rules: MergeRules = {}): HclBody {
  return new MergedBody(base, over, rules);
}

const blockKey = (b: ContentBlock) => (b.type === 'dynamic' ? b.labels[0] ?? '' : b.type);

class MergedBody implements HclBody {
  constructor(private readonly base: HclBody, private readonly over: HclBody, private readonly rules: MergeRules) {}

  get syntax() { return this.base.syntax; }
  get range(): Range { return this.base.range; }
  missingItemRange(): Range { return this.base.missingItemRange(); }

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const relaxed = relax(schema);
    const b = this.base.content(relaxed), o = this.over.content(relaxed);
    const content = this.merge(b.content, o.content);
    return { content, diags: [...b.diags, ...o.diags, ...this.required(schema, content)] };
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: HclBody; diags: Diagnostic[] } {
    const relaxed = relax(schema);
    const b = this.base.partialContent(relaxed), o = this.over.partialContent(relaxed);
    const content = this.merge(b.content, o.content);
    return {
      content,
      remain: new MergedBody(b.remain, o.remain, this.rules),
      diags: [...b.diags, ...o.diags, ...this.required(schema, content)],
    };
  }

  justAttributes(): { attributes: Map<string, Attribute>; diags: Diagnostic[] } {
    const b = this.base.justAttributes(), o = this.over.justAttributes();
    const attributes = new Map(b.attributes);
    this.dropExcluded(attributes, o.attributes);
    for (const [k, v] of o.attributes) attributes.set(k, v);
    return { attributes, diags: [...b.diags, ...o.diags] };
  }

  private merge(b: BodyContent, o: BodyContent): BodyContent {
    const attributes = new Map(b.attributes);
    this.dropExcluded(attributes, o.attributes);
    for (const [k, v] of o.attributes) attributes.set(k, v);
    const overTypes = new Set(o.blocks.map(blockKey));
    const blocks: ContentBlock[] = b.blocks.filter((x) => !overTypes.has(blockKey(x)));
    for (const ob of o.blocks) {
      const key = blockKey(ob);
      const bb = ob.type !== 'dynamic' && this.rules.mergeNested?.has(key) ? b.blocks.filter((x) => x.type === key) : [];
      const single = bb.length === 1 && o.blocks.filter((x) => x.type === key).length === 1;
      blocks.push(single ? { ...ob, body: new MergedBody(bb[0]!.body, ob.body, this.rules) } : ob);
    }
    return { attributes, blocks, missingItemRange: b.missingItemRange };
  }

  private dropExcluded(attributes: Map<string, Attribute>, over: ReadonlyMap<string, Attribute>): void {
    for (const [x, y] of this.rules.exclusive ?? []) {
      if (over.has(x)) attributes.delete(y);
      if (over.has(y)) attributes.delete(x);
    }
  }

  private required(schema: BodySchema, content: BodyContent): Diagnostic[] {
    return schema.attributes.filter((a) => a.required && !content.attributes.has(a.name)).map((a) =>
      errorDiag('Missing required argument', `The argument ${goQuote(a.name)} is required, but no definition was found.`, this.missingItemRange()));
  }
}

function relax(schema: BodySchema): BodySchema {
  return { attributes: schema.attributes.map((a) => ({ name: a.name })), blocks: schema.blocks };
}
