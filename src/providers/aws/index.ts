/**
 * hashicorp/aws in terrane: the provider configuration and the resources and data sources,
 * speaking to AWS (or any AWS-compatible endpoint) through the AWS SDK v3. Each area lists
 * its types in `<area>/register.ts`; only schemas load here, implementations and the SDK
 * load on first use (lazy.ts).
 */
import type { ProviderFactory } from '../protocol.js';
import { makeProvider } from '../sdk/provider.js';
import type { DataSourceDef, ResourceDef } from '../sdk/resource.js';
import type { AwsMeta } from './config.js';
import * as compute from './compute/register.js';
import * as data from './data/register.js';
import * as dynamodb from './dynamodb/register.js';
import * as ec2 from './ec2/register.js';
import * as ecr from './ecr/register.js';
import * as iam from './iam/register.js';
import * as s3 from './s3/register.js';
import * as sg from './sg/register.js';
import * as sns from './sns/register.js';
import * as sqs from './sqs/register.js';
import { providerBlock } from './provider-schema.js';

const AREAS = [compute, data, dynamodb, ec2, ecr, iam, s3, sg, sns, sqs];

function merged<D>(pick: (area: (typeof AREAS)[number]) => Record<string, D>): Record<string, D> {
  const out: Record<string, D> = {};
  for (const area of AREAS) Object.assign(out, pick(area));
  return Object.fromEntries(Object.entries(out).sort(([x], [y]) => (x < y ? -1 : 1)));
}

/** The `aws` provider. */
export const awsProvider: ProviderFactory = {
  source: 'registry.terraform.io/hashicorp/aws',
  version: '5.80.0',
  create: () => makeProvider<AwsMeta>({
    schema: { version: 0, block: providerBlock },
    configure: async (config) => (await import('./config.js')).configureAws(config),
    resources: merged<ResourceDef<AwsMeta>>((a) => a.resources),
    dataSources: merged<DataSourceDef<AwsMeta>>((a) => a.dataSources),
    close: async (meta) => { meta?.destroy(); },
    // hashicorp/aws serves most resource types from the plugin SDK (v2).
    legacyTypeSystem: true,
  }),
};
