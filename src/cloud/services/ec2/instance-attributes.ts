/** Instance attributes, credit specifications, metadata/maintenance options, status, and EBS volumes. */
import { AwsError } from '../../errors.js';
import type { Action } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { renderVolume, stateOf } from './instance-render.js';
import { requireInstances } from './instances.js';
import { instanceIpActions } from './instance-ips.js';
import { instanceProfileActions } from './instance-profiles.js';
import { instanceType } from './instance-types.js';
import { K, type InstanceDoc, type SgDoc, type VolumeDoc } from './model.js';
import { paginate } from './pagination.js';
import { field, structs, sub, toBool, type Params } from './params.js';
import { notFoundFor } from './tags.js';

const ATTRS = [
  'instanceType',
  'kernel',
  'ramdisk',
  'userData',
  'disableApiTermination',
  'instanceInitiatedShutdownBehavior',
  'rootDeviceName',
  'blockDeviceMapping',
  'productCodes',
  'sourceDestCheck',
  'groupSet',
  'ebsOptimized',
  'sriovNetSupport',
  'enaSupport',
  'enclaveOptions',
  'disableApiStop',
];

const describeInstanceAttribute: Action = ({ p, db, now }) => {
  const attr = p.req('Attribute');
  const [i] = requireInstances(db, [p.req('InstanceId')], now);
  if (!ATTRS.includes(attr)) throw new AwsError('InvalidParameterValue', `Value (${attr}) for parameter attribute is invalid. Unknown attribute.`);
  const inst = i!;
  const value: Record<string, unknown> = {
    instanceType: { value: inst.instanceType },
    kernel: {},
    ramdisk: {},
    userData: inst.userData ? { value: inst.userData } : {},
    disableApiTermination: { value: inst.disableApiTermination },
    instanceInitiatedShutdownBehavior: { value: inst.shutdownBehavior },
    rootDeviceName: { value: inst.rootDeviceName },
    blockDeviceMapping: inst.volumeIds
      .map((v) => db.get<VolumeDoc>(K.volume, v))
      .filter((v): v is VolumeDoc => !!v?.attachment)
      .map((v) => ({ deviceName: v.attachment!.device, ebs: { volumeId: v.volumeId, status: 'attached', attachTime: v.attachment!.attachTime, deleteOnTermination: v.attachment!.deleteOnTermination } })),
    productCodes: [],
    sourceDestCheck: { value: inst.sourceDestCheck },
    groupSet: inst.groups.map((g) => ({ groupId: g, groupName: db.get<SgDoc>(K.sg, g)?.groupName ?? '' })),
    ebsOptimized: { value: inst.ebsOptimized },
    sriovNetSupport: { value: 'simple' },
    enaSupport: { value: instanceType(inst.instanceType)?.hypervisor === 'nitro' },
    enclaveOptions: { enabled: false },
    disableApiStop: { value: inst.disableApiStop },
  };
  return { instanceId: inst.instanceId, [attr]: value[attr] };
};

function mustBeStopped(i: InstanceDoc, what: string): void {
  if (i.state !== 'stopped') {
    throw new AwsError('IncorrectInstanceState', `The instance '${i.instanceId}' is not in the 'stopped' state.`);
  }
  void what;
}

/** The single value a ModifyInstanceAttribute request sets, as (attribute, text). */
function modification(p: Params): [string, string | undefined, Params] {
  const attr = p.str('Attribute');
  if (attr) return [attr, p.str('Value'), p];
  const structAttrs: [string, string][] = [
    ['InstanceType', 'instanceType'],
    ['Kernel', 'kernel'],
    ['Ramdisk', 'ramdisk'],
    ['UserData', 'userData'],
    ['DisableApiTermination', 'disableApiTermination'],
    ['DisableApiStop', 'disableApiStop'],
    ['InstanceInitiatedShutdownBehavior', 'instanceInitiatedShutdownBehavior'],
    ['SourceDestCheck', 'sourceDestCheck'],
    ['EbsOptimized', 'ebsOptimized'],
    ['SriovNetSupport', 'sriovNetSupport'],
    ['EnaSupport', 'enaSupport'],
  ];
  for (const [param, name] of structAttrs) {
    const node = p.struct(param);
    if (node) return [name, field(node, 'Value') ?? '', p];
  }
  if (p.strs('GroupId').length) return ['groupSet', undefined, p];
  if (p.structs('BlockDeviceMapping').length) return ['blockDeviceMapping', undefined, p];
  throw new AwsError('MissingParameter', 'The request must contain the parameter attribute');
}

const modifyInstanceAttribute: Action = ({ p, db, now }) => {
  const [i] = requireInstances(db, [p.req('InstanceId')], now);
  const inst = i!;
  const [attr, value] = modification(p);
  switch (attr) {
    case 'instanceType': {
      mustBeStopped(inst, attr);
      if (!value || !instanceType(value)) throw new AwsError('InvalidParameterValue', `Invalid value '${value}' for InstanceType.`);
      inst.instanceType = value;
      break;
    }
    case 'userData':
      mustBeStopped(inst, attr);
      inst.userData = value || undefined;
      break;
    case 'disableApiTermination':
      inst.disableApiTermination = toBool(value, attr) ?? false;
      break;
    case 'disableApiStop':
      inst.disableApiStop = toBool(value, attr) ?? false;
      break;
    case 'sourceDestCheck':
      inst.sourceDestCheck = toBool(value, attr) ?? true;
      break;
    case 'ebsOptimized':
      inst.ebsOptimized = toBool(value, attr) ?? false;
      break;
    case 'instanceInitiatedShutdownBehavior':
      if (value !== 'stop' && value !== 'terminate') {
        throw new AwsError('InvalidParameterValue', `Value (${value}) for parameter instanceInitiatedShutdownBehavior is invalid.`);
      }
      inst.shutdownBehavior = value;
      break;
    case 'groupSet': {
      const ids = p.strs('GroupId');
      for (const g of ids) {
        const sg = db.get<SgDoc>(K.sg, g);
        if (!sg) throw notFoundFor(g);
        if (sg.vpcId !== inst.vpcId) throw new AwsError('InvalidGroup.NotFound', `The security group '${g}' does not exist in VPC '${inst.vpcId}'`);
      }
      inst.groups = ids;
      break;
    }
    case 'blockDeviceMapping': {
      for (const m of p.structs('BlockDeviceMapping')) {
        const dev = field(m, 'DeviceName');
        const dot = toBool(field(sub(m, 'Ebs'), 'DeleteOnTermination'), 'DeleteOnTermination');
        const v = inst.volumeIds.map((x) => db.get<VolumeDoc>(K.volume, x)).find((x) => x?.attachment?.device === dev);
        if (!v) throw new AwsError('InvalidInstanceAttributeValue', `No device is currently mapped at ${dev}`);
        if (dot !== undefined) {
          v.attachment!.deleteOnTermination = dot;
          db.put(K.volume, v.volumeId, v);
        }
      }
      break;
    }
    case 'kernel':
    case 'ramdisk':
    case 'sriovNetSupport':
    case 'enaSupport':
      mustBeStopped(inst, attr);
      break;
    default:
      throw new AwsError('InvalidParameterValue', `Value (${attr}) for parameter attribute is invalid. Unknown attribute.`);
  }
  db.put(K.instance, inst.instanceId, inst);
  return { return: true };
};

const describeInstanceCreditSpecifications: Action = ({ p, db, now }) => {
  const ids = p.strs('InstanceId');
  const list = ids.length
    ? requireInstances(db, ids, now)
    : db.list<InstanceDoc>(K.instance).filter((i) => i.state !== 'terminated');
  const items = list.filter((i) => instanceType(i.instanceType)?.burstable) as (InstanceDoc & { tags: InstanceDoc['tags'] })[];
  const spec: FilterSpec<InstanceDoc> = { 'instance-id': (i) => i.instanceId };
  const page = paginate(p, filtered(p, items, spec), { min: 5, max: 1000 });
  return { instanceCreditSpecificationSet: page.items.map((i) => ({ instanceId: i.instanceId, cpuCredits: i.cpuCredits })), nextToken: page.nextToken };
};

const modifyInstanceCreditSpecification: Action = ({ p, db, now }) => {
  const ok: Record<string, unknown>[] = [];
  const bad: Record<string, unknown>[] = [];
  for (const s of p.structs('InstanceCreditSpecification')) {
    const id = field(s, 'InstanceId') ?? '';
    const credits = field(s, 'CpuCredits') ?? '';
    const [i] = requireInstances(db, [id], now);
    if (!instanceType(i!.instanceType)?.burstable || (credits !== 'standard' && credits !== 'unlimited')) {
      bad.push({ instanceId: id, error: { code: 'InvalidInstanceID.Unsupported', message: `The specified instance ${id} does not support credit specification.` } });
      continue;
    }
    i!.cpuCredits = credits;
    db.put(K.instance, id, i);
    ok.push({ instanceId: id });
  }
  return { successfulInstanceCreditSpecificationSet: ok, unsuccessfulInstanceCreditSpecificationSet: bad };
};

const modifyInstanceMetadataOptions: Action = ({ p, db, now }) => {
  const [i] = requireInstances(db, [p.req('InstanceId')], now);
  const m = i!.metadata;
  m.httpTokens = p.str('HttpTokens') ?? m.httpTokens;
  m.httpPutResponseHopLimit = p.int('HttpPutResponseHopLimit') ?? m.httpPutResponseHopLimit;
  m.httpEndpoint = p.str('HttpEndpoint') ?? m.httpEndpoint;
  m.httpProtocolIpv6 = p.str('HttpProtocolIpv6') ?? m.httpProtocolIpv6;
  m.instanceMetadataTags = p.str('InstanceMetadataTags') ?? m.instanceMetadataTags;
  db.put(K.instance, i!.instanceId, i);
  return { instanceId: i!.instanceId, instanceMetadataOptions: { state: 'applied', ...m } };
};

const modifyInstanceMaintenanceOptions: Action = ({ p, db, now }) => {
  const [i] = requireInstances(db, [p.req('InstanceId')], now);
  const v = p.str('AutoRecovery');
  if (v !== undefined) {
    if (v !== 'default' && v !== 'disabled') throw new AwsError('InvalidParameterValue', `Value (${v}) for parameter autoRecovery is invalid.`);
    i!.autoRecovery = v;
  }
  db.put(K.instance, i!.instanceId, i);
  return { instanceId: i!.instanceId, autoRecovery: i!.autoRecovery };
};

function monitor(enabled: boolean): Action {
  return ({ p, db, now }) => {
    const list = requireInstances(db, p.strs('InstanceId'), now);
    for (const i of list) {
      i.monitoring = enabled;
      db.put(K.instance, i.instanceId, i);
    }
    return { instancesSet: list.map((i) => ({ instanceId: i.instanceId, monitoring: { state: enabled ? 'pending' : 'disabling' } })) };
  };
}

const modifyPrivateDnsNameOptions: Action = ({ p, db, now }) => {
  const [i] = requireInstances(db, [p.req('InstanceId')], now);
  const inst = i!;
  inst.hostnameType = p.str('PrivateDnsHostnameType') ?? inst.hostnameType;
  inst.enableResourceNameDnsARecord = p.bool('EnableResourceNameDnsARecord') ?? inst.enableResourceNameDnsARecord;
  inst.enableResourceNameDnsAAAARecord = p.bool('EnableResourceNameDnsAAAARecord') ?? inst.enableResourceNameDnsAAAARecord;
  db.put(K.instance, inst.instanceId, inst);
  return { return: true };
};

const describeInstanceStatus: Action = ({ p, db, now }) => {
  const ids = p.strs('InstanceId');
  const all = p.bool('IncludeAllInstances') ?? false;
  let list = ids.length ? requireInstances(db, ids, now) : db.list<InstanceDoc>(K.instance);
  if (!all) list = list.filter((i) => i.state === 'running');
  const spec: FilterSpec<InstanceDoc> = {
    'availability-zone': (i) => i.availabilityZone,
    'instance-state-name': (i) => i.state,
    'instance-state-code': (i) => stateOf(i.state).code,
    'instance-status.status': (i) => (i.state === 'running' ? 'ok' : 'not-applicable'),
    'system-status.status': (i) => (i.state === 'running' ? 'ok' : 'not-applicable'),
  };
  const page = paginate(p, filtered(p, list, spec), { min: 5, max: 1000 });
  const summary = (i: InstanceDoc) =>
    i.state === 'running' ? { status: 'ok', details: [{ name: 'reachability', status: 'passed' }] } : { status: 'not-applicable' };
  return {
    instanceStatusSet: page.items.map((i) => ({
      instanceId: i.instanceId,
      availabilityZone: i.availabilityZone,
      instanceState: stateOf(i.state),
      instanceStatus: summary(i),
      systemStatus: summary(i),
    })),
    nextToken: page.nextToken,
  };
};

const volumeFilters: FilterSpec<VolumeDoc> = {
  'volume-id': (v) => v.volumeId,
  'attachment.instance-id': (v) => v.attachment?.instanceId,
  'attachment.device': (v) => v.attachment?.device,
  'attachment.delete-on-termination': (v) => v.attachment?.deleteOnTermination,
  'attachment.status': (v) => (v.attachment ? 'attached' : undefined),
  'availability-zone': (v) => v.availabilityZone,
  status: (v) => v.state,
  size: (v) => v.size,
  'volume-type': (v) => v.volumeType,
  encrypted: (v) => v.encrypted,
  'snapshot-id': (v) => v.snapshotId,
  'create-time': (v) => v.createTime,
  'multi-attach-enabled': () => false,
};

const describeVolumes: Action = ({ p, db }) => {
  const ids = p.strs('VolumeId');
  let items = db.list<VolumeDoc>(K.volume);
  if (ids.length) {
    for (const id of ids) if (!items.some((v) => v.volumeId === id)) throw notFoundFor(id);
    items = items.filter((v) => ids.includes(v.volumeId));
  }
  const page = paginate(p, filtered(p, items, volumeFilters), { min: 5, max: 500 });
  return { volumeSet: page.items.map((v) => renderVolume(v, db)), nextToken: page.nextToken };
};

/** Security groups and source/dest check of an instance's primary network interface. */
const modifyNetworkInterfaceAttribute: Action = ({ p, db, now }) => {
  const eni = p.req('NetworkInterfaceId');
  const inst = db.list<InstanceDoc>(K.instance).find((i) => i.networkInterfaceId === eni && i.state !== 'terminated');
  if (!inst) throw new AwsError('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${eni}' does not exist`);
  const [i] = requireInstances(db, [inst.instanceId], now);
  const groups = p.strs('SecurityGroupId');
  if (groups.length) {
    for (const g of groups) {
      const sg = db.get<SgDoc>(K.sg, g);
      if (!sg) throw notFoundFor(g);
      if (sg.vpcId !== i!.vpcId) throw new AwsError('InvalidGroup.NotFound', `The security group '${g}' does not exist in VPC '${i!.vpcId}'`);
    }
    i!.groups = [...new Set(groups)];
  }
  const sdc = field(p.struct('SourceDestCheck'), 'Value');
  if (sdc !== undefined) i!.sourceDestCheck = toBool(sdc, 'SourceDestCheck') ?? true;
  db.put(K.instance, i!.instanceId, i);
  return { return: true };
};

const VOLUME_TYPES = ['standard', 'io1', 'io2', 'gp2', 'sc1', 'st1', 'gp3'];

/** Resizing or retyping an EBS volume (the change applies at once here; AWS optimises in the background). */
const modifyVolume: Action = ({ p, db, now }) => {
  const id = p.req('VolumeId');
  const v = db.get<VolumeDoc>(K.volume, id);
  if (!v) throw notFoundFor(id);
  const before = { size: v.size, type: v.volumeType, iops: v.iops, throughput: v.throughput };
  const size = p.int('Size');
  const type = p.str('VolumeType');
  if (type !== undefined && !VOLUME_TYPES.includes(type)) {
    throw new AwsError('InvalidParameterValue', `Value (${type}) for parameter volumeType is invalid. Valid values are standard, io1, io2, gp2, sc1, st1, gp3.`);
  }
  if (size !== undefined) {
    if (size < v.size) throw new AwsError('InvalidParameterValue', `New size cannot be smaller than existing size`);
    v.size = size;
  }
  if (type) v.volumeType = type;
  const iops = p.int('Iops');
  const tp = p.int('Throughput');
  if (v.volumeType === 'gp3') {
    v.iops = iops ?? (before.type === 'gp3' ? v.iops : 3000);
    v.throughput = tp ?? (before.type === 'gp3' ? v.throughput : 125);
  } else if (v.volumeType === 'gp2') {
    v.iops = Math.min(16000, Math.max(100, v.size * 3));
    v.throughput = undefined;
  } else {
    v.iops = iops ?? v.iops;
    v.throughput = undefined;
  }
  db.put(K.volume, id, v);
  return {
    volumeModification: {
      volumeId: id, modificationState: 'optimizing', targetSize: v.size, targetIops: v.iops, targetVolumeType: v.volumeType,
      targetThroughput: v.throughput, targetMultiAttachEnabled: false, originalSize: before.size, originalIops: before.iops,
      originalVolumeType: before.type, originalThroughput: before.throughput, originalMultiAttachEnabled: false, progress: 0,
      startTime: now.toISOString(),
    },
  };
};

/** The attribute and volume actions (and instance profile associations and secondary addresses, kept in their own files). */
export const instanceAttributeActions: Record<string, Action> = {
  ...instanceProfileActions,
  ...instanceIpActions,
  DescribeInstanceAttribute: describeInstanceAttribute,
  ModifyInstanceAttribute: modifyInstanceAttribute,
  DescribeInstanceCreditSpecifications: describeInstanceCreditSpecifications,
  ModifyInstanceCreditSpecification: modifyInstanceCreditSpecification,
  ModifyInstanceMetadataOptions: modifyInstanceMetadataOptions,
  ModifyInstanceMaintenanceOptions: modifyInstanceMaintenanceOptions,
  MonitorInstances: monitor(true),
  UnmonitorInstances: monitor(false),
  ModifyPrivateDnsNameOptions: modifyPrivateDnsNameOptions,
  DescribeInstanceStatus: describeInstanceStatus,
  DescribeVolumes: describeVolumes,
  ModifyVolume: modifyVolume,
  ModifyNetworkInterfaceAttribute: modifyNetworkInterfaceAttribute,
};

export { structs };
