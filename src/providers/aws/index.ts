/**
 * hashicorp/aws in terrane: the provider configuration and the resources and data sources
 * implemented so far, speaking to AWS (or any AWS-compatible endpoint) through the AWS SDK v3.
 */
import type { ProviderFactory } from '../protocol.js';
import { makeProvider } from '../sdk/provider.js';
import { configureAws, providerBlock, type AwsMeta } from './config.js';
import { awsAvailabilityZones } from './data/availability-zones.js';
import { awsCallerIdentity } from './data/caller-identity.js';
import { awsRegion } from './data/region.js';
import { awsInternetGateway } from './ec2/internet-gateway.js';
import { awsSubnet } from './ec2/subnet.js';
import { awsVpc } from './ec2/vpc.js';

/** The `aws` provider. */
export const awsProvider: ProviderFactory = {
  source: 'registry.terraform.io/hashicorp/aws',
  version: '5.80.0',
  create: () => makeProvider<AwsMeta>({
    schema: { version: 0, block: providerBlock },
    configure: (config) => configureAws(config),
    resources: {
      aws_internet_gateway: awsInternetGateway,
      aws_subnet: awsSubnet,
      aws_vpc: awsVpc,
    },
    dataSources: {
      aws_availability_zones: awsAvailabilityZones,
      aws_caller_identity: awsCallerIdentity,
      aws_region: awsRegion,
    },
    close: async (meta) => { meta?.destroy(); },
  }),
};
