/** The EC2 network resources and data sources (VPCs, subnets, gateways, routes, addresses). */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { lazyDataSource, lazyResource } from '../lazy.js';
import { subnetDataSchema, subnetsDataSchema, vpcDataSchema } from './data-schemas.js';
import { validateNatGateway, validateRoute, validateRouteTableAssociation } from './route-validate.js';
import { validateVpc } from './vpc-plan.js';
import { validateSubnet } from './cidr-validate.js';
import {
  defaultVpcSchema, eipSchema, internetGatewaySchema, mainRouteTableAssociationSchema, natGatewaySchema, routeSchema,
  routeTableAssociationSchema, routeTableSchema, subnetSchema, vpcSchema,
} from './schemas.js';

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {
  aws_default_vpc: lazyResource(defaultVpcSchema, async () => (await import('./default-vpc.js')).awsDefaultVpc),
  aws_eip: lazyResource(eipSchema, async () => (await import('./eip.js')).awsEip),
  aws_internet_gateway: lazyResource(internetGatewaySchema, async () => (await import('./internet-gateway.js')).awsInternetGateway),
  aws_main_route_table_association: lazyResource(mainRouteTableAssociationSchema, async () => (await import('./route-table-association.js')).awsMainRouteTableAssociation),
  aws_nat_gateway: {
    ...lazyResource(natGatewaySchema, async () => (await import('./nat-gateway.js')).awsNatGateway),
    validate: validateNatGateway,
  },
  aws_route: {
    ...lazyResource(routeSchema, async () => (await import('./route.js')).awsRoute),
    validate: validateRoute,
  },
  aws_route_table: lazyResource(routeTableSchema, async () => (await import('./route-table.js')).awsRouteTable),
  aws_route_table_association: {
    ...lazyResource(routeTableAssociationSchema, async () => (await import('./route-table-association.js')).awsRouteTableAssociation),
    validate: validateRouteTableAssociation,
  },
  aws_subnet: {
    ...lazyResource(subnetSchema, async () => (await import('./subnet.js')).awsSubnet),
    validate: validateSubnet,
  },
  aws_vpc: {
    ...lazyResource(vpcSchema, async () => (await import('./vpc.js')).awsVpc),
    validate: validateVpc,
  },
};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {
  aws_subnet: lazyDataSource(subnetDataSchema, async () => (await import('./network-data.js')).awsSubnetData),
  aws_subnets: lazyDataSource(subnetsDataSchema, async () => (await import('./network-data.js')).awsSubnetsData),
  aws_vpc: lazyDataSource(vpcDataSchema, async () => (await import('./network-data.js')).awsVpcData),
};
