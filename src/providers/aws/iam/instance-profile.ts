/**
 * aws_iam_instance_profile as hashicorp/aws defines it: id = name (import by name); name,
 * name_prefix and path force a new profile; the role is swapped in place (remove, add);
 * delete takes the role out first.
 */
import {
  AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, DeleteInstanceProfileCommand, GetInstanceProfileCommand,
  RemoveRoleFromInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import type { Value } from '../../../lang/value.js';
import { str, withAttrs } from '../../sdk/obj.js';
import type { ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure } from '../errors.js';
import { tagMap } from '../tags.js';
import { createName, iamTags, namePrefixFromName, notFound, orNull, rfc3339, updateIamTags, iamTagsForState, readAfterWrite, retryWhile } from './common.js';
import { conflicts, iamPlan } from './plan.js';
import { instanceProfileSchema } from './schemas.js';

async function readProfile(meta: AwsMeta, name: string, prior: Value, refresh = false): Promise<Value | null> {
  const out = await awsCall(`reading IAM Instance Profile (${name})`, () => orNull(() => meta.iam().send(new GetInstanceProfileCommand({ InstanceProfileName: name }))));
  const ip = out?.InstanceProfile;
  if (!ip) return null;
  const role = ip.Roles?.[0]?.RoleName;
  return withAttrs(prior, {
    id: ip.InstanceProfileName, name: ip.InstanceProfileName, name_prefix: namePrefixFromName(ip.InstanceProfileName ?? ''),
    arn: ip.Arn, path: ip.Path, unique_id: ip.InstanceProfileId, create_date: rfc3339(ip.CreateDate),
    role: role ?? null,
    ...iamTagsForState(meta, ip.Tags, prior, refresh),
  });
}

async function mustRead(meta: AwsMeta, name: string, planned: Value): Promise<Value> {
  return readAfterWrite(`IAM Instance Profile (${name})`, () => readProfile(meta, name, planned));
}

async function removeRole(meta: AwsMeta, name: string, role: string): Promise<void> {
  try {
    await meta.iam().send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: name, RoleName: role }));
  } catch (e) {
    if (!notFound(e)) throw awsFailure(`removing IAM Role (${role}) from IAM Instance Profile (${name})`, e);
  }
}

async function addRole(meta: AwsMeta, name: string, role: string): Promise<void> {
  // A role created moments ago may not be visible to IAM yet; hashicorp retries for the propagation time.
  await awsCall(`adding IAM Role (${role}) to IAM Instance Profile (${name})`, () => retryWhile(
    () => meta.iam().send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: role })),
    (e) => notFound(e) && e instanceof Error && e.message.includes('The role with name'),
  ));
}

/** The aws_iam_instance_profile resource. */
export const awsIamInstanceProfile: ResourceDef<AwsMeta> = {
  schema: instanceProfileSchema,

  customizePlan(ctx, p) {
    conflicts(p.config, 'name', 'name_prefix');
    return iamPlan(ctx.meta, instanceProfileSchema.block, p, { tags: true });
  },

  async create(ctx, planned) {
    const name = createName(str(planned, 'name'), str(planned, 'name_prefix'));
    await awsCall(`creating IAM Instance Profile (${name})`, () => ctx.meta.iam().send(new CreateInstanceProfileCommand({
      InstanceProfileName: name, Path: str(planned, 'path'), Tags: iamTags(tagMap(planned, 'tags_all')),
    })));
    const role = str(planned, 'role');
    if (role) await addRole(ctx.meta, name, role);
    return mustRead(ctx.meta, name, withAttrs(planned, { id: name }));
  },

  async read(ctx, state) {
    return readProfile(ctx.meta, str(state, 'id')!, state, true);
  },

  async update(ctx, prior, planned) {
    const name = str(prior, 'id')!;
    const before = str(prior, 'role'), after = str(planned, 'role');
    if (before !== after) {
      if (before) await removeRole(ctx.meta, name, before);
      if (after) await addRole(ctx.meta, name, after);
    }
    await updateIamTags(ctx.meta, 'instance-profile', name, 'IAM Instance Profile', tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    return mustRead(ctx.meta, name, planned);
  },

  async delete(ctx, state) {
    const name = str(state, 'id')!;
    try {
      const out = await ctx.meta.iam().send(new GetInstanceProfileCommand({ InstanceProfileName: name }));
      for (const r of out.InstanceProfile?.Roles ?? []) await removeRole(ctx.meta, name, r.RoleName!);
      await ctx.meta.iam().send(new DeleteInstanceProfileCommand({ InstanceProfileName: name }));
    } catch (e) {
      if (!notFound(e)) throw awsFailure(`deleting IAM Instance Profile (${name})`, e);
    }
  },
};
