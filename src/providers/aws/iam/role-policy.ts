/**
 * aws_iam_role_policy as hashicorp/aws defines it: an inline policy of a role, id
 * "role:name" (also the import id); the policy stored in the legacy form (Version first)
 * and kept while AWS's copy is equivalent; a policy change puts the document again.
 */
import { DeleteRolePolicyCommand, GetRolePolicyCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
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
import { rolePolicySchema } from './schemas.js';

function parseId(id: string): { role: string; name: string } {
  const i = id.indexOf(':');
  if (i <= 0 || i === id.length - 1) {
    throw new ProviderError(`unexpected format of ID (${id}), expected ROLE-NAME:POLICY-NAME`);
  }
  return { role: id.slice(0, i), name: id.slice(i + 1) };
}

async function readRolePolicy(meta: AwsMeta, id: string, prior: Value): Promise<Value | null> {
  const { role, name } = parseId(id);
  const out = await awsCall(`reading IAM Role Policy (${id})`, () => orNull(() => meta.iam().send(new GetRolePolicyCommand({ RoleName: role, PolicyName: name }))));
  if (!out) return null;
  return withAttrs(prior, {
    id, role, name, name_prefix: namePrefixFromName(name),
    policy: legacyPolicyToSet(str(prior, 'policy'), decodeDocument(out.PolicyDocument)),
  });
}

async function put(meta: AwsMeta, role: string, name: string, planned: Value): Promise<Value> {
  const id = `${role}:${name}`;
  await awsCall(`putting IAM Role Policy (${id})`, () => meta.iam().send(new PutRolePolicyCommand({
    RoleName: role, PolicyName: name, PolicyDocument: legacyPolicyNormalize(str(planned, 'policy') ?? ''),
  })));
  return readAfterWrite(`IAM Role Policy (${id})`, () => readRolePolicy(meta, id, withAttrs(planned, { id })));
}

/** The aws_iam_role_policy resource. */
export const awsIamRolePolicy: ResourceDef<AwsMeta> = {
  schema: rolePolicySchema,

  customizePlan(ctx, p) {
    conflicts(p.config, 'name', 'name_prefix');
    return iamPlan(ctx.meta, rolePolicySchema.block, p, { policies: { policy: legacyPolicyNormalize } });
  },

  async create(ctx, planned) {
    return put(ctx.meta, str(planned, 'role')!, createName(str(planned, 'name'), str(planned, 'name_prefix')), planned);
  },

  async read(ctx, state) {
    return readRolePolicy(ctx.meta, str(state, 'id')!, state);
  },

  async update(ctx, prior, planned) {
    const { role, name } = parseId(str(prior, 'id')!);
    return put(ctx.meta, role, name, planned);
  },

  async delete(ctx, state) {
    const id = str(state, 'id')!;
    const { role, name } = parseId(id);
    try {
      await ctx.meta.iam().send(new DeleteRolePolicyCommand({ RoleName: role, PolicyName: name }));
    } catch (e) {
      if (!notFound(e)) throw awsFailure(`deleting IAM Role Policy (${id})`, e);
    }
  },

  async importState(_ctx, id) {
    parseId(id);
    return withAttrs(nullObject(impliedType(rolePolicySchema.block)), { id });
  },
};
