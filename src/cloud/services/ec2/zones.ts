/** Regions and availability zones as AWS names them, and the calls that describe them. */
import { AwsError } from '../../errors.js';
import type { Action } from './db.js';
import { filtered, type FilterSpec } from './filters.js';

/** One region: whether it needs opting in, and its zones as [letter, zone id]. */
export interface RegionInfo {
  name: string;
  optIn: boolean;
  zones: [string, string][];
}

/** Region -> zones. Zone ids are AWS's physical ids; the letter mapping is the one most accounts see. */
export const REGIONS: RegionInfo[] = [
  { name: 'us-east-1', optIn: false, zones: [['a', 'use1-az6'], ['b', 'use1-az1'], ['c', 'use1-az2'], ['d', 'use1-az4'], ['e', 'use1-az3'], ['f', 'use1-az5']] },
  { name: 'us-east-2', optIn: false, zones: [['a', 'use2-az1'], ['b', 'use2-az2'], ['c', 'use2-az3']] },
  { name: 'us-west-1', optIn: false, zones: [['b', 'usw1-az1'], ['c', 'usw1-az3']] },
  { name: 'us-west-2', optIn: false, zones: [['a', 'usw2-az2'], ['b', 'usw2-az1'], ['c', 'usw2-az3'], ['d', 'usw2-az4']] },
  { name: 'ca-central-1', optIn: false, zones: [['a', 'cac1-az1'], ['b', 'cac1-az2'], ['d', 'cac1-az4']] },
  { name: 'sa-east-1', optIn: false, zones: [['a', 'sae1-az1'], ['b', 'sae1-az2'], ['c', 'sae1-az3']] },
  { name: 'eu-west-1', optIn: false, zones: [['a', 'euw1-az3'], ['b', 'euw1-az1'], ['c', 'euw1-az2']] },
  { name: 'eu-west-2', optIn: false, zones: [['a', 'euw2-az2'], ['b', 'euw2-az3'], ['c', 'euw2-az1']] },
  { name: 'eu-west-3', optIn: false, zones: [['a', 'euw3-az1'], ['b', 'euw3-az2'], ['c', 'euw3-az3']] },
  { name: 'eu-central-1', optIn: false, zones: [['a', 'euc1-az2'], ['b', 'euc1-az3'], ['c', 'euc1-az1']] },
  { name: 'eu-north-1', optIn: false, zones: [['a', 'eun1-az1'], ['b', 'eun1-az2'], ['c', 'eun1-az3']] },
  { name: 'ap-south-1', optIn: false, zones: [['a', 'aps1-az1'], ['b', 'aps1-az3'], ['c', 'aps1-az2']] },
  { name: 'ap-northeast-1', optIn: false, zones: [['a', 'apne1-az4'], ['c', 'apne1-az1'], ['d', 'apne1-az2']] },
  { name: 'ap-northeast-2', optIn: false, zones: [['a', 'apne2-az1'], ['b', 'apne2-az2'], ['c', 'apne2-az3'], ['d', 'apne2-az4']] },
  { name: 'ap-northeast-3', optIn: false, zones: [['a', 'apne3-az3'], ['b', 'apne3-az1'], ['c', 'apne3-az2']] },
  { name: 'ap-southeast-1', optIn: false, zones: [['a', 'apse1-az1'], ['b', 'apse1-az2'], ['c', 'apse1-az3']] },
  { name: 'ap-southeast-2', optIn: false, zones: [['a', 'apse2-az1'], ['b', 'apse2-az3'], ['c', 'apse2-az2']] },
  { name: 'af-south-1', optIn: true, zones: [['a', 'afs1-az1'], ['b', 'afs1-az2'], ['c', 'afs1-az3']] },
  { name: 'ap-east-1', optIn: true, zones: [['a', 'ape1-az1'], ['b', 'ape1-az2'], ['c', 'ape1-az3']] },
  { name: 'eu-south-1', optIn: true, zones: [['a', 'eus1-az1'], ['b', 'eus1-az2'], ['c', 'eus1-az3']] },
  { name: 'me-south-1', optIn: true, zones: [['a', 'mes1-az1'], ['b', 'mes1-az2'], ['c', 'mes1-az3']] },
];

const BY_NAME = new Map(REGIONS.map((r) => [r.name, r]));

/** The region's info; an unknown region name behaves like a three-zone region. */
export function regionInfo(region: string): RegionInfo {
  return BY_NAME.get(region) ?? { name: region, optIn: false, zones: [['a', `${region}-az1`], ['b', `${region}-az2`], ['c', `${region}-az3`]] };
}

/** One availability zone. */
export interface Zone {
  zoneName: string;
  zoneId: string;
  regionName: string;
}

/** The zones of a region, in name order. */
export function zonesOf(region: string): Zone[] {
  const r = regionInfo(region);
  return r.zones.map(([l, id]) => ({ zoneName: region + l, zoneId: id, regionName: region }));
}

/** The zone by name or id, or undefined. */
export function findZone(region: string, nameOrId: string): Zone | undefined {
  return zonesOf(region).find((z) => z.zoneName === nameOrId || z.zoneId === nameOrId);
}

interface ZoneItem extends Zone {
  tags?: never[];
}

const zoneFilters: FilterSpec<ZoneItem> = {
  'zone-name': (z) => z.zoneName,
  'zone-id': (z) => z.zoneId,
  'region-name': (z) => z.regionName,
  state: () => 'available',
  'zone-type': () => 'availability-zone',
  'opt-in-status': () => 'opt-in-not-required',
  'group-name': (z) => z.regionName,
  'network-border-group': (z) => z.regionName,
  message: () => undefined,
  'parent-zone-name': () => undefined,
  'parent-zone-id': () => undefined,
};

const describeAvailabilityZones: Action = ({ p, db }) => {
  let zones: ZoneItem[] = zonesOf(db.region);
  const names = p.strs('ZoneName');
  const ids = p.strs('ZoneId');
  for (const n of names) {
    if (!zones.some((z) => z.zoneName === n)) throw new AwsError('InvalidParameterValue', `The zone '${n}' does not exist.`);
  }
  for (const n of ids) {
    if (!zones.some((z) => z.zoneId === n)) throw new AwsError('InvalidParameterValue', `The zone id '${n}' does not exist.`);
  }
  if (names.length || ids.length) zones = zones.filter((z) => names.includes(z.zoneName) || ids.includes(z.zoneId));
  zones = filtered(p, zones, zoneFilters);
  return {
    availabilityZoneInfo: zones.map((z) => ({
      optInStatus: 'opt-in-not-required',
      messageSet: [],
      regionName: z.regionName,
      zoneName: z.zoneName,
      zoneId: z.zoneId,
      groupName: z.regionName,
      networkBorderGroup: z.regionName,
      zoneType: 'availability-zone',
      groupLongName: z.regionName,
      zoneState: 'available',
    })),
  };
};

interface RegionItem {
  name: string;
  optIn: boolean;
  tags?: never[];
}

const regionFilters: FilterSpec<RegionItem> = {
  'region-name': (r) => r.name,
  endpoint: (r) => `ec2.${r.name}.amazonaws.com`,
  'opt-in-status': (r) => (r.optIn ? 'not-opted-in' : 'opt-in-not-required'),
};

const describeRegions: Action = ({ p }) => {
  const all = p.bool('AllRegions') ?? false;
  const names = p.strs('RegionName');
  let regions: RegionItem[] = REGIONS.filter((r) => all || names.length > 0 || !r.optIn);
  for (const n of names) {
    if (!BY_NAME.has(n)) throw new AwsError('InvalidParameterValue', `Invalid region: ${n}`);
  }
  if (names.length) regions = regions.filter((r) => names.includes(r.name));
  regions = filtered(p, regions, regionFilters);
  return {
    regionInfo: regions.map((r) => ({
      regionName: r.name,
      regionEndpoint: `ec2.${r.name}.amazonaws.com`,
      optInStatus: r.optIn ? 'not-opted-in' : 'opt-in-not-required',
    })),
  };
};

/** The zone and region actions. */
export const zoneActions: Record<string, Action> = {
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeRegions: describeRegions,
};
