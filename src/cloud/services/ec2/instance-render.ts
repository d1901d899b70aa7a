/** How instances look in DescribeInstances/RunInstances, and their state machine. */
import type { Db } from './db.js';
import { privateDnsName, publicDnsName } from './addresses-pool.js';
import { instanceType } from './instance-types.js';
import { K, type InstanceDoc, type InstanceStateName, type SgDoc, type VolumeDoc, type VpcDoc } from './model.js';
import { tagSet } from './tags.js';

/** EC2's numeric state codes. */
export const STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** `{code, name}` of a state. */
export function stateOf(s: InstanceStateName): { code: number; name: string } {
  return { code: STATE_CODES[s], name: s };
}

/** How long terminated instances stay visible (AWS keeps them about an hour). */
const TERMINATED_TTL_MS = 60 * 60 * 1000;

/**
 * Advances transitional states (pending -> running, stopping -> stopped, shutting-down -> terminated)
 * the next time the instance is looked at, and forgets long-terminated ones. Returns undefined
 * for a purged instance.
 */
export function settle(db: Db, i: InstanceDoc, now: Date): InstanceDoc | undefined {
  let changed = true;
  if (i.state === 'pending') i.state = 'running';
  else if (i.state === 'stopping') {
    i.state = 'stopped';
    i.stateReason = 'Client.UserInitiatedShutdown';
  } else if (i.state === 'shutting-down') {
    i.state = 'terminated';
    i.terminatedAt = now.toISOString();
    i.stateReason = 'Client.UserInitiatedShutdown';
  } else changed = false;
  if (i.state === 'terminated' && i.terminatedAt && now.getTime() - Date.parse(i.terminatedAt) > TERMINATED_TTL_MS) {
    db.delete(K.instance, i.instanceId);
    return undefined;
  }
  if (changed) db.put(K.instance, i.instanceId, i);
  return i;
}

function groupSet(db: Db, ids: string[]): { groupId: string; groupName: string }[] {
  return ids.map((id) => ({ groupId: id, groupName: db.get<SgDoc>(K.sg, id)?.groupName ?? '' }));
}

/** An instance as EC2 renders it. */
export function renderInstance(i: InstanceDoc, db: Db): Record<string, unknown> {
  const type = instanceType(i.instanceType);
  const live = i.state !== 'terminated';
  const privDns = live ? privateDnsName(i.privateIpAddress, db.region) : '';
  // Like AWS, public DNS names exist only in VPCs with DNS hostnames enabled.
  const hostnames = db.get<VpcDoc>(K.vpc, i.vpcId)?.enableDnsHostnames ?? false;
  const pubDns = live && hostnames ? publicDnsName(i.publicIpAddress, db.region) : '';
  const groups = live ? groupSet(db, i.groups) : [];
  const assoc = i.publicIpAddress && live ? { publicIp: i.publicIpAddress, publicDnsName: pubDns, ipOwnerId: i.autoPublicIp ? 'amazon' : db.account } : undefined;
  const volumes = live ? i.volumeIds.map((v) => db.get<VolumeDoc>(K.volume, v)).filter((v): v is VolumeDoc => !!v && !!v.attachment) : [];
  return {
    instanceId: i.instanceId,
    imageId: i.imageId,
    instanceState: stateOf(i.state),
    privateDnsName: privDns,
    dnsName: pubDns,
    reason: i.stateTransitionReason,
    keyName: i.keyName,
    amiLaunchIndex: i.amiLaunchIndex,
    productCodes: [],
    instanceType: i.instanceType,
    launchTime: i.launchTime,
    placement: { availabilityZone: i.availabilityZone, availabilityZoneId: i.availabilityZoneId, groupName: '', tenancy: i.tenancy },
    monitoring: { state: i.monitoring ? 'enabled' : 'disabled' },
    subnetId: live ? i.subnetId : undefined,
    vpcId: live ? i.vpcId : undefined,
    privateIpAddress: live ? i.privateIpAddress : undefined,
    ipAddress: live ? i.publicIpAddress : undefined,
    sourceDestCheck: live ? i.sourceDestCheck : undefined,
    groupSet: groups,
    stateReason: i.stateReason ? { code: i.stateReason, message: `${i.stateReason}: User initiated shutdown` } : undefined,
    architecture: i.architecture,
    rootDeviceType: 'ebs',
    rootDeviceName: i.rootDeviceName,
    blockDeviceMapping: volumes.map((v) => ({
      deviceName: v.attachment!.device,
      ebs: { volumeId: v.volumeId, status: 'attached', attachTime: v.attachment!.attachTime, deleteOnTermination: v.attachment!.deleteOnTermination },
    })),
    virtualizationType: 'hvm',
    clientToken: i.clientToken,
    tagSet: tagSet(i.tags),
    hypervisor: type?.hypervisor ?? 'xen',
    networkInterfaceSet: live
      ? [
          {
            networkInterfaceId: i.networkInterfaceId,
            subnetId: i.subnetId,
            vpcId: i.vpcId,
            description: '',
            ownerId: db.account,
            status: 'in-use',
            macAddress: i.macAddress,
            privateIpAddress: i.privateIpAddress,
            privateDnsName: privDns,
            sourceDestCheck: i.sourceDestCheck,
            groupSet: groups,
            attachment: { attachmentId: i.eniAttachmentId, deviceIndex: 0, status: 'attached', attachTime: i.launchTime, deleteOnTermination: true, networkCardIndex: 0 },
            association: assoc,
            privateIpAddressesSet: [
              { privateIpAddress: i.privateIpAddress, privateDnsName: privDns, primary: true, association: assoc },
              ...(i.secondaryPrivateIps ?? []).map((ip) => ({ privateIpAddress: ip, privateDnsName: privateDnsName(ip, db.region), primary: false })),
            ],
            ipv6AddressesSet: [],
            interfaceType: 'interface',
          },
        ]
      : [],
    iamInstanceProfile: i.iamInstanceProfile,
    ebsOptimized: i.ebsOptimized,
    enaSupport: type?.hypervisor === 'nitro',
    cpuOptions: { coreCount: i.coreCount, threadsPerCore: i.threadsPerCore },
    capacityReservationSpecification: { capacityReservationPreference: 'open' },
    hibernationOptions: { configured: i.hibernation },
    metadataOptions: { state: 'applied', ...i.metadata },
    enclaveOptions: { enabled: false },
    bootMode: i.bootMode,
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    usageOperationUpdateTime: i.launchTime,
    privateDnsNameOptions: live
      ? { hostnameType: i.hostnameType, enableResourceNameDnsARecord: i.enableResourceNameDnsARecord, enableResourceNameDnsAAAARecord: i.enableResourceNameDnsAAAARecord }
      : undefined,
    maintenanceOptions: { autoRecovery: i.autoRecovery, rebootMigration: 'default' },
    currentInstanceBootMode: i.architecture === 'arm64' ? 'uefi' : 'legacy-bios',
  };
}

/** A volume as DescribeVolumes renders it. */
export function renderVolume(v: VolumeDoc, db: Db): Record<string, unknown> {
  return {
    volumeId: v.volumeId,
    size: v.size,
    snapshotId: v.snapshotId,
    availabilityZone: v.availabilityZone,
    availabilityZoneId: v.availabilityZoneId,
    status: v.state,
    createTime: v.createTime,
    attachmentSet: v.attachment
      ? [{ volumeId: v.volumeId, instanceId: v.attachment.instanceId, device: v.attachment.device, status: 'attached', attachTime: v.attachment.attachTime, deleteOnTermination: v.attachment.deleteOnTermination }]
      : [],
    volumeType: v.volumeType,
    iops: v.iops,
    throughput: v.throughput,
    encrypted: v.encrypted,
    kmsKeyId: v.kmsKeyId,
    multiAttachEnabled: false,
    tagSet: tagSet(v.tags),
    volumeArn: undefined,
    ownerId: db.account,
  };
}
