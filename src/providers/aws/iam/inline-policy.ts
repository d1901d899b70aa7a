/**
 * aws_iam_role_policy, aws_iam_user_policy and aws_iam_group_policy as hashicorp/aws
 * defines them: an inline policy of a role, user or group, id "<owner>:<name>" (also the
 * import id); the policy stored in the legacy form (Version first) and kept while AWS's
 * copy is equivalent; a policy change puts the document again.
 */
import {
  DeleteGroupPolicyCommand, DeleteRolePolicyCommand, DeleteUserPolicyCommand, GetGroupPolicyCommand, GetRolePolicyCommand,
  GetUserPolicyCommand, PutGroupPolicyCommand, PutRolePolicyCommand, PutUserPolicyCommand, type IAMClient,
} from '@aws-sdk/client-iam';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { str, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure } from '../errors.js';
import { createName, decodeDocument, namePrefixFromName, notFound, orNull, readAfterWrite } from './common.js';
import { legacyPolicyNormalize, legacyPolicyToSet } from './json.js';
import { conflicts, iamPlan } from './plan.js';
import type { Schema } from '../../protocol.js';
import { groupPolicySchema, rolePolicySchema, userPolicySchema } from './schemas.js';

/** What differs between the role, user and group inline policies. */
interface Owner {
  attr: 'role' | 'user' | 'group';
  noun: 'Role' | 'User' | 'Group';
  schema: Schema;
  get(iam: IAMClient, owner: string, name: string): Promise<{ PolicyDocument?: string }>;
  put(iam: IAMClient, owner: string, name: string, doc: string): Promise<unknown>;
  delete(iam: IAMClient, owner: string, name: string): Promise<unknown>;
}

function inlinePolicy(o: Owner): ResourceDef<AwsMeta> {
  const parseId = (id: string): { owner: string; name: string } => {
    const i = id.indexOf(':');
    if (i <= 0 || i === id.length - 1) {
      throw new ProviderError(`unexpected format of ID (${id}), expected ${o.noun.toUpperCase()}-NAME:POLICY-NAME`);
    }
    return { owner: id.slice(0, i), name: id.slice(i + 1) };
  };
  const read = async (meta: AwsMeta, id: string, prior: Value): Promise<Value | null> => {
    const { owner, name } = parseId(id);
    const out = await awsCall(`reading IAM ${o.noun} Policy (${id})`, () => orNull(() => o.get(meta.iam(), owner, name)));
    if (!out) return null;
    return withAttrs(prior, {
      id, [o.attr]: owner, name, name_prefix: namePrefixFromName(name),
      policy: legacyPolicyToSet(str(prior, 'policy'), decodeDocument(out.PolicyDocument)),
    });
  };
  const put = async (meta: AwsMeta, owner: string, name: string, planned: Value): Promise<Value> => {
    const id = `${owner}:${name}`;
    await awsCall(`putting IAM ${o.noun} Policy (${id})`, () => o.put(meta.iam(), owner, name, legacyPolicyNormalize(str(planned, 'policy') ?? '')));
    return readAfterWrite(`IAM ${o.noun} Policy (${id})`, () => read(meta, id, withAttrs(planned, { id })));
  };
  return {
    schema: o.schema,
    customizePlan(ctx, p) {
      conflicts(p.config, 'name', 'name_prefix');
      return iamPlan(ctx.meta, o.schema.block, p, { policies: { policy: legacyPolicyNormalize } });
    },
    create: (ctx, planned) => put(ctx.meta, str(planned, o.attr)!, createName(str(planned, 'name'), str(planned, 'name_prefix')), planned),
    read: (ctx, state) => read(ctx.meta, str(state, 'id')!, state),
    async update(ctx, prior, planned) {
      const { owner, name } = parseId(str(prior, 'id')!);
      return put(ctx.meta, owner, name, planned);
    },
    async delete(ctx, state) {
      const id = str(state, 'id')!;
      const { owner, name } = parseId(id);
      try {
        await o.delete(ctx.meta.iam(), owner, name);
      } catch (e) {
        if (!notFound(e)) throw awsFailure(`deleting IAM ${o.noun} Policy (${id})`, e);
      }
    },
    async importState(_ctx, id) {
      parseId(id);
      return withAttrs(nullObject(impliedType(o.schema.block)), { id });
    },
  };
}

/** The aws_iam_role_policy resource. */
export const awsIamRolePolicy = inlinePolicy({
  attr: 'role', noun: 'Role', schema: rolePolicySchema,
  get: (iam, RoleName, PolicyName) => iam.send(new GetRolePolicyCommand({ RoleName, PolicyName })),
  put: (iam, RoleName, PolicyName, PolicyDocument) => iam.send(new PutRolePolicyCommand({ RoleName, PolicyName, PolicyDocument })),
  delete: (iam, RoleName, PolicyName) => iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName })),
});

/** The aws_iam_user_policy resource. */
export const awsIamUserPolicy = inlinePolicy({
  attr: 'user', noun: 'User', schema: userPolicySchema,
  get: (iam, UserName, PolicyName) => iam.send(new GetUserPolicyCommand({ UserName, PolicyName })),
  put: (iam, UserName, PolicyName, PolicyDocument) => iam.send(new PutUserPolicyCommand({ UserName, PolicyName, PolicyDocument })),
  delete: (iam, UserName, PolicyName) => iam.send(new DeleteUserPolicyCommand({ UserName, PolicyName })),
});

/** The aws_iam_group_policy resource. */
export const awsIamGroupPolicy = inlinePolicy({
  attr: 'group', noun: 'Group', schema: groupPolicySchema,
  get: (iam, GroupName, PolicyName) => iam.send(new GetGroupPolicyCommand({ GroupName, PolicyName })),
  put: (iam, GroupName, PolicyName, PolicyDocument) => iam.send(new PutGroupPolicyCommand({ GroupName, PolicyName, PolicyDocument })),
  delete: (iam, GroupName, PolicyName) => iam.send(new DeleteGroupPolicyCommand({ GroupName, PolicyName })),
});
