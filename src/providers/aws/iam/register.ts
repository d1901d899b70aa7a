/** IAM users, groups, roles, policies, access keys and instance profiles; the policy document data source. */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {};
