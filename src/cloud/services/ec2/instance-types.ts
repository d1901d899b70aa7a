/** The instance type catalogue, where each type is offered, and the calls that describe both. */
import { AwsError } from '../../errors.js';
import type { Action } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { paginate } from './pagination.js';
import { REGIONS, regionInfo, zonesOf } from './zones.js';

/** What the catalogue knows of one instance type. */
export interface InstanceTypeSpec {
  name: string;
  vcpus: number;
  memMiB: number;
  arch: 'x86_64' | 'arm64' | 'i386+x86_64';
  burstable: boolean;
  hypervisor: 'xen' | 'nitro';
  current: boolean;
  freeTier: boolean;
  network: string;
  enis: number;
  ipsPerEni: number;
  clockGhz: number;
  manufacturer: string;
}

type Size = [suffix: string, vcpus: number, memMiB: number, network: string, enis: number, ips: number];

const T_SIZES: Size[] = [
  ['nano', 2, 512, 'Up to 5 Gigabit', 2, 2],
  ['micro', 2, 1024, 'Up to 5 Gigabit', 2, 2],
  ['small', 2, 2048, 'Up to 5 Gigabit', 3, 4],
  ['medium', 2, 4096, 'Up to 5 Gigabit', 3, 6],
  ['large', 2, 8192, 'Up to 5 Gigabit', 3, 12],
  ['xlarge', 4, 16384, 'Up to 5 Gigabit', 4, 15],
  ['2xlarge', 8, 32768, 'Up to 5 Gigabit', 4, 15],
];
const T2_SIZES: Size[] = [
  ['nano', 1, 512, 'Low to Moderate', 2, 2],
  ['micro', 1, 1024, 'Low to Moderate', 2, 2],
  ['small', 1, 2048, 'Low to Moderate', 3, 4],
  ['medium', 2, 4096, 'Low to Moderate', 3, 6],
  ['large', 2, 8192, 'Low to Moderate', 3, 12],
  ['xlarge', 4, 16384, 'Moderate', 3, 15],
  ['2xlarge', 8, 32768, 'Moderate', 3, 15],
];
/** Memory per vCPU of the general (4 GiB), compute (2 GiB) and memory (8 GiB) families. */
function sizes(gibPerVcpu: number, fourXl = true): Size[] {
  const s: Size[] = [
    ['large', 2, 2 * gibPerVcpu * 1024, 'Up to 10 Gigabit', 3, 10],
    ['xlarge', 4, 4 * gibPerVcpu * 1024, 'Up to 10 Gigabit', 4, 15],
    ['2xlarge', 8, 8 * gibPerVcpu * 1024, 'Up to 10 Gigabit', 4, 15],
  ];
  if (fourXl) s.push(['4xlarge', 16, 16 * gibPerVcpu * 1024, 'Up to 10 Gigabit', 8, 30]);
  return s;
}

function family(
  prefix: string,
  list: Size[],
  o: Partial<InstanceTypeSpec> & Pick<InstanceTypeSpec, 'arch' | 'hypervisor' | 'clockGhz' | 'manufacturer'>,
): InstanceTypeSpec[] {
  return list.map(([suffix, vcpus, memMiB, network, enis, ipsPerEni]) => ({
    name: `${prefix}.${suffix}`,
    vcpus,
    memMiB,
    burstable: false,
    current: true,
    freeTier: false,
    network,
    enis,
    ipsPerEni,
    ...o,
  }));
}

/** Every type the cloud knows. */
export const INSTANCE_TYPES: InstanceTypeSpec[] = [
  { name: 't1.micro', vcpus: 1, memMiB: 627, arch: 'i386+x86_64', burstable: false, hypervisor: 'xen', current: false, freeTier: false, network: 'Very Low', enis: 2, ipsPerEni: 2, clockGhz: 2.4, manufacturer: 'Intel' },
  { name: 'm1.small', vcpus: 1, memMiB: 1740, arch: 'i386+x86_64', burstable: false, hypervisor: 'xen', current: false, freeTier: false, network: 'Low', enis: 2, ipsPerEni: 4, clockGhz: 2.0, manufacturer: 'Intel' },
  { name: 'm3.medium', vcpus: 1, memMiB: 3840, arch: 'x86_64', burstable: false, hypervisor: 'xen', current: false, freeTier: false, network: 'Moderate', enis: 2, ipsPerEni: 6, clockGhz: 2.5, manufacturer: 'Intel' },
  { name: 'c3.large', vcpus: 2, memMiB: 3840, arch: 'x86_64', burstable: false, hypervisor: 'xen', current: false, freeTier: false, network: 'Moderate', enis: 3, ipsPerEni: 10, clockGhz: 2.8, manufacturer: 'Intel' },
  ...family('t2', T2_SIZES, { arch: 'x86_64', hypervisor: 'xen', burstable: true, clockGhz: 2.3, manufacturer: 'Intel' }).map((t) => ({ ...t, freeTier: t.name === 't2.micro' })),
  ...family('t3', T_SIZES, { arch: 'x86_64', hypervisor: 'nitro', burstable: true, clockGhz: 2.5, manufacturer: 'Intel' }).map((t) => ({ ...t, freeTier: t.name === 't3.micro' })),
  ...family('t3a', T_SIZES, { arch: 'x86_64', hypervisor: 'nitro', burstable: true, clockGhz: 2.2, manufacturer: 'AMD' }),
  ...family('t4g', T_SIZES, { arch: 'arm64', hypervisor: 'nitro', burstable: true, clockGhz: 2.5, manufacturer: 'AWS' }),
  ...family('m4', sizes(4), { arch: 'x86_64', hypervisor: 'xen', clockGhz: 2.4, manufacturer: 'Intel' }),
  ...family('c4', sizes(1.875), { arch: 'x86_64', hypervisor: 'xen', clockGhz: 2.9, manufacturer: 'Intel' }),
  ...family('m5', sizes(4), { arch: 'x86_64', hypervisor: 'nitro', clockGhz: 3.1, manufacturer: 'Intel' }),
  ...family('m6i', sizes(4), { arch: 'x86_64', hypervisor: 'nitro', clockGhz: 3.5, manufacturer: 'Intel' }),
  ...family('m6g', sizes(4), { arch: 'arm64', hypervisor: 'nitro', clockGhz: 2.5, manufacturer: 'AWS' }),
  ...family('m7i', sizes(4), { arch: 'x86_64', hypervisor: 'nitro', clockGhz: 3.2, manufacturer: 'Intel' }),
  ...family('m7g', sizes(4), { arch: 'arm64', hypervisor: 'nitro', clockGhz: 2.6, manufacturer: 'AWS' }),
  ...family('c5', sizes(2), { arch: 'x86_64', hypervisor: 'nitro', clockGhz: 3.4, manufacturer: 'Intel' }),
  ...family('c6i', sizes(2), { arch: 'x86_64', hypervisor: 'nitro', clockGhz: 3.5, manufacturer: 'Intel' }),
  ...family('c6g', sizes(2), { arch: 'arm64', hypervisor: 'nitro', clockGhz: 2.5, manufacturer: 'AWS' }),
  ...family('c7g', sizes(2), { arch: 'arm64', hypervisor: 'nitro', clockGhz: 2.6, manufacturer: 'AWS' }),
  ...family('c7i', sizes(2), { arch: 'x86_64', hypervisor: 'nitro', clockGhz: 3.2, manufacturer: 'Intel' }),
  ...family('r5', sizes(8), { arch: 'x86_64', hypervisor: 'nitro', clockGhz: 3.1, manufacturer: 'Intel' }),
  ...family('r6i', sizes(8), { arch: 'x86_64', hypervisor: 'nitro', clockGhz: 3.5, manufacturer: 'Intel' }),
  ...family('r6g', sizes(8), { arch: 'arm64', hypervisor: 'nitro', clockGhz: 2.5, manufacturer: 'AWS' }),
];

const TYPES = new Map(INSTANCE_TYPES.map((t) => [t.name, t]));

/** The catalogue entry, or undefined. */
export function instanceType(name: string): InstanceTypeSpec | undefined {
  return TYPES.get(name);
}

const LEGACY = new Set(['t1', 'm1', 'm3', 'c3', 'm4', 'c4']);
const SEVENTH = new Set(['m7i', 'm7g', 'c7g', 'c7i']);
/** Zones that, as on AWS, offer only the older Xen families (us-east-1e is the well-known one). */
const LEGACY_ONLY_ZONES = new Set(['use1-az3']);
/** Zones without the newest generation. */
const NO_SEVENTH_ZONES = new Set(['usw1-az1', 'apne1-az2', 'cac1-az4', 'usw2-az4', 'apne2-az2']);
/** Regions that never had the previous-generation Xen types. */
const NO_XEN_REGIONS = new Set(['eu-north-1', 'ap-northeast-3', 'af-south-1', 'me-south-1', 'eu-south-1', 'ap-east-1']);

/** True if the type is offered in the zone (by zone id) of the region. */
export function offeredInZone(type: InstanceTypeSpec, region: string, zoneId: string): boolean {
  const fam = type.name.split('.')[0]!;
  if (LEGACY_ONLY_ZONES.has(zoneId)) return LEGACY.has(fam);
  if (type.hypervisor === 'xen' && NO_XEN_REGIONS.has(region)) return false;
  if (SEVENTH.has(fam) && NO_SEVENTH_ZONES.has(zoneId)) return false;
  return true;
}

/** The zone names of the region offering the type. */
export function zonesOffering(type: InstanceTypeSpec, region: string): string[] {
  return zonesOf(region)
    .filter((z) => offeredInZone(type, region, z.zoneId))
    .map((z) => z.zoneName);
}

function typeInfo(t: InstanceTypeSpec): Record<string, unknown> {
  const nitro = t.hypervisor === 'nitro';
  const archs = t.arch === 'i386+x86_64' ? ['i386', 'x86_64'] : [t.arch];
  const threads = t.arch === 'arm64' || t.vcpus === 1 ? 1 : 2;
  const cores = Math.max(1, t.vcpus / threads);
  return {
    instanceType: t.name,
    currentGeneration: t.current,
    freeTierEligible: t.freeTier,
    supportedUsageClasses: ['on-demand', 'spot'],
    supportedRootDeviceTypes: nitro ? ['ebs'] : ['ebs', 'instance-store'],
    supportedVirtualizationTypes: t.current ? ['hvm'] : ['hvm', 'paravirtual'],
    bareMetal: false,
    hypervisor: t.hypervisor,
    processorInfo: { supportedArchitectures: archs, sustainedClockSpeedInGhz: t.clockGhz, manufacturer: t.manufacturer },
    vCpuInfo: {
      defaultVCpus: t.vcpus,
      defaultCores: cores,
      defaultThreadsPerCore: threads,
      validCores: t.burstable ? undefined : Array.from({ length: cores }, (_, i) => i + 1),
      validThreadsPerCore: t.burstable ? undefined : threads === 2 ? [1, 2] : [1],
    },
    memoryInfo: { sizeInMiB: t.memMiB },
    instanceStorageSupported: false,
    ebsInfo: {
      ebsOptimizedSupport: nitro ? 'default' : t.name.startsWith('m4') || t.name.startsWith('c4') ? 'default' : 'unsupported',
      encryptionSupport: 'supported',
      ebsOptimizedInfo: nitro ? { baselineBandwidthInMbps: 650, baselineThroughputInMBps: 81.25, baselineIops: 3600, maximumBandwidthInMbps: 4750, maximumThroughputInMBps: 593.75, maximumIops: 18750 } : undefined,
      nvmeSupport: nitro ? 'required' : 'unsupported',
      maximumEbsAttachments: nitro ? 28 : undefined,
    },
    networkInfo: {
      networkPerformance: t.network,
      maximumNetworkInterfaces: t.enis,
      maximumNetworkCards: 1,
      defaultNetworkCardIndex: 0,
      networkCards: [{ networkCardIndex: 0, networkPerformance: t.network, maximumNetworkInterfaces: t.enis, baselineBandwidthInGbps: 0.5, peakBandwidthInGbps: 5 }],
      ipv4AddressesPerInterface: t.ipsPerEni,
      ipv6AddressesPerInterface: t.ipsPerEni,
      ipv6Supported: nitro || t.name.startsWith('t2'),
      enaSupport: nitro ? 'required' : 'unsupported',
      efaSupported: false,
      encryptionInTransitSupported: nitro && !t.burstable,
      enaSrdSupported: false,
    },
    placementGroupInfo: { supportedStrategies: t.burstable ? ['partition', 'spread'] : ['cluster', 'partition', 'spread'] },
    hibernationSupported: t.arch !== 'arm64' && t.current,
    burstablePerformanceSupported: t.burstable,
    dedicatedHostsSupported: !t.burstable || t.name.startsWith('t3'),
    autoRecoverySupported: true,
    supportedBootModes: t.arch === 'arm64' ? ['uefi'] : nitro ? ['legacy-bios', 'uefi'] : ['legacy-bios'],
    nitroEnclavesSupport: nitro && !t.burstable && t.vcpus >= 4 ? 'supported' : 'unsupported',
    nitroTpmSupport: nitro ? 'supported' : 'unsupported',
    nitroTpmInfo: nitro ? { supportedVersions: ['2.0'] } : undefined,
    phcSupport: nitro ? 'supported' : 'unsupported',
  };
}

interface TypeItem extends InstanceTypeSpec {
  tags?: never[];
}

const typeFilters: FilterSpec<TypeItem> = {
  'instance-type': (t) => t.name,
  'current-generation': (t) => t.current,
  'burstable-performance-supported': (t) => t.burstable,
  'free-tier-eligible': (t) => t.freeTier,
  hypervisor: (t) => t.hypervisor,
  'processor-info.supported-architecture': (t) => (t.arch === 'i386+x86_64' ? ['i386', 'x86_64'] : t.arch),
  'vcpu-info.default-vcpus': (t) => t.vcpus,
  'memory-info.size-in-mib': (t) => t.memMiB,
  'bare-metal': () => false,
  'instance-storage-supported': () => false,
  'network-info.ena-support': (t) => (t.hypervisor === 'nitro' ? 'required' : 'unsupported'),
  'supported-root-device-type': (t) => (t.hypervisor === 'nitro' ? 'ebs' : ['ebs', 'instance-store']),
  'supported-usage-class': () => ['on-demand', 'spot'],
  'supported-virtualization-type': (t) => (t.current ? 'hvm' : ['hvm', 'paravirtual']),
  'processor-info.manufacturer': (t) => t.manufacturer,
};

const describeInstanceTypes: Action = ({ p, db }) => {
  const names = p.strs('InstanceType');
  const missing = names.filter((n) => !TYPES.has(n));
  if (missing.length) {
    throw new AwsError('InvalidInstanceType', `The following supplied instance types do not exist: [${missing.join(', ')}]`);
  }
  let items: TypeItem[] = INSTANCE_TYPES.filter((t) => zonesOffering(t, db.region).length > 0);
  if (names.length) items = INSTANCE_TYPES.filter((t) => names.includes(t.name));
  items = filtered(p, items, typeFilters);
  const page = paginate(p, items, { min: 5, max: 100 });
  return { instanceTypeSet: page.items.map(typeInfo), nextToken: page.nextToken };
};

interface Offering {
  instanceType: string;
  locationType: string;
  location: string;
  tags?: never[];
}

const offeringFilters: FilterSpec<Offering> = {
  'instance-type': (o) => o.instanceType,
  location: (o) => o.location,
};

const describeInstanceTypeOfferings: Action = ({ p, db }) => {
  const lt = p.str('LocationType') ?? 'region';
  if (!['region', 'availability-zone', 'availability-zone-id', 'outpost'].includes(lt)) {
    throw new AwsError('InvalidParameterValue', `Value (${lt}) for parameter locationType is invalid. Valid values: region, availability-zone, availability-zone-id, outpost`);
  }
  const out: Offering[] = [];
  const zones = zonesOf(db.region);
  for (const t of INSTANCE_TYPES) {
    if (lt === 'region') {
      if (zones.some((z) => offeredInZone(t, db.region, z.zoneId))) out.push({ instanceType: t.name, locationType: lt, location: db.region });
    } else if (lt !== 'outpost') {
      for (const z of zones) {
        if (offeredInZone(t, db.region, z.zoneId)) out.push({ instanceType: t.name, locationType: lt, location: lt === 'availability-zone' ? z.zoneName : z.zoneId });
      }
    }
  }
  const items = filtered(p, out, offeringFilters);
  const page = paginate(p, items, { min: 5, max: 1000 });
  return {
    instanceTypeOfferingSet: page.items.map((o) => ({ instanceType: o.instanceType, locationType: o.locationType, location: o.location })),
    nextToken: page.nextToken,
  };
};

/** The catalogue's actions. */
export const instanceTypeActions: Record<string, Action> = {
  DescribeInstanceTypes: describeInstanceTypes,
  DescribeInstanceTypeOfferings: describeInstanceTypeOfferings,
};

/** All region names (for tests and the image catalogue). */
export const REGION_NAMES = REGIONS.map((r) => r.name);
export { regionInfo };
