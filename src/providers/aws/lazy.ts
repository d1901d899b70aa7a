/**
 * Resource and data source definitions whose implementation (and with it the AWS SDK, a
 * few seconds to load) is imported on first use: every terrane command builds the provider
 * registry, and only configurations that use aws should pay for the SDK.
 */
import { impliedType } from '../schema.js';
import type { Schema } from '../protocol.js';
import { withAttrs } from '../sdk/obj.js';
import { nullObject } from '../sdk/provider.js';
import type { DataSourceDef, ResourceDef } from '../sdk/resource.js';
import type { AwsMeta } from './config.js';

/** A resource whose functions come from `load()` the first time one is called. */
export function lazyResource(schema: Schema, load: () => Promise<ResourceDef<AwsMeta>>): ResourceDef<AwsMeta> {
  let p: Promise<ResourceDef<AwsMeta>> | undefined;
  const impl = () => (p ??= load());
  return {
    schema,
    create: async (ctx, planned, config) => (await impl()).create(ctx, planned, config),
    read: async (ctx, state) => (await impl()).read(ctx, state),
    async update(ctx, prior, planned, config) {
      const r = await impl();
      if (!r.update) throw new Error('update not supported');
      return r.update(ctx, prior, planned, config);
    },
    delete: async (ctx, state) => (await impl()).delete(ctx, state),
    async importState(ctx, id) {
      const r = await impl();
      return r.importState ? r.importState(ctx, id) : withAttrs(nullObject(impliedType(schema.block)), { id });
    },
    async customizePlan(ctx, c) {
      const r = await impl();
      return r.customizePlan ? r.customizePlan(ctx, c) : c;
    },
  };
}

/** A data source whose read comes from `load()` on first use. */
export function lazyDataSource(schema: Schema, load: () => Promise<DataSourceDef<AwsMeta>>): DataSourceDef<AwsMeta> {
  let p: Promise<DataSourceDef<AwsMeta>> | undefined;
  return { schema, read: async (ctx, config) => (await (p ??= load())).read(ctx, config) };
}
