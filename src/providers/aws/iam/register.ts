/** IAM users, groups, roles, policies, access keys and instance profiles; the policy document data source. */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
// The policy document is computed locally with no AWS SDK, so it loads eagerly (and keeps its validate).
import { awsIamPolicyDocument } from './policy-document.js';

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {
  aws_iam_policy_document: awsIamPolicyDocument,
};
