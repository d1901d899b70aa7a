/**
 * aws_iam_role_policy_attachment, aws_iam_user_policy_attachment and
 * aws_iam_group_policy_attachment as hashicorp/aws defines them: both arguments force a
 * new attachment; the id is "<role|user|group>-" plus a unique suffix; import ids are
 * "<role|user|group>/<policy arn>".
 */
import {
  AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, DetachGroupPolicyCommand, DetachRolePolicyCommand,
  DetachUserPolicyCommand, ListAttachedGroupPoliciesCommand, ListAttachedRolePoliciesCommand, ListAttachedUserPoliciesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { str, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { Schema } from '../../protocol.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure } from '../errors.js';
import { notFound, orNull, prefixedUniqueId } from './common.js';
import { groupPolicyAttachmentSchema, rolePolicyAttachmentSchema, userPolicyAttachmentSchema } from './schemas.js';

interface Kind {
  attr: 'role' | 'user' | 'group';
  noun: 'Role' | 'User' | 'Group';
  schema: Schema;
  attach(iam: IAMClient, who: string, arn: string): Promise<unknown>;
  detach(iam: IAMClient, who: string, arn: string): Promise<unknown>;
  list(iam: IAMClient, who: string, marker?: string): Promise<{ arns: string[]; marker?: string }>;
}

async function attached(iam: IAMClient, kind: Kind, who: string): Promise<string[]> {
  const out: string[] = [];
  let marker: string | undefined;
  do {
    const page = await kind.list(iam, who, marker);
    out.push(...page.arns);
    marker = page.marker;
  } while (marker);
  return out;
}

function attachment(kind: Kind): ResourceDef<AwsMeta> {
  const read = async (meta: AwsMeta, state: Value): Promise<Value | null> => {
    const who = str(state, kind.attr)!, arn = str(state, 'policy_arn')!, id = str(state, 'id')!;
    const arns = await awsCall(`reading IAM ${kind.noun} Policy Attachment (${id})`, () => orNull(() => attached(meta.iam(), kind, who)));
    if (!arns || !arns.includes(arn)) return null;
    return state;
  };
  return {
    schema: kind.schema,
    async create(ctx, planned) {
      const who = str(planned, kind.attr)!, arn = str(planned, 'policy_arn')!;
      await awsCall(`attaching IAM Policy (${arn}) to IAM ${kind.noun} (${who})`, () => kind.attach(ctx.meta.iam(), who, arn));
      return withAttrs(planned, { id: prefixedUniqueId(`${who}-`) });
    },
    read: (ctx, state) => read(ctx.meta, state),
    async delete(ctx, state) {
      const who = str(state, kind.attr)!, arn = str(state, 'policy_arn')!;
      try {
        await kind.detach(ctx.meta.iam(), who, arn);
      } catch (e) {
        if (!notFound(e)) throw awsFailure(`detaching IAM Policy (${arn}) from IAM ${kind.noun} (${who})`, e);
      }
    },
    async importState(_ctx, id) {
      const i = id.indexOf('/');
      if (i <= 0 || i === id.length - 1) {
        throw new ProviderError(`unexpected format of ID (${JSON.stringify(id)}), expected <${kind.attr}-name>/<policy_arn>`);
      }
      const who = id.slice(0, i), arn = id.slice(i + 1);
      return withAttrs(nullObject(impliedType(kind.schema.block)), { id: `${who}-${arn}`, [kind.attr]: who, policy_arn: arn });
    },
  };
}

/** The aws_iam_role_policy_attachment resource. */
export const awsIamRolePolicyAttachment = attachment({
  attr: 'role', noun: 'Role', schema: rolePolicyAttachmentSchema,
  attach: (iam, RoleName, PolicyArn) => iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn })),
  detach: (iam, RoleName, PolicyArn) => iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn })),
  async list(iam, RoleName, Marker) {
    const r = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName, Marker }));
    return { arns: (r.AttachedPolicies ?? []).map((p) => p.PolicyArn!), marker: r.IsTruncated ? r.Marker : undefined };
  },
});

/** The aws_iam_user_policy_attachment resource. */
export const awsIamUserPolicyAttachment = attachment({
  attr: 'user', noun: 'User', schema: userPolicyAttachmentSchema,
  attach: (iam, UserName, PolicyArn) => iam.send(new AttachUserPolicyCommand({ UserName, PolicyArn })),
  detach: (iam, UserName, PolicyArn) => iam.send(new DetachUserPolicyCommand({ UserName, PolicyArn })),
  async list(iam, UserName, Marker) {
    const r = await iam.send(new ListAttachedUserPoliciesCommand({ UserName, Marker }));
    return { arns: (r.AttachedPolicies ?? []).map((p) => p.PolicyArn!), marker: r.IsTruncated ? r.Marker : undefined };
  },
});

/** The aws_iam_group_policy_attachment resource. */
export const awsIamGroupPolicyAttachment = attachment({
  attr: 'group', noun: 'Group', schema: groupPolicyAttachmentSchema,
  attach: (iam, GroupName, PolicyArn) => iam.send(new AttachGroupPolicyCommand({ GroupName, PolicyArn })),
  detach: (iam, GroupName, PolicyArn) => iam.send(new DetachGroupPolicyCommand({ GroupName, PolicyArn })),
  async list(iam, GroupName, Marker) {
    const r = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName, Marker }));
    return { arns: (r.AttachedPolicies ?? []).map((p) => p.PolicyArn!), marker: r.IsTruncated ? r.Marker : undefined };
  },
});
