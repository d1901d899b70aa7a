/**
 * A small in-memory provider for engine tests ("hashicorp/testing"): resources whose
 * objects live in a Map the test can inspect and change behind the engine's back.
 */
import * as T from '../../src/lang/types.js';
import { numberVal, stringVal, type Value } from '../../src/lang/value.js';
import type { ProviderFactory } from '../../src/providers/protocol.js';
import { makeProvider } from '../../src/providers/sdk/provider.js';
import { str, toJS, withAttrs, fromJS } from '../../src/providers/sdk/obj.js';
import { ProviderError } from '../../src/providers/sdk/resource.js';
import { impliedType } from '../../src/providers/schema.js';

export interface TestWorld {
  objects: Map<string, Record<string, unknown>>;
  calls: string[];
  /** Names whose create fails (to test failures halfway). */
  failCreate: Set<string>;
  /** Names whose delete fails. */
  failDelete: Set<string>;
  /**
   * Names whose create or update returns these attributes instead of the planned ones (a
   * provider bug, to test Terraform's "inconsistent result after apply" check).
   */
  alter: Map<string, Record<string, Value>>;
  seq: number;
}

export function newWorld(): TestWorld {
  return { objects: new Map(), calls: [], failCreate: new Set(), failDelete: new Set(), alter: new Map(), seq: 0 };
}

const thingBlock = {
  attributes: {
    id: { type: T.String, computed: true },
    name: { type: T.String, required: true, forceNew: true },
    size: { type: T.Number, optional: true, default: numberVal(1) },
    tags: { type: T.Map(T.String), optional: true },
    secret: { type: T.String, optional: true, sensitive: true },
    arn: { type: T.String, computed: true },
  },
  blockTypes: {},
};
const thingType = impliedType(thingBlock);

export function testProviderFactory(world: TestWorld): ProviderFactory {
  return {
    source: 'registry.terraform.io/hashicorp/testing',
    version: '1.0.0',
    create: () => makeProvider<TestWorld>({
      schema: { version: 0, block: { attributes: { region: { type: T.String, optional: true } }, blockTypes: {} } },
      configure: () => world,
      resources: {
        testing_thing: {
          schema: { version: 0, block: thingBlock },
          async create(ctx, planned) {
            const name = str(planned, 'name')!;
            ctx.meta.calls.push(`create ${name}`);
            if (ctx.meta.failCreate.has(name)) throw new ProviderError('Creation failed', `cannot create ${name}`);
            const id = `t-${++ctx.meta.seq}`;
            const out = withAttrs(planned, { id: stringVal(id), arn: stringVal(`arn:test:${id}`), ...ctx.meta.alter.get(name) });
            ctx.meta.objects.set(id, toJS(out) as Record<string, unknown>);
            return out;
          },
          async read(ctx, state) {
            const o = ctx.meta.objects.get(str(state, 'id')!);
            return o ? fromJS(o, thingType) : null;
          },
          async update(ctx, _prior, planned) {
            ctx.meta.calls.push(`update ${str(planned, 'name')}`);
            const out = withAttrs(planned, ctx.meta.alter.get(str(planned, 'name')!) ?? {});
            ctx.meta.objects.set(str(planned, 'id')!, toJS(out) as Record<string, unknown>);
            return out;
          },
          async delete(ctx, state) {
            ctx.meta.calls.push(`delete ${str(state, 'name')}`);
            if (ctx.meta.failDelete.has(str(state, 'name')!)) throw new ProviderError('Deletion failed', `cannot delete ${str(state, 'name')}`);
            ctx.meta.objects.delete(str(state, 'id')!);
          },
        },
      },
      dataSources: {
        testing_lookup: {
          schema: { version: 0, block: { attributes: { name: { type: T.String, required: true }, result: { type: T.String, computed: true } }, blockTypes: {} } },
          async read(_ctx, config: Value) {
            return withAttrs(config, { result: stringVal(`looked-up-${str(config, 'name')}`) });
          },
        },
      },
    }),
  };
}
