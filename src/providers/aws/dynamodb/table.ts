/**
 * aws_dynamodb_table as hashicorp/aws defines it: id = the table name (also the import id);
 * CreateTable, then TTL and point-in-time recovery, waiting until the table is ACTIVE;
 * updates in place for billing, capacity, streams, table class, deletion protection,
 * encryption, global secondary indexes, TTL, recovery and tags (each UpdateTable followed
 * by a wait, as DynamoDB allows one change at a time); delete waits until the table is gone.
 */
import {
  CreateTableCommand, DeleteTableCommand, TagResourceCommand, UntagResourceCommand, UpdateContinuousBackupsCommand,
  UpdateTableCommand, UpdateTimeToLiveCommand,
  type AttributeDefinition, type BillingMode, type GlobalSecondaryIndex, type GlobalSecondaryIndexUpdate, type KeySchemaElement,
  type LocalSecondaryIndex, type OnDemandThroughput, type Projection, type ProjectionType, type ProvisionedThroughput, type ScalarAttributeType,
  type StreamViewType, type TableClass,
} from '@aws-sdk/client-dynamodb';
import { rawEquals, type Value } from '../../../lang/value.js';
import { attr, bool, num, str, toJS, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type ResourceContext, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';
import { planTagsAll, tagMap } from '../tags.js';
import { keepMissingBlocks, keepZeroValues } from '../sqs/zero-values.js';
import { tableSchema } from './schemas.js';
import { TABLE, describeTable, readTable } from './table-read.js';

interface Gsi {
  name: string; hash_key: string; range_key?: string | null; projection_type: string; non_key_attributes?: string[] | null;
  read_capacity?: number | null; write_capacity?: number | null;
}
interface Lsi { name: string; range_key: string; projection_type: string; non_key_attributes?: string[] | null }

function keySchema(hash: string, range?: string | null): KeySchemaElement[] {
  const out: KeySchemaElement[] = [{ AttributeName: hash, KeyType: 'HASH' }];
  if (range) out.push({ AttributeName: range, KeyType: 'RANGE' });
  return out;
}

function projection(type: string, nka?: string[] | null): Projection {
  return { ProjectionType: type as ProjectionType, ...(nka?.length ? { NonKeyAttributes: nka } : {}) };
}

function throughput(mode: string, read?: number | null, write?: number | null): ProvisionedThroughput | undefined {
  return mode === 'PROVISIONED' ? { ReadCapacityUnits: read ?? 0, WriteCapacityUnits: write ?? 0 } : undefined;
}

function gsiInput(g: Gsi, mode: string): GlobalSecondaryIndex {
  return {
    IndexName: g.name, KeySchema: keySchema(g.hash_key, g.range_key), Projection: projection(g.projection_type, g.non_key_attributes),
    ProvisionedThroughput: throughput(mode, g.read_capacity, g.write_capacity),
  };
}

function attributes(v: Value): AttributeDefinition[] {
  return ((toJS(attr(v, 'attribute')) as { name: string; type: string }[] | null) ?? [])
    .map((d) => ({ AttributeName: d.name, AttributeType: d.type as ScalarAttributeType }));
}

/** The configured on-demand maxima (unset ones as -1, no limit), or undefined without the block. */
function onDemand(v: Value): OnDemandThroughput | undefined {
  const b = firstBlock<{ max_read_request_units?: number | null; max_write_request_units?: number | null }>(v, 'on_demand_throughput');
  if (!b) return undefined;
  return { MaxReadRequestUnits: b.max_read_request_units ?? -1, MaxWriteRequestUnits: b.max_write_request_units ?? -1 };
}

const gsis = (v: Value) => (toJS(attr(v, 'global_secondary_index')) as Gsi[] | null) ?? [];
const firstBlock = <B>(v: Value, name: string): B | undefined => ((toJS(attr(v, name)) as B[] | null) ?? [])[0];

/** Polls until the table (and its indexes) are ACTIVE; the first poll is immediate. */
async function waitActive(ctx: ResourceContext<AwsMeta>, name: string, what: string): Promise<void> {
  for (let i = 0, delay = 500; ; i++, delay = Math.min(delay * 2, 10_000)) {
    const t = await describeTable(ctx.meta, name);
    // Right after CreateTable, AWS may not list the table yet.
    if (!t && i >= 5) throw new ProviderError(`waiting for ${TABLE} (${name}) ${what}: not found`);
    const busy = !t || t.TableStatus !== 'ACTIVE' || (t.GlobalSecondaryIndexes ?? []).some((g) => g.IndexStatus !== 'ACTIVE');
    if (!busy) return;
    if (i >= 120 || ctx.signal?.aborted) throw new ProviderError(`waiting for ${TABLE} (${name}) ${what}: timeout while status is ${t?.TableStatus ?? 'unknown'}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

/**
 * Retries while DynamoDB says the table is busy (ResourceInUseException) or too many tables
 * change at once (LimitExceededException); the first attempt is immediate.
 */
async function retryBusy<R>(fn: () => Promise<R>, signal?: AbortSignal): Promise<R> {
  for (let i = 0, delay = 1000; ; i++, delay = Math.min(delay * 2, 20_000)) {
    try {
      return await fn();
    } catch (e) {
      const busy = isAwsCode(e, 'ResourceInUseException') && !/already exists/i.test(e instanceof Error ? e.message : '');
      if (!(busy || isAwsCode(e, 'LimitExceededException')) || i >= 20 || signal?.aborted) throw e;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

async function update(ctx: ResourceContext<AwsMeta>, name: string, input: Omit<ConstructorParameters<typeof UpdateTableCommand>[0], 'TableName'>): Promise<void> {
  await awsCall(`updating ${TABLE} (${name})`, () => retryBusy(() => ctx.meta.dynamodb().send(new UpdateTableCommand({ TableName: name, ...input })), ctx.signal));
  await waitActive(ctx, name, 'update');
}

async function setTtl(ctx: ResourceContext<AwsMeta>, name: string, planned: Value, prior: Value | null): Promise<void> {
  const want = firstBlock<{ attribute_name?: string | null; enabled?: boolean | null }>(planned, 'ttl');
  const had = prior ? firstBlock<{ attribute_name?: string | null; enabled?: boolean | null }>(prior, 'ttl') : undefined;
  const on = want?.enabled === true, wasOn = had?.enabled === true;
  if (on === wasOn && (!on || want?.attribute_name === had?.attribute_name)) return;
  const attributeName = (on ? want?.attribute_name : had?.attribute_name) ?? '';
  await awsCall(`updating ${TABLE} (${name}) time to live`, () => ctx.meta.dynamodb().send(new UpdateTimeToLiveCommand({
    TableName: name, TimeToLiveSpecification: { AttributeName: attributeName, Enabled: on },
  })));
}

async function setPitr(ctx: ResourceContext<AwsMeta>, name: string, planned: Value, prior: Value | null): Promise<void> {
  type Pitr = { enabled: boolean; recovery_period_in_days?: number | null };
  const want = firstBlock<Pitr>(planned, 'point_in_time_recovery');
  const had = prior ? firstBlock<Pitr>(prior, 'point_in_time_recovery') : undefined;
  const on = want?.enabled === true, wasOn = had?.enabled === true;
  const days = want?.recovery_period_in_days || undefined;
  if (on === wasOn && (!on || days === undefined || days === had?.recovery_period_in_days)) return;
  await awsCall(`updating ${TABLE} (${name}) point in time recovery`, () => ctx.meta.dynamodb().send(new UpdateContinuousBackupsCommand({
    TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: on, ...(on && days ? { RecoveryPeriodInDays: days } : {}) },
  })));
}

function sseDisabled(v: Value): boolean {
  return firstBlock<{ enabled: boolean }>(v, 'server_side_encryption')?.enabled !== true;
}

/** The aws_dynamodb_table resource. */
export const awsDynamodbTable: ResourceDef<AwsMeta> = {
  schema: tableSchema,

  customizePlan(ctx, p) {
    let out = keepMissingBlocks(planTagsAll(ctx.meta, p), ['point_in_time_recovery', 'server_side_encryption', 'ttl', 'on_demand_throughput']);
    out = keepZeroValues(out, tableSchema.block);
    const prior = out.prior;
    if (prior) {
      // Disabled and absent encryption or recovery are the same thing (hashicorp's CustomizeDiff).
      const keep = (n: string) => { out = { ...out, planned: withAttrs(out.planned, { [n]: attr(prior, n) }) }; };
      if (sseDisabled(out.planned) && sseDisabled(prior)) keep('server_side_encryption');
      const pitrOff = (v: Value) => firstBlock<{ enabled: boolean }>(v, 'point_in_time_recovery')?.enabled !== true;
      if (pitrOff(out.planned) && pitrOff(prior)) keep('point_in_time_recovery');
      if (attr(p.config, 'stream_view_type').isNull && attr(p.config, 'stream_enabled').v !== true) keep('stream_view_type');
      if (rawEquals(out.planned, prior)) out = { ...out, planned: prior };
    }
    return out;
  },

  async create(ctx, planned) {
    const name = str(planned, 'name')!;
    if (str(planned, 'restore_source_name') || str(planned, 'restore_source_table_arn') || attr(planned, 'import_table').elems?.length) {
      throw new ProviderError(`creating ${TABLE} (${name}): restoring from a backup or importing from S3 is not supported by terrane yet`);
    }
    if (attr(planned, 'replica').elems?.length) throw new ProviderError(`creating ${TABLE} (${name}): replicas (global tables) are not supported by terrane yet`);
    const mode = str(planned, 'billing_mode') ?? 'PROVISIONED';
    const lsis = (toJS(attr(planned, 'local_secondary_index')) as Lsi[] | null) ?? [];
    const hash = str(planned, 'hash_key')!;
    const range = str(planned, 'range_key');
    const sse = firstBlock<{ enabled: boolean; kms_key_arn?: string | null }>(planned, 'server_side_encryption');
    const tags = Object.entries(tagMap(planned, 'tags_all')).map(([Key, Value]) => ({ Key, Value }));
    const streamOn = bool(planned, 'stream_enabled') === true;
    const tableClass = str(planned, 'table_class');
    await awsCall(`creating ${TABLE} (${name})`, () => ctx.meta.dynamodb().send(new CreateTableCommand({
      TableName: name, BillingMode: mode as BillingMode, KeySchema: keySchema(hash, range),
      AttributeDefinitions: attributes(planned),
      ProvisionedThroughput: throughput(mode, num(planned, 'read_capacity'), num(planned, 'write_capacity')),
      GlobalSecondaryIndexes: gsis(planned).length ? gsis(planned).map((g) => gsiInput(g, mode)) : undefined,
      LocalSecondaryIndexes: lsis.length
        ? lsis.map((l): LocalSecondaryIndex => ({ IndexName: l.name, KeySchema: keySchema(hash, l.range_key), Projection: projection(l.projection_type, l.non_key_attributes) }))
        : undefined,
      StreamSpecification: streamOn ? { StreamEnabled: true, StreamViewType: str(planned, 'stream_view_type') as StreamViewType } : undefined,
      SSESpecification: sse ? { Enabled: sse.enabled, ...(sse.enabled ? { SSEType: 'KMS' as const, KMSMasterKeyId: sse.kms_key_arn || undefined } : {}) } : undefined,
      TableClass: tableClass && tableClass !== 'STANDARD' ? (tableClass as TableClass) : undefined,
      OnDemandThroughput: onDemand(planned),
      DeletionProtectionEnabled: bool(planned, 'deletion_protection_enabled') || undefined,
      Tags: tags.length ? tags : undefined,
    })));
    await waitActive(ctx, name, 'create');
    await setTtl(ctx, name, planned, null);
    await setPitr(ctx, name, planned, null);
    const got = await readTable(ctx.meta, name, withAttrs(planned, { id: name }));
    if (!got) throw new ProviderError(`reading ${TABLE} (${name}): empty result after creation`);
    return got;
  },

  read: (ctx, state) => readTable(ctx.meta, str(state, 'id')!, state),

  async update(ctx, prior, planned) {
    const name = str(prior, 'id')!;
    if (!rawEquals(attr(planned, 'replica'), attr(prior, 'replica'))) throw new ProviderError(`updating ${TABLE} (${name}): replicas (global tables) are not supported by terrane yet`);
    const mode = str(planned, 'billing_mode') ?? 'PROVISIONED';
    const oldMode = str(prior, 'billing_mode') ?? 'PROVISIONED';
    const capacity = (v: Value) => [num(v, 'read_capacity') ?? 0, num(v, 'write_capacity') ?? 0].join('/');
    if (mode !== oldMode || (mode === 'PROVISIONED' && capacity(planned) !== capacity(prior))) {
      const input: Parameters<typeof update>[2] = { BillingMode: mode as BillingMode, ProvisionedThroughput: throughput(mode, num(planned, 'read_capacity'), num(planned, 'write_capacity')) };
      if (mode !== oldMode && mode === 'PROVISIONED') {
        // Every index needs capacity when the table leaves on-demand billing.
        const oldNames = new Set(gsis(prior).map((g) => g.name));
        input.GlobalSecondaryIndexUpdates = gsis(planned).filter((g) => oldNames.has(g.name)).map((g) => ({
          Update: { IndexName: g.name, ProvisionedThroughput: throughput(mode, g.read_capacity, g.write_capacity)! },
        }));
        if (!input.GlobalSecondaryIndexUpdates.length) delete input.GlobalSecondaryIndexUpdates;
      }
      await update(ctx, name, input);
    }
    const odt = onDemand(planned);
    if (odt && !rawEquals(attr(planned, 'on_demand_throughput'), attr(prior, 'on_demand_throughput'))) await update(ctx, name, { OnDemandThroughput: odt });
    const dp = bool(planned, 'deletion_protection_enabled') ?? false;
    if (dp !== (bool(prior, 'deletion_protection_enabled') ?? false)) await update(ctx, name, { DeletionProtectionEnabled: dp });
    const tc = str(planned, 'table_class') ?? 'STANDARD';
    if (tc !== (str(prior, 'table_class') ?? 'STANDARD')) await update(ctx, name, { TableClass: tc as TableClass });

    const streamOn = bool(planned, 'stream_enabled') === true, wasOn = bool(prior, 'stream_enabled') === true;
    const view = str(planned, 'stream_view_type') ?? '';
    if (streamOn !== wasOn || (streamOn && view !== (str(prior, 'stream_view_type') ?? ''))) {
      if (wasOn && streamOn) await update(ctx, name, { StreamSpecification: { StreamEnabled: false } });
      await update(ctx, name, { StreamSpecification: streamOn ? { StreamEnabled: true, StreamViewType: view as StreamViewType } : { StreamEnabled: false } });
    }

    await updateIndexes(ctx, name, prior, planned, mode);

    if (!rawEquals(attr(planned, 'server_side_encryption'), attr(prior, 'server_side_encryption'))) {
      const sse = firstBlock<{ enabled: boolean; kms_key_arn?: string | null }>(planned, 'server_side_encryption');
      await update(ctx, name, { SSESpecification: { Enabled: sse?.enabled === true, ...(sse?.enabled ? { SSEType: 'KMS' as const, KMSMasterKeyId: sse.kms_key_arn || undefined } : {}) } });
    }
    await setTtl(ctx, name, planned, prior);
    await setPitr(ctx, name, planned, prior);

    const arn = str(prior, 'arn')!;
    const before = tagMap(prior, 'tags_all'), after = tagMap(planned, 'tags_all');
    const removed = Object.keys(before).filter((k) => !(k in after));
    const changed = Object.entries(after).filter(([k, v]) => before[k] !== v).map(([Key, Value]) => ({ Key, Value }));
    if (removed.length) await awsCall(`untagging resource (${arn})`, () => ctx.meta.dynamodb().send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: removed })));
    if (changed.length) await awsCall(`tagging resource (${arn})`, () => ctx.meta.dynamodb().send(new TagResourceCommand({ ResourceArn: arn, Tags: changed })));

    const got = await readTable(ctx.meta, name, planned);
    if (!got) throw new ProviderError(`reading ${TABLE} (${name}): not found after update`);
    return got;
  },

  async delete(ctx, state) {
    const name = str(state, 'id')!;
    try {
      await retryBusy(() => ctx.meta.dynamodb().send(new DeleteTableCommand({ TableName: name })), ctx.signal);
    } catch (e) {
      if (isAwsCode(e, 'ResourceNotFoundException')) return;
      await awsCall(`deleting ${TABLE} (${name})`, () => Promise.reject(e));
    }
    for (let i = 0, delay = 500; ; i++, delay = Math.min(delay * 2, 10_000)) {
      if (!(await describeTable(ctx.meta, name))) return;
      if (i >= 120 || ctx.signal?.aborted) throw new ProviderError(`waiting for ${TABLE} (${name}) delete: timeout`);
      await new Promise((r) => setTimeout(r, delay));
    }
  },
};

/** Creates, deletes and re-sizes global secondary indexes one at a time, as DynamoDB requires. */
async function updateIndexes(ctx: ResourceContext<AwsMeta>, name: string, prior: Value, planned: Value, mode: string): Promise<void> {
  const before = new Map(gsis(prior).map((g) => [g.name, g]));
  const after = new Map(gsis(planned).map((g) => [g.name, g]));
  const defs = attributes(planned);
  const same = (a: Gsi, b: Gsi) => a.hash_key === b.hash_key && (a.range_key ?? '') === (b.range_key ?? '') && a.projection_type === b.projection_type &&
    JSON.stringify([...(a.non_key_attributes ?? [])].sort()) === JSON.stringify([...(b.non_key_attributes ?? [])].sort());
  const updates: GlobalSecondaryIndexUpdate[] = [];
  for (const [n, g] of before) if (!after.has(n) || !same(g, after.get(n)!)) updates.push({ Delete: { IndexName: n } });
  for (const [n, g] of after) {
    const old = before.get(n);
    if (!old || !same(old, g)) updates.push({ Create: gsiInput(g, mode) });
    else if (mode === 'PROVISIONED' && ((old.read_capacity ?? 0) !== (g.read_capacity ?? 0) || (old.write_capacity ?? 0) !== (g.write_capacity ?? 0))) {
      updates.push({ Update: { IndexName: n, ProvisionedThroughput: throughput(mode, g.read_capacity, g.write_capacity)! } });
    }
  }
  for (const u of updates) await update(ctx, name, { AttributeDefinitions: u.Create ? defs : undefined, GlobalSecondaryIndexUpdates: [u] });
}
