/** Instances: RunInstances, DescribeInstances and the Start/Stop/Terminate/Reboot life cycle. */
import { AwsError } from '../../errors.js';
import type { QueryTree } from '../../protocols/query.js';
import { autoPublicIp, macAddress } from './addresses-pool.js';
import type { Action, Call, Db } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { newId, wellFormed } from './ids.js';
import { imageMappings, requireImage, type Image } from './images.js';
import { renderInstance, settle, stateOf } from './instance-render.js';
import { instanceType, offeredInZone, zonesOffering, type InstanceTypeSpec } from './instance-types.js';
import { requireDoc } from './lookup.js';
import { K, type EipDoc, type InstanceDoc, type InstanceStateName, type KeyPairDoc, type SgDoc, type SubnetDoc, type VolumeDoc, type VpcDoc } from './model.js';
import { paginate } from './pagination.js';
import { field, strings, structs, sub, toBool, toInt, type Params } from './params.js';
import { allocateIp, releaseIp } from './subnets.js';
import { checkSpecTypes, specTags } from './tags.js';
import { findZone } from './zones.js';

/** Picks the subnet an instance launches into, checking the zone offers the type. */
function chooseSubnet(c: Call, type: InstanceTypeSpec, nic: QueryTree | undefined): SubnetDoc {
  const { p, db } = c;
  const subnetId = p.str('SubnetId') || field(nic, 'SubnetId');
  const placement = p.struct('Placement');
  const az = field(placement, 'AvailabilityZone');
  if (az !== undefined && az !== '' && !findZone(db.region, az)) {
    throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${az}]`);
  }
  const unsupported = (zone: string) =>
    new AwsError(
      'Unsupported',
      `Your requested instance type (${type.name}) is not supported in your requested Availability Zone (${zone}). Please retry your request by not specifying an Availability Zone or choosing ${zonesOffering(type, db.region).join(', ')}.`,
    );
  if (subnetId) {
    const s = requireDoc<SubnetDoc>(db, K.subnet, subnetId);
    if (az && az !== s.availabilityZone) {
      throw new AwsError('InvalidParameterValue', `The subnet '${s.subnetId}' is in availability zone ${s.availabilityZone}, not ${az}.`);
    }
    if (!offeredInZone(type, db.region, s.availabilityZoneId)) throw unsupported(s.availabilityZone);
    return s;
  }
  const vpc = db.list<VpcDoc>(K.vpc).find((v) => v.isDefault);
  if (!vpc) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user');
  const defaults = db.list<SubnetDoc>(K.subnet).filter((s) => s.vpcId === vpc.vpcId && s.defaultForAz);
  if (az) {
    const zone = findZone(db.region, az)!;
    if (!offeredInZone(type, db.region, zone.zoneId)) throw unsupported(az);
    const s = defaults.find((x) => x.availabilityZone === az);
    if (!s) throw new AwsError('InvalidSubnetID.NotFound', `No default subnet for availability zone: '${az}'.`);
    return s;
  }
  const s = defaults.sort((a, b) => (a.availabilityZone < b.availabilityZone ? -1 : 1)).find((x) => offeredInZone(type, db.region, x.availabilityZoneId));
  if (!s) throw new AwsError('InsufficientInstanceCapacity', `We currently do not have sufficient ${type.name} capacity in the Availability Zones you requested.`);
  return s;
}

/** The security groups of a launch, defaulting to the VPC's default group. */
function chooseGroups(c: Call, subnet: SubnetDoc, nic: QueryTree | undefined): string[] {
  const { p, db } = c;
  const ids = [...p.strs('SecurityGroupId'), ...strings(nic?.['SecurityGroupId'])];
  const names = p.strs('SecurityGroup');
  const all = db.list<SgDoc>(K.sg);
  const out: string[] = [];
  for (const id of ids) {
    const g = all.find((x) => x.groupId === id);
    if (!g) throw new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    if (g.vpcId !== subnet.vpcId) throw new AwsError('InvalidParameter', `Security group ${id} and subnet ${subnet.subnetId} belong to different networks.`);
    if (!out.includes(id)) out.push(id);
  }
  for (const n of names) {
    const g = all.find((x) => x.groupName === n && x.vpcId === subnet.vpcId);
    if (!g) throw new AwsError('InvalidGroup.NotFound', `The security group '${n}' does not exist in VPC '${subnet.vpcId}'`);
    if (!out.includes(g.groupId)) out.push(g.groupId);
  }
  if (out.length === 0) {
    const d = all.find((x) => x.vpcId === subnet.vpcId && x.groupName === 'default');
    if (d) out.push(d.groupId);
  }
  return out;
}

interface VolumeSpec {
  device: string;
  size: number;
  volumeType: string;
  iops?: number;
  throughput?: number;
  encrypted: boolean;
  kmsKeyId?: string;
  deleteOnTermination: boolean;
  snapshotId: string;
}

function iopsFor(type: string, size: number, given?: number): number | undefined {
  if (type === 'gp3') return given ?? 3000;
  if (type === 'gp2') return Math.min(16000, Math.max(100, size * 3));
  if (type === 'io1' || type === 'io2') return given;
  return undefined;
}

/** The EBS volumes of a launch: the image's root device (possibly overridden) plus extra mappings. */
function volumeSpecs(p: Params, image: Image): VolumeSpec[] {
  const root: VolumeSpec = {
    device: image.rootDeviceName,
    size: image.volumeSize,
    volumeType: image.volumeType,
    encrypted: false,
    deleteOnTermination: true,
    snapshotId: image.snapshotId,
  };
  const out: VolumeSpec[] = [root];
  for (const m of p.structs('BlockDeviceMapping')) {
    const device = field(m, 'DeviceName') ?? '';
    const ebs = sub(m, 'Ebs');
    if (!ebs) continue;
    const size = toInt(field(ebs, 'VolumeSize'), 'VolumeSize');
    const vt = field(ebs, 'VolumeType');
    if (vt !== undefined && !['standard', 'gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1'].includes(vt)) {
      throw new AwsError('InvalidParameterValue', `Value (${vt}) for parameter volumeType is invalid. Valid values are standard, io1, io2, gp2, sc1, st1, gp3.`);
    }
    const target: VolumeSpec =
      device === image.rootDeviceName
        ? root
        : (() => {
            const v: VolumeSpec = { device, size: size ?? 8, volumeType: vt ?? 'gp2', encrypted: false, deleteOnTermination: true, snapshotId: '' };
            out.push(v);
            return v;
          })();
    if (size !== undefined) {
      if (target === root && size < image.volumeSize) {
        throw new AwsError('InvalidBlockDeviceMapping', `Volume of size ${size}GB is smaller than snapshot '${image.snapshotId}', expect size >= ${image.volumeSize}GB`);
      }
      target.size = size;
    }
    if (vt) target.volumeType = vt;
    const iops = toInt(field(ebs, 'Iops'), 'Iops');
    if (iops !== undefined) target.iops = iops;
    const tp = toInt(field(ebs, 'Throughput'), 'Throughput');
    if (tp !== undefined) target.throughput = tp;
    target.encrypted = toBool(field(ebs, 'Encrypted'), 'Encrypted') ?? target.encrypted;
    target.kmsKeyId = field(ebs, 'KmsKeyId') ?? target.kmsKeyId;
    target.deleteOnTermination = toBool(field(ebs, 'DeleteOnTermination'), 'DeleteOnTermination') ?? target.deleteOnTermination;
  }
  for (const v of out) {
    v.iops = iopsFor(v.volumeType, v.size, v.iops);
    if (v.volumeType === 'gp3') v.throughput ??= 125;
    else v.throughput = undefined;
    if (v.encrypted && !v.kmsKeyId) v.kmsKeyId = 'alias/aws/ebs';
  }
  return out;
}

function defaultCredits(type: InstanceTypeSpec): string | undefined {
  if (!type.burstable) return undefined;
  return type.name.startsWith('t2.') ? 'standard' : 'unlimited';
}

const runInstances: Action = (c) => {
  const { p, db, now } = c;
  checkSpecTypes(p, ['instance', 'volume', 'network-interface', 'spot-instances-request', 'elastic-gpu']);
  const min = toInt(p.req('MinCount'), 'MinCount')!;
  const max = toInt(p.req('MaxCount'), 'MaxCount')!;
  if (min < 1 || max < min) throw new AwsError('InvalidParameterValue', `Value (${min}) for parameter minCount is invalid. Expected a value between 1 and maxCount (${max}).`);
  const token = p.str('ClientToken');
  if (token) {
    // Idempotency: the same client token returns the same reservation.
    const prior = db.get<{ instanceIds: string[] }>(K.token, token);
    const docs = prior?.instanceIds.map((id) => db.get<InstanceDoc>(K.instance, id)).filter((i): i is InstanceDoc => !!i) ?? [];
    if (docs.length) return reservation(db, docs, now);
  }
  const image = requireImage(db.region, p.req('ImageId'));
  const typeName = p.str('InstanceType') ?? 'm1.small';
  const type = instanceType(typeName);
  if (!type) throw new AwsError('InvalidParameterValue', `Invalid value '${typeName}' for InstanceType.`);
  const typeArchs = type.arch === 'i386+x86_64' ? ['i386', 'x86_64'] : [type.arch];
  if (!typeArchs.includes(image.architecture)) {
    throw new AwsError(
      'InvalidParameterValue',
      `The architecture '${type.arch}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again. You can use 'describe-instance-types' or 'describe-images' to discover the architecture of the instance type or AMI.`,
    );
  }
  const keyName = p.str('KeyName');
  if (keyName && !db.get<KeyPairDoc>(K.key, keyName)) throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${keyName}' does not exist`);
  const nics = p.structs('NetworkInterface');
  const nic = nics.find((n) => (field(n, 'DeviceIndex') ?? '0') === '0');
  if (nic && p.str('SubnetId')) {
    throw new AwsError('InvalidParameterCombination', 'Network interfaces and an instance-level subnet ID may not be specified on the same request');
  }
  const subnet = chooseSubnet(c, type, nic);
  const groups = chooseGroups(c, subnet, nic);
  const userData = p.str('UserData');
  if (userData && Buffer.from(userData, 'base64').length > 16384) {
    throw new AwsError('InvalidParameterValue', 'User data is limited to 16384 bytes');
  }
  const specs = volumeSpecs(p, image);
  const shutdown = p.str('InstanceInitiatedShutdownBehavior') ?? 'stop';
  if (shutdown !== 'stop' && shutdown !== 'terminate') {
    throw new AwsError('InvalidParameterValue', `Value (${shutdown}) for parameter instanceInitiatedShutdownBehavior is invalid.`);
  }
  const wantsPublic = toBool(field(nic, 'AssociatePublicIpAddress'), 'AssociatePublicIpAddress') ?? subnet.mapPublicIpOnLaunch;
  const cpu = p.struct('CpuOptions');
  const md = p.struct('MetadataOptions');
  const dns = p.struct('PrivateDnsNameOptions');
  const credit = field(p.struct('CreditSpecification'), 'CpuCredits');
  const profile = p.struct('IamInstanceProfile');
  const profileArn = field(profile, 'Arn') ?? (field(profile, 'Name') ? `arn:aws:iam::${db.account}:instance-profile/${field(profile, 'Name')}` : undefined);
  const threads = type.arch === 'arm64' || type.vcpus === 1 ? 1 : 2;
  const instTags = specTags(p, 'instance');
  const volTags = specTags(p, 'volume');
  const reservationId = newId('r');
  const launched: InstanceDoc[] = [];
  const requestedIp = p.str('PrivateIpAddress') || field(nic, 'PrivateIpAddress');
  if (requestedIp && max > 1) {
    throw new AwsError('InvalidParameterCombination', 'Cannot specify a private IP address when launching more than one instance');
  }
  const secondaryIps = structs(nic?.['PrivateIpAddresses'])
    .filter((a) => field(a, 'Primary') !== 'true' && field(a, 'PrivateIpAddress'))
    .map((a) => field(a, 'PrivateIpAddress')!);
  const secondaryCount = toInt(field(nic, 'SecondaryPrivateIpAddressCount'), 'SecondaryPrivateIpAddressCount') ?? 0;
  for (let n = 0; n < max; n++) {
    const instanceId = newId('i');
    const privateIp = allocateIp(subnet, requestedIp || undefined);
    const secondary = secondaryIps.map((ip) => allocateIp(subnet, ip));
    for (let k = 0; k < secondaryCount; k++) secondary.push(allocateIp(subnet));
    const volumeIds: string[] = [];
    for (const v of specs) {
      const vol: VolumeDoc = {
        volumeId: newId('vol'),
        size: v.size,
        volumeType: v.volumeType,
        iops: v.iops,
        throughput: v.throughput,
        encrypted: v.encrypted,
        kmsKeyId: v.kmsKeyId,
        snapshotId: v.snapshotId,
        availabilityZone: subnet.availabilityZone,
        availabilityZoneId: subnet.availabilityZoneId,
        createTime: now.toISOString(),
        state: 'in-use',
        attachment: { instanceId, device: v.device, deleteOnTermination: v.deleteOnTermination, attachTime: now.toISOString() },
        tags: [...volTags],
      };
      db.put(K.volume, vol.volumeId, vol);
      volumeIds.push(vol.volumeId);
    }
    const inst: InstanceDoc = {
      instanceId,
      reservationId,
      imageId: image.imageId,
      instanceType: type.name,
      state: 'pending',
      stateTransitionReason: '',
      keyName: keyName || undefined,
      launchTime: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
      amiLaunchIndex: n,
      availabilityZone: subnet.availabilityZone,
      availabilityZoneId: subnet.availabilityZoneId,
      tenancy: field(p.struct('Placement'), 'Tenancy') ?? 'default',
      subnetId: subnet.subnetId,
      vpcId: subnet.vpcId,
      privateIpAddress: privateIp,
      secondaryPrivateIps: secondary.length ? secondary : undefined,
      publicIpAddress: wantsPublic ? autoPublicIp(db) : undefined,
      autoPublicIp: wantsPublic,
      networkInterfaceId: newId('eni'),
      macAddress: macAddress(),
      eniAttachmentId: newId('eni-attach'),
      groups,
      sourceDestCheck: true,
      architecture: image.architecture,
      rootDeviceName: image.rootDeviceName,
      volumeIds,
      // Nitro types are EBS-optimized whatever the request says, as on AWS.
      ebsOptimized: type.hypervisor === 'nitro' ? true : p.bool('EbsOptimized') ?? false,
      monitoring: toBool(field(p.struct('Monitoring'), 'Enabled'), 'Monitoring.Enabled') ?? false,
      userData: userData || undefined,
      disableApiTermination: p.bool('DisableApiTermination') ?? false,
      disableApiStop: p.bool('DisableApiStop') ?? false,
      shutdownBehavior: shutdown,
      cpuCredits: type.burstable ? credit ?? defaultCredits(type) : undefined,
      coreCount: toInt(field(cpu, 'CoreCount'), 'CoreCount') ?? Math.max(1, type.vcpus / threads),
      threadsPerCore: toInt(field(cpu, 'ThreadsPerCore'), 'ThreadsPerCore') ?? threads,
      metadata: {
        httpTokens: field(md, 'HttpTokens') ?? (image.imdsSupport === 'v2.0' ? 'required' : 'optional'),
        httpPutResponseHopLimit: toInt(field(md, 'HttpPutResponseHopLimit'), 'HttpPutResponseHopLimit') ?? (image.imdsSupport === 'v2.0' ? 2 : 1),
        httpEndpoint: field(md, 'HttpEndpoint') ?? 'enabled',
        httpProtocolIpv6: field(md, 'HttpProtocolIpv6') ?? 'disabled',
        instanceMetadataTags: field(md, 'InstanceMetadataTags') ?? 'disabled',
      },
      hostnameType: field(dns, 'HostnameType') ?? subnet.hostnameType,
      enableResourceNameDnsARecord: toBool(field(dns, 'EnableResourceNameDnsARecord'), 'EnableResourceNameDnsARecord') ?? subnet.enableResourceNameDnsARecord,
      enableResourceNameDnsAAAARecord: toBool(field(dns, 'EnableResourceNameDnsAAAARecord'), 'EnableResourceNameDnsAAAARecord') ?? subnet.enableResourceNameDnsAAAARecord,
      iamInstanceProfile: profileArn ? { arn: profileArn, id: `AIPA${instanceId.slice(2, 19).toUpperCase()}` } : undefined,
      iamProfileAssociationId: profileArn ? newId('iip-assoc') : undefined,
      autoRecovery: field(p.struct('MaintenanceOptions'), 'AutoRecovery') ?? 'default',
      clientToken: token ?? '',
      bootMode: image.bootMode,
      hibernation: toBool(field(p.struct('HibernationOptions'), 'Configured'), 'HibernationOptions.Configured') ?? false,
      tags: [...instTags],
    };
    db.put(K.instance, instanceId, inst);
    launched.push(inst);
  }
  db.put(K.subnet, subnet.subnetId, subnet);
  if (token) db.put(K.token, token, { instanceIds: launched.map((i) => i.instanceId) });
  return reservation(db, launched, now);
};

function reservation(db: Db, list: InstanceDoc[], _now: Date): Record<string, unknown> {
  return {
    reservationId: list[0]!.reservationId,
    ownerId: db.account,
    groupSet: [],
    instancesSet: list.map((i) => renderInstance(i, db)),
  };
}

const instanceFilters: FilterSpec<InstanceDoc> = {
  'instance-id': (i) => i.instanceId,
  'instance-state-name': (i) => i.state,
  'instance-state-code': (i) => stateOf(i.state).code,
  'instance-type': (i) => i.instanceType,
  'image-id': (i) => i.imageId,
  'vpc-id': (i) => i.vpcId,
  'subnet-id': (i) => i.subnetId,
  'availability-zone': (i) => i.availabilityZone,
  'key-name': (i) => i.keyName,
  'private-ip-address': (i) => i.privateIpAddress,
  'ip-address': (i) => i.publicIpAddress,
  'network-interface.network-interface-id': (i) => i.networkInterfaceId,
  'network-interface.subnet-id': (i) => i.subnetId,
  'network-interface.vpc-id': (i) => i.vpcId,
  'instance.group-id': (i) => i.groups,
  'group-id': (i) => i.groups,
  'reservation-id': (i) => i.reservationId,
  architecture: (i) => i.architecture,
  'root-device-type': () => 'ebs',
  'root-device-name': (i) => i.rootDeviceName,
  'launch-time': (i) => i.launchTime,
  'client-token': (i) => i.clientToken,
  'iam-instance-profile.arn': (i) => i.iamInstanceProfile?.arn,
  tenancy: (i) => i.tenancy,
  'placement-group-name': () => undefined,
  'monitoring-state': (i) => (i.monitoring ? 'enabled' : 'disabled'),
  'ami-launch-index': (i) => i.amiLaunchIndex,
  'owner-id': () => undefined,
  'instance.group-name': () => undefined,
  'group-name': () => undefined,
  'private-dns-name': () => undefined,
  'dns-name': () => undefined,
  'block-device-mapping.volume-id': (i) => i.volumeIds,
};

/** Loads instances by id, as DescribeInstances/Start/Stop/Terminate check them. */
export function requireInstances(db: Db, ids: string[], now: Date): InstanceDoc[] {
  for (const id of ids) {
    if (!wellFormed(id, 'i')) throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${id}" (expecting "i-...")`);
  }
  const found: InstanceDoc[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const d = db.get<InstanceDoc>(K.instance, id);
    const s = d ? settle(db, d, now) : undefined;
    if (s) found.push(s);
    else missing.push(id);
  }
  if (missing.length === 1) throw new AwsError('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
  if (missing.length > 1) throw new AwsError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  return found;
}

const describeInstances: Action = ({ p, db, now }) => {
  const ids = p.strs('InstanceId');
  let items: InstanceDoc[];
  if (ids.length) items = requireInstances(db, [...new Set(ids)], now);
  else items = db.list<InstanceDoc>(K.instance).map((i) => settle(db, i, now)).filter((i): i is InstanceDoc => !!i);
  const spec: FilterSpec<InstanceDoc> = {
    ...instanceFilters,
    'owner-id': () => db.account,
    'instance.group-name': (i) => i.groups.map((g) => db.get<SgDoc>(K.sg, g)?.groupName),
    'group-name': (i) => i.groups.map((g) => db.get<SgDoc>(K.sg, g)?.groupName),
    'private-dns-name': (i) => renderInstance(i, db)['privateDnsName'] as string,
    'dns-name': (i) => renderInstance(i, db)['dnsName'] as string,
  };
  items = filtered(p, items, spec);
  const page = paginate(p, items, { min: 5, max: 1000, idsGiven: ids.length ? 'instanceIds' : undefined });
  const byRes = new Map<string, InstanceDoc[]>();
  for (const i of page.items) {
    let l = byRes.get(i.reservationId);
    if (!l) byRes.set(i.reservationId, (l = []));
    l.push(i);
  }
  return { reservationSet: [...byRes.values()].map((l) => reservation(db, l, now)), nextToken: page.nextToken };
};

function change(i: InstanceDoc, prev: InstanceStateName): Record<string, unknown> {
  return { instanceId: i.instanceId, currentState: stateOf(i.state), previousState: stateOf(prev) };
}

function userInitiated(now: Date): string {
  return `User initiated (${now.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' GMT')})`;
}

/** Releases what a terminated instance held: its address, volumes and Elastic IPs. */
function releaseResources(db: Db, i: InstanceDoc): void {
  const s = db.get<SubnetDoc>(K.subnet, i.subnetId);
  if (s) {
    releaseIp(s, i.privateIpAddress);
    for (const ip of i.secondaryPrivateIps ?? []) releaseIp(s, ip);
    db.put(K.subnet, s.subnetId, s);
  }
  for (const vid of i.volumeIds) {
    const v = db.get<VolumeDoc>(K.volume, vid);
    if (!v) continue;
    if (v.attachment?.deleteOnTermination) db.delete(K.volume, vid);
    else {
      v.attachment = undefined;
      v.state = 'available';
      db.put(K.volume, vid, v);
    }
  }
  for (const e of db.list<EipDoc>(K.eip)) {
    if (e.instanceId === i.instanceId) {
      e.associationId = e.instanceId = e.networkInterfaceId = e.privateIpAddress = undefined;
      db.put(K.eip, e.allocationId, e);
    }
  }
  i.publicIpAddress = undefined;
}

const terminateInstances: Action = ({ p, db, now }) => {
  const ids = p.strs('InstanceId');
  if (!ids.length) throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceId');
  const list = requireInstances(db, ids, now);
  for (const i of list) {
    if (i.disableApiTermination) {
      throw new AwsError('OperationNotPermitted', `The instance '${i.instanceId}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`);
    }
  }
  return {
    instancesSet: list.map((i) => {
      const prev = i.state;
      if (prev !== 'terminated') {
        i.state = 'shutting-down';
        i.stateTransitionReason = userInitiated(now);
        releaseResources(db, i);
        db.put(K.instance, i.instanceId, i);
      }
      return change(i, prev);
    }),
  };
};

const stopInstances: Action = ({ p, db, now }) => {
  const ids = p.strs('InstanceId');
  if (!ids.length) throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceId');
  const list = requireInstances(db, ids, now);
  for (const i of list) {
    if (i.disableApiStop) {
      throw new AwsError('OperationNotPermitted', `The instance '${i.instanceId}' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.`);
    }
    if (i.state === 'terminated' || i.state === 'shutting-down') {
      throw new AwsError('IncorrectInstanceState', `This instance '${i.instanceId}' is not in a state from which it can be stopped.`);
    }
  }
  return {
    instancesSet: list.map((i) => {
      const prev = i.state;
      if (prev === 'running' || prev === 'pending') {
        i.state = 'stopping';
        i.stateTransitionReason = userInitiated(now);
        const hasEip = db.list<EipDoc>(K.eip).some((e) => e.instanceId === i.instanceId);
        if (!hasEip) i.publicIpAddress = undefined;
        db.put(K.instance, i.instanceId, i);
      }
      return change(i, prev);
    }),
  };
};

const startInstances: Action = ({ p, db, now }) => {
  const ids = p.strs('InstanceId');
  if (!ids.length) throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceId');
  const list = requireInstances(db, ids, now);
  for (const i of list) {
    if (i.state === 'terminated' || i.state === 'shutting-down' || i.state === 'stopping') {
      throw new AwsError('IncorrectInstanceState', `The instance '${i.instanceId}' is not in a state from which it can be started.`);
    }
  }
  return {
    instancesSet: list.map((i) => {
      const prev = i.state;
      if (prev === 'stopped') {
        i.state = 'pending';
        i.stateTransitionReason = '';
        i.stateReason = undefined;
        const hasEip = db.list<EipDoc>(K.eip).some((e) => e.instanceId === i.instanceId);
        if (i.autoPublicIp && !hasEip) i.publicIpAddress = autoPublicIp(db);
        db.put(K.instance, i.instanceId, i);
      }
      return change(i, prev);
    }),
  };
};

const rebootInstances: Action = ({ p, db, now }) => {
  requireInstances(db, p.strs('InstanceId'), now);
  return { return: true };
};

/** The instance life-cycle actions. */
export const instanceActions: Record<string, Action> = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  TerminateInstances: terminateInstances,
  StopInstances: stopInstances,
  StartInstances: startInstances,
  RebootInstances: rebootInstances,
};

export { imageMappings, structs };
