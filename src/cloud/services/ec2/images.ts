/** The public AMI catalogue (Ubuntu, Amazon Linux, Debian) and DescribeImages over it. */
import { createHash } from 'node:crypto';
import { AwsError } from '../../errors.js';
import type { Action, Tag } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { checkMalformed } from './ids.js';
import { paginate } from './pagination.js';

/** One AMI as the cloud keeps it. */
export interface Image {
  imageId: string;
  name: string;
  description: string;
  ownerId: string;
  ownerAlias?: string;
  location: string;
  architecture: 'x86_64' | 'arm64';
  creationDate: string;
  rootDeviceName: string;
  volumeType: 'gp2' | 'gp3';
  volumeSize: number;
  snapshotId: string;
  ephemeral: boolean;
  bootMode?: string;
  imdsSupport?: string;
  tags: Tag[];
}

/** Canonical's, Amazon's and Debian's publishing accounts. */
export const OWNERS = { canonical: '099720109477', amazon: '137112412989', debian: '136693071363' } as const;

interface Template {
  name: string;
  description: string;
  owner: keyof typeof OWNERS;
  arch: 'x86_64' | 'arm64';
  date: string;
  root: string;
  vol: 'gp2' | 'gp3';
  ephemeral?: boolean;
  bootMode?: string;
  imds?: string;
}

function ubuntu(series: string, version: string, dir: string, build: string, time: string, vol: 'gp2' | 'gp3'): Template[] {
  const y = build.slice(0, 4);
  const m = build.slice(4, 6);
  const d = build.slice(6, 8);
  return (['amd64', 'arm64'] as const).map((a) => ({
    name: `ubuntu/images/${dir}/ubuntu-${series}-${version}-${a}-server-${build}`,
    description: `Canonical, Ubuntu, ${version} LTS, ${a} ${series} image build on ${y}-${m}-${d}`,
    owner: 'canonical',
    arch: a === 'amd64' ? 'x86_64' : 'arm64',
    date: `${y}-${m}-${d}T${time}.000Z`,
    root: '/dev/sda1',
    vol,
    ephemeral: true,
    bootMode: a === 'arm64' ? 'uefi' : undefined,
  }));
}

function al2023(version: string, date: string): Template[] {
  return (['x86_64', 'arm64'] as const).map((a) => ({
    name: `al2023-ami-${version}-kernel-6.1-${a}`,
    description: `Amazon Linux 2023 AMI ${version} ${a} HVM kernel-6.1`,
    owner: 'amazon',
    arch: a,
    date,
    root: '/dev/xvda',
    vol: 'gp3',
    bootMode: 'uefi-preferred',
    imds: 'v2.0',
  }));
}

function al2(version: string, date: string): Template[] {
  return [
    ...(['x86_64', 'arm64'] as const).map((a): Template => ({
      name: `amzn2-ami-kernel-5.10-hvm-${version}-${a}-gp2`,
      description: `Amazon Linux 2 Kernel 5.10 AMI ${version} ${a} HVM gp2`,
      owner: 'amazon',
      arch: a,
      date,
      root: '/dev/xvda',
      vol: 'gp2',
    })),
    {
      name: `amzn2-ami-hvm-${version}-x86_64-gp2`,
      description: `Amazon Linux 2 AMI ${version} x86_64 HVM gp2`,
      owner: 'amazon',
      arch: 'x86_64',
      date,
      root: '/dev/xvda',
      vol: 'gp2',
    },
  ];
}

function debian(major: string, build: string, date: string): Template[] {
  return (['amd64', 'arm64'] as const).map((a) => ({
    name: `debian-${major}-${a}-${build}`,
    description: `Debian ${major} (${build})`,
    owner: 'debian',
    arch: a === 'amd64' ? 'x86_64' : 'arm64',
    date,
    root: '/dev/xvda',
    vol: 'gp2',
  }));
}

const TEMPLATES: Template[] = [
  ...ubuntu('focal', '20.04', 'hvm-ssd', '20231207', '08:21:17', 'gp2'),
  ...ubuntu('focal', '20.04', 'hvm-ssd', '20240207.1', '07:13:29', 'gp2'),
  ...ubuntu('jammy', '22.04', 'hvm-ssd', '20231207', '07:45:53', 'gp2'),
  ...ubuntu('jammy', '22.04', 'hvm-ssd', '20240111', '09:01:40', 'gp2'),
  ...ubuntu('jammy', '22.04', 'hvm-ssd', '20240207.1', '07:37:52', 'gp2'),
  ...ubuntu('jammy', '22.04', 'hvm-ssd', '20240301', '08:48:39', 'gp2'),
  ...ubuntu('noble', '24.04', 'hvm-ssd-gp3', '20240423', '12:09:59', 'gp3'),
  ...ubuntu('noble', '24.04', 'hvm-ssd-gp3', '20240523.1', '05:40:28', 'gp3'),
  ...al2('2.0.20240109.0', '2024-01-10T01:12:45.000Z'),
  ...al2('2.0.20240131.0', '2024-02-01T00:47:26.000Z'),
  ...al2('2.0.20240306.2', '2024-03-07T22:55:43.000Z'),
  ...al2023('2023.3.20240117.0', '2024-01-16T22:40:45.000Z'),
  ...al2023('2023.3.20240205.2', '2024-02-06T20:38:43.000Z'),
  ...al2023('2023.4.20240401.1', '2024-04-01T22:48:01.000Z'),
  ...debian('11', '20240104-1616', '2024-01-04T16:22:31.000Z'),
  ...debian('12', '20240102-1614', '2024-01-02T16:20:51.000Z'),
  ...debian('12', '20240201-1644', '2024-02-01T16:50:13.000Z'),
];

function hash(s: string, n: number): string {
  return createHash('sha256').update(s).digest('hex').slice(0, n);
}

const byRegion = new Map<string, Image[]>();

/** The public images of a region; ids differ per region, as AMI ids do on AWS. */
export function publicImages(region: string): Image[] {
  let list = byRegion.get(region);
  if (list) return list;
  list = TEMPLATES.map((t) => {
    const owner = OWNERS[t.owner];
    return {
      imageId: `ami-0${hash(`${region}/${t.name}`, 16)}`,
      name: t.name,
      description: t.description,
      ownerId: owner,
      ownerAlias: t.owner === 'amazon' ? 'amazon' : undefined,
      location: `${t.owner === 'amazon' ? 'amazon' : owner}/${t.name}`,
      architecture: t.arch,
      creationDate: t.date,
      rootDeviceName: t.root,
      volumeType: t.vol,
      volumeSize: 8,
      snapshotId: `snap-0${hash(`${region}/${t.name}/snap`, 16)}`,
      ephemeral: t.ephemeral ?? false,
      bootMode: t.bootMode,
      imdsSupport: t.imds,
      tags: [],
    };
  });
  list.sort((a, b) => (a.imageId < b.imageId ? -1 : 1));
  byRegion.set(region, list);
  return list;
}

/** One image by id, or undefined. */
export function findImage(region: string, id: string): Image | undefined {
  return publicImages(region).find((i) => i.imageId === id);
}

/** Checks an AMI id as RunInstances/DescribeImages do: Malformed, then NotFound. */
export function requireImage(region: string, id: string): Image {
  checkMalformed(id, 'ami', 'InvalidAMIID.Malformed');
  const img = findImage(region, id);
  if (!img) throw new AwsError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
  return img;
}

/** The block device mappings of an image, as DescribeImages lists them. */
export function imageMappings(i: Image): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [
    { deviceName: i.rootDeviceName, ebs: { deleteOnTermination: true, snapshotId: i.snapshotId, volumeSize: i.volumeSize, volumeType: i.volumeType, encrypted: false, iops: i.volumeType === 'gp3' ? 3000 : undefined, throughput: i.volumeType === 'gp3' ? 125 : undefined } },
  ];
  if (i.ephemeral) {
    out.push({ deviceName: '/dev/sdb', virtualName: 'ephemeral0' }, { deviceName: '/dev/sdc', virtualName: 'ephemeral1' });
  }
  return out;
}

function render(i: Image): Record<string, unknown> {
  return {
    imageId: i.imageId,
    imageLocation: i.location,
    imageState: 'available',
    imageOwnerId: i.ownerId,
    creationDate: i.creationDate,
    isPublic: true,
    architecture: i.architecture,
    imageType: 'machine',
    sriovNetSupport: 'simple',
    name: i.name,
    description: i.description,
    imageOwnerAlias: i.ownerAlias,
    rootDeviceType: 'ebs',
    rootDeviceName: i.rootDeviceName,
    blockDeviceMapping: imageMappings(i),
    virtualizationType: 'hvm',
    tagSet: i.tags.length ? i.tags : undefined,
    hypervisor: 'xen',
    enaSupport: true,
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    bootMode: i.bootMode,
    imdsSupport: i.imdsSupport,
  };
}

const imageFilters: FilterSpec<Image> = {
  name: (i) => i.name,
  'image-id': (i) => i.imageId,
  architecture: (i) => i.architecture,
  'owner-alias': (i) => i.ownerAlias,
  'owner-id': (i) => i.ownerId,
  'image-type': () => 'machine',
  'is-public': () => true,
  state: () => 'available',
  'virtualization-type': () => 'hvm',
  'root-device-type': () => 'ebs',
  'root-device-name': (i) => i.rootDeviceName,
  platform: () => undefined,
  'platform-details': () => 'Linux/UNIX',
  'usage-operation': () => 'RunInstances',
  hypervisor: () => 'xen',
  description: (i) => i.description,
  'ena-support': () => true,
  'sriov-net-support': () => 'simple',
  'creation-date': (i) => i.creationDate,
  'manifest-location': (i) => i.location,
  'product-code': () => undefined,
  'block-device-mapping.volume-type': (i) => i.volumeType,
  'block-device-mapping.volume-size': (i) => i.volumeSize,
  'block-device-mapping.device-name': (i) => i.rootDeviceName,
  'block-device-mapping.snapshot-id': (i) => i.snapshotId,
  'block-device-mapping.delete-on-termination': () => true,
  'block-device-mapping.encrypted': () => false,
  'boot-mode': (i) => i.bootMode,
  'imds-support': (i) => i.imdsSupport,
};

const describeImages: Action = ({ p, db }) => {
  const ids = p.strs('ImageId');
  const owners = p.strs('Owner');
  const all = publicImages(db.region);
  let items: Image[];
  if (ids.length) {
    for (const id of ids) checkMalformed(id, 'ami', 'InvalidAMIID.Malformed');
    const missing = ids.filter((id) => !all.some((i) => i.imageId === id));
    if (missing.length) throw new AwsError('InvalidAMIID.NotFound', `The image id '[${missing.join(', ')}]' does not exist`);
    items = all.filter((i) => ids.includes(i.imageId));
  } else items = all;
  if (owners.length) {
    items = items.filter((i) =>
      owners.some((o) => (o === 'self' ? i.ownerId === db.account : o === i.ownerId || (i.ownerAlias !== undefined && o === i.ownerAlias))),
    );
  }
  items = filtered(p, items, imageFilters);
  const page = paginate(p, items, { min: 5, max: 1000 });
  return { imagesSet: page.items.map(render), nextToken: page.nextToken };
};

/** The image actions. */
export const imageActions: Record<string, Action> = {
  DescribeImages: describeImages,
};
