/**
 * Data source aws_availability_zones (ec2 DescribeAvailabilityZones): names and zone ids in
 * the provider's region, filtered by `state`, `all_availability_zones`, `exclude_names`,
 * `exclude_zone_ids` and `filter` blocks; id = the region, as the hashicorp provider sets it.
 */
import { DescribeAvailabilityZonesCommand, type Filter } from '@aws-sdk/client-ec2';
import { attr, bool, str, toJS, withAttrs } from '../../sdk/obj.js';
import { availabilityZonesSchema } from './schemas.js';
import type { DataSourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall } from '../errors.js';

/** The aws_availability_zones data source. */
export const awsAvailabilityZones: DataSourceDef<AwsMeta> = {
  schema: availabilityZonesSchema,
  async read(ctx, config) {
    const filters: Filter[] = [];
    const state = str(config, 'state');
    if (state) filters.push({ Name: 'state', Values: [state] });
    const given = (toJS(attr(config, 'filter')) as { name: string; values: string[] }[] | null) ?? [];
    for (const f of given) filters.push({ Name: f.name, Values: f.values });
    const out = await awsCall('reading Availability Zones', () => ctx.meta.ec2().send(new DescribeAvailabilityZonesCommand({
      AllAvailabilityZones: bool(config, 'all_availability_zones'),
      Filters: filters.length ? filters : undefined,
    })));
    const exNames = new Set((toJS(attr(config, 'exclude_names')) as string[] | null) ?? []);
    const exIds = new Set((toJS(attr(config, 'exclude_zone_ids')) as string[] | null) ?? []);
    const zones = (out.AvailabilityZones ?? [])
      .filter((z) => !exNames.has(z.ZoneName ?? '') && !exIds.has(z.ZoneId ?? ''))
      .sort((a, b) => (a.ZoneName ?? '').localeCompare(b.ZoneName ?? ''));
    const groups = [...new Set(zones.map((z) => z.GroupName).filter((g): g is string => !!g))].sort();
    return withAttrs(config, {
      id: ctx.meta.region, names: zones.map((z) => z.ZoneName), zone_ids: zones.map((z) => z.ZoneId), group_names: groups,
    });
  },
};
