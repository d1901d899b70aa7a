/**
 * aws_iam_role as hashicorp/aws defines it: id = name (import by name); the trust policy
 * normalised, kept as stored while AWS's copy is equivalent; description, session
 * duration, permissions boundary, inline and managed policies and tags update in place;
 * delete removes the role from instance profiles and, with force_detach_policies (or when
 * the resource manages them), its policies first.
 */
import {
  AttachRolePolicyCommand, CreateRoleCommand, DeleteRoleCommand, DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand, DetachRolePolicyCommand, GetRoleCommand, GetRolePolicyCommand, ListAttachedRolePoliciesCommand,
  ListInstanceProfilesForRoleCommand, ListRolePoliciesCommand, PutRolePermissionsBoundaryCommand, PutRolePolicyCommand,
  RemoveRoleFromInstanceProfileCommand, UpdateAssumeRolePolicyCommand, UpdateRoleCommand, UpdateRoleDescriptionCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, bool, num, str, toJS, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import type { ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure } from '../errors.js';
import { tagMap } from '../tags.js';
import { createName, decodeDocument, iamTags, namePrefixFromName, notFound, orNull, rfc3339, updateIamTags, iamTagsForState, readAfterWrite, retryInvalidPrincipal } from './common.js';
import { legacyPolicyNormalize, normalizeJson, policiesEquivalent, policyToSet } from './json.js';
import { conflicts, iamPlan } from './plan.js';
import { roleSchema } from './schemas.js';

interface InlinePolicy { name: string; policy: string }

function configuredInline(v: Value): InlinePolicy[] {
  const list = (toJS(attr(v, 'inline_policy')) as { name: string | null; policy: string | null }[] | null) ?? [];
  return list.filter((p) => p.name).map((p) => ({ name: p.name!, policy: p.policy ?? '' }));
}

function managedArns(v: Value): string[] {
  return (toJS(attr(v, 'managed_policy_arns')) as string[] | null) ?? [];
}

async function listAll<T>(fetch: (marker?: string) => Promise<{ items: T[]; marker?: string; truncated?: boolean }>): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  do {
    const page = await fetch(marker);
    out.push(...page.items);
    marker = page.truncated ? page.marker : undefined;
  } while (marker);
  return out;
}

async function inlinePolicies(iam: IAMClient, role: string): Promise<InlinePolicy[]> {
  const names = await listAll(async (Marker) => {
    const r = await iam.send(new ListRolePoliciesCommand({ RoleName: role, Marker }));
    return { items: r.PolicyNames ?? [], marker: r.Marker, truncated: r.IsTruncated };
  });
  const out: InlinePolicy[] = [];
  for (const name of names) {
    const r = await iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: name }));
    out.push({ name, policy: legacyPolicyNormalize(decodeDocument(r.PolicyDocument)) });
  }
  return out;
}

/** Arns of the managed policies attached to a role. */
export async function attachedRolePolicies(iam: IAMClient, role: string): Promise<string[]> {
  return listAll(async (Marker) => {
    const r = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role, Marker }));
    return { items: (r.AttachedPolicies ?? []).map((p) => p.PolicyArn!), marker: r.Marker, truncated: r.IsTruncated };
  });
}

function inlineEquivalent(a: InlinePolicy[], b: InlinePolicy[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((p) => b.some((q) => q.name === p.name && policiesEquivalent(p.policy, q.policy)));
}

async function putInline(iam: IAMClient, role: string, policies: InlinePolicy[]): Promise<void> {
  for (const p of policies) {
    await awsCall(`putting IAM Role (${role}) policy (${p.name})`, () => iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: p.name, PolicyDocument: p.policy })));
  }
}

async function deleteInline(iam: IAMClient, role: string, names: string[]): Promise<void> {
  for (const n of names) {
    try {
      await iam.send(new DeleteRolePolicyCommand({ RoleName: role, PolicyName: n }));
    } catch (e) {
      if (!notFound(e)) throw awsFailure(`deleting IAM Role (${role}) policy (${n})`, e);
    }
  }
}

async function attach(iam: IAMClient, role: string, arns: string[]): Promise<void> {
  for (const arn of arns) await awsCall(`attaching IAM Policy (${arn}) to IAM Role (${role})`, () => iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: arn })));
}

async function detach(iam: IAMClient, role: string, arns: string[]): Promise<void> {
  for (const arn of arns) {
    try {
      await iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: arn }));
    } catch (e) {
      if (!notFound(e)) throw awsFailure(`detaching IAM Policy (${arn}) from IAM Role (${role})`, e);
    }
  }
}

/** The state of role `name`, or null when it is gone. */
async function readRole(meta: AwsMeta, name: string, prior: Value, refresh = false): Promise<Value | null> {
  const iam = meta.iam();
  const out = await awsCall(`reading IAM Role (${name})`, () => orNull(() => iam.send(new GetRoleCommand({ RoleName: name }))));
  const role = out?.Role;
  if (!role) return null;
  const roleName = role.RoleName!;
  const [inline, managed] = await awsCall(`reading IAM Role (${name}) policies`, () => Promise.all([inlinePolicies(iam, roleName), attachedRolePolicies(iam, roleName)]));
  const priorInline = configuredInline(prior);
  return withAttrs(prior, {
    id: roleName, arn: role.Arn, name: roleName, name_prefix: namePrefixFromName(roleName), path: role.Path,
    create_date: rfc3339(role.CreateDate), description: role.Description ?? '', max_session_duration: role.MaxSessionDuration,
    permissions_boundary: role.PermissionsBoundary?.PermissionsBoundaryArn ?? '', unique_id: role.RoleId,
    assume_role_policy: policyToSet(str(prior, 'assume_role_policy'), decodeDocument(role.AssumeRolePolicyDocument)),
    inline_policy: inlineEquivalent(inline, priorInline) && !attr(prior, 'inline_policy').isNull ? attr(prior, 'inline_policy') : inline,
    managed_policy_arns: managed,
    force_detach_policies: bool(prior, 'force_detach_policies') ?? false,
    ...iamTagsForState(meta, role.Tags, prior, refresh),
  });
}

async function mustRead(meta: AwsMeta, name: string, planned: Value): Promise<Value> {
  return readAfterWrite(`IAM Role (${name})`, () => readRole(meta, name, planned));
}

/** The aws_iam_role resource. */
export const awsIamRole: ResourceDef<AwsMeta> = {
  schema: roleSchema,

  customizePlan(ctx, p) {
    conflicts(p.config, 'name', 'name_prefix');
    return iamPlan(ctx.meta, roleSchema.block, p, {
      emptyStrings: ['description', 'permissions_boundary'],
      policies: { assume_role_policy: normalizeJson },
      tags: true,
      extra(planned, prior, config) {
        // inline_policy is optional+computed: no blocks in config keeps what refresh found.
        const blocks = attr(config, 'inline_policy');
        if (prior && (blocks.isNull || (blocks.isKnown && blocks.elems.length === 0))) return withAttrs(planned, { inline_policy: attr(prior, 'inline_policy') });
        if (!blocks.isKnown || blocks.isNull) return planned;
        const priorInline = prior ? configuredInline(prior) : [];
        const list = (toJS(blocks) as { name: string | null; policy: string | null }[]).map((b) => {
          const same = priorInline.find((q) => q.name === b.name && b.policy !== null && policiesEquivalent(q.policy, b.policy));
          return { name: b.name, policy: same ? same.policy : b.policy === null ? null : legacyPolicyNormalize(b.policy) };
        });
        return withAttrs(planned, { inline_policy: list });
      },
    });
  },

  async create(ctx, planned) {
    const iam = ctx.meta.iam();
    const name = createName(str(planned, 'name'), str(planned, 'name_prefix'));
    await awsCall(`creating IAM Role (${name})`, () => retryInvalidPrincipal(() => iam.send(new CreateRoleCommand({
      RoleName: name, Path: str(planned, 'path'), AssumeRolePolicyDocument: normalizeJson(str(planned, 'assume_role_policy') ?? ''),
      Description: str(planned, 'description') || undefined, MaxSessionDuration: num(planned, 'max_session_duration'),
      PermissionsBoundary: str(planned, 'permissions_boundary') || undefined, Tags: iamTags(tagMap(planned, 'tags_all')),
    }))));
    await putInline(iam, name, configuredInline(planned));
    await attach(iam, name, managedArns(planned));
    return mustRead(ctx.meta, name, withAttrs(planned, { id: name }));
  },

  async read(ctx, state) {
    return readRole(ctx.meta, str(state, 'id')!, state, true);
  },

  async update(ctx, prior, planned) {
    const iam = ctx.meta.iam();
    const id = str(prior, 'id')!;
    const changed = (n: string) => JSON.stringify(toJS(attr(prior, n))) !== JSON.stringify(toJS(attr(planned, n)));
    if (changed('assume_role_policy')) {
      await awsCall(`updating IAM Role (${id}) assume role policy`, () => retryInvalidPrincipal(() => iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: id, PolicyDocument: normalizeJson(str(planned, 'assume_role_policy') ?? '') }))));
    }
    if (changed('description')) {
      await awsCall(`updating IAM Role (${id}) description`, () => iam.send(new UpdateRoleDescriptionCommand({ RoleName: id, Description: str(planned, 'description') ?? '' })));
    }
    if (changed('max_session_duration')) {
      await awsCall(`updating IAM Role (${id}) MaxSessionDuration`, () => iam.send(new UpdateRoleCommand({ RoleName: id, MaxSessionDuration: num(planned, 'max_session_duration') })));
    }
    if (changed('permissions_boundary')) {
      const b = str(planned, 'permissions_boundary');
      if (b) await awsCall(`updating IAM Role (${id}) permissions boundary`, () => iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: id, PermissionsBoundary: b })));
      else await awsCall(`deleting IAM Role (${id}) permissions boundary`, () => iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: id })));
    }
    if (changed('inline_policy')) {
      const before = configuredInline(prior), after = configuredInline(planned);
      const kept = (p: InlinePolicy, list: InlinePolicy[]) => list.some((q) => q.name === p.name && q.policy === p.policy);
      await deleteInline(iam, id, before.filter((p) => !after.some((q) => q.name === p.name)).map((p) => p.name));
      await putInline(iam, id, after.filter((p) => !kept(p, before)));
    }
    if (changed('managed_policy_arns')) {
      const before = managedArns(prior), after = managedArns(planned);
      await detach(iam, id, before.filter((a) => !after.includes(a)));
      await attach(iam, id, after.filter((a) => !before.includes(a)));
    }
    await updateIamTags(ctx.meta, 'role', id, 'IAM Role', tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    return mustRead(ctx.meta, id, planned);
  },

  async delete(ctx, state) {
    const iam = ctx.meta.iam();
    const id = str(state, 'id')!;
    try {
      const profiles = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: id }));
      for (const ip of profiles.InstanceProfiles ?? []) {
        await orNull(() => iam.send(new RemoveRoleFromInstanceProfileCommand({ RoleName: id, InstanceProfileName: ip.InstanceProfileName })));
      }
      const force = bool(state, 'force_detach_policies') ?? false;
      if (force || managedArns(state).length) await detach(iam, id, await attachedRolePolicies(iam, id));
      if (force || configuredInline(state).length) await deleteInline(iam, id, (await inlinePolicies(iam, id)).map((p) => p.name));
      await iam.send(new DeleteRoleCommand({ RoleName: id }));
    } catch (e) {
      if (notFound(e)) return;
      throw awsFailure(`deleting IAM Role (${id})`, e);
    }
  },

  async importState(_ctx, id) {
    return withAttrs(nullObject(impliedType(roleSchema.block)), { id, force_detach_policies: false });
  },
};
