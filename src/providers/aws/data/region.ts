/**
 * Data source aws_region: the provider's region (or the one named), with its EC2 endpoint
 * host and description from ec2 DescribeRegions.
 */
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { str, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type DataSourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { regionSchema } from './schemas.js';
import { awsCall } from '../errors.js';

/** Region descriptions as the hashicorp provider reports them (from the AWS partition data). */
const DESCRIPTIONS: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)', 'us-east-2': 'US East (Ohio)', 'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)', 'eu-west-1': 'Europe (Ireland)', 'eu-west-2': 'Europe (London)', 'eu-west-3': 'Europe (Paris)',
  'eu-central-1': 'Europe (Frankfurt)', 'eu-north-1': 'Europe (Stockholm)', 'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)', 'ap-northeast-2': 'Asia Pacific (Seoul)', 'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)', 'ca-central-1': 'Canada (Central)', 'sa-east-1': 'South America (Sao Paulo)',
};

/** The aws_region data source. */
export const awsRegion: DataSourceDef<AwsMeta> = {
  schema: regionSchema,
  async read(ctx, config) {
    const name = str(config, 'name') ?? ctx.meta.region;
    const out = await awsCall('reading EC2 Regions', () => ctx.meta.ec2().send(new DescribeRegionsCommand({ AllRegions: true })));
    const r = out.Regions?.find((x) => x.RegionName === name);
    const endpoint = r?.Endpoint ?? `ec2.${name}.amazonaws.com`;
    const wanted = str(config, 'endpoint');
    if (!r && !DESCRIPTIONS[name]) throw new ProviderError(`reading AWS Region: region not found for name: ${name}`);
    if (wanted && wanted !== endpoint) throw new ProviderError(`reading AWS Region: region not found for endpoint: ${wanted}`);
    return withAttrs(config, { name, id: name, endpoint, description: DESCRIPTIONS[name] ?? name });
  },
};
