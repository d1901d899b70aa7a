/** IAM entities as stored, their ids and arns, name checks and shared list helpers. */
import type { RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { base32Id } from '../../ids.js';
import { qTags, type QueryParams } from '../../protocols/query.js';
import { x, xlist, xs, type Raw } from '../../xml.js';
import { intParam, validationError } from './query-service.js';

/** A tag as IAM returns it. */
export interface Tag { Key: string; Value: string }

/** Fields every IAM principal (user, group, role) has. */
export interface Principal {
  name: string;
  id: string;
  arn: string;
  path: string;
  createDate: string;
  /** Inline policies: name -> document text as given. */
  inline: Record<string, string>;
  /** Attached managed policy arns, in attach order. */
  attached: string[];
}

/** A stored user. */
export interface User extends Principal { tags: Tag[]; permissionsBoundary?: string }
/** A stored group and its members' user names. */
export interface Group extends Principal { members: string[] }
/** A stored role. */
export interface Role extends Principal {
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  tags: Tag[];
  permissionsBoundary?: string;
}
/** One version of a managed policy. */
export interface PolicyVersion { versionId: string; document: string; createDate: string }
/** A stored customer managed policy. */
export interface Policy {
  name: string;
  id: string;
  arn: string;
  path: string;
  description?: string;
  createDate: string;
  updateDate: string;
  defaultVersionId: string;
  versions: PolicyVersion[];
  nextVersion: number;
  tags: Tag[];
}
/** A stored instance profile. */
export interface InstanceProfile {
  name: string; id: string; arn: string; path: string; createDate: string; roles: string[]; tags: Tag[];
}
/** A stored access key. */
export interface AccessKey {
  userName: string; accessKeyId: string; secretAccessKey: string; status: 'Active' | 'Inactive'; createDate: string;
}

/** Store kinds of the IAM service. */
export type Kind = 'user' | 'group' | 'role' | 'policy' | 'instance-profile' | 'access-key' | 'oidc-provider';

/** Kinds keyed by an exact id (arn or key id) rather than a case-insensitive name. */
function byExactId(kind: Kind): boolean {
  return kind === 'access-key' || kind === 'policy' || kind === 'oidc-provider';
}

/** Reads a global IAM document; names are unique case-insensitively, so ids are lower-cased. */
export function load<T>(ctx: RequestContext, kind: Kind, name: string): T | undefined {
  return ctx.store.get<T>('iam', kind, ctx.account, '', byExactId(kind) ? name : name.toLowerCase());
}

/** Writes a global IAM document. */
export function save<T>(ctx: RequestContext, kind: Kind, name: string, doc: T): void {
  ctx.store.put('iam', kind, ctx.account, '', byExactId(kind) ? name : name.toLowerCase(), doc);
}

/** Deletes a global IAM document. */
export function remove(ctx: RequestContext, kind: Kind, name: string): void {
  ctx.store.delete('iam', kind, ctx.account, '', byExactId(kind) ? name : name.toLowerCase());
}

/** Every document of a kind in the caller's account. */
export function all<T>(ctx: RequestContext, kind: Kind): T[] {
  return ctx.store.list<T>('iam', kind, ctx.account, '');
}

/** A unique id with AWS's prefix for the entity kind (AIDA user, AROA role, ANPA policy, AGPA group, AIPA profile). */
export function uniqueId(prefix: 'AIDA' | 'AROA' | 'ANPA' | 'AGPA' | 'AIPA'): string {
  return prefix + base32Id(17);
}

/** `arn:aws:iam::<account>:<type><path><name>`. */
export function iamArn(ctx: RequestContext, type: string, path: string, name: string): string {
  return `arn:aws:iam::${ctx.account}:${type}${path}${name}`;
}

/** IAM's timestamps: ISO 8601 with a Z and no milliseconds, as AWS prints them. */
export function timestamp(ctx: RequestContext): string {
  return ctx.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function constraint(value: string, field: string, rule: string): AwsError {
  return validationError(`1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${rule}`);
}

/** A required entity name checked like IAM: [\w+=,.@-]+ and a length limit. */
export function nameParam(p: QueryParams, param: string, max = 64): string {
  const v = p[param];
  const field = param[0]!.toLowerCase() + param.slice(1);
  if (v === undefined || v === '') throw constraint('', field, 'Member must have length greater than or equal to 1');
  if (v.length > max) throw constraint(v, field, `Member must have length less than or equal to ${max}`);
  if (!/^[\w+=,.@-]+$/.test(v)) throw constraint(v, field, 'Member must satisfy regular expression pattern: [\\w+=,.@-]+');
  return v;
}

/** The Path parameter (default '/'), checked like IAM. */
export function pathParam(p: QueryParams, param = 'Path'): string {
  const v = p[param] ?? '/';
  if (!/^\/([\x21-\x7E]*\/)?$/.test(v) || v.length > 512) {
    throw constraint(v, param[0]!.toLowerCase() + param.slice(1), 'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)');
  }
  return v;
}

/** Tags of a create call, checked against IAM's limits. */
export function tagsParam(p: QueryParams, param = 'Tags'): Tag[] {
  const tags = qTags(p, param);
  if (tags.length > 50) throw constraint('[...]', 'tags', 'Member must have length less than or equal to 50');
  for (const t of tags) {
    if (t.Key === '' || t.Key.length > 128) throw constraint(t.Key, 'tags.member.key', 'Member must have length less than or equal to 128');
    if (t.Value.length > 256) throw constraint(t.Value, 'tags.member.value', 'Member must have length less than or equal to 256');
  }
  return tags;
}

/** Adds or replaces tags by key. */
export function mergeTags(have: Tag[], add: Tag[]): Tag[] {
  const m = new Map(have.map((t) => [t.Key, t.Value]));
  for (const t of add) m.set(t.Key, t.Value);
  if (m.size > 50) throw new AwsError('LimitExceeded', 'The number of tags has reached the maximum limit.', 409);
  return [...m].map(([Key, Value]) => ({ Key, Value }));
}

/** Removes tags by key. */
export function dropTags(have: Tag[], keys: string[]): Tag[] {
  const k = new Set(keys);
  return have.filter((t) => !k.has(t.Key));
}

/** `<Tags><member><Key/><Value/></member></Tags>` (nothing when there are none and `omitEmpty`). */
export function tagsXml(tags: Tag[], omitEmpty = true): Raw {
  if (tags.length === 0 && omitEmpty) return xs();
  return xlist('Tags', tags, (t) => xs(x('Key', t.Key), x('Value', t.Value)), 'member');
}

/** One page of a Marker/MaxItems list plus the IsTruncated/Marker elements. */
export function page<T>(items: T[], p: QueryParams): { items: T[]; tail: Raw } {
  const max = intParam(p, 'MaxItems') ?? 100;
  if (max < 1 || max > 1000) throw constraint(String(max), 'maxItems', max < 1 ? 'Member must have value greater than or equal to 1' : 'Member must have value less than or equal to 1000');
  let start = 0;
  if (p['Marker']) {
    start = Number(Buffer.from(p['Marker'], 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw validationError('Invalid Marker.');
  }
  const slice = items.slice(start, start + max);
  const more = start + max < items.length;
  const tail = xs(x('IsTruncated', more), more ? x('Marker', Buffer.from(String(start + max)).toString('base64')) : undefined);
  return { items: slice, tail };
}

/** Keeps the entities whose path starts with PathPrefix. */
export function byPathPrefix<T extends { path: string }>(items: T[], p: QueryParams): T[] {
  const prefix = p['PathPrefix'];
  return prefix ? items.filter((i) => i.path.startsWith(prefix)) : items;
}

/** 404 NoSuchEntity. */
export function noSuchEntity(message: string): AwsError {
  return new AwsError('NoSuchEntity', message, 404);
}

/** 409 EntityAlreadyExists. */
export function alreadyExists(message: string): AwsError {
  return new AwsError('EntityAlreadyExists', message, 409);
}

/** 409 DeleteConflict. */
export function deleteConflict(message: string): AwsError {
  return new AwsError('DeleteConflict', message, 409);
}
