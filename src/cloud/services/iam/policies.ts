/** Managed policies with versions, their attachments, and inline policies of users, groups and roles. */
import type { RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { qList, required, type QueryParams } from '../../protocols/query.js';
import { x, xlist, xs, type Raw } from '../../xml.js';
import { awsManagedPolicies, awsManagedPolicy } from './aws-managed.js';
import {
  type Group, type Policy, type Principal, type Role, type User,
  all, byPathPrefix, deleteConflict, dropTags, iamArn, load, mergeTags, nameParam, noSuchEntity, page, pathParam,
  remove, save, tagsParam, tagsXml, timestamp, uniqueId, alreadyExists,
} from './model.js';
import { encodeDocument, validatePolicyDocument } from './policy-document.js';
import { getGroup, getRole, getUser } from './principals.js';
import type { QueryAction } from './query-service.js';
import { validationError } from './query-service.js';

/** A managed policy as answers need it, whether customer or AWS managed. */
interface PolicyView {
  name: string; id: string; arn: string; path: string; description?: string; createDate: string; updateDate: string;
  defaultVersionId: string; tags: Tag[]; customer?: Policy; awsDocument?: string;
}
type Tag = { Key: string; Value: string };

const AWS_DATE = '2015-02-06T18:39:46Z';

function arnParam(p: QueryParams, name = 'PolicyArn'): string {
  const arn = required(p, name);
  if (!/^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/.+/.test(arn)) throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`);
  return arn;
}

function findPolicy(ctx: RequestContext, arn: string): PolicyView | undefined {
  const aws = awsManagedPolicy(arn);
  if (aws) {
    return { name: aws.name, id: aws.id, arn, path: aws.path, createDate: AWS_DATE, updateDate: AWS_DATE, defaultVersionId: 'v1', tags: [], awsDocument: aws.document };
  }
  const c = load<Policy>(ctx, 'policy', arn);
  if (!c) return undefined;
  return { ...c, customer: c };
}

function policyOrThrow(ctx: RequestContext, arn: string): PolicyView {
  const v = findPolicy(ctx, arn);
  if (!v) throw noSuchEntity(`Policy ${arn} was not found.`);
  return v;
}

function customerPolicy(ctx: RequestContext, arn: string): Policy {
  const v = policyOrThrow(ctx, arn);
  if (!v.customer) throw new AwsError('AccessDenied', `User: arn:aws:iam::${ctx.account}:root is not authorized to modify AWS managed policy ${arn}`, 403);
  return v.customer;
}

function attachmentCount(ctx: RequestContext, arn: string): number {
  let n = 0;
  for (const k of ['user', 'group', 'role'] as const) for (const e of all<Principal>(ctx, k)) if (e.attached.includes(arn)) n++;
  return n;
}

function boundaryCount(ctx: RequestContext, arn: string): number {
  let n = 0;
  for (const k of ['user', 'role'] as const) for (const e of all<User | Role>(ctx, k)) if (e.permissionsBoundary === arn) n++;
  return n;
}

function policyXml(ctx: RequestContext, v: PolicyView, withTags = true): Raw {
  return xs(
    x('PolicyName', v.name), x('PolicyId', v.id), x('Arn', v.arn), x('Path', v.path), x('DefaultVersionId', v.defaultVersionId),
    x('AttachmentCount', attachmentCount(ctx, v.arn)), x('PermissionsBoundaryUsageCount', boundaryCount(ctx, v.arn)),
    x('IsAttachable', true), x('Description', v.description), x('CreateDate', v.createDate), x('UpdateDate', v.updateDate),
    withTags ? tagsXml(v.tags) : undefined,
  );
}

const MAX_POLICY_SIZE = 6144;

function checkManagedDocument(doc: string): void {
  validatePolicyDocument(doc, 'identity');
  if (doc.replace(/\s/g, '').length > MAX_POLICY_SIZE) throw new AwsError('LimitExceeded', `Cannot exceed quota for PolicySize: ${MAX_POLICY_SIZE}`, 409);
}

type PrincipalKind = 'user' | 'group' | 'role';
const NOUN: Record<PrincipalKind, string> = { user: 'User', group: 'Group', role: 'Role' };

function getPrincipal(ctx: RequestContext, kind: PrincipalKind, name: string): Principal {
  return kind === 'user' ? getUser(ctx, name) : kind === 'group' ? getGroup(ctx, name) : getRole(ctx, name);
}

function inlineActions(kind: PrincipalKind): Record<string, QueryAction> {
  const N = NOUN[kind];
  const param = `${N}Name`;
  const maxSize = kind === 'user' ? 2048 : kind === 'group' ? 5120 : 10240;
  return {
    [`Put${N}Policy`](p, ctx) {
      const e = getPrincipal(ctx, kind, required(p, param));
      const name = nameParam(p, 'PolicyName', 128);
      const doc = required(p, 'PolicyDocument');
      validatePolicyDocument(doc, 'identity');
      const total = Object.entries(e.inline).filter(([n]) => n !== name).reduce((s, [, d]) => s + d.replace(/\s/g, '').length, 0) + doc.replace(/\s/g, '').length;
      if (total > maxSize) throw new AwsError('LimitExceeded', `Maximum policy size of ${maxSize} bytes exceeded for ${kind} ${e.name}`, 409);
      e.inline[name] = doc;
      save(ctx, kind, e.name, e);
      return '';
    },
    [`Get${N}Policy`](p, ctx) {
      const e = getPrincipal(ctx, kind, required(p, param));
      const name = required(p, 'PolicyName');
      const doc = e.inline[name];
      if (doc === undefined) throw noSuchEntity(`The ${kind} policy with name ${name} cannot be found.`);
      return xs(x(param, e.name), x('PolicyName', name), x('PolicyDocument', encodeDocument(doc)));
    },
    [`Delete${N}Policy`](p, ctx) {
      const e = getPrincipal(ctx, kind, required(p, param));
      const name = required(p, 'PolicyName');
      if (e.inline[name] === undefined) throw noSuchEntity(`The ${kind} policy with name ${name} cannot be found.`);
      delete e.inline[name];
      save(ctx, kind, e.name, e);
      return '';
    },
    [`List${N}Policies`](p, ctx) {
      const e = getPrincipal(ctx, kind, required(p, param));
      const pg = page(Object.keys(e.inline).sort(), p);
      return xs(xlist('PolicyNames', pg.items, (n) => n, 'member'), pg.tail);
    },
    [`Attach${N}Policy`](p, ctx) {
      const e = getPrincipal(ctx, kind, required(p, param));
      const arn = arnParam(p);
      if (!findPolicy(ctx, arn)) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
      if (!e.attached.includes(arn)) {
        if (e.attached.length >= 20) throw new AwsError('LimitExceeded', `Cannot exceed quota for PoliciesPer${N}: 20`, 409);
        e.attached.push(arn);
      }
      save(ctx, kind, e.name, e);
      return '';
    },
    [`Detach${N}Policy`](p, ctx) {
      const e = getPrincipal(ctx, kind, required(p, param));
      const arn = arnParam(p);
      const i = e.attached.indexOf(arn);
      if (i < 0) throw noSuchEntity(`Policy ${arn} was not found.`);
      e.attached.splice(i, 1);
      save(ctx, kind, e.name, e);
      return '';
    },
    [`ListAttached${N}Policies`](p, ctx) {
      const e = getPrincipal(ctx, kind, required(p, param));
      const views = e.attached.map((a) => findPolicy(ctx, a)).filter((v): v is PolicyView => !!v);
      const pg = page(byPathPrefix(views, p), p);
      return xs(xlist('AttachedPolicies', pg.items, (v) => xs(x('PolicyName', v.name), x('PolicyArn', v.arn)), 'member'), pg.tail);
    },
  };
}

function versionXml(v: { versionId: string; document: string; createDate: string }, isDefault: boolean, withDocument: boolean): Raw {
  return xs(withDocument ? x('Document', encodeDocument(v.document)) : undefined, x('VersionId', v.versionId), x('IsDefaultVersion', isDefault), x('CreateDate', v.createDate));
}

/** Managed policy, attachment and inline policy actions. */
export const policyActions: Record<string, QueryAction> = {
  ...inlineActions('user'),
  ...inlineActions('group'),
  ...inlineActions('role'),
  CreatePolicy(p, ctx) {
    const name = nameParam(p, 'PolicyName', 128);
    const path = pathParam(p);
    const doc = required(p, 'PolicyDocument');
    checkManagedDocument(doc);
    const arn = iamArn(ctx, 'policy', path, name);
    if (all<Policy>(ctx, 'policy').some((q) => q.name.toLowerCase() === name.toLowerCase() && q.path === path)) {
      throw alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
    }
    const now = timestamp(ctx);
    const pol: Policy = {
      name, path, arn, id: uniqueId('ANPA'), description: p['Description'], createDate: now, updateDate: now,
      defaultVersionId: 'v1', versions: [{ versionId: 'v1', document: doc, createDate: now }], nextVersion: 2, tags: tagsParam(p),
    };
    save(ctx, 'policy', arn, pol);
    return x('Policy', policyXml(ctx, { ...pol, customer: pol }));
  },
  GetPolicy(p, ctx) {
    return x('Policy', policyXml(ctx, policyOrThrow(ctx, arnParam(p))));
  },
  DeletePolicy(p, ctx) {
    const pol = customerPolicy(ctx, arnParam(p));
    if (attachmentCount(ctx, pol.arn) > 0) throw deleteConflict('Cannot delete a policy attached to entities.');
    if (pol.versions.length > 1) {
      throw deleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
    }
    remove(ctx, 'policy', pol.arn);
    return '';
  },
  ListPolicies(p, ctx) {
    const scope = p['Scope'] ?? 'All';
    const onlyAttached = p['OnlyAttached'] === 'true';
    let views: PolicyView[] = [];
    if (scope === 'All' || scope === 'AWS') views.push(...awsManagedPolicies().map((a) => findPolicy(ctx, a.arn)!));
    if (scope === 'All' || scope === 'Local') views.push(...all<Policy>(ctx, 'policy').map((c) => ({ ...c, customer: c })));
    views = byPathPrefix(views, p);
    if (onlyAttached) views = views.filter((v) => attachmentCount(ctx, v.arn) > 0);
    const pg = page(views, p);
    return xs(xlist('Policies', pg.items, (v) => policyXml(ctx, v, false), 'member'), pg.tail);
  },
  GetPolicyVersion(p, ctx) {
    const v = policyOrThrow(ctx, arnParam(p));
    const id = required(p, 'VersionId');
    if (v.awsDocument !== undefined) {
      if (id !== 'v1') throw noSuchEntity(`Policy ${v.arn} version ${id} does not exist or is not attachable.`);
      return x('PolicyVersion', versionXml({ versionId: 'v1', document: v.awsDocument, createDate: AWS_DATE }, true, true));
    }
    const ver = v.customer!.versions.find((q) => q.versionId === id);
    if (!ver) throw noSuchEntity(`Policy ${v.arn} version ${id} does not exist or is not attachable.`);
    return x('PolicyVersion', versionXml(ver, ver.versionId === v.defaultVersionId, true));
  },
  CreatePolicyVersion(p, ctx) {
    const pol = customerPolicy(ctx, arnParam(p));
    const doc = required(p, 'PolicyDocument');
    checkManagedDocument(doc);
    if (pol.versions.length >= 5) {
      throw new AwsError('LimitExceeded', 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.', 409);
    }
    const ver = { versionId: `v${pol.nextVersion++}`, document: doc, createDate: timestamp(ctx) };
    pol.versions.push(ver);
    if (p['SetAsDefault'] === 'true') { pol.defaultVersionId = ver.versionId; pol.updateDate = ver.createDate; }
    save(ctx, 'policy', pol.arn, pol);
    return x('PolicyVersion', versionXml(ver, ver.versionId === pol.defaultVersionId, false));
  },
  DeletePolicyVersion(p, ctx) {
    const pol = customerPolicy(ctx, arnParam(p));
    const id = required(p, 'VersionId');
    const i = pol.versions.findIndex((q) => q.versionId === id);
    if (i < 0) throw noSuchEntity(`Policy ${pol.arn} version ${id} does not exist or is not attachable.`);
    if (id === pol.defaultVersionId) throw deleteConflict('Cannot delete the default version of a policy.');
    pol.versions.splice(i, 1);
    save(ctx, 'policy', pol.arn, pol);
    return '';
  },
  ListPolicyVersions(p, ctx) {
    const v = policyOrThrow(ctx, arnParam(p));
    const versions = v.customer ? [...v.customer.versions].reverse() : [{ versionId: 'v1', document: v.awsDocument!, createDate: AWS_DATE }];
    const pg = page(versions, p);
    return xs(xlist('Versions', pg.items, (q) => versionXml(q, q.versionId === v.defaultVersionId, false), 'member'), pg.tail);
  },
  SetDefaultPolicyVersion(p, ctx) {
    const pol = customerPolicy(ctx, arnParam(p));
    const id = required(p, 'VersionId');
    if (!/^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/.test(id)) throw validationError(`1 validation error detected: Value '${id}' at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?`);
    if (!pol.versions.some((q) => q.versionId === id)) throw noSuchEntity(`Policy ${pol.arn} version ${id} does not exist or is not attachable.`);
    pol.defaultVersionId = id;
    pol.updateDate = timestamp(ctx);
    save(ctx, 'policy', pol.arn, pol);
    return '';
  },
  TagPolicy(p, ctx) {
    const pol = customerPolicy(ctx, arnParam(p));
    pol.tags = mergeTags(pol.tags, tagsParam(p));
    save(ctx, 'policy', pol.arn, pol);
    return '';
  },
  UntagPolicy(p, ctx) {
    const pol = customerPolicy(ctx, arnParam(p));
    pol.tags = dropTags(pol.tags, qList(p, 'TagKeys'));
    save(ctx, 'policy', pol.arn, pol);
    return '';
  },
  ListPolicyTags(p, ctx) {
    const v = policyOrThrow(ctx, arnParam(p));
    return xs(tagsXml(v.tags, false), x('IsTruncated', false));
  },
  ListEntitiesForPolicy(p, ctx) {
    const arn = policyOrThrow(ctx, arnParam(p)).arn;
    const filter = p['EntityFilter'];
    const want = (k: string) => !filter || filter === k;
    const users = want('User') ? all<User>(ctx, 'user').filter((u) => u.attached.includes(arn)) : [];
    const groups = want('Group') ? all<Group>(ctx, 'group').filter((g) => g.attached.includes(arn)) : [];
    const roles = want('Role') ? all<Role>(ctx, 'role').filter((r) => r.attached.includes(arn)) : [];
    return xs(
      xlist('PolicyGroups', groups, (g) => xs(x('GroupName', g.name), x('GroupId', g.id)), 'member'),
      xlist('PolicyUsers', users, (u) => xs(x('UserName', u.name), x('UserId', u.id)), 'member'),
      xlist('PolicyRoles', roles, (r) => xs(x('RoleName', r.name), x('RoleId', r.id)), 'member'),
      x('IsTruncated', false),
    );
  },
};
