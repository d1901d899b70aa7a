/** Access keys, instance profiles, and the per-user credential lists the provider reads before deleting a user. */
import type { RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { accessKeyId, secretAccessKey } from '../../ids.js';
import { qList, required } from '../../protocols/query.js';
import { x, xlist, xs, type Raw } from '../../xml.js';
import {
  type AccessKey, type InstanceProfile, type Role,
  all, alreadyExists, byPathPrefix, dropTags, iamArn, load, mergeTags, nameParam, noSuchEntity, page, pathParam,
  remove, save, tagsParam, tagsXml, timestamp, uniqueId,
} from './model.js';
import { getRole, getUser, roleXml } from './principals.js';
import type { QueryAction } from './query-service.js';
import { validationError } from './query-service.js';

function keyOf(ctx: RequestContext, id: string, userName?: string): AccessKey {
  const k = load<AccessKey>(ctx, 'access-key', id);
  if (!k || (userName !== undefined && k.userName !== userName)) throw noSuchEntity(`The Access Key with id ${id} cannot be found`);
  return k;
}

function profileXml(ctx: RequestContext, ip: InstanceProfile): Raw {
  const roles = ip.roles.map((n) => load<Role>(ctx, 'role', n)).filter((r): r is Role => !!r);
  return xs(
    x('Path', ip.path), x('InstanceProfileName', ip.name), x('InstanceProfileId', ip.id), x('Arn', ip.arn), x('CreateDate', ip.createDate),
    xlist('Roles', roles, (r) => roleXml(r, false), 'member'), tagsXml(ip.tags),
  );
}

function getProfile(ctx: RequestContext, name: string): InstanceProfile {
  const ip = load<InstanceProfile>(ctx, 'instance-profile', name);
  if (!ip) throw noSuchEntity(`Instance Profile ${name} cannot be found.`);
  return ip;
}

/** The caller's user name when UserName is omitted: keys issued by IAM belong to their user. */
function callerUser(ctx: RequestContext, given: string | undefined): string | undefined {
  if (given) return given;
  const rec = ctx.store.getAccessKey(ctx.accessKeyId);
  const m = rec ? /:user\/(?:.*\/)?([^/]+)$/.exec(rec.arn) : null;
  return m ? m[1] : undefined;
}

const emptyList = (name: string): QueryAction => (p, ctx) => {
  if (p['UserName']) getUser(ctx, p['UserName']);
  return xs(x(name, null), x('IsTruncated', false));
};

/** Access key, instance profile and user credential actions. */
export const credentialActions: Record<string, QueryAction> = {
  CreateAccessKey(p, ctx) {
    const name = callerUser(ctx, p['UserName']);
    if (!name) throw validationError('Must specify userName when calling with non-User credentials');
    const u = getUser(ctx, name);
    if (all<AccessKey>(ctx, 'access-key').filter((k) => k.userName === u.name).length >= 2) {
      throw new AwsError('LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2', 409);
    }
    const k: AccessKey = { userName: u.name, accessKeyId: accessKeyId('AKIA'), secretAccessKey: secretAccessKey(), status: 'Active', createDate: timestamp(ctx) };
    save(ctx, 'access-key', k.accessKeyId, k);
    // Requests signed with the new key act as this user in this account.
    ctx.store.putAccessKey({ accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey, account: ctx.account, arn: u.arn, userId: u.id });
    return x('AccessKey', xs(x('UserName', k.userName), x('AccessKeyId', k.accessKeyId), x('Status', k.status), x('SecretAccessKey', k.secretAccessKey), x('CreateDate', k.createDate)));
  },
  ListAccessKeys(p, ctx) {
    const name = callerUser(ctx, p['UserName']);
    if (name) getUser(ctx, name);
    const keys = all<AccessKey>(ctx, 'access-key').filter((k) => k.userName === name);
    const pg = page(keys, p);
    return xs(xlist('AccessKeyMetadata', pg.items, (k) => xs(x('UserName', k.userName), x('AccessKeyId', k.accessKeyId), x('Status', k.status), x('CreateDate', k.createDate)), 'member'), pg.tail);
  },
  UpdateAccessKey(p, ctx) {
    const k = keyOf(ctx, required(p, 'AccessKeyId'), callerUser(ctx, p['UserName']));
    const status = required(p, 'Status');
    if (status !== 'Active' && status !== 'Inactive') {
      throw validationError(`1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`);
    }
    k.status = status;
    save(ctx, 'access-key', k.accessKeyId, k);
    const rec = ctx.store.getAccessKey(k.accessKeyId);
    if (status === 'Inactive') ctx.store.deleteAccessKey(k.accessKeyId);
    else if (!rec) {
      const u = getUser(ctx, k.userName);
      ctx.store.putAccessKey({ accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey, account: ctx.account, arn: u.arn, userId: u.id });
    }
    return '';
  },
  DeleteAccessKey(p, ctx) {
    const k = keyOf(ctx, required(p, 'AccessKeyId'), callerUser(ctx, p['UserName']));
    remove(ctx, 'access-key', k.accessKeyId);
    ctx.store.deleteAccessKey(k.accessKeyId);
    return '';
  },
  GetAccessKeyLastUsed(p, ctx) {
    const k = keyOf(ctx, required(p, 'AccessKeyId'));
    return xs(x('UserName', k.userName), x('AccessKeyLastUsed', xs(x('ServiceName', 'N/A'), x('Region', 'N/A'))));
  },

  CreateInstanceProfile(p, ctx) {
    const name = nameParam(p, 'InstanceProfileName', 128);
    const path = pathParam(p);
    if (load(ctx, 'instance-profile', name)) throw alreadyExists(`Instance Profile ${name} already exists.`);
    const ip: InstanceProfile = { name, path, id: uniqueId('AIPA'), arn: iamArn(ctx, 'instance-profile', path, name), createDate: timestamp(ctx), roles: [], tags: tagsParam(p) };
    save(ctx, 'instance-profile', name, ip);
    return x('InstanceProfile', profileXml(ctx, ip));
  },
  GetInstanceProfile(p, ctx) {
    return x('InstanceProfile', profileXml(ctx, getProfile(ctx, required(p, 'InstanceProfileName'))));
  },
  DeleteInstanceProfile(p, ctx) {
    const ip = getProfile(ctx, required(p, 'InstanceProfileName'));
    if (ip.roles.length > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.', 409);
    remove(ctx, 'instance-profile', ip.name);
    return '';
  },
  ListInstanceProfiles(p, ctx) {
    const pg = page(byPathPrefix(all<InstanceProfile>(ctx, 'instance-profile'), p), p);
    return xs(xlist('InstanceProfiles', pg.items, (ip) => profileXml(ctx, ip), 'member'), pg.tail);
  },
  AddRoleToInstanceProfile(p, ctx) {
    const ip = getProfile(ctx, required(p, 'InstanceProfileName'));
    const r = getRole(ctx, required(p, 'RoleName'));
    if (ip.roles.includes(r.name)) throw new AwsError('LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1', 409);
    if (ip.roles.length >= 1) throw new AwsError('LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1', 409);
    ip.roles.push(r.name);
    save(ctx, 'instance-profile', ip.name, ip);
    return '';
  },
  RemoveRoleFromInstanceProfile(p, ctx) {
    const ip = getProfile(ctx, required(p, 'InstanceProfileName'));
    const name = required(p, 'RoleName');
    const i = ip.roles.findIndex((n) => n.toLowerCase() === name.toLowerCase());
    if (i < 0) throw noSuchEntity(`The role with name ${name} cannot be found.`);
    ip.roles.splice(i, 1);
    save(ctx, 'instance-profile', ip.name, ip);
    return '';
  },
  ListInstanceProfilesForRole(p, ctx) {
    const r = getRole(ctx, required(p, 'RoleName'));
    const pg = page(all<InstanceProfile>(ctx, 'instance-profile').filter((ip) => ip.roles.includes(r.name)), p);
    return xs(xlist('InstanceProfiles', pg.items, (ip) => profileXml(ctx, ip), 'member'), pg.tail);
  },
  TagInstanceProfile(p, ctx) {
    const ip = getProfile(ctx, required(p, 'InstanceProfileName'));
    ip.tags = mergeTags(ip.tags, tagsParam(p));
    save(ctx, 'instance-profile', ip.name, ip);
    return '';
  },
  UntagInstanceProfile(p, ctx) {
    const ip = getProfile(ctx, required(p, 'InstanceProfileName'));
    ip.tags = dropTags(ip.tags, qList(p, 'TagKeys'));
    save(ctx, 'instance-profile', ip.name, ip);
    return '';
  },
  ListInstanceProfileTags(p, ctx) {
    const ip = getProfile(ctx, required(p, 'InstanceProfileName'));
    return xs(tagsXml(ip.tags, false), x('IsTruncated', false));
  },

  GetLoginProfile(p, ctx) {
    const u = getUser(ctx, required(p, 'UserName'));
    throw noSuchEntity(`Login Profile for User ${u.name} cannot be found.`);
  },
  DeleteLoginProfile(p, ctx) {
    const u = getUser(ctx, required(p, 'UserName'));
    throw noSuchEntity(`Login Profile for User ${u.name} cannot be found.`);
  },
  ListSSHPublicKeys: emptyList('SSHPublicKeys'),
  ListSigningCertificates: emptyList('Certificates'),
  ListMFADevices: emptyList('MFADevices'),
  ListServiceSpecificCredentials(p, ctx) {
    if (p['UserName']) getUser(ctx, p['UserName']);
    return x('ServiceSpecificCredentials', null);
  },
  ListVirtualMFADevices: (_p, _ctx) => xs(x('VirtualMFADevices', null), x('IsTruncated', false)),
  ListAccountAliases: (_p, _ctx) => xs(x('AccountAliases', null), x('IsTruncated', false)),
};
