/** DynamoDB table operations: create, describe, update, delete, list, TTL, backups, tags. */
import type { RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { itemStore } from './item-store.js';
import {
  type IndexMeta, type TableMeta, checkAttributeDefinitions, checkDefinitionsUsed, checkIndexes, checkKeySchema, checkName,
  checkOnDemand, checkThroughput, describeTable, loadTable, newIdentity, notFound, saveTable, validation,
} from './table-model.js';

/** One JSON operation: input object in, output object out. */
export type JsonOp = (input: Record<string, unknown>, ctx: RequestContext) => unknown;

function billingMode(v: unknown): 'PROVISIONED' | 'PAY_PER_REQUEST' {
  if (v === undefined) return 'PROVISIONED';
  if (v !== 'PROVISIONED' && v !== 'PAY_PER_REQUEST') {
    throw validation(`1 validation error detected: Value '${String(v)}' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]`);
  }
  return v;
}

function streamSpec(v: unknown): TableMeta['stream'] {
  if (v === undefined) return undefined;
  const s = v as { StreamEnabled?: boolean; StreamViewType?: string };
  if (s.StreamEnabled && !['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'].includes(s.StreamViewType ?? '')) {
    throw validation('One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true');
  }
  return { StreamEnabled: !!s.StreamEnabled, StreamViewType: s.StreamViewType, label: new Date().toISOString().replace(/Z$/, '') };
}

function tableByArn(ctx: RequestContext, arn: unknown): TableMeta {
  const a = typeof arn === 'string' ? arn : '';
  const m = /^arn:aws[a-z-]*:dynamodb:([^:]*):(\d{12}):table\/([^/]+)$/.exec(a);
  if (!m) throw validation(`Invalid TableArn: Invalid ResourceArn provided as input ${a}`);
  const t = m[1] === ctx.region && m[2] === ctx.account ? ctx.store.get<TableMeta>('dynamodb', 'table', ctx.account, ctx.region, m[3]!) : undefined;
  if (!t) throw notFound(`Requested resource not found: ResourcArn: ${a} not found`);
  return t;
}

/** Continuous-backup operations name a missing table with their own code (TableNotFoundException). */
function backupTable(ctx: RequestContext, name: unknown): TableMeta {
  try {
    return loadTable(ctx, name, 'Table not found: %s');
  } catch (e) {
    if (e instanceof AwsError && e.code === 'ResourceNotFoundException') throw new AwsError('TableNotFoundException', e.message);
    throw e;
  }
}

function tagList(v: unknown): { Key: string; Value: string }[] {
  if (!Array.isArray(v)) return [];
  return (v as { Key: string; Value: string }[]).map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
}

/** The table-level operations. */
export const tableOps: Record<string, JsonOp> = {
  CreateTable(input, ctx) {
    const name = checkName(input['TableName'], 'tableName');
    const defs = checkAttributeDefinitions(input['AttributeDefinitions']);
    const keySchema = checkKeySchema(input['KeySchema'], 'keySchema', defs);
    const mode = billingMode(input['BillingMode']);
    const tp = checkThroughput(mode, input['ProvisionedThroughput']);
    const gsis = checkIndexes(input['GlobalSecondaryIndexes'], 'global', defs, keySchema[0]!, mode);
    const lsis = checkIndexes(input['LocalSecondaryIndexes'], 'local', defs, keySchema[0]!, mode);
    if (lsis.length && keySchema.length < 2) throw validation('One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex');
    const meta: TableMeta = {
      ...newIdentity(ctx, name), attributeDefinitions: defs, keySchema, billingMode: mode, read: tp.read, write: tp.write,
      gsis, lsis, stream: streamSpec(input['StreamSpecification']), pitr: false, tags: tagList(input['Tags']),
      sse: (input['SSESpecification'] as { Enabled?: boolean; KMSMasterKeyId?: string } | undefined)?.Enabled
        ? { enabled: true, kmsKeyArn: (input['SSESpecification'] as { KMSMasterKeyId?: string }).KMSMasterKeyId }
        : undefined,
      tableClass: typeof input['TableClass'] === 'string' ? input['TableClass'] : 'STANDARD',
      onDemand: checkOnDemand(input['OnDemandThroughput']),
      deletionProtection: input['DeletionProtectionEnabled'] === true,
    };
    checkDefinitionsUsed(meta);
    if (ctx.store.get('dynamodb', 'table', ctx.account, ctx.region, name)) throw new AwsError('ResourceInUseException', `Table already exists: ${name}`);
    saveTable(ctx, meta);
    return { TableDescription: describeTable(ctx, meta, 'CREATING') };
  },
  DescribeTable(input, ctx) {
    const t = loadTable(ctx, input['TableName'], 'Requested resource not found: Table: %s not found');
    return { Table: describeTable(ctx, t) };
  },
  DeleteTable(input, ctx) {
    const t = loadTable(ctx, input['TableName'], 'Requested resource not found: Table: %s not found');
    if (t.deletionProtection) throw validation('Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.');
    const d = describeTable(ctx, t, 'DELETING');
    itemStore(ctx.store).drop(ctx.account, ctx.region, t.name);
    ctx.store.delete('dynamodb', 'table', ctx.account, ctx.region, t.name);
    return { TableDescription: d };
  },
  ListTables(input, ctx) {
    const names = ctx.store.list<TableMeta>('dynamodb', 'table', ctx.account, ctx.region).map((t) => t.name).sort();
    const start = typeof input['ExclusiveStartTableName'] === 'string' ? input['ExclusiveStartTableName'] : undefined;
    const limit = typeof input['Limit'] === 'number' ? input['Limit'] : 100;
    if (limit < 1 || limit > 100) throw validation(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value ${limit < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`);
    const from = start === undefined ? names : names.filter((n) => n > start);
    const page = from.slice(0, limit);
    const out: Record<string, unknown> = { TableNames: page };
    if (from.length > limit) out['LastEvaluatedTableName'] = page[page.length - 1];
    return out;
  },
  UpdateTable(input, ctx) {
    const t = loadTable(ctx, input['TableName'], 'Requested resource not found: Table: %s not found');
    if (input['AttributeDefinitions'] !== undefined) {
      for (const d of checkAttributeDefinitions(input['AttributeDefinitions'])) {
        if (!t.attributeDefinitions.some((x) => x.AttributeName === d.AttributeName)) t.attributeDefinitions.push(d);
      }
    }
    if (input['BillingMode'] !== undefined) {
      const mode = billingMode(input['BillingMode']);
      if (mode === 'PAY_PER_REQUEST' && t.billingMode !== mode) t.lastPayPerRequest = ctx.now().getTime() / 1000;
      t.billingMode = mode;
      if (mode === 'PAY_PER_REQUEST') { t.read = 0; t.write = 0; }
    }
    if (input['ProvisionedThroughput'] !== undefined || (input['BillingMode'] === 'PROVISIONED' && t.read === 0)) {
      const tp = checkThroughput(t.billingMode, input['ProvisionedThroughput']);
      t.read = tp.read; t.write = tp.write;
    }
    for (const u of (input['GlobalSecondaryIndexUpdates'] as Record<string, Record<string, unknown>>[] | undefined) ?? []) {
      if (u['Create']) {
        const [ix] = checkIndexes([u['Create']], 'global', t.attributeDefinitions, t.keySchema[0]!, t.billingMode) as [IndexMeta];
        if (t.gsis.some((g) => g.IndexName === ix.IndexName)) throw validation(`One or more parameter values were invalid: Index with name: ${ix.IndexName} already exists`);
        t.gsis.push(ix);
      } else if (u['Delete']) {
        const n = u['Delete']['IndexName'];
        const i = t.gsis.findIndex((g) => g.IndexName === n);
        if (i < 0) throw notFound(`Requested resource not found: Index: ${String(n)} not found`);
        t.gsis.splice(i, 1);
      } else if (u['Update']) {
        const n = u['Update']['IndexName'];
        const g = t.gsis.find((x) => x.IndexName === n);
        if (!g) throw notFound(`Requested resource not found: Index: ${String(n)} not found`);
        const tp = checkThroughput(t.billingMode, u['Update']['ProvisionedThroughput']);
        g.ProvisionedThroughput = { ReadCapacityUnits: tp.read, WriteCapacityUnits: tp.write };
      }
    }
    if (input['StreamSpecification'] !== undefined) {
      const s = streamSpec(input['StreamSpecification']);
      if (s?.StreamEnabled && t.stream?.StreamEnabled) throw validation(`Table already has an enabled stream: TableName: ${t.name}`);
      t.stream = s;
    }
    if (input['SSESpecification'] !== undefined) {
      const s = input['SSESpecification'] as { Enabled?: boolean; KMSMasterKeyId?: string };
      t.sse = s.Enabled ? { enabled: true, kmsKeyArn: s.KMSMasterKeyId } : undefined;
    }
    if (typeof input['TableClass'] === 'string') t.tableClass = input['TableClass'];
    t.onDemand = checkOnDemand(input['OnDemandThroughput'], t.onDemand);
    if (typeof input['DeletionProtectionEnabled'] === 'boolean') t.deletionProtection = input['DeletionProtectionEnabled'];
    checkDefinitionsUsed({ ...t, attributeDefinitions: t.attributeDefinitions.filter((d) => [...t.keySchema, ...t.gsis.flatMap((g) => g.KeySchema), ...t.lsis.flatMap((g) => g.KeySchema)].some((k) => k.AttributeName === d.AttributeName)) });
    // Drop definitions no index uses any more, as DynamoDB does.
    t.attributeDefinitions = t.attributeDefinitions.filter((d) => [...t.keySchema, ...t.gsis.flatMap((g) => g.KeySchema), ...t.lsis.flatMap((g) => g.KeySchema)].some((k) => k.AttributeName === d.AttributeName));
    saveTable(ctx, t);
    return { TableDescription: describeTable(ctx, t, 'UPDATING') };
  },
  UpdateTimeToLive(input, ctx) {
    const t = loadTable(ctx, input['TableName']);
    const spec = input['TimeToLiveSpecification'] as { Enabled?: boolean; AttributeName?: string } | undefined;
    if (!spec || typeof spec.AttributeName !== 'string' || spec.AttributeName === '') {
      throw validation("1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null");
    }
    const enabled = spec.Enabled === true;
    if (enabled && t.ttl?.enabled) throw validation('TimeToLive is already enabled');
    if (!enabled && !t.ttl?.enabled) throw validation('TimeToLive is already disabled');
    if (!enabled && t.ttl && t.ttl.attributeName !== spec.AttributeName) throw validation('TimeToLive is active on a different AttributeName: current AttributeName is ' + t.ttl.attributeName);
    t.ttl = { attributeName: spec.AttributeName, enabled };
    saveTable(ctx, t);
    return { TimeToLiveSpecification: { Enabled: enabled, AttributeName: spec.AttributeName } };
  },
  DescribeTimeToLive(input, ctx) {
    const t = loadTable(ctx, input['TableName'], 'Requested resource not found: Table: %s not found');
    if (!t.ttl?.enabled) return { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } };
    return { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: t.ttl.attributeName } };
  },
  DescribeContinuousBackups(input, ctx) {
    const t = backupTable(ctx, input['TableName']);
    const desc: Record<string, unknown> = { PointInTimeRecoveryStatus: t.pitr ? 'ENABLED' : 'DISABLED' };
    if (t.pitr) {
      desc['EarliestRestorableDateTime'] = t.createdAt;
      desc['LatestRestorableDateTime'] = ctx.now().getTime() / 1000;
      desc['RecoveryPeriodInDays'] = t.pitrDays ?? 35;
    }
    return { ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: desc } };
  },
  UpdateContinuousBackups(input, ctx) {
    const t = backupTable(ctx, input['TableName']);
    const spec = input['PointInTimeRecoverySpecification'] as { PointInTimeRecoveryEnabled?: boolean; RecoveryPeriodInDays?: number } | undefined;
    if (typeof spec?.PointInTimeRecoveryEnabled !== 'boolean') {
      throw validation("1 validation error detected: Value null at 'pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled' failed to satisfy constraint: Member must not be null");
    }
    const days = spec.RecoveryPeriodInDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 35)) {
      throw validation(`1 validation error detected: Value '${String(days)}' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value ${days < 1 ? 'greater than or equal to 1' : 'less than or equal to 35'}`);
    }
    t.pitr = spec.PointInTimeRecoveryEnabled;
    t.pitrDays = t.pitr ? days ?? t.pitrDays ?? 35 : undefined;
    saveTable(ctx, t);
    return tableOps['DescribeContinuousBackups']!(input, ctx);
  },
  DescribeKinesisStreamingDestination(input, ctx) {
    const t = loadTable(ctx, input['TableName'], 'Requested resource not found: Table: %s not found');
    return { TableName: t.name, KinesisDataStreamDestinations: [] };
  },
  DescribeEndpoints(_input, ctx) {
    return { Endpoints: [{ Address: `dynamodb.${ctx.region}.amazonaws.com`, CachePeriodInMinutes: 1440 }] };
  },
  DescribeLimits() {
    return { AccountMaxReadCapacityUnits: 80000, AccountMaxWriteCapacityUnits: 80000, TableMaxReadCapacityUnits: 40000, TableMaxWriteCapacityUnits: 40000 };
  },
  TagResource(input, ctx) {
    const t = tableByArn(ctx, input['ResourceArn']);
    const m = new Map(t.tags.map((x) => [x.Key, x.Value]));
    for (const x of tagList(input['Tags'])) m.set(x.Key, x.Value);
    if (m.size > 50) throw validation('One or more parameter values were invalid: Too many tags');
    t.tags = [...m].map(([Key, Value]) => ({ Key, Value }));
    saveTable(ctx, t);
    return {};
  },
  UntagResource(input, ctx) {
    const t = tableByArn(ctx, input['ResourceArn']);
    const keys = new Set(Array.isArray(input['TagKeys']) ? (input['TagKeys'] as string[]) : []);
    t.tags = t.tags.filter((x) => !keys.has(x.Key));
    saveTable(ctx, t);
    return {};
  },
  ListTagsOfResource(input, ctx) {
    return { Tags: tableByArn(ctx, input['ResourceArn']).tags };
  },
};
