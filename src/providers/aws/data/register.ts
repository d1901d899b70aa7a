/** Data sources about the account and region. */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { lazyDataSource } from '../lazy.js';
import { availabilityZonesSchema, callerIdentitySchema, regionSchema } from './schemas.js';

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {
  aws_availability_zones: lazyDataSource(availabilityZonesSchema, async () => (await import('./availability-zones.js')).awsAvailabilityZones),
  aws_caller_identity: lazyDataSource(callerIdentitySchema, async () => (await import('./caller-identity.js')).awsCallerIdentity),
  aws_region: lazyDataSource(regionSchema, async () => (await import('./region.js')).awsRegion),
};
