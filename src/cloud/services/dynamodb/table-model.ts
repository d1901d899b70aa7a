/** DynamoDB table metadata as stored, its validation on create/update and its wire description. */
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { itemStore } from './item-store.js';

/** A key schema element. */
export interface KeyElement { AttributeName: string; KeyType: 'HASH' | 'RANGE' }
/** An attribute definition. */
export interface AttributeDefinition { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }
/** Projection of a secondary index. */
export interface Projection { ProjectionType?: string; NonKeyAttributes?: string[] }
/** A secondary index as stored. */
export interface IndexMeta {
  IndexName: string; KeySchema: KeyElement[]; Projection: Projection;
  ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
}
/** A table as stored. */
export interface TableMeta {
  name: string; arn: string; id: string; createdAt: number;
  attributeDefinitions: AttributeDefinition[]; keySchema: KeyElement[];
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST'; read: number; write: number; lastPayPerRequest?: number;
  gsis: IndexMeta[]; lsis: IndexMeta[];
  stream?: { StreamEnabled: boolean; StreamViewType?: string; label?: string };
  ttl?: { attributeName: string; enabled: boolean };
  pitr: boolean;
  /** Days of point-in-time recovery kept (1-35) while pitr is on. */
  pitrDays?: number;
  tags: { Key: string; Value: string }[];
  sse?: { enabled: boolean; kmsKeyArn?: string };
  tableClass: string;
  /** Maximum on-demand request units (-1: no limit); absent when never set. */
  onDemand?: { MaxReadRequestUnits: number; MaxWriteRequestUnits: number };
  deletionProtection: boolean;
}

/** 400 ValidationException. */
export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

/** 400 ResourceNotFoundException. */
export function notFound(message = 'Requested resource not found'): AwsError {
  return new AwsError('ResourceNotFoundException', message);
}

/** The table's stored metadata, or ResourceNotFoundException with the given message. */
export function loadTable(ctx: RequestContext, name: unknown, message = 'Requested resource not found'): TableMeta {
  if (typeof name !== 'string' || name === '') throw validation("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
  // Table names may also be given as table arns.
  const m = /^arn:aws[a-z-]*:dynamodb:[^:]*:\d{12}:table\/(.+)$/.exec(name);
  const t = ctx.store.get<TableMeta>('dynamodb', 'table', ctx.account, ctx.region, m ? m[1]! : name);
  if (!t) throw notFound(message.replace('%s', name));
  return t;
}

/** Saves a table's metadata. */
export function saveTable(ctx: RequestContext, t: TableMeta): void {
  ctx.store.put('dynamodb', 'table', ctx.account, ctx.region, t.name, t);
}

/** Checks a table or index name like DynamoDB. */
export function checkName(v: unknown, field: string): string {
  if (typeof v !== 'string') throw validation(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  const errs: string[] = [];
  if (v.length < 3) errs.push('Member must have length greater than or equal to 3');
  if (v.length > 255) errs.push('Member must have length less than or equal to 255');
  if (!/^[a-zA-Z0-9_.-]+$/.test(v)) errs.push('Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
  if (errs.length) throw validation(`${errs.length} validation error${errs.length > 1 ? 's' : ''} detected: ${errs.map((e) => `Value '${v}' at '${field}' failed to satisfy constraint: ${e}`).join('; ')}`);
  return v;
}

/** Validates a key schema (1 HASH first, optional RANGE) against the attribute definitions. */
export function checkKeySchema(ks: unknown, field: string, defs: AttributeDefinition[]): KeyElement[] {
  if (!Array.isArray(ks) || ks.length === 0) throw validation(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  if (ks.length > 2) throw validation(`1 validation error detected: Value '${JSON.stringify(ks)}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to 2`);
  const out = ks as KeyElement[];
  for (const [i, k] of out.entries()) {
    if (k.KeyType !== 'HASH' && k.KeyType !== 'RANGE') {
      throw validation(`1 validation error detected: Value '${k.KeyType}' at '${field}.${i + 1}.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]`);
    }
  }
  if (out[0]!.KeyType !== 'HASH') throw validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (out.length === 2 && out[1]!.KeyType !== 'RANGE') throw validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  if (out.length === 2 && out[0]!.AttributeName === out[1]!.AttributeName) {
    throw validation('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  }
  const missing = out.filter((k) => !defs.some((d) => d.AttributeName === k.AttributeName));
  if (missing.length) {
    throw validation(`One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${missing.map((k) => k.AttributeName).join(', ')}], AttributeDefinitions: [${defs.map((d) => d.AttributeName).join(', ')}]`);
  }
  return out.map((k) => ({ AttributeName: k.AttributeName, KeyType: k.KeyType }));
}

/** Validates attribute definitions (types S, N, B). */
export function checkAttributeDefinitions(v: unknown): AttributeDefinition[] {
  if (!Array.isArray(v)) throw validation("1 validation error detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null");
  return (v as AttributeDefinition[]).map((d, i) => {
    if (!['S', 'N', 'B'].includes(d.AttributeType)) {
      throw validation(`1 validation error detected: Value '${d.AttributeType}' at 'attributeDefinitions.${i + 1}.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]`);
    }
    return { AttributeName: d.AttributeName, AttributeType: d.AttributeType };
  });
}

/** Reads and checks ProvisionedThroughput for the billing mode. */
export function checkThroughput(mode: string, pt: unknown, what = ''): { read: number; write: number } {
  const t = pt as { ReadCapacityUnits?: number; WriteCapacityUnits?: number } | undefined;
  if (mode === 'PAY_PER_REQUEST') {
    if (t && (t.ReadCapacityUnits !== undefined || t.WriteCapacityUnits !== undefined) && (t.ReadCapacityUnits !== 0 || t.WriteCapacityUnits !== 0)) {
      throw validation('One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
    }
    return { read: 0, write: 0 };
  }
  if (!t || t.ReadCapacityUnits === undefined || t.WriteCapacityUnits === undefined) {
    throw validation(`One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED${what}`);
  }
  for (const [n, v] of [['readCapacityUnits', t.ReadCapacityUnits], ['writeCapacityUnits', t.WriteCapacityUnits]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw validation(`1 validation error detected: Value '${v}' at 'provisionedThroughput.${n}' failed to satisfy constraint: Member must have value greater than or equal to 1`);
    }
  }
  return { read: t.ReadCapacityUnits, write: t.WriteCapacityUnits };
}

/** Reads secondary index definitions of CreateTable / UpdateTable. */
export function checkIndexes(v: unknown, kind: 'global' | 'local', defs: AttributeDefinition[], hash: KeyElement, mode: string): IndexMeta[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw validation(`Invalid ${kind === 'global' ? 'GlobalSecondaryIndexes' : 'LocalSecondaryIndexes'}`);
  const names = new Set<string>();
  return (v as IndexMeta[]).map((ix) => {
    const name = checkName(ix.IndexName, `${kind}SecondaryIndexes.member.indexName`);
    if (names.has(name)) throw validation(`One or more parameter values were invalid: Duplicate index name: ${name}`);
    names.add(name);
    const ks = checkKeySchema(ix.KeySchema, `${kind}SecondaryIndexes.member.keySchema`, defs);
    if (kind === 'local') {
      if (ks[0]!.AttributeName !== hash.AttributeName) {
        throw validation(`One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: ${name}. index hash key: ${ks[0]!.AttributeName}, table hash key: ${hash.AttributeName}`);
      }
      if (ks.length !== 2) throw validation(`One or more parameter values were invalid: Index KeySchema must have a range key for index: ${name}`);
    }
    const proj = ix.Projection ?? {};
    if (!proj.ProjectionType || !['ALL', 'KEYS_ONLY', 'INCLUDE'].includes(proj.ProjectionType)) {
      throw validation(`One or more parameter values were invalid: Unknown ProjectionType: ${proj.ProjectionType ?? 'null'}`);
    }
    const out: IndexMeta = { IndexName: name, KeySchema: ks, Projection: { ProjectionType: proj.ProjectionType, NonKeyAttributes: proj.NonKeyAttributes } };
    if (kind === 'global') {
      const t = checkThroughput(mode, ix.ProvisionedThroughput, ` (for index ${name})`);
      out.ProvisionedThroughput = { ReadCapacityUnits: t.read, WriteCapacityUnits: t.write };
    }
    return out;
  });
}

/** Checks that every attribute definition is used by some key schema. */
export function checkDefinitionsUsed(t: Pick<TableMeta, 'attributeDefinitions' | 'keySchema' | 'gsis' | 'lsis'>): void {
  const used = new Set([...t.keySchema, ...t.gsis.flatMap((i) => i.KeySchema), ...t.lsis.flatMap((i) => i.KeySchema)].map((k) => k.AttributeName));
  if (t.attributeDefinitions.some((d) => !used.has(d.AttributeName)) || new Set(t.attributeDefinitions.map((d) => d.AttributeName)).size !== t.attributeDefinitions.length) {
    throw validation('One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions');
  }
}

/** A new table's identity fields. */
export function newIdentity(ctx: RequestContext, name: string): Pick<TableMeta, 'name' | 'arn' | 'id' | 'createdAt'> {
  return { name, arn: `arn:aws:dynamodb:${ctx.region}:${ctx.account}:table/${name}`, id: randomUUID(), createdAt: ctx.now().getTime() / 1000 };
}

/** The TableDescription DynamoDB answers with. */
export function describeTable(ctx: RequestContext, t: TableMeta, status = 'ACTIVE'): Record<string, unknown> {
  const stats = itemStore(ctx.store).stats(ctx.account, ctx.region, t.name);
  const pt = (r: number, w: number) => ({ NumberOfDecreasesToday: 0, ReadCapacityUnits: r, WriteCapacityUnits: w });
  const d: Record<string, unknown> = {
    AttributeDefinitions: t.attributeDefinitions,
    TableName: t.name,
    KeySchema: t.keySchema,
    TableStatus: status,
    CreationDateTime: t.createdAt,
    ProvisionedThroughput: pt(t.read, t.write),
    TableSizeBytes: stats.bytes,
    ItemCount: stats.n,
    TableArn: t.arn,
    TableId: t.id,
    DeletionProtectionEnabled: t.deletionProtection,
  };
  if (t.billingMode === 'PAY_PER_REQUEST') d['BillingModeSummary'] = { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: t.lastPayPerRequest ?? t.createdAt };
  else if (t.lastPayPerRequest !== undefined) d['BillingModeSummary'] = { BillingMode: 'PROVISIONED' };
  if (t.lsis.length) {
    d['LocalSecondaryIndexes'] = t.lsis.map((i) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema, Projection: i.Projection, IndexSizeBytes: 0, ItemCount: 0, IndexArn: `${t.arn}/index/${i.IndexName}` }));
  }
  if (t.gsis.length) {
    d['GlobalSecondaryIndexes'] = t.gsis.map((i) => ({
      IndexName: i.IndexName, KeySchema: i.KeySchema, Projection: i.Projection, IndexStatus: 'ACTIVE',
      ProvisionedThroughput: pt(i.ProvisionedThroughput?.ReadCapacityUnits ?? 0, i.ProvisionedThroughput?.WriteCapacityUnits ?? 0),
      IndexSizeBytes: 0, ItemCount: 0, IndexArn: `${t.arn}/index/${i.IndexName}`,
    }));
  }
  if (t.stream?.StreamEnabled) {
    d['StreamSpecification'] = { StreamEnabled: true, StreamViewType: t.stream.StreamViewType };
    d['LatestStreamLabel'] = t.stream.label;
    d['LatestStreamArn'] = `${t.arn}/stream/${t.stream.label}`;
  }
  if (t.sse?.enabled) d['SSEDescription'] = { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: t.sse.kmsKeyArn ?? `arn:aws:kms:${ctx.region}:${ctx.account}:key/${t.id}` };
  if (t.tableClass !== 'STANDARD') d['TableClassSummary'] = { TableClass: t.tableClass };
  if (t.onDemand) d['OnDemandThroughput'] = t.onDemand;
  return d;
}

/** Reads OnDemandThroughput (a maximum of -1 means no limit); unset maxima keep their value. */
export function checkOnDemand(v: unknown, current?: TableMeta['onDemand']): TableMeta['onDemand'] {
  if (v === undefined) return current;
  const o = v as { MaxReadRequestUnits?: number; MaxWriteRequestUnits?: number };
  return {
    MaxReadRequestUnits: typeof o.MaxReadRequestUnits === 'number' ? o.MaxReadRequestUnits : current?.MaxReadRequestUnits ?? -1,
    MaxWriteRequestUnits: typeof o.MaxWriteRequestUnits === 'number' ? o.MaxWriteRequestUnits : current?.MaxWriteRequestUnits ?? -1,
  };
}
