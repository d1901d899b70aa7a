/** Secondary private addresses on an instance's primary network interface: assign and unassign. */
import { AwsError } from '../../errors.js';
import type { Action, Db } from './db.js';
import { requireInstances } from './instances.js';
import { K, type InstanceDoc, type SubnetDoc } from './model.js';
import { allocateIp, releaseIp } from './subnets.js';

function byInterface(db: Db, eni: string, now: Date): { inst: InstanceDoc; subnet: SubnetDoc } {
  const found = db.list<InstanceDoc>(K.instance).find((i) => i.networkInterfaceId === eni && i.state !== 'terminated');
  if (!found) throw new AwsError('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${eni}' does not exist`);
  const [inst] = requireInstances(db, [found.instanceId], now);
  const subnet = db.get<SubnetDoc>(K.subnet, inst!.subnetId);
  if (!subnet) throw new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${inst!.subnetId}' does not exist`);
  return { inst: inst!, subnet };
}

const assign: Action = ({ p, db, now }) => {
  const eni = p.req('NetworkInterfaceId');
  const { inst, subnet } = byInterface(db, eni, now);
  const wanted = p.strs('PrivateIpAddress');
  const count = p.int('SecondaryPrivateIpAddressCount') ?? 0;
  if (!wanted.length && !count) throw new AwsError('MissingParameter', 'The request must contain the parameter PrivateIpAddress or SecondaryPrivateIpAddressCount');
  const added = [...wanted.map((ip) => allocateIp(subnet, ip))];
  for (let n = 0; n < count; n++) added.push(allocateIp(subnet));
  inst.secondaryPrivateIps = [...(inst.secondaryPrivateIps ?? []), ...added];
  db.put(K.subnet, subnet.subnetId, subnet);
  db.put(K.instance, inst.instanceId, inst);
  return { networkInterfaceId: eni, assignedPrivateIpAddressesSet: added.map((privateIpAddress) => ({ privateIpAddress })), return: true };
};

const unassign: Action = ({ p, db, now }) => {
  const eni = p.req('NetworkInterfaceId');
  const { inst, subnet } = byInterface(db, eni, now);
  const ips = p.strs('PrivateIpAddress');
  const have = inst.secondaryPrivateIps ?? [];
  if (ips.some((ip) => !have.includes(ip))) {
    throw new AwsError('InvalidParameterValue', `Some of the specified addresses are not assigned to interface ${eni}`);
  }
  for (const ip of ips) releaseIp(subnet, ip);
  inst.secondaryPrivateIps = have.filter((ip) => !ips.includes(ip));
  if (!inst.secondaryPrivateIps.length) inst.secondaryPrivateIps = undefined;
  db.put(K.subnet, subnet.subnetId, subnet);
  db.put(K.instance, inst.instanceId, inst);
  return { return: true };
};

/** The secondary address actions. */
export const instanceIpActions: Record<string, Action> = {
  AssignPrivateIpAddresses: assign,
  UnassignPrivateIpAddresses: unassign,
};
