/**
 * Data sources aws_iam_role (by name) and aws_iam_policy (by arn, or by name and path
 * prefix), with the attributes hashicorp/aws sets: documents as IAM returns them
 * (URL-decoded), tags as a map ({} when none), role_last_used as one element.
 */
import { GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, ListPoliciesCommand, type Policy, type Tag } from '@aws-sdk/client-iam';
import { str, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type DataSourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall } from '../errors.js';
import { decodeDocument, rfc3339 } from './common.js';
import { policyDataSchema, roleDataSchema } from './schemas.js';

function tagMapOf(tags: Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key && !t.Key.startsWith('aws:')) out[t.Key] = t.Value ?? '';
  return out;
}

/** The aws_iam_role data source. */
export const awsIamRoleData: DataSourceDef<AwsMeta> = {
  schema: roleDataSchema,
  async read(ctx, config) {
    const name = str(config, 'name')!;
    const out = await awsCall(`reading IAM Role (${name})`, () => ctx.meta.iam().send(new GetRoleCommand({ RoleName: name })));
    const r = out.Role!;
    return withAttrs(config, {
      id: r.RoleName, name: r.RoleName, arn: r.Arn, path: r.Path, unique_id: r.RoleId, create_date: rfc3339(r.CreateDate),
      description: r.Description ?? '', max_session_duration: r.MaxSessionDuration,
      permissions_boundary: r.PermissionsBoundary?.PermissionsBoundaryArn ?? '',
      assume_role_policy: decodeDocument(r.AssumeRolePolicyDocument),
      role_last_used: [{ last_used_date: r.RoleLastUsed?.LastUsedDate ? rfc3339(r.RoleLastUsed.LastUsedDate) : '', region: r.RoleLastUsed?.Region ?? '' }],
      tags: tagMapOf(r.Tags),
    });
  },
};

async function findPolicyArn(meta: AwsMeta, name: string | undefined, pathPrefix: string | undefined): Promise<string> {
  const matches: Policy[] = [];
  let Marker: string | undefined;
  do {
    const page = await awsCall('reading IAM Policies', () => meta.iam().send(new ListPoliciesCommand({ PathPrefix: pathPrefix || undefined, Marker })));
    matches.push(...(page.Policies ?? []).filter((p) => name === undefined || p.PolicyName === name));
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  if (matches.length === 0) throw new ProviderError('no matching IAM Policy found');
  if (matches.length > 1) throw new ProviderError('multiple IAM Policies matched; use additional constraints to reduce matches to a single IAM Policy');
  return matches[0]!.Arn!;
}

/** The aws_iam_policy data source. */
export const awsIamPolicyData: DataSourceDef<AwsMeta> = {
  schema: policyDataSchema,
  async read(ctx, config) {
    const arn = str(config, 'arn') || await findPolicyArn(ctx.meta, str(config, 'name'), str(config, 'path_prefix'));
    const iam = ctx.meta.iam();
    const p = (await awsCall(`reading IAM Policy (${arn})`, () => iam.send(new GetPolicyCommand({ PolicyArn: arn })))).Policy!;
    const v = (await awsCall(`reading IAM Policy (${arn}) version`, () => iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: p.DefaultVersionId })))).PolicyVersion!;
    return withAttrs(config, {
      id: p.Arn, arn: p.Arn, name: p.PolicyName, path: p.Path, policy_id: p.PolicyId, description: p.Description ?? '',
      attachment_count: p.AttachmentCount ?? 0, policy: decodeDocument(v.Document), tags: tagMapOf(p.Tags),
    });
  },
};
