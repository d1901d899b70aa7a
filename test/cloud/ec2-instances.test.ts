import * as E from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../src/cloud/index.js';
import { ec2Client, expectAwsError, startEc2 } from './ec2-helpers.js';

let cloud: RunningCloud;
let ec2: E.EC2Client;
let ubuntu: string;
let al2023Arm: string;

/** What `data "aws_ami"` with most_recent = true does: DescribeImages, then the newest by CreationDate. */
async function mostRecent(client: E.EC2Client, owners: string[], name: string, arch?: string): Promise<E.Image> {
  const filters = [{ Name: 'name', Values: [name] }, { Name: 'virtualization-type', Values: ['hvm'] }];
  if (arch) filters.push({ Name: 'architecture', Values: [arch] });
  const images = (await client.send(new E.DescribeImagesCommand({ Owners: owners, Filters: filters }))).Images!;
  expect(images.length).toBeGreaterThan(0);
  return images.sort((a, b) => (a.CreationDate! < b.CreationDate! ? 1 : -1))[0]!;
}

beforeAll(async () => {
  cloud = await startEc2();
  ec2 = ec2Client(cloud.url);
  ubuntu = (await mostRecent(ec2, ['099720109477'], 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*')).ImageId!;
  al2023Arm = (await mostRecent(ec2, ['amazon'], 'al2023-ami-2023.*-kernel-6.1-arm64')).ImageId!;
});
afterAll(async () => {
  await cloud?.close();
});

describe('images', () => {
  it.each([
    [['099720109477'], 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*', 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240301', undefined],
    [['amazon'], 'al2023-ami-2023.*-x86_64', 'al2023-ami-2023.4.20240401.1-kernel-6.1-x86_64', 'amazon'],
    [['137112412989'], 'amzn2-ami-hvm-*-x86_64-gp2', 'amzn2-ami-hvm-2.0.20240306.2-x86_64-gp2', 'amazon'],
    [['136693071363'], 'debian-12-amd64-*', 'debian-12-amd64-20240201-1644', undefined],
  ])('most_recent for owners %j and name %s', async (owners, name, expected, alias) => {
    const img = await mostRecent(ec2, owners, name);
    expect(img.Name).toBe(expected);
    expect(img.ImageOwnerAlias).toBe(alias);
    expect(img).toMatchObject({ State: 'available', Public: true, RootDeviceType: 'ebs', VirtualizationType: 'hvm', ImageType: 'machine' });
    expect(img.BlockDeviceMappings![0]!.Ebs!.SnapshotId).toMatch(/^snap-/);
  });

  it('gives each region its own AMI ids and answers Malformed / NotFound', async () => {
    const west = await mostRecent(ec2Client(cloud.url, { region: 'us-west-2' }), ['099720109477'], 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*');
    expect(west.ImageId).not.toBe(ubuntu);
    await expectAwsError(ec2.send(new E.DescribeImagesCommand({ ImageIds: ['ami-xyz'] })), 'InvalidAMIID.Malformed', 'Invalid id: "ami-xyz" (expecting "ami-...")');
    await expectAwsError(ec2.send(new E.DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] })), 'InvalidAMIID.NotFound', "The image id '[ami-0123456789abcdef0]' does not exist");
    expect((await ec2.send(new E.DescribeImagesCommand({ Owners: ['self'] }))).Images).toEqual([]);
  });
});

describe('regions, zones and instance types', () => {
  it('lists regions (opt-in ones only with AllRegions) and zones with ids', async () => {
    const regions = (await ec2.send(new E.DescribeRegionsCommand({}))).Regions!;
    expect(regions.map((r) => r.RegionName)).toContain('eu-central-1');
    expect(regions.map((r) => r.RegionName)).not.toContain('af-south-1');
    expect(regions.find((r) => r.RegionName === 'us-east-1')!.Endpoint).toBe('ec2.us-east-1.amazonaws.com');
    const all = (await ec2.send(new E.DescribeRegionsCommand({ AllRegions: true }))).Regions!;
    expect(all.find((r) => r.RegionName === 'af-south-1')!.OptInStatus).toBe('not-opted-in');
    const zones = (await ec2.send(new E.DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'state', Values: ['available'] }] }))).AvailabilityZones!;
    expect(zones.map((z) => z.ZoneName)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']);
    expect(zones.every((z) => /^use1-az\d$/.test(z.ZoneId!) && z.RegionName === 'us-east-1' && z.ZoneType === 'availability-zone')).toBe(true);
    const west = (await ec2Client(cloud.url, { region: 'us-west-1' }).send(new E.DescribeAvailabilityZonesCommand({}))).AvailabilityZones!;
    expect(west.map((z) => z.ZoneName)).toEqual(['us-west-1b', 'us-west-1c']);
  });

  it('describes instance types and where they are offered (us-east-1e lacks t2.micro)', async () => {
    const t = (await ec2.send(new E.DescribeInstanceTypesCommand({ InstanceTypes: ['t3.micro', 'm5.large'] }))).InstanceTypes!;
    const t3 = t.find((x) => x.InstanceType === 't3.micro')!;
    expect(t3).toMatchObject({ BurstablePerformanceSupported: true, CurrentGeneration: true, Hypervisor: 'nitro', MemoryInfo: { SizeInMiB: 1024 } });
    expect(t3.VCpuInfo!.DefaultVCpus).toBe(2);
    expect(t3.ProcessorInfo!.SupportedArchitectures).toEqual(['x86_64']);
    expect(t.find((x) => x.InstanceType === 'm5.large')!.BurstablePerformanceSupported).toBe(false);
    await expectAwsError(ec2.send(new E.DescribeInstanceTypesCommand({ InstanceTypes: ['t9.huge' as E._InstanceType] })), 'InvalidInstanceType', 'The following supplied instance types do not exist: [t9.huge]');
    const offers = (await ec2.send(new E.DescribeInstanceTypeOfferingsCommand({ LocationType: 'availability-zone', Filters: [{ Name: 'instance-type', Values: ['t2.micro'] }] }))).InstanceTypeOfferings!;
    expect(offers.map((o) => o.Location).sort()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1f']);
    const byId = (await ec2.send(new E.DescribeInstanceTypeOfferingsCommand({ LocationType: 'availability-zone-id', Filters: [{ Name: 'location', Values: ['use1-az3'] }] }))).InstanceTypeOfferings!;
    expect(byId.map((o) => o.InstanceType)).toContain('m4.large');
    expect(byId.map((o) => o.InstanceType)).not.toContain('t3.micro');
    const paged = await ec2.send(new E.DescribeInstanceTypesCommand({ MaxResults: 5 }));
    expect(paged.InstanceTypes).toHaveLength(5);
    expect(paged.NextToken).toBeDefined();
  });
});

describe('instances', () => {
  let vpc: string;
  let subnet: string;
  let sg: string;

  beforeAll(async () => {
    vpc = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc!.VpcId!;
    subnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.9.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet!.SubnetId!;
    sg = (await ec2.send(new E.CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'inst', Description: 'inst' }))).GroupId!;
    await ec2.send(new E.ImportKeyPairCommand({ KeyName: 'deployer', PublicKeyMaterial: Buffer.from('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGTjVXbKpkG2IbBIcTGwwXuxJjMXK1ijbZl8nmkdPfd4 me@host') }));
  });

  it('runs an instance (pending, then running on the next describe) with an address from its subnet', async () => {
    const r = await ec2.send(
      new E.RunInstancesCommand({
        ImageId: ubuntu,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnet,
        SecurityGroupIds: [sg],
        KeyName: 'deployer',
        UserData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'),
        TagSpecifications: [
          { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web-1' }] },
          { ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'web-1-root' }] },
        ],
        BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { VolumeSize: 20, VolumeType: 'gp3' } }],
      }),
    );
    const i = r.Instances![0]!;
    expect(r.ReservationId).toMatch(/^r-/);
    expect(i.State).toEqual({ Code: 0, Name: 'pending' });
    expect(i.PrivateIpAddress).toBe('10.9.1.4');
    expect(i.PublicIpAddress).toBeUndefined();
    expect(i.PrivateDnsName).toBe('ip-10-9-1-4.ec2.internal');
    expect(i.Placement!.AvailabilityZone).toBe('us-east-1a');
    expect(i.SecurityGroups).toEqual([{ GroupId: sg, GroupName: 'inst' }]);
    expect(i.Tags).toEqual([{ Key: 'Name', Value: 'web-1' }]);
    const d = (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [i.InstanceId!] }))).Reservations![0]!.Instances![0]!;
    expect(d.State).toEqual({ Code: 16, Name: 'running' });
    expect(d.KeyName).toBe('deployer');
    expect(d.RootDeviceName).toBe('/dev/sda1');
    const vols = (await ec2.send(new E.DescribeVolumesCommand({ VolumeIds: [d.BlockDeviceMappings![0]!.Ebs!.VolumeId!] }))).Volumes!;
    expect(vols[0]).toMatchObject({ Size: 20, VolumeType: 'gp3', Iops: 3000, Throughput: 125, State: 'in-use', Encrypted: false, Tags: [{ Key: 'Name', Value: 'web-1-root' }] });
    expect(vols[0]!.Attachments![0]).toMatchObject({ InstanceId: i.InstanceId, Device: '/dev/sda1', DeleteOnTermination: true, State: 'attached' });
    const attr = async (a: E.InstanceAttributeName) => ec2.send(new E.DescribeInstanceAttributeCommand({ InstanceId: i.InstanceId, Attribute: a }));
    expect(Buffer.from((await attr('userData')).UserData!.Value!, 'base64').toString()).toBe('#!/bin/sh\necho hi\n');
    expect((await attr('disableApiTermination')).DisableApiTermination!.Value).toBe(false);
    expect((await attr('instanceInitiatedShutdownBehavior')).InstanceInitiatedShutdownBehavior!.Value).toBe('stop');
    expect((await attr('disableApiStop')).DisableApiStop!.Value).toBe(false);
    const credits = (await ec2.send(new E.DescribeInstanceCreditSpecificationsCommand({ InstanceIds: [i.InstanceId!] }))).InstanceCreditSpecifications!;
    expect(credits).toEqual([{ InstanceId: i.InstanceId, CpuCredits: 'unlimited' }]);
    const byTag = (await ec2.send(new E.DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['web-1'] }, { Name: 'instance-state-name', Values: ['running'] }] }))).Reservations!;
    expect(byTag.flatMap((x) => x.Instances!.map((y) => y.InstanceId))).toEqual([i.InstanceId]);
    const enis = (await ec2.send(new E.DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'subnet-id', Values: [subnet] }] }))).NetworkInterfaces!;
    expect(enis.map((e) => e.Attachment?.InstanceId)).toContain(i.InstanceId);

    // In use: neither its subnet nor its group can go.
    await expectAwsError(ec2.send(new E.DeleteSubnetCommand({ SubnetId: subnet })), 'DependencyViolation', `The subnet '${subnet}' has dependencies and cannot be deleted.`);
    await expectAwsError(ec2.send(new E.DeleteSecurityGroupCommand({ GroupId: sg })), 'DependencyViolation');
  });

  it('stops, modifies, starts and terminates; terminated instances stay visible', async () => {
    await ec2.send(new E.ModifySubnetAttributeCommand({ SubnetId: subnet, MapPublicIpOnLaunch: { Value: true } }));
    const plain = (await ec2.send(new E.RunInstancesCommand({ ImageId: ubuntu, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: subnet }))).Instances![0]!;
    expect(plain.PublicIpAddress).toBeDefined();
    expect(plain.PublicDnsName).toBe(''); // no DNS hostnames in this VPC yet
    await ec2.send(new E.ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: true } }));
    const i = (await ec2.send(new E.RunInstancesCommand({ ImageId: ubuntu, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1, SubnetId: subnet, DisableApiTermination: true }))).Instances![0]!;
    expect(i.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(i.PublicDnsName).toBe(`ec2-${i.PublicIpAddress!.replace(/\./g, '-')}.compute-1.amazonaws.com`);
    const id = i.InstanceId!;
    await expectAwsError(
      ec2.send(new E.TerminateInstancesCommand({ InstanceIds: [id] })),
      'OperationNotPermitted',
      `The instance '${id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`,
    );
    await expectAwsError(ec2.send(new E.ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 't3.small' } })), 'IncorrectInstanceState');
    const stop = await ec2.send(new E.StopInstancesCommand({ InstanceIds: [id] }));
    expect(stop.StoppingInstances![0]).toMatchObject({ CurrentState: { Code: 64, Name: 'stopping' }, PreviousState: { Code: 16, Name: 'running' } });
    const stopped = (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!;
    expect(stopped.State!.Name).toBe('stopped');
    expect(stopped.PublicIpAddress).toBeUndefined();
    await ec2.send(new E.ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 't3.small' } }));
    await ec2.send(new E.ModifyInstanceAttributeCommand({ InstanceId: id, UserData: { Value: new TextEncoder().encode('new data') } }));
    await ec2.send(new E.ModifyInstanceAttributeCommand({ InstanceId: id, DisableApiTermination: { Value: false } }));
    await ec2.send(new E.ModifyInstanceAttributeCommand({ InstanceId: id, InstanceInitiatedShutdownBehavior: { Value: 'terminate' } }));
    await ec2.send(new E.ModifyInstanceCreditSpecificationCommand({ InstanceCreditSpecifications: [{ InstanceId: id, CpuCredits: 'standard' }] }));
    const ud = (await ec2.send(new E.DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }))).UserData!.Value!;
    expect(Buffer.from(ud, 'base64').toString()).toBe('new data');
    const start = await ec2.send(new E.StartInstancesCommand({ InstanceIds: [id] }));
    expect(start.StartingInstances![0]!.CurrentState!.Name).toBe('pending');
    const running = (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!;
    expect(running).toMatchObject({ InstanceType: 't3.small', State: { Name: 'running' } });
    expect(running.PublicIpAddress).toBeDefined();
    expect((await ec2.send(new E.DescribeInstanceCreditSpecificationsCommand({ InstanceIds: [id] }))).InstanceCreditSpecifications![0]!.CpuCredits).toBe('standard');

    const term = await ec2.send(new E.TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(term.TerminatingInstances![0]!.CurrentState).toEqual({ Code: 32, Name: 'shutting-down' });
    const gone = (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!;
    expect(gone.State).toEqual({ Code: 48, Name: 'terminated' });
    expect(gone.StateTransitionReason).toMatch(/^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/);
    expect(gone.BlockDeviceMappings).toEqual([]);
    await expectAwsError(ec2.send(new E.StartInstancesCommand({ InstanceIds: [id] })), 'IncorrectInstanceState');
  });

  it('associates an Elastic IP with an instance and moves the public address', async () => {
    const i = (await ec2.send(new E.RunInstancesCommand({ ImageId: ubuntu, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: subnet }))).Instances![0]!;
    const eip = await ec2.send(new E.AllocateAddressCommand({ Domain: 'vpc' }));
    await expectAwsError(ec2.send(new E.AssociateAddressCommand({ AllocationId: eip.AllocationId, InstanceId: i.InstanceId })), 'Gateway.NotAttached', `Network ${vpc} is not attached to any internet gateway`);
    const igw = (await ec2.send(new E.CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new E.AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc }));
    const a = await ec2.send(new E.AssociateAddressCommand({ AllocationId: eip.AllocationId, InstanceId: i.InstanceId }));
    expect(a.AssociationId).toMatch(/^eipassoc-/);
    const d = (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [i.InstanceId!] }))).Reservations![0]!.Instances![0]!;
    expect(d.PublicIpAddress).toBe(eip.PublicIp);
    const addr = (await ec2.send(new E.DescribeAddressesCommand({ Filters: [{ Name: 'instance-id', Values: [i.InstanceId!] }] }))).Addresses!;
    expect(addr).toHaveLength(1);
    expect(addr[0]).toMatchObject({ AllocationId: eip.AllocationId, AssociationId: a.AssociationId, PrivateIpAddress: d.PrivateIpAddress, NetworkInterfaceId: d.NetworkInterfaces![0]!.NetworkInterfaceId });
    await expectAwsError(ec2.send(new E.DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc })), 'DependencyViolation', /mapped public address/);
    await ec2.send(new E.DisassociateAddressCommand({ AssociationId: a.AssociationId }));
    await ec2.send(new E.ReleaseAddressCommand({ AllocationId: eip.AllocationId }));
  });

  it.each([
    [{ ImageId: 'ami-xyz' }, 'InvalidAMIID.Malformed', 'Invalid id: "ami-xyz" (expecting "ami-...")'],
    [{ ImageId: 'ami-0123456789abcdef0' }, 'InvalidAMIID.NotFound', "The image id '[ami-0123456789abcdef0]' does not exist"],
    [{ KeyName: 'nobody' }, 'InvalidKeyPair.NotFound', "The key pair 'nobody' does not exist"],
    [{ InstanceType: 'z9.mega' }, 'InvalidParameterValue', "Invalid value 'z9.mega' for InstanceType."],
    [{ InstanceType: 't4g.micro' }, 'InvalidParameterValue', /architecture 'arm64' of the specified instance type does not match the architecture 'x86_64'/],
    [{ SubnetId: 'subnet-0123456789abcdef0' }, 'InvalidSubnetID.NotFound', "The subnet ID 'subnet-0123456789abcdef0' does not exist"],
    [{ SecurityGroupIds: ['sg-0123456789abcdef0'] }, 'InvalidGroup.NotFound', "The security group 'sg-0123456789abcdef0' does not exist"],
    [
      { Placement: { AvailabilityZone: 'us-east-1e' } },
      'Unsupported',
      'Your requested instance type (t2.micro) is not supported in your requested Availability Zone (us-east-1e). Please retry your request by not specifying an Availability Zone or choosing us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1f.',
    ],
  ])('RunInstances %j fails with %s', async (over, code, msg) => {
    await expectAwsError(ec2.send(new E.RunInstancesCommand({ ImageId: ubuntu, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1, ...over } as E.RunInstancesCommandInput)), code, msg);
  });

  it('launches into the default VPC when no subnet is given, skipping zones that lack the type', async () => {
    const r = await ec2.send(new E.RunInstancesCommand({ ImageId: al2023Arm, InstanceType: 't4g.nano', MinCount: 2, MaxCount: 2 }));
    expect(r.Instances).toHaveLength(2);
    expect(r.Instances!.map((x) => x.AmiLaunchIndex)).toEqual([0, 1]);
    const dv = (await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!;
    expect(r.Instances!.every((x) => x.VpcId === dv.VpcId && x.PublicIpAddress)).toBe(true);
    expect(r.Instances![0]!.Architecture).toBe('arm64');
    expect(r.Instances![0]!.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 2, State: 'applied' });
  });

  it('gives a public address when the network interface asks for one (associate_public_ip_address)', async () => {
    const r = await ec2.send(
      new E.RunInstancesCommand({
        ImageId: ubuntu,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnet, AssociatePublicIpAddress: true, Groups: [sg], PrivateIpAddress: '10.9.1.200' }],
      }),
    );
    const i = r.Instances![0]!;
    expect(i.PrivateIpAddress).toBe('10.9.1.200');
    expect(i.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(i.SecurityGroups!.map((g) => g.GroupId)).toEqual([sg]);
    await expectAwsError(
      ec2.send(new E.RunInstancesCommand({ ImageId: ubuntu, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: subnet, PrivateIpAddress: '10.9.1.200' })),
      'InvalidIPAddress.InUse',
      'Address 10.9.1.200 is in use.',
    );
  });

  it('answers DryRun with DryRunOperation and a missing parameter with MissingParameter', async () => {
    let err: { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
    try {
      await ec2.send(new E.RunInstancesCommand({ ImageId: ubuntu, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, DryRun: true }));
    } catch (e) {
      err = e as typeof err;
    }
    expect(err?.name).toBe('DryRunOperation');
    expect(err?.$metadata?.httpStatusCode).toBe(412);
    await expectAwsError(ec2.send(new E.DeleteVpcCommand({} as E.DeleteVpcCommandInput)), 'MissingParameter', 'The request must contain the parameter VpcId');
  });

  it('answers Malformed and NotFound for instance ids', async () => {
    await expectAwsError(ec2.send(new E.DescribeInstancesCommand({ InstanceIds: ['i-123'] })), 'InvalidInstanceID.Malformed', 'Invalid id: "i-123" (expecting "i-...")');
    await expectAwsError(ec2.send(new E.DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })), 'InvalidInstanceID.NotFound', "The instance ID 'i-0123456789abcdef0' does not exist");
    await expectAwsError(
      ec2.send(new E.TerminateInstancesCommand({ InstanceIds: ['i-0123456789abcdef0', 'i-0123456789abcdef1'] })),
      'InvalidInstanceID.NotFound',
      "The instance IDs 'i-0123456789abcdef0, i-0123456789abcdef1' do not exist",
    );
  });

  it('pages DescribeInstances and reports account attributes and prefix lists', async () => {
    const all = (await ec2.send(new E.DescribeInstancesCommand({}))).Reservations!.flatMap((r) => r.Instances!);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const r = await ec2.send(new E.DescribeInstancesCommand({ MaxResults: 5, NextToken: token }));
      seen.push(...r.Reservations!.flatMap((x) => x.Instances!.map((y) => y.InstanceId!)));
      token = r.NextToken;
    } while (token);
    expect(seen.sort()).toEqual(all.map((x) => x.InstanceId!).sort());
    const attrs = (await ec2.send(new E.DescribeAccountAttributesCommand({ AttributeNames: ['supported-platforms'] }))).AccountAttributes!;
    expect(attrs).toEqual([{ AttributeName: 'supported-platforms', AttributeValues: [{ AttributeValue: 'VPC' }] }]);
    const pl = (await ec2.send(new E.DescribePrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.us-east-1.s3'] }] }))).PrefixLists!;
    expect(pl[0]!.PrefixListId).toBe('pl-63a5400a');
    const status = (await ec2.send(new E.DescribeInstanceStatusCommand({}))).InstanceStatuses!;
    expect(status.length).toBeGreaterThan(0);
    expect(status.every((s) => s.InstanceState!.Name === 'running' && s.InstanceStatus!.Status === 'ok')).toBe(true);
  });
});
