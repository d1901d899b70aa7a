/** S3 buckets, their configuration resources and objects. */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { lazyResource } from '../lazy.js';
import { bucketSchema } from './bucket-schema.js';
import {
  bucketLifecycleSchema, bucketOwnershipControlsSchema, bucketPolicySchema, bucketPublicAccessBlockSchema, bucketSseSchema,
  bucketVersioningSchema, objectSchema,
} from './schemas.js';
import { validateBucket, validateObject } from './validate.js';

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {
  // lazyResource loads the implementation on first use; validation needs no SDK, so it is attached here.
  aws_s3_bucket: { ...lazyResource(bucketSchema, async () => (await import('./bucket.js')).awsS3Bucket), validate: validateBucket },
  aws_s3_bucket_lifecycle_configuration: lazyResource(bucketLifecycleSchema, async () => (await import('./lifecycle.js')).awsS3BucketLifecycle),
  aws_s3_bucket_ownership_controls: lazyResource(bucketOwnershipControlsSchema, async () => (await import('./ownership-controls.js')).awsS3BucketOwnershipControls),
  aws_s3_bucket_policy: lazyResource(bucketPolicySchema, async () => (await import('./bucket-policy.js')).awsS3BucketPolicy),
  aws_s3_bucket_public_access_block: lazyResource(bucketPublicAccessBlockSchema, async () => (await import('./public-access-block.js')).awsS3BucketPublicAccessBlock),
  aws_s3_bucket_server_side_encryption_configuration: lazyResource(bucketSseSchema, async () => (await import('./server-side-encryption.js')).awsS3BucketSse),
  aws_s3_bucket_versioning: lazyResource(bucketVersioningSchema, async () => (await import('./versioning.js')).awsS3BucketVersioning),
  aws_s3_object: { ...lazyResource(objectSchema, async () => (await import('./object.js')).awsS3Object), validate: validateObject },
};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {};
