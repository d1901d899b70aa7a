/**
 * EC2 calls the aws_key_pair and aws_instance resources rely on: ImportKeyPair's own
 * duplicate wording and format errors, ModifyVolume for root volume changes, and
 * ModifyNetworkInterfaceAttribute for security group changes on a running instance.
 */
import * as E from '@aws-sdk/client-ec2';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../src/cloud/index.js';
import { ec2Client, expectAwsError, startEc2 } from './ec2-helpers.js';

let cloud: RunningCloud;
let ec2: E.EC2Client;
let ami: string;

beforeAll(async () => {
  cloud = await startEc2();
  ec2 = ec2Client(cloud.url);
  const images = (await ec2.send(new E.DescribeImagesCommand({ Owners: ['099720109477'], Filters: [{ Name: 'name', Values: ['*jammy*amd64*'] }] }))).Images!;
  ami = images[0]!.ImageId!;
});
afterAll(async () => { await cloud?.close(); });

function ed25519(): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  return `ssh-ed25519 ${Buffer.concat([str(Buffer.from('ssh-ed25519')), str(raw)]).toString('base64')} me@host`;
}

describe('key pairs', () => {
  it('answers a second ImportKeyPair of a name with ImportKeyPair\'s wording, CreateKeyPair with its own', async () => {
    await ec2.send(new E.ImportKeyPairCommand({ KeyName: 'dup', PublicKeyMaterial: Buffer.from(ed25519()) }));
    await expectAwsError(ec2.send(new E.ImportKeyPairCommand({ KeyName: 'dup', PublicKeyMaterial: Buffer.from(ed25519()) })), 'InvalidKeyPair.Duplicate', 'The keypair already exists');
    await expectAwsError(ec2.send(new E.CreateKeyPairCommand({ KeyName: 'dup' })), 'InvalidKeyPair.Duplicate', "The keypair 'dup' already exists.");
  });

  it.each([
    ['a PEM private key', () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()],
    ['a PEM public key', () => generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    ['words', () => 'hello world'],
  ])('rejects %s with InvalidKeyPair.Format', async (_name, key) => {
    await expectAwsError(ec2.send(new E.ImportKeyPairCommand({ KeyName: 'bad', PublicKeyMaterial: Buffer.from(key()) })), 'InvalidKeyPair.Format', 'Key is not in valid OpenSSH public key format');
  });

  it('returns the public key with IncludePublicKey', async () => {
    const key = ed25519();
    await ec2.send(new E.ImportKeyPairCommand({ KeyName: 'shown', PublicKeyMaterial: Buffer.from(key) }));
    const got = (await ec2.send(new E.DescribeKeyPairsCommand({ KeyNames: ['shown'], IncludePublicKey: true }))).KeyPairs![0]!;
    expect(got.PublicKey!.split(' ').slice(0, 2)).toEqual(key.split(' ').slice(0, 2));
  });
});

describe('instance changes', () => {
  it('grows and retypes the root volume with ModifyVolume, refusing to shrink it', async () => {
    const i = (await ec2.send(new E.RunInstancesCommand({ ImageId: ami, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }))).Instances![0]!;
    const vol = i.BlockDeviceMappings![0]!.Ebs!.VolumeId!;
    const out = await ec2.send(new E.ModifyVolumeCommand({ VolumeId: vol, Size: 20, VolumeType: 'gp3' }));
    expect(out.VolumeModification).toMatchObject({ VolumeId: vol, OriginalSize: 8, TargetSize: 20, OriginalVolumeType: 'gp2', TargetVolumeType: 'gp3', TargetIops: 3000, TargetThroughput: 125 });
    const v = (await ec2.send(new E.DescribeVolumesCommand({ VolumeIds: [vol] }))).Volumes![0]!;
    expect(v).toMatchObject({ Size: 20, VolumeType: 'gp3', Iops: 3000, Throughput: 125 });
    await expectAwsError(ec2.send(new E.ModifyVolumeCommand({ VolumeId: vol, Size: 10 })), 'InvalidParameterValue', 'New size cannot be smaller than existing size');
    await expectAwsError(ec2.send(new E.ModifyVolumeCommand({ VolumeId: vol, VolumeType: 'gp9' as 'gp3' })), 'InvalidParameterValue');
  });

  it('replaces the security groups of the primary network interface', async () => {
    const vpc = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.7.0.0/16' }))).Vpc!.VpcId!;
    const subnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.7.1.0/24' }))).Subnet!.SubnetId!;
    const a = (await ec2.send(new E.CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'a', Description: 'a' }))).GroupId!;
    const b = (await ec2.send(new E.CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'b', Description: 'b' }))).GroupId!;
    const i = (await ec2.send(new E.RunInstancesCommand({ ImageId: ami, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: subnet, SecurityGroupIds: [a] }))).Instances![0]!;
    const eni = i.NetworkInterfaces![0]!.NetworkInterfaceId!;
    await ec2.send(new E.ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: eni, Groups: [b] }));
    const got = (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [i.InstanceId!] }))).Reservations![0]!.Instances![0]!;
    expect(got.SecurityGroups!.map((g) => g.GroupId)).toEqual([b]);
    expect(got.NetworkInterfaces![0]!.Groups!.map((g) => g.GroupId)).toEqual([b]);
    await expectAwsError(ec2.send(new E.ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: 'eni-0123456789abcdef0', Groups: [b] })),
      'InvalidNetworkInterfaceID.NotFound', "The networkInterface ID 'eni-0123456789abcdef0' does not exist");
  });

  it('associates, replaces and removes an instance profile', async () => {
    const i = (await ec2.send(new E.RunInstancesCommand({ ImageId: ami, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, IamInstanceProfile: { Name: 'app' } }))).Instances![0]!;
    const id = i.InstanceId!;
    const list = async () => (await ec2.send(new E.DescribeIamInstanceProfileAssociationsCommand({ Filters: [{ Name: 'instance-id', Values: [id] }] }))).IamInstanceProfileAssociations!;
    const [first] = await list();
    expect(first).toMatchObject({ InstanceId: id, State: 'associated', IamInstanceProfile: { Arn: expect.stringMatching(/:instance-profile\/app$/) } });
    expect(first!.AssociationId).toMatch(/^iip-assoc-[0-9a-f]{17}$/);
    await expectAwsError(ec2.send(new E.AssociateIamInstanceProfileCommand({ InstanceId: id, IamInstanceProfile: { Name: 'x' } })), 'IncorrectState', `There is an existing association for instance ${id}`);
    const replaced = await ec2.send(new E.ReplaceIamInstanceProfileAssociationCommand({ AssociationId: first!.AssociationId, IamInstanceProfile: { Name: 'other' } }));
    expect(replaced.IamInstanceProfileAssociation!.IamInstanceProfile!.Arn).toMatch(/:instance-profile\/other$/);
    const [second] = await list();
    await ec2.send(new E.DisassociateIamInstanceProfileCommand({ AssociationId: second!.AssociationId }));
    expect(await list()).toEqual([]);
    const got = (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!;
    expect(got.IamInstanceProfile).toBeUndefined();
    await expectAwsError(ec2.send(new E.DisassociateIamInstanceProfileCommand({ AssociationId: second!.AssociationId })), 'InvalidAssociationID.NotFound');
  });

  it('launches with secondary addresses and assigns and unassigns more', async () => {
    const vpc = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.8.0.0/16' }))).Vpc!.VpcId!;
    const subnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.8.1.0/24' }))).Subnet!.SubnetId!;
    const i = (await ec2.send(new E.RunInstancesCommand({
      ImageId: ami, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1,
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnet, PrivateIpAddress: '10.8.1.10', PrivateIpAddresses: [{ PrivateIpAddress: '10.8.1.11' }] }],
    }))).Instances![0]!;
    const eni = i.NetworkInterfaces![0]!;
    expect(eni.PrivateIpAddresses!.map((a) => [a.PrivateIpAddress, a.Primary])).toEqual([['10.8.1.10', true], ['10.8.1.11', false]]);
    const out = await ec2.send(new E.AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId, SecondaryPrivateIpAddressCount: 1 }));
    expect(out.AssignedPrivateIpAddresses).toHaveLength(1);
    await expectAwsError(ec2.send(new E.AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId, PrivateIpAddresses: ['10.8.1.11'] })), 'InvalidIPAddress.InUse', 'Address 10.8.1.11 is in use.');
    await ec2.send(new E.UnassignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId, PrivateIpAddresses: ['10.8.1.11'] }));
    await expectAwsError(ec2.send(new E.UnassignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId, PrivateIpAddresses: ['10.8.1.11'] })),
      'InvalidParameterValue', `Some of the specified addresses are not assigned to interface ${eni.NetworkInterfaceId}`);
    const got = (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [i.InstanceId!] }))).Reservations![0]!.Instances![0]!;
    expect(got.NetworkInterfaces![0]!.PrivateIpAddresses!.filter((a) => !a.Primary).map((a) => a.PrivateIpAddress)).toEqual([out.AssignedPrivateIpAddresses![0]!.PrivateIpAddress]);
  });

  it('makes Nitro instances EBS-optimized even when asked otherwise', async () => {
    const i = (await ec2.send(new E.RunInstancesCommand({ ImageId: ami, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, EbsOptimized: false }))).Instances![0]!;
    expect(i.EbsOptimized).toBe(true);
    const x = (await ec2.send(new E.RunInstancesCommand({ ImageId: ami, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1 }))).Instances![0]!;
    expect(x.EbsOptimized).toBe(false);
  });
});
