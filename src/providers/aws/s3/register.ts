/** S3 buckets, their configuration resources and objects. */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { lazyResource } from '../lazy.js';
import { bucketSchema } from './bucket-schema.js';

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {
  aws_s3_bucket: lazyResource(bucketSchema, async () => (await import('./bucket.js')).awsS3Bucket),
};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {};
