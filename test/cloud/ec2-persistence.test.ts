import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from '@aws-sdk/client-ec2';
import { afterAll, describe, expect, it } from 'vitest';
import { ec2Client, startEc2 } from './ec2-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ec2-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('EC2 persistence', () => {
  it('finds VPCs, subnets, groups, key pairs, instances and tags again after a restart on the same data dir', async () => {
    let cloud = await startEc2(dir);
    let ec2 = ec2Client(cloud.url, { region: 'eu-west-1' });
    const defaultVpc = (await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'isDefault', Values: ['true'] }] }))).Vpcs![0]!.VpcId!;
    const vpc = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'kept' }] }] }))).Vpc!.VpcId!;
    const subnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.1.0/24' }))).Subnet!.SubnetId!;
    const sg = (await ec2.send(new E.CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'kept', Description: 'kept' }))).GroupId!;
    await ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    const key = await ec2.send(new E.CreateKeyPairCommand({ KeyName: 'kept', KeyType: 'ed25519' }));
    const image = (await ec2.send(new E.DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-*-x86_64'] }] }))).Images![0]!.ImageId!;
    const inst = (await ec2.send(new E.RunInstancesCommand({ ImageId: image, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: subnet, SecurityGroupIds: [sg] }))).Instances![0]!;
    await cloud.close();

    cloud = await startEc2(dir);
    ec2 = ec2Client(cloud.url, { region: 'eu-west-1' });
    try {
      const vpcs = (await ec2.send(new E.DescribeVpcsCommand({}))).Vpcs!.map((v) => v.VpcId);
      expect(vpcs.sort()).toEqual([defaultVpc, vpc].sort());
      expect((await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['kept'] }] }))).Vpcs!.map((v) => v.VpcId)).toEqual([vpc]);
      expect((await ec2.send(new E.DescribeSubnetsCommand({ SubnetIds: [subnet] }))).Subnets![0]!.AvailableIpAddressCount).toBe(250);
      const g = (await ec2.send(new E.DescribeSecurityGroupsCommand({ GroupIds: [sg] }))).SecurityGroups![0]!;
      expect(g.IpPermissions![0]!.FromPort).toBe(80);
      expect((await ec2.send(new E.DescribeKeyPairsCommand({ KeyNames: ['kept'] }))).KeyPairs![0]!.KeyFingerprint).toBe(key.KeyFingerprint);
      const i = (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [inst.InstanceId!] }))).Reservations![0]!.Instances![0]!;
      expect(i).toMatchObject({ PrivateIpAddress: inst.PrivateIpAddress, State: { Name: 'running' } });
      // Other regions were untouched and still get their own default VPC.
      const us = (await ec2Client(cloud.url).send(new E.DescribeVpcsCommand({}))).Vpcs!;
      expect(us.map((v) => v.VpcId)).not.toContain(vpc);
    } finally {
      await cloud.close();
    }
  });
});
