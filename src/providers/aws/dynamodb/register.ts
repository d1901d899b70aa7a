/** DynamoDB tables. */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { lazyResource } from '../lazy.js';
import { tableSchema } from './schemas.js';
import { validateTable } from './validate.js';

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {
  aws_dynamodb_table: { ...lazyResource(tableSchema, async () => (await import('./table.js')).awsDynamodbTable), validate: validateTable },
};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {};
