/**
 * aws_iam_policy as hashicorp/aws defines it: id = arn (import by arn); name, name_prefix,
 * path and description force a new policy; a policy change adds a version and makes it
 * the default, first deleting the oldest non-default version when there are already 5;
 * delete removes the non-default versions, then the policy.
 */
import {
  CreatePolicyCommand, CreatePolicyVersionCommand, DeletePolicyCommand, DeletePolicyVersionCommand, GetPolicyCommand,
  GetPolicyVersionCommand, ListPolicyVersionsCommand, SetDefaultPolicyVersionCommand, type IAMClient, type PolicyVersion,
} from '@aws-sdk/client-iam';
import type { Value } from '../../../lang/value.js';
import { str, withAttrs } from '../../sdk/obj.js';
import type { ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure } from '../errors.js';
import { tagMap } from '../tags.js';
import { createName, decodeDocument, iamTags, namePrefixFromName, notFound, orNull, updateIamTags, iamTagsForState, readAfterWrite } from './common.js';
import { normalizeJson, policyToSet } from './json.js';
import { conflicts, iamPlan } from './plan.js';
import { policySchema } from './schemas.js';

async function versions(iam: IAMClient, arn: string): Promise<PolicyVersion[]> {
  const out: PolicyVersion[] = [];
  let Marker: string | undefined;
  do {
    const r = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn, Marker }));
    out.push(...(r.Versions ?? []));
    Marker = r.IsTruncated ? r.Marker : undefined;
  } while (Marker);
  return out;
}

/** Deletes the oldest non-default version when the policy has 5, so one more fits. */
async function pruneVersions(iam: IAMClient, arn: string): Promise<void> {
  const all = await versions(iam, arn);
  if (all.length < 5) return;
  // Oldest by creation date; versions made within the same second (IAM dates have no
  // fractions) are ordered by their number, which IAM hands out in creation order.
  const age = (v: PolicyVersion) => [v.CreateDate?.getTime() ?? 0, Number((v.VersionId ?? 'v0').slice(1).split('.')[0]) || 0] as const;
  let oldest: PolicyVersion | undefined;
  for (const v of all) {
    if (v.IsDefaultVersion) continue;
    const [t, n] = age(v);
    if (!oldest) { oldest = v; continue; }
    const [ot, on] = age(oldest);
    if (t < ot || (t === ot && n < on)) oldest = v;
  }
  if (!oldest) return;
  await awsCall(`deleting IAM Policy (${arn}) version (${oldest.VersionId})`, () => iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: oldest!.VersionId })));
}

async function readPolicy(meta: AwsMeta, arn: string, prior: Value, refresh = false): Promise<Value | null> {
  const iam = meta.iam();
  const got = await awsCall(`reading IAM Policy (${arn})`, async () => {
    const p = (await orNull(() => iam.send(new GetPolicyCommand({ PolicyArn: arn }))))?.Policy;
    if (!p) return null;
    const v = (await orNull(() => iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: p.DefaultVersionId }))))?.PolicyVersion;
    return v ? { p, v } : null;
  });
  if (!got) return null;
  const { p, v } = got;
  return withAttrs(prior, {
    id: p.Arn, arn: p.Arn, attachment_count: p.AttachmentCount ?? 0, description: p.Description ?? '',
    name: p.PolicyName, name_prefix: namePrefixFromName(p.PolicyName ?? ''), path: p.Path, policy_id: p.PolicyId,
    policy: policyToSet(str(prior, 'policy'), decodeDocument(v.Document)),
    ...iamTagsForState(meta, p.Tags, prior, refresh),
  });
}

async function mustRead(meta: AwsMeta, arn: string, planned: Value): Promise<Value> {
  return readAfterWrite(`IAM Policy (${arn})`, () => readPolicy(meta, arn, planned));
}

/** The aws_iam_policy resource. */
export const awsIamPolicy: ResourceDef<AwsMeta> = {
  schema: policySchema,

  customizePlan(ctx, p) {
    conflicts(p.config, 'name', 'name_prefix');
    return iamPlan(ctx.meta, policySchema.block, p, { emptyStrings: ['description'], policies: { policy: normalizeJson }, tags: true });
  },

  async create(ctx, planned) {
    const name = createName(str(planned, 'name'), str(planned, 'name_prefix'));
    const out = await awsCall(`creating IAM Policy (${name})`, () => ctx.meta.iam().send(new CreatePolicyCommand({
      PolicyName: name, Path: str(planned, 'path'), Description: str(planned, 'description') || undefined,
      PolicyDocument: normalizeJson(str(planned, 'policy') ?? ''), Tags: iamTags(tagMap(planned, 'tags_all')),
    })));
    const arn = out.Policy!.Arn!;
    return mustRead(ctx.meta, arn, withAttrs(planned, { id: arn }));
  },

  async read(ctx, state) {
    return readPolicy(ctx.meta, str(state, 'id')!, state, true);
  },

  async update(ctx, prior, planned) {
    const iam = ctx.meta.iam();
    const arn = str(prior, 'id')!;
    if (str(prior, 'policy') !== str(planned, 'policy')) {
      await pruneVersions(iam, arn);
      const v = await awsCall(`creating IAM Policy (${arn})`, () => iam.send(new CreatePolicyVersionCommand({
        PolicyArn: arn, PolicyDocument: normalizeJson(str(planned, 'policy') ?? ''), SetAsDefault: false,
      })));
      await awsCall(`setting Default Policy version for IAM Policy (${arn})`, () => iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: v.PolicyVersion!.VersionId })));
    }
    await updateIamTags(ctx.meta, 'policy', arn, 'IAM Policy', tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    return mustRead(ctx.meta, arn, planned);
  },

  async delete(ctx, state) {
    const iam = ctx.meta.iam();
    const arn = str(state, 'id')!;
    try {
      for (const v of await versions(iam, arn)) {
        if (!v.IsDefaultVersion) await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v.VersionId }));
      }
      await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    } catch (e) {
      if (!notFound(e)) throw awsFailure(`deleting IAM Policy (${arn})`, e);
    }
  },
};
