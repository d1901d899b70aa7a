/** ECR repositories and lifecycle policies. */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { lazyResource } from '../lazy.js';
import { lifecyclePolicySchema, repositorySchema } from './schemas.js';
import { validateLifecyclePolicy, validateRepository } from './validate.js';

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {
  aws_ecr_lifecycle_policy: {
    ...lazyResource(lifecyclePolicySchema, async () => (await import('./lifecycle-policy.js')).awsEcrLifecyclePolicy),
    validate: validateLifecyclePolicy,
  },
  aws_ecr_repository: { ...lazyResource(repositorySchema, async () => (await import('./repository.js')).awsEcrRepository), validate: validateRepository },
};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {};
