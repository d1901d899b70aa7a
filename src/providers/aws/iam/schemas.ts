/**
 * Schemas of the IAM resources and the policy document data source, as hashicorp/aws
 * 5.100.0 defines them (force-new and defaults from its source). No AWS SDK import.
 */
import * as T from '../../../lang/types.js';
import { boolVal, numberVal, stringVal } from '../../../lang/value.js';
import type { AttributeSchema } from '../../protocol.js';
import { a, block, nested, schema } from '../schema-dsl.js';

const S = T.String;
const tags: Record<string, AttributeSchema> = { tags: a(T.Map(S), 'o'), tags_all: a(T.Map(S), 'oc') };
const slash = { default: stringVal('/') };

/** aws_iam_user. */
export const userSchema = schema(0, block({
  arn: a(S, 'c'),
  force_destroy: a(T.Bool, 'o', { default: boolVal(false) }),
  id: a(S, 'oc'),
  name: a(S, 'r'),
  path: a(S, 'o', slash),
  permissions_boundary: a(S, 'o'),
  unique_id: a(S, 'c'),
  ...tags,
}));

/** aws_iam_group. */
export const groupSchema = schema(0, block({
  arn: a(S, 'c'),
  id: a(S, 'oc'),
  name: a(S, 'r'),
  path: a(S, 'o', slash),
  unique_id: a(S, 'c'),
}));

/** aws_iam_role. */
export const roleSchema = schema(0, block({
  arn: a(S, 'c'),
  assume_role_policy: a(S, 'r'),
  create_date: a(S, 'c'),
  description: a(S, 'o'),
  force_detach_policies: a(T.Bool, 'o', { default: boolVal(false) }),
  id: a(S, 'oc'),
  managed_policy_arns: a(T.Set(S), 'oc', { deprecated: 'Not used' }),
  max_session_duration: a(T.Number, 'o', { default: numberVal(3600) }),
  name: a(S, 'ocf'),
  name_prefix: a(S, 'ocf'),
  path: a(S, 'of', slash),
  permissions_boundary: a(S, 'o'),
  unique_id: a(S, 'c'),
  ...tags,
}, {
  inline_policy: nested('set', block({ name: a(S, 'o'), policy: a(S, 'o') })),
}));

/** aws_iam_policy. */
export const policySchema = schema(0, block({
  arn: a(S, 'c'),
  attachment_count: a(T.Number, 'c'),
  description: a(S, 'of'),
  id: a(S, 'oc'),
  name: a(S, 'ocf'),
  name_prefix: a(S, 'ocf'),
  path: a(S, 'of', slash),
  policy: a(S, 'r'),
  policy_id: a(S, 'c'),
  ...tags,
}));

/** aws_iam_role_policy. */
export const rolePolicySchema = schema(0, block({
  id: a(S, 'oc'),
  name: a(S, 'ocf'),
  name_prefix: a(S, 'ocf'),
  policy: a(S, 'r'),
  role: a(S, 'rf'),
}));

/** aws_iam_user_policy. */
export const userPolicySchema = schema(0, block({
  id: a(S, 'oc'),
  name: a(S, 'ocf'),
  name_prefix: a(S, 'ocf'),
  policy: a(S, 'r'),
  user: a(S, 'rf'),
}));

/** aws_iam_group_policy. */
export const groupPolicySchema = schema(0, block({
  group: a(S, 'rf'),
  id: a(S, 'oc'),
  name: a(S, 'ocf'),
  name_prefix: a(S, 'ocf'),
  policy: a(S, 'r'),
}));

/** aws_iam_group_policy_attachment. */
export const groupPolicyAttachmentSchema = schema(0, block({
  group: a(S, 'rf'),
  id: a(S, 'oc'),
  policy_arn: a(S, 'rf'),
}));

/** aws_iam_user_group_membership. */
export const userGroupMembershipSchema = schema(0, block({
  groups: a(T.Set(S), 'r'),
  id: a(S, 'oc'),
  user: a(S, 'rf'),
}));

/** aws_iam_role_policy_attachment. */
export const rolePolicyAttachmentSchema = schema(0, block({
  id: a(S, 'oc'),
  policy_arn: a(S, 'rf'),
  role: a(S, 'rf'),
}));

/** aws_iam_user_policy_attachment. */
export const userPolicyAttachmentSchema = schema(0, block({
  id: a(S, 'oc'),
  policy_arn: a(S, 'rf'),
  user: a(S, 'rf'),
}));

/** aws_iam_access_key. */
export const accessKeySchema = schema(0, block({
  create_date: a(S, 'c'),
  encrypted_secret: a(S, 'c'),
  encrypted_ses_smtp_password_v4: a(S, 'c'),
  id: a(S, 'oc'),
  key_fingerprint: a(S, 'c'),
  pgp_key: a(S, 'of'),
  secret: a(S, 'cs'),
  ses_smtp_password_v4: a(S, 'cs'),
  status: a(S, 'o', { default: stringVal('Active') }),
  user: a(S, 'rf'),
}));

/** aws_iam_instance_profile. */
export const instanceProfileSchema = schema(0, block({
  arn: a(S, 'c'),
  create_date: a(S, 'c'),
  id: a(S, 'oc'),
  name: a(S, 'ocf'),
  name_prefix: a(S, 'ocf'),
  path: a(S, 'of', slash),
  role: a(S, 'o'),
  unique_id: a(S, 'c'),
  ...tags,
}));

const principals = () => nested('set', block({ identifiers: a(T.Set(S), 'r'), type: a(S, 'r') }));

/** Data source aws_iam_policy_document. */
export const policyDocumentSchema = schema(0, block({
  id: a(S, 'oc'),
  json: a(S, 'c'),
  minified_json: a(S, 'c'),
  override_json: a(S, 'o', { deprecated: 'Not used' }),
  override_policy_documents: a(T.List(S), 'o'),
  policy_id: a(S, 'o'),
  source_json: a(S, 'o', { deprecated: 'Not used' }),
  source_policy_documents: a(T.List(S), 'o'),
  version: a(S, 'o'),
}, {
  statement: nested('list', block({
    actions: a(T.Set(S), 'o'),
    effect: a(S, 'o'),
    not_actions: a(T.Set(S), 'o'),
    not_resources: a(T.Set(S), 'o'),
    resources: a(T.Set(S), 'o'),
    sid: a(S, 'o'),
  }, {
    condition: nested('set', block({ test: a(S, 'r'), values: a(T.List(S), 'r'), variable: a(S, 'r') })),
    not_principals: principals(),
    principals: principals(),
  })),
}));

/** Data source aws_iam_role. */
export const roleDataSchema = schema(0, block({
  arn: a(S, 'c'),
  assume_role_policy: a(S, 'c'),
  create_date: a(S, 'c'),
  description: a(S, 'c'),
  id: a(S, 'oc'),
  max_session_duration: a(T.Number, 'c'),
  name: a(S, 'r'),
  path: a(S, 'c'),
  permissions_boundary: a(S, 'c'),
  role_last_used: a(T.List(T.Object_({ last_used_date: S, region: S })), 'c'),
  tags: a(T.Map(S), 'oc'),
  unique_id: a(S, 'c'),
}));

/** Data source aws_iam_policy. */
export const policyDataSchema = schema(0, block({
  arn: a(S, 'oc'),
  attachment_count: a(T.Number, 'c'),
  description: a(S, 'c'),
  id: a(S, 'oc'),
  name: a(S, 'oc'),
  path: a(S, 'c'),
  path_prefix: a(S, 'o'),
  policy: a(S, 'c'),
  policy_id: a(S, 'c'),
  tags: a(T.Map(S), 'oc'),
}));

/** aws_iam_openid_connect_provider. */
export const oidcProviderSchema = schema(0, block({
  arn: a(S, 'c'),
  client_id_list: a(T.Set(S), 'r'),
  id: a(S, 'oc'),
  thumbprint_list: a(T.List(S), 'oc'),
  url: a(S, 'rf'),
  ...tags,
}));
