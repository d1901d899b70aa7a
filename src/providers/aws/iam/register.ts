/** IAM users, groups, roles, policies, access keys and instance profiles; the policy document data source. */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { lazyDataSource, lazyResource } from '../lazy.js';
// The policy document is computed locally with no AWS SDK, so it loads eagerly (and keeps its validate).
import { awsIamPolicyDocument } from './policy-document.js';
import {
  accessKeySchema, groupPolicyAttachmentSchema, groupPolicySchema, groupSchema, instanceProfileSchema, policySchema,
  oidcProviderSchema, policyDataSchema, roleDataSchema, rolePolicyAttachmentSchema, rolePolicySchema, roleSchema, userGroupMembershipSchema, userPolicyAttachmentSchema, userPolicySchema,
  userSchema,
} from './schemas.js';
import { validators } from './validate.js';

function withValidate(type: string, r: ResourceDef<AwsMeta>): ResourceDef<AwsMeta> {
  const v = validators[type];
  return v ? { ...r, validate: v } : r;
}

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {
  aws_iam_access_key: withValidate('aws_iam_access_key', lazyResource(accessKeySchema, async () => (await import('./access-key.js')).awsIamAccessKey)),
  aws_iam_group: withValidate('aws_iam_group', lazyResource(groupSchema, async () => (await import('./group.js')).awsIamGroup)),
  aws_iam_group_policy: withValidate('aws_iam_group_policy', lazyResource(groupPolicySchema, async () => (await import('./inline-policy.js')).awsIamGroupPolicy)),
  aws_iam_group_policy_attachment: withValidate('aws_iam_group_policy_attachment', lazyResource(groupPolicyAttachmentSchema, async () => (await import('./policy-attachment.js')).awsIamGroupPolicyAttachment)),
  aws_iam_instance_profile: withValidate('aws_iam_instance_profile', lazyResource(instanceProfileSchema, async () => (await import('./instance-profile.js')).awsIamInstanceProfile)),
  aws_iam_openid_connect_provider: lazyResource(oidcProviderSchema, async () => (await import('./oidc-provider.js')).awsIamOpenidConnectProvider),
  aws_iam_policy: withValidate('aws_iam_policy', lazyResource(policySchema, async () => (await import('./policy.js')).awsIamPolicy)),
  aws_iam_role: withValidate('aws_iam_role', lazyResource(roleSchema, async () => (await import('./role.js')).awsIamRole)),
  aws_iam_role_policy: withValidate('aws_iam_role_policy', lazyResource(rolePolicySchema, async () => (await import('./inline-policy.js')).awsIamRolePolicy)),
  aws_iam_role_policy_attachment: withValidate('aws_iam_role_policy_attachment', lazyResource(rolePolicyAttachmentSchema, async () => (await import('./policy-attachment.js')).awsIamRolePolicyAttachment)),
  aws_iam_user: withValidate('aws_iam_user', lazyResource(userSchema, async () => (await import('./user.js')).awsIamUser)),
  aws_iam_user_group_membership: withValidate('aws_iam_user_group_membership', lazyResource(userGroupMembershipSchema, async () => (await import('./user-group-membership.js')).awsIamUserGroupMembership)),
  aws_iam_user_policy: withValidate('aws_iam_user_policy', lazyResource(userPolicySchema, async () => (await import('./inline-policy.js')).awsIamUserPolicy)),
  aws_iam_user_policy_attachment: withValidate('aws_iam_user_policy_attachment', lazyResource(userPolicyAttachmentSchema, async () => (await import('./policy-attachment.js')).awsIamUserPolicyAttachment)),
};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {
  aws_iam_policy: lazyDataSource(policyDataSchema, async () => (await import('./data-sources.js')).awsIamPolicyData),
  aws_iam_policy_document: awsIamPolicyDocument,
  aws_iam_role: lazyDataSource(roleDataSchema, async () => (await import('./data-sources.js')).awsIamRoleData),
};
