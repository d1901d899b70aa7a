/**
 * hashicorp/aws in terrane: the provider configuration and the resources and data sources
 * implemented so far, speaking to AWS (or any AWS-compatible endpoint) through the AWS SDK v3.
 * Only schemas are loaded here; implementations and the SDK load on first use (lazy.ts).
 */
import type { ProviderFactory } from '../protocol.js';
import { makeProvider } from '../sdk/provider.js';
import type { AwsMeta } from './config.js';
import { availabilityZonesSchema, callerIdentitySchema, regionSchema } from './data/schemas.js';
import { internetGatewaySchema, subnetSchema, vpcSchema } from './ec2/schemas.js';
import { lazyDataSource, lazyResource } from './lazy.js';
import { providerBlock } from './provider-schema.js';

/** The `aws` provider. */
export const awsProvider: ProviderFactory = {
  source: 'registry.terraform.io/hashicorp/aws',
  version: '5.80.0',
  create: () => makeProvider<AwsMeta>({
    schema: { version: 0, block: providerBlock },
    configure: async (config) => (await import('./config.js')).configureAws(config),
    resources: {
      aws_internet_gateway: lazyResource(internetGatewaySchema, async () => (await import('./ec2/internet-gateway.js')).awsInternetGateway),
      aws_subnet: lazyResource(subnetSchema, async () => (await import('./ec2/subnet.js')).awsSubnet),
      aws_vpc: lazyResource(vpcSchema, async () => (await import('./ec2/vpc.js')).awsVpc),
    },
    dataSources: {
      aws_availability_zones: lazyDataSource(availabilityZonesSchema, async () => (await import('./data/availability-zones.js')).awsAvailabilityZones),
      aws_caller_identity: lazyDataSource(callerIdentitySchema, async () => (await import('./data/caller-identity.js')).awsCallerIdentity),
      aws_region: lazyDataSource(regionSchema, async () => (await import('./data/region.js')).awsRegion),
    },
    close: async (meta) => { meta?.destroy(); },
  }),
};
