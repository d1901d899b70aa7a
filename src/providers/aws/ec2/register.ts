/** The EC2 network resources and data sources (VPCs, subnets, gateways, routes, addresses). */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { lazyResource } from '../lazy.js';
import { internetGatewaySchema, subnetSchema, vpcSchema } from './schemas.js';

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {
  aws_internet_gateway: lazyResource(internetGatewaySchema, async () => (await import('./internet-gateway.js')).awsInternetGateway),
  aws_subnet: lazyResource(subnetSchema, async () => (await import('./subnet.js')).awsSubnet),
  aws_vpc: lazyResource(vpcSchema, async () => (await import('./vpc.js')).awsVpc),
};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {};
