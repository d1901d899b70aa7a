/** IAM users, groups (with membership) and roles. */
import type { RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { qList, required, type QueryParams } from '../../protocols/query.js';
import { x, xlist, xs, type Raw } from '../../xml.js';
import {
  type Group, type Role, type User, type AccessKey, type InstanceProfile,
  alreadyExists, all, byPathPrefix, deleteConflict, dropTags, iamArn, load, mergeTags, nameParam, noSuchEntity,
  page, pathParam, remove, save, tagsParam, tagsXml, timestamp, uniqueId,
} from './model.js';
import { encodeDocument, validatePolicyDocument } from './policy-document.js';
import type { QueryAction } from './query-service.js';
import { intParam, validationError } from './query-service.js';

function boundaryXml(arn: string | undefined): Raw {
  return arn ? x('PermissionsBoundary', xs(x('PermissionsBoundaryType', 'Policy'), x('PermissionsBoundaryArn', arn))) : xs();
}

/** `<User>` fields. */
export function userXml(u: User): Raw {
  return xs(x('Path', u.path), x('UserName', u.name), x('UserId', u.id), x('Arn', u.arn), x('CreateDate', u.createDate), boundaryXml(u.permissionsBoundary), tagsXml(u.tags));
}

/** `<Group>` fields. */
export function groupXml(g: Group): Raw {
  return xs(x('Path', g.path), x('GroupName', g.name), x('GroupId', g.id), x('Arn', g.arn), x('CreateDate', g.createDate));
}

/** `<Role>` fields. */
export function roleXml(r: Role, full = true): Raw {
  return xs(
    x('Path', r.path), x('RoleName', r.name), x('RoleId', r.id), x('Arn', r.arn), x('CreateDate', r.createDate),
    x('AssumeRolePolicyDocument', encodeDocument(r.assumeRolePolicyDocument)), x('Description', r.description),
    x('MaxSessionDuration', r.maxSessionDuration),
    full ? boundaryXml(r.permissionsBoundary) : undefined, full ? tagsXml(r.tags) : undefined,
    full ? x('RoleLastUsed', '') : undefined,
  );
}

/** The user, or NoSuchEntity. */
export function getUser(ctx: RequestContext, name: string): User {
  const u = load<User>(ctx, 'user', name);
  if (!u) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return u;
}

/** The group, or NoSuchEntity. */
export function getGroup(ctx: RequestContext, name: string): Group {
  const g = load<Group>(ctx, 'group', name);
  if (!g) throw noSuchEntity(`The group with name ${name} cannot be found.`);
  return g;
}

/** The role, or NoSuchEntity. */
export function getRole(ctx: RequestContext, name: string): Role {
  const r = load<Role>(ctx, 'role', name);
  if (!r) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return r;
}

function boundaryParam(p: QueryParams): string | undefined {
  const b = p['PermissionsBoundary'];
  if (b === undefined || b === '') return undefined;
  if (!/^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/.+/.test(b)) throw new AwsError('InvalidInput', `ARN ${b} is not valid.`);
  return b;
}

function maxSession(p: QueryParams): number | undefined {
  const v = intParam(p, 'MaxSessionDuration');
  if (v !== undefined && (v < 3600 || v > 43200)) {
    throw validationError(`1 validation error detected: Value '${v}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value ${v < 3600 ? 'greater than or equal to 3600' : 'less than or equal to 43200'}`);
  }
  return v;
}

function description(p: QueryParams): string | undefined {
  const d = p['Description'];
  if (d !== undefined && d.length > 1000) throw validationError(`1 validation error detected: Value '${d}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000`);
  return d;
}

/** The user, group and role actions. */
export const principalActions: Record<string, QueryAction> = {
  CreateUser(p, ctx) {
    const name = nameParam(p, 'UserName');
    const path = pathParam(p);
    if (load(ctx, 'user', name)) throw alreadyExists(`User with name ${name} already exists.`);
    const u: User = {
      name, path, id: uniqueId('AIDA'), arn: iamArn(ctx, 'user', path, name), createDate: timestamp(ctx),
      tags: tagsParam(p), permissionsBoundary: boundaryParam(p), inline: {}, attached: [],
    };
    save(ctx, 'user', name, u);
    return x('User', userXml(u));
  },
  GetUser(p, ctx) {
    // Without a name, GetUser describes the caller; the default credentials act as the account root.
    let name = p['UserName'];
    if (!name) {
      // Keys issued by IAM act as their user; GetUser without a name then describes that user.
      const rec = ctx.store.getAccessKey(ctx.accessKeyId);
      const m = rec ? /:user\/(?:.*\/)?([^/]+)$/.exec(rec.arn) : null;
      if (m && rec!.account === ctx.account) name = m[1]!;
    }
    if (!name) {
      return x('User', xs(x('UserId', ctx.account), x('Arn', `arn:aws:iam::${ctx.account}:root`), x('CreateDate', timestamp(ctx))));
    }
    return x('User', userXml(getUser(ctx, name)));
  },
  UpdateUser(p, ctx) {
    const u = getUser(ctx, required(p, 'UserName'));
    const newName = p['NewUserName'] ? nameParam(p, 'NewUserName') : u.name;
    const newPath = p['NewPath'] ? pathParam(p, 'NewPath') : u.path;
    if (newName.toLowerCase() !== u.name.toLowerCase() && load(ctx, 'user', newName)) throw alreadyExists(`User with name ${newName} already exists.`);
    remove(ctx, 'user', u.name);
    for (const g of all<Group>(ctx, 'group')) {
      const i = g.members.indexOf(u.name);
      if (i >= 0) { g.members[i] = newName; save(ctx, 'group', g.name, g); }
    }
    for (const k of all<AccessKey>(ctx, 'access-key')) if (k.userName === u.name) { k.userName = newName; save(ctx, 'access-key', k.accessKeyId, k); }
    save(ctx, 'user', newName, { ...u, name: newName, path: newPath, arn: iamArn(ctx, 'user', newPath, newName) });
    return '';
  },
  DeleteUser(p, ctx) {
    const u = getUser(ctx, required(p, 'UserName'));
    if (all<AccessKey>(ctx, 'access-key').some((k) => k.userName === u.name)) throw deleteConflict('Cannot delete entity, must delete access keys first.');
    if (Object.keys(u.inline).length > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
    if (u.attached.length > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    if (all<Group>(ctx, 'group').some((g) => g.members.includes(u.name))) throw deleteConflict('Cannot delete entity, must remove users from group first.');
    remove(ctx, 'user', u.name);
    return '';
  },
  ListUsers(p, ctx) {
    const pg = page(byPathPrefix(all<User>(ctx, 'user'), p), p);
    return xs(xlist('Users', pg.items, (u) => xs(x('Path', u.path), x('UserName', u.name), x('UserId', u.id), x('Arn', u.arn), x('CreateDate', u.createDate)), 'member'), pg.tail);
  },
  TagUser(p, ctx) {
    const u = getUser(ctx, required(p, 'UserName'));
    u.tags = mergeTags(u.tags, tagsParam(p));
    save(ctx, 'user', u.name, u);
    return '';
  },
  UntagUser(p, ctx) {
    const u = getUser(ctx, required(p, 'UserName'));
    u.tags = dropTags(u.tags, qList(p, 'TagKeys'));
    save(ctx, 'user', u.name, u);
    return '';
  },
  ListUserTags(p, ctx) {
    const u = getUser(ctx, required(p, 'UserName'));
    return xs(tagsXml(u.tags, false), x('IsTruncated', false));
  },
  PutUserPermissionsBoundary(p, ctx) {
    const u = getUser(ctx, required(p, 'UserName'));
    u.permissionsBoundary = boundaryParam(p);
    save(ctx, 'user', u.name, u);
    return '';
  },
  DeleteUserPermissionsBoundary(p, ctx) {
    const u = getUser(ctx, required(p, 'UserName'));
    delete u.permissionsBoundary;
    save(ctx, 'user', u.name, u);
    return '';
  },

  CreateGroup(p, ctx) {
    const name = nameParam(p, 'GroupName', 128);
    const path = pathParam(p);
    if (load(ctx, 'group', name)) throw alreadyExists(`Group with name ${name} already exists.`);
    const g: Group = { name, path, id: uniqueId('AGPA'), arn: iamArn(ctx, 'group', path, name), createDate: timestamp(ctx), inline: {}, attached: [], members: [] };
    save(ctx, 'group', name, g);
    return x('Group', groupXml(g));
  },
  GetGroup(p, ctx) {
    const g = getGroup(ctx, required(p, 'GroupName'));
    const users = g.members.map((m) => load<User>(ctx, 'user', m)).filter((u): u is User => !!u);
    const pg = page(users, p);
    return xs(x('Group', groupXml(g)), xlist('Users', pg.items, (u) => xs(x('Path', u.path), x('UserName', u.name), x('UserId', u.id), x('Arn', u.arn), x('CreateDate', u.createDate)), 'member'), pg.tail);
  },
  UpdateGroup(p, ctx) {
    const g = getGroup(ctx, required(p, 'GroupName'));
    const newName = p['NewGroupName'] ? nameParam(p, 'NewGroupName', 128) : g.name;
    const newPath = p['NewPath'] ? pathParam(p, 'NewPath') : g.path;
    if (newName.toLowerCase() !== g.name.toLowerCase() && load(ctx, 'group', newName)) throw alreadyExists(`Group with name ${newName} already exists.`);
    remove(ctx, 'group', g.name);
    save(ctx, 'group', newName, { ...g, name: newName, path: newPath, arn: iamArn(ctx, 'group', newPath, newName) });
    return '';
  },
  DeleteGroup(p, ctx) {
    const g = getGroup(ctx, required(p, 'GroupName'));
    if (g.members.length > 0) throw deleteConflict('Cannot delete entity, must remove users from group first.');
    if (Object.keys(g.inline).length > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
    if (g.attached.length > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    remove(ctx, 'group', g.name);
    return '';
  },
  ListGroups(p, ctx) {
    const pg = page(byPathPrefix(all<Group>(ctx, 'group'), p), p);
    return xs(xlist('Groups', pg.items, groupXml, 'member'), pg.tail);
  },
  AddUserToGroup(p, ctx) {
    const g = getGroup(ctx, required(p, 'GroupName'));
    const u = getUser(ctx, required(p, 'UserName'));
    if (!g.members.includes(u.name)) g.members.push(u.name);
    save(ctx, 'group', g.name, g);
    return '';
  },
  RemoveUserFromGroup(p, ctx) {
    const g = getGroup(ctx, required(p, 'GroupName'));
    const u = getUser(ctx, required(p, 'UserName'));
    const i = g.members.indexOf(u.name);
    if (i < 0) throw noSuchEntity(`User ${u.name} is not in group ${g.name}.`);
    g.members.splice(i, 1);
    save(ctx, 'group', g.name, g);
    return '';
  },
  ListGroupsForUser(p, ctx) {
    const u = getUser(ctx, required(p, 'UserName'));
    const pg = page(all<Group>(ctx, 'group').filter((g) => g.members.includes(u.name)), p);
    return xs(xlist('Groups', pg.items, groupXml, 'member'), pg.tail);
  },

  CreateRole(p, ctx) {
    const name = nameParam(p, 'RoleName');
    const path = pathParam(p);
    const doc = required(p, 'AssumeRolePolicyDocument');
    validatePolicyDocument(doc, 'trust');
    if (load(ctx, 'role', name)) throw alreadyExists(`Role with name ${name} already exists.`);
    const r: Role = {
      name, path, id: uniqueId('AROA'), arn: iamArn(ctx, 'role', path, name), createDate: timestamp(ctx),
      assumeRolePolicyDocument: doc, description: description(p), maxSessionDuration: maxSession(p) ?? 3600,
      tags: tagsParam(p), permissionsBoundary: boundaryParam(p), inline: {}, attached: [],
    };
    save(ctx, 'role', name, r);
    return x('Role', roleXml(r));
  },
  GetRole(p, ctx) {
    return x('Role', roleXml(getRole(ctx, required(p, 'RoleName'))));
  },
  UpdateRole(p, ctx) {
    const r = getRole(ctx, required(p, 'RoleName'));
    const d = description(p);
    if (d !== undefined) r.description = d;
    const m = maxSession(p);
    if (m !== undefined) r.maxSessionDuration = m;
    save(ctx, 'role', r.name, r);
    return '';
  },
  UpdateRoleDescription(p, ctx) {
    const r = getRole(ctx, required(p, 'RoleName'));
    r.description = description(p) ?? '';
    save(ctx, 'role', r.name, r);
    return x('Role', roleXml(r));
  },
  UpdateAssumeRolePolicy(p, ctx) {
    const r = getRole(ctx, required(p, 'RoleName'));
    const doc = required(p, 'PolicyDocument');
    validatePolicyDocument(doc, 'trust');
    r.assumeRolePolicyDocument = doc;
    save(ctx, 'role', r.name, r);
    return '';
  },
  DeleteRole(p, ctx) {
    const r = getRole(ctx, required(p, 'RoleName'));
    if (all<InstanceProfile>(ctx, 'instance-profile').some((ip) => ip.roles.includes(r.name))) {
      throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    }
    if (r.attached.length > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    if (Object.keys(r.inline).length > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
    remove(ctx, 'role', r.name);
    return '';
  },
  ListRoles(p, ctx) {
    const pg = page(byPathPrefix(all<Role>(ctx, 'role'), p), p);
    return xs(xlist('Roles', pg.items, (r) => roleXml(r, false), 'member'), pg.tail);
  },
  TagRole(p, ctx) {
    const r = getRole(ctx, required(p, 'RoleName'));
    r.tags = mergeTags(r.tags, tagsParam(p));
    save(ctx, 'role', r.name, r);
    return '';
  },
  UntagRole(p, ctx) {
    const r = getRole(ctx, required(p, 'RoleName'));
    r.tags = dropTags(r.tags, qList(p, 'TagKeys'));
    save(ctx, 'role', r.name, r);
    return '';
  },
  ListRoleTags(p, ctx) {
    const r = getRole(ctx, required(p, 'RoleName'));
    return xs(tagsXml(r.tags, false), x('IsTruncated', false));
  },
  PutRolePermissionsBoundary(p, ctx) {
    const r = getRole(ctx, required(p, 'RoleName'));
    r.permissionsBoundary = boundaryParam(p);
    save(ctx, 'role', r.name, r);
    return '';
  },
  DeleteRolePermissionsBoundary(p, ctx) {
    const r = getRole(ctx, required(p, 'RoleName'));
    delete r.permissionsBoundary;
    save(ctx, 'role', r.name, r);
    return '';
  },
};
