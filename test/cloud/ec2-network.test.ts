import * as E from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../src/cloud/index.js';
import { ec2Client, expectAwsError, startEc2 } from './ec2-helpers.js';

let cloud: RunningCloud;
let ec2: E.EC2Client;

beforeAll(async () => {
  cloud = await startEc2();
  ec2 = ec2Client(cloud.url);
});
afterAll(async () => {
  await cloud?.close();
});

async function newVpc(cidr = '10.0.0.0/16', name?: string): Promise<string> {
  const r = await ec2.send(
    new E.CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: name ? [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: name }] }] : undefined }),
  );
  return r.Vpc!.VpcId!;
}

describe('default VPC', () => {
  it('exists in every region with a /20 default subnet per zone, an attached gateway and a public main route', async () => {
    for (const region of ['us-east-1', 'eu-west-1', 'ap-northeast-1']) {
      const c = ec2Client(cloud.url, { region });
      const vpcs = (await c.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs!;
      expect(vpcs).toHaveLength(1);
      const vpc = vpcs[0]!;
      expect(vpc.CidrBlock).toBe('172.31.0.0/16');
      expect(vpc.IsDefault).toBe(true);
      const zones = (await c.send(new E.DescribeAvailabilityZonesCommand({}))).AvailabilityZones!;
      const subnets = (await c.send(new E.DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).Subnets!;
      expect(subnets.map((s) => s.AvailabilityZone).sort()).toEqual(zones.map((z) => z.ZoneName).sort());
      for (const s of subnets) {
        expect(s.CidrBlock).toMatch(/^172\.31\.\d+\.0\/20$/);
        expect(s.DefaultForAz).toBe(true);
        expect(s.MapPublicIpOnLaunch).toBe(true);
        expect(s.AvailableIpAddressCount).toBe(4091);
      }
      const igws = (await c.send(new E.DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpc.VpcId!] }] }))).InternetGateways!;
      expect(igws).toHaveLength(1);
      const main = (await c.send(new E.DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }, { Name: 'association.main', Values: ['true'] }] }))).RouteTables!;
      expect(main).toHaveLength(1);
      expect(main[0]!.Routes!.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.GatewayId).toBe(igws[0]!.InternetGatewayId);
    }
  });

  it('recreates a deleted default subnet with CreateDefaultSubnet', async () => {
    const c = ec2Client(cloud.url, { region: 'us-east-2' });
    const subs = (await c.send(new E.DescribeSubnetsCommand({ Filters: [{ Name: 'availabilityZone', Values: ['us-east-2b'] }, { Name: 'defaultForAz', Values: ['true'] }] }))).Subnets!;
    expect(subs).toHaveLength(1);
    await expectAwsError(
      c.send(new E.CreateDefaultSubnetCommand({ AvailabilityZone: 'us-east-2b' })),
      'DefaultSubnetAlreadyExistsInAvailabilityZone',
      'A Default Subnet already exists for this account in availability zone us-east-2b.',
    );
    await c.send(new E.DeleteSubnetCommand({ SubnetId: subs[0]!.SubnetId }));
    const again = (await c.send(new E.CreateDefaultSubnetCommand({ AvailabilityZone: 'us-east-2b' }))).Subnet!;
    expect(again).toMatchObject({ AvailabilityZone: 'us-east-2b', DefaultForAz: true, MapPublicIpOnLaunch: true, CidrBlock: subs[0]!.CidrBlock });
  });

  it('CreateDefaultVpc refuses a second default VPC', async () => {
    await expectAwsError(ec2.send(new E.CreateDefaultVpcCommand({})), 'DefaultVpcAlreadyExists', 'A Default VPC already exists for this account in this region.');
  });
});

describe('VPCs', () => {
  it('creates a VPC with its main route table, default network ACL and default security group', async () => {
    const id = await newVpc('10.1.0.0/16', 'main-vpc');
    const v = (await ec2.send(new E.DescribeVpcsCommand({ VpcIds: [id] }))).Vpcs![0]!;
    expect(v.State).toBe('available');
    expect(v.Tags).toEqual([{ Key: 'Name', Value: 'main-vpc' }]);
    expect(v.CidrBlockAssociationSet![0]!.CidrBlockState!.State).toBe('associated');
    const rt = (await ec2.send(new E.DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [id] }, { Name: 'association.main', Values: ['true'] }] }))).RouteTables!;
    expect(rt).toHaveLength(1);
    expect(rt[0]!.Routes).toEqual([{ DestinationCidrBlock: '10.1.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }]);
    const acl = (await ec2.send(new E.DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [id] }, { Name: 'default', Values: ['true'] }] }))).NetworkAcls!;
    expect(acl).toHaveLength(1);
    expect(acl[0]!.Entries!.map((e) => [e.RuleNumber, e.RuleAction, e.Egress])).toEqual(
      expect.arrayContaining([[100, 'allow', true], [32767, 'deny', true], [100, 'allow', false], [32767, 'deny', false]]),
    );
    const sg = (await ec2.send(new E.DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [id] }, { Name: 'group-name', Values: ['default'] }] }))).SecurityGroups!;
    expect(sg).toHaveLength(1);
    expect(sg[0]!.IpPermissionsEgress).toEqual([{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }]);
    expect(sg[0]!.IpPermissions![0]!.UserIdGroupPairs![0]!.GroupId).toBe(sg[0]!.GroupId);
  });

  it('reads and modifies the DNS and address-usage attributes', async () => {
    const id = await newVpc('10.2.0.0/16');
    const get = async (a: E.VpcAttributeName) => ec2.send(new E.DescribeVpcAttributeCommand({ VpcId: id, Attribute: a }));
    expect((await get('enableDnsSupport')).EnableDnsSupport?.Value).toBe(true);
    expect((await get('enableDnsHostnames')).EnableDnsHostnames?.Value).toBe(false);
    expect((await get('enableNetworkAddressUsageMetrics')).EnableNetworkAddressUsageMetrics?.Value).toBe(false);
    await ec2.send(new E.ModifyVpcAttributeCommand({ VpcId: id, EnableDnsHostnames: { Value: true } }));
    await ec2.send(new E.ModifyVpcAttributeCommand({ VpcId: id, EnableNetworkAddressUsageMetrics: { Value: true } }));
    expect((await get('enableDnsHostnames')).EnableDnsHostnames?.Value).toBe(true);
    expect((await get('enableNetworkAddressUsageMetrics')).EnableNetworkAddressUsageMetrics?.Value).toBe(true);
  });

  it.each([
    ['10.0.0.0/8', 'InvalidVpc.Range', "The CIDR '10.0.0.0/8' is invalid."],
    ['10.0.0.0/29', 'InvalidVpc.Range', "The CIDR '10.0.0.0/29' is invalid."],
    ['10.0.0.0/33', 'InvalidParameterValue', 'Value (10.0.0.0/33) for parameter cidrBlock is invalid. This is not a valid CIDR block.'],
    ['banana', 'InvalidParameterValue', 'Value (banana) for parameter cidrBlock is invalid. This is not a valid CIDR block.'],
  ])('rejects CIDR %s with %s', async (cidr, code, msg) => {
    await expectAwsError(ec2.send(new E.CreateVpcCommand({ CidrBlock: cidr })), code, msg);
  });

  it('answers NotFound and Malformed for unknown VPC ids', async () => {
    await expectAwsError(ec2.send(new E.DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })), 'InvalidVpcID.NotFound', "The vpc ID 'vpc-0123456789abcdef0' does not exist");
    await expectAwsError(ec2.send(new E.DeleteVpcCommand({ VpcId: 'vpc-12345678' })), 'InvalidVpcID.NotFound');
    await expectAwsError(ec2.send(new E.DescribeVpcsCommand({ VpcIds: ['nope'] })), 'InvalidVpcID.Malformed');
  });

  it('filters by tag and pages with MaxResults/NextToken', async () => {
    for (let i = 0; i < 7; i++) await newVpc(`10.${100 + i}.0.0/16`, i % 2 ? 'odd' : 'even');
    const odd = (await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['odd'] }] }))).Vpcs!;
    expect(odd).toHaveLength(3);
    const wild = (await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['ev*'] }, { Name: 'cidr', Values: ['10.10?.0.0/16'] }] }))).Vpcs!;
    expect(wild).toHaveLength(4);
    expect((await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'tag-key', Values: ['Name'] }] }))).Vpcs!.length).toBeGreaterThanOrEqual(7);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await ec2.send(new E.DescribeVpcsCommand({ MaxResults: 5, NextToken: token }));
      expect(r.Vpcs!.length).toBeLessThanOrEqual(5);
      seen.push(...r.Vpcs!.map((v) => v.VpcId!));
      token = r.NextToken;
      pages++;
    } while (token);
    const all = (await ec2.send(new E.DescribeVpcsCommand({}))).Vpcs!.map((v) => v.VpcId!);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 5));
    await expectAwsError(ec2.send(new E.DescribeVpcsCommand({ MaxResults: 2 })), 'InvalidParameterValue', /maxResults/);
    await expectAwsError(ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })), 'InvalidParameterValue', "The filter 'colour' is invalid");
  });

  it('keeps two access keys in two accounts', async () => {
    const other = ec2Client(cloud.url, { accessKeyId: '111122223333' });
    const id = await newVpc('10.3.0.0/16', 'mine');
    const theirs = (await other.send(new E.DescribeVpcsCommand({}))).Vpcs!;
    expect(theirs.map((v) => v.VpcId)).not.toContain(id);
    expect(theirs.every((v) => v.OwnerId === '111122223333')).toBe(true);
    await expectAwsError(other.send(new E.DescribeVpcsCommand({ VpcIds: [id] })), 'InvalidVpcID.NotFound');
  });
});

describe('subnets', () => {
  it('creates subnets in a zone, refuses out-of-range and overlapping CIDRs and modifies attributes', async () => {
    const vpc = await newVpc('10.20.0.0/16');
    const s = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.20.1.0/24', AvailabilityZone: 'us-east-1b' }))).Subnet!;
    expect(s.AvailabilityZone).toBe('us-east-1b');
    expect(s.AvailabilityZoneId).toBe('use1-az1');
    expect(s.AvailableIpAddressCount).toBe(251);
    expect(s.MapPublicIpOnLaunch).toBe(false);
    expect(s.SubnetArn).toBe(`arn:aws:ec2:us-east-1:000000000000:subnet/${s.SubnetId}`);
    await expectAwsError(ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.21.0.0/24' })), 'InvalidSubnet.Range', "The CIDR '10.21.0.0/24' is invalid.");
    await expectAwsError(ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.20.0.0/29' })), 'InvalidSubnet.Range');
    await expectAwsError(ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.20.1.128/25' })), 'InvalidSubnet.Conflict', "The CIDR '10.20.1.128/25' conflicts with another subnet");
    await expectAwsError(
      ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.20.2.0/24', AvailabilityZone: 'us-east-1z' })),
      'InvalidParameterValue',
      'Value (us-east-1z) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f.',
    );
    await expectAwsError(ec2.send(new E.CreateSubnetCommand({ VpcId: 'vpc-0000000000000000a', CidrBlock: '10.20.2.0/24' })), 'InvalidVpcID.NotFound');
    await ec2.send(new E.ModifySubnetAttributeCommand({ SubnetId: s.SubnetId, MapPublicIpOnLaunch: { Value: true } }));
    const again = (await ec2.send(new E.DescribeSubnetsCommand({ SubnetIds: [s.SubnetId!] }))).Subnets![0]!;
    expect(again.MapPublicIpOnLaunch).toBe(true);
    const filtered = (await ec2.send(new E.DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'availability-zone', Values: ['us-east-1b'] }] }))).Subnets!;
    expect(filtered.map((x) => x.SubnetId)).toEqual([s.SubnetId]);
    await expectAwsError(ec2.send(new E.DeleteVpcCommand({ VpcId: vpc })), 'DependencyViolation', `The vpc '${vpc}' has dependencies and cannot be deleted.`);
    await ec2.send(new E.DeleteSubnetCommand({ SubnetId: s.SubnetId }));
    await expectAwsError(ec2.send(new E.DescribeSubnetsCommand({ SubnetIds: [s.SubnetId!] })), 'InvalidSubnetID.NotFound', `The subnet ID '${s.SubnetId}' does not exist`);
    await ec2.send(new E.DeleteVpcCommand({ VpcId: vpc }));
    expect((await ec2.send(new E.DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).SecurityGroups).toEqual([]);
  });
});

describe('internet gateways and route tables', () => {
  it('attaches, routes, associates, replaces the main association and detaches', async () => {
    const vpc = await newVpc('10.30.0.0/16');
    const subnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.30.1.0/24' }))).Subnet!.SubnetId!;
    const igw = (await ec2.send(new E.CreateInternetGatewayCommand({ TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: [{ Key: 'Name', Value: 'gw' }] }] }))).InternetGateway!;
    expect(igw.Attachments).toEqual([]);
    const rt = (await ec2.send(new E.CreateRouteTableCommand({ VpcId: vpc }))).RouteTable!.RouteTableId!;
    await expectAwsError(
      ec2.send(new E.CreateRouteCommand({ RouteTableId: rt, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw.InternetGatewayId })),
      'InvalidParameterValue',
      `route table ${rt} and network gateway ${igw.InternetGatewayId} belong to different networks`,
    );
    await ec2.send(new E.AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpc }));
    await expectAwsError(ec2.send(new E.AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpc })), 'Resource.AlreadyAssociated');
    const got = (await ec2.send(new E.DescribeInternetGatewaysCommand({ InternetGatewayIds: [igw.InternetGatewayId!] }))).InternetGateways![0]!;
    expect(got.Attachments).toEqual([{ State: 'available', VpcId: vpc }]);
    await ec2.send(new E.CreateRouteCommand({ RouteTableId: rt, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw.InternetGatewayId }));
    await expectAwsError(
      ec2.send(new E.CreateRouteCommand({ RouteTableId: rt, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw.InternetGatewayId })),
      'RouteAlreadyExists',
      'The route identified by 0.0.0.0/0 already exists.',
    );
    await expectAwsError(ec2.send(new E.DeleteRouteCommand({ RouteTableId: rt, DestinationCidrBlock: '192.168.0.0/16' })), 'InvalidRoute.NotFound', `no route with destination-cidr-block 192.168.0.0/16 in route table ${rt}`);
    await expectAwsError(
      ec2.send(new E.ReplaceRouteCommand({ RouteTableId: rt, DestinationCidrBlock: '192.168.0.0/16', GatewayId: igw.InternetGatewayId })),
      'InvalidParameterValue',
      "There is no route defined for '192.168.0.0/16' in the route table. Use CreateRoute instead.",
    );
    const assoc = (await ec2.send(new E.AssociateRouteTableCommand({ RouteTableId: rt, SubnetId: subnet }))).AssociationId!;
    expect(assoc).toMatch(/^rtbassoc-/);
    await expectAwsError(ec2.send(new E.AssociateRouteTableCommand({ RouteTableId: rt, SubnetId: subnet })), 'Resource.AlreadyAssociated');
    const bySubnet = (await ec2.send(new E.DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet] }] }))).RouteTables!;
    expect(bySubnet.map((t) => t.RouteTableId)).toEqual([rt]);
    expect(bySubnet[0]!.Routes!.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')).toMatchObject({ GatewayId: igw.InternetGatewayId, State: 'active', Origin: 'CreateRoute' });
    await expectAwsError(ec2.send(new E.DeleteRouteTableCommand({ RouteTableId: rt })), 'DependencyViolation', `The routeTable '${rt}' has dependencies and cannot be deleted.`);

    // Make rt the main route table (aws_main_route_table_association), then put the original back.
    const main = (await ec2.send(new E.DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'association.main', Values: ['true'] }] }))).RouteTables![0]!;
    const mainAssoc = main.Associations!.find((a) => a.Main)!.RouteTableAssociationId!;
    const replaced = await ec2.send(new E.ReplaceRouteTableAssociationCommand({ AssociationId: mainAssoc, RouteTableId: rt }));
    expect(replaced.AssociationState?.State).toBe('associated');
    const nowMain = (await ec2.send(new E.DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'association.main', Values: ['true'] }] }))).RouteTables!;
    expect(nowMain.map((t) => t.RouteTableId)).toEqual([rt]);
    await expectAwsError(ec2.send(new E.DisassociateRouteTableCommand({ AssociationId: replaced.NewAssociationId })), 'InvalidParameterValue', /main route table/);
    await ec2.send(new E.ReplaceRouteTableAssociationCommand({ AssociationId: replaced.NewAssociationId, RouteTableId: main.RouteTableId }));

    await ec2.send(new E.ReplaceRouteCommand({ RouteTableId: rt, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw.InternetGatewayId }));
    await ec2.send(new E.DeleteRouteCommand({ RouteTableId: rt, DestinationCidrBlock: '0.0.0.0/0' }));
    await ec2.send(new E.DisassociateRouteTableCommand({ AssociationId: assoc }));
    await expectAwsError(ec2.send(new E.DisassociateRouteTableCommand({ AssociationId: assoc })), 'InvalidAssociationID.NotFound', `The association ID '${assoc}' does not exist`);
    await ec2.send(new E.DeleteRouteTableCommand({ RouteTableId: rt }));
    await expectAwsError(ec2.send(new E.DescribeRouteTablesCommand({ RouteTableIds: [rt] })), 'InvalidRouteTableID.NotFound', `The routeTable ID '${rt}' does not exist`);

    await expectAwsError(ec2.send(new E.DeleteInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId })), 'DependencyViolation');
    await ec2.send(new E.DetachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpc }));
    await expectAwsError(ec2.send(new E.DetachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpc })), 'Gateway.NotAttached');
    await ec2.send(new E.DeleteInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId }));
    await expectAwsError(
      ec2.send(new E.DescribeInternetGatewaysCommand({ InternetGatewayIds: [igw.InternetGatewayId!] })),
      'InvalidInternetGatewayID.NotFound',
      `The internetGateway ID '${igw.InternetGatewayId}' does not exist`,
    );
  });
});

describe('IPv6', () => {
  it('associates an Amazon /56 with a VPC and /64 blocks inside it with subnets, and refuses blocks outside it', async () => {
    const created = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.44.0.0/16', AmazonProvidedIpv6CidrBlock: true }))).Vpc!;
    const a = created.Ipv6CidrBlockAssociationSet![0]!;
    expect(a).toMatchObject({ Ipv6CidrBlockState: { State: 'associated' }, Ipv6Pool: 'Amazon', NetworkBorderGroup: 'us-east-1' });
    expect(a.Ipv6CidrBlock).toMatch(/^2600:1f18:[0-9a-f:]+\/56$/);
    const base = a.Ipv6CidrBlock!.replace(/::\/56$/, '');
    const block = `${base.slice(0, base.lastIndexOf(':') + 1)}${(parseInt(base.slice(base.lastIndexOf(':') + 1), 16) + 5).toString(16)}::/64`;
    const sub = (await ec2.send(new E.CreateSubnetCommand({ VpcId: created.VpcId, CidrBlock: '10.44.1.0/24', Ipv6CidrBlock: block }))).Subnet!;
    expect(sub.Ipv6CidrBlockAssociationSet![0]).toMatchObject({ Ipv6CidrBlock: block, Ipv6CidrBlockState: { State: 'associated' } });
    await ec2.send(new E.ModifySubnetAttributeCommand({ SubnetId: sub.SubnetId, AssignIpv6AddressOnCreation: { Value: true } }));
    await expectAwsError(ec2.send(new E.CreateSubnetCommand({ VpcId: created.VpcId, CidrBlock: '10.44.2.0/24', Ipv6CidrBlock: block })), 'InvalidSubnet.Conflict');
    await expectAwsError(ec2.send(new E.CreateSubnetCommand({ VpcId: created.VpcId, CidrBlock: '10.44.2.0/24', Ipv6CidrBlock: '2001:db8::/64' })),
      'InvalidSubnet.Range', "The IPv6 CIDR '2001:db8::/64' is invalid.");
    await expectAwsError(ec2.send(new E.DisassociateVpcCidrBlockCommand({ AssociationId: a.AssociationId })), 'DependencyViolation');
    const found = (await ec2.send(new E.DescribeSubnetsCommand({ Filters: [{ Name: 'ipv6-cidr-block-association.ipv6-cidr-block', Values: [block] }] }))).Subnets!;
    expect(found.map((x) => x.SubnetId)).toEqual([sub.SubnetId]);
    const assoc = sub.Ipv6CidrBlockAssociationSet![0]!.AssociationId!;
    await ec2.send(new E.DisassociateSubnetCidrBlockCommand({ AssociationId: assoc }));
    await ec2.send(new E.DisassociateVpcCidrBlockCommand({ AssociationId: a.AssociationId }));
    expect((await ec2.send(new E.DescribeVpcsCommand({ VpcIds: [created.VpcId!] }))).Vpcs![0]!.Ipv6CidrBlockAssociationSet ?? []).toEqual([]);
    const again = await ec2.send(new E.AssociateVpcCidrBlockCommand({ VpcId: created.VpcId, AmazonProvidedIpv6CidrBlock: true }));
    expect(again.Ipv6CidrBlockAssociation?.Ipv6CidrBlock).toMatch(/\/56$/);
  });
});

describe('route targets', () => {
  it('takes a NAT gateway given as GatewayId, and refuses propagation from an unknown VPN gateway', async () => {
    const vpc = await newVpc('10.43.0.0/16');
    const subnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.43.0.0/24' }))).Subnet!.SubnetId!;
    const nat = (await ec2.send(new E.CreateNatGatewayCommand({ SubnetId: subnet, ConnectivityType: 'private' }))).NatGateway!.NatGatewayId!;
    const rtb = (await ec2.send(new E.CreateRouteTableCommand({ VpcId: vpc }))).RouteTable!.RouteTableId!;
    await ec2.send(new E.CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: nat }));
    const route = (await ec2.send(new E.DescribeRouteTablesCommand({ RouteTableIds: [rtb] }))).RouteTables![0]!.Routes!.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
    expect(route).toMatchObject({ NatGatewayId: nat, State: 'active' });
    expect(route?.GatewayId).toBeUndefined();
    await expectAwsError(ec2.send(new E.EnableVgwRoutePropagationCommand({ RouteTableId: rtb, GatewayId: 'vgw-0123456789abcdef0' })),
      'InvalidVpnGatewayID.NotFound', "The vpnGateway ID 'vgw-0123456789abcdef0' does not exist");
  });
});

describe('network ACLs', () => {
  it('creates an ACL with entries, moves a subnet onto it and back, and refuses duplicates', async () => {
    const vpc = await newVpc('10.60.0.0/16');
    const subnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.60.1.0/24' }))).Subnet!.SubnetId!;
    const acl = (await ec2.send(new E.CreateNetworkAclCommand({ VpcId: vpc }))).NetworkAcl!;
    expect(acl.IsDefault).toBe(false);
    expect(acl.Entries!.map((e) => `${e.RuleNumber}/${e.RuleAction}/${e.Egress}`).sort()).toEqual(['32767/deny/false', '32767/deny/true']);
    const id = acl.NetworkAclId!;
    await ec2.send(new E.CreateNetworkAclEntryCommand({ NetworkAclId: id, RuleNumber: 100, Protocol: 'tcp', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 443, To: 443 } }));
    await expectAwsError(
      ec2.send(new E.CreateNetworkAclEntryCommand({ NetworkAclId: id, RuleNumber: 100, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' })),
      'NetworkAclEntryAlreadyExists',
      'The network acl entry identified by 100 already exists.',
    );
    await ec2.send(new E.ReplaceNetworkAclEntryCommand({ NetworkAclId: id, RuleNumber: 100, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '10.0.0.0/8', PortRange: { From: 22, To: 22 } }));
    const got = (await ec2.send(new E.DescribeNetworkAclsCommand({ NetworkAclIds: [id] }))).NetworkAcls![0]!;
    expect(got.Entries!.find((e) => e.RuleNumber === 100)).toMatchObject({ Protocol: '6', CidrBlock: '10.0.0.0/8', PortRange: { From: 22, To: 22 }, Egress: false });
    const def = (await ec2.send(new E.DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet] }] }))).NetworkAcls![0]!;
    expect(def.IsDefault).toBe(true);
    const assoc = def.Associations!.find((a) => a.SubnetId === subnet)!.NetworkAclAssociationId!;
    const moved = await ec2.send(new E.ReplaceNetworkAclAssociationCommand({ AssociationId: assoc, NetworkAclId: id }));
    await expectAwsError(ec2.send(new E.DeleteNetworkAclCommand({ NetworkAclId: id })), 'DependencyViolation');
    await ec2.send(new E.ReplaceNetworkAclAssociationCommand({ AssociationId: moved.NewAssociationId, NetworkAclId: def.NetworkAclId }));
    await ec2.send(new E.DeleteNetworkAclEntryCommand({ NetworkAclId: id, RuleNumber: 100, Egress: false }));
    await expectAwsError(ec2.send(new E.DeleteNetworkAclEntryCommand({ NetworkAclId: id, RuleNumber: 100, Egress: false })), 'InvalidNetworkAclEntry.NotFound');
    await ec2.send(new E.DeleteNetworkAclCommand({ NetworkAclId: id }));
    await expectAwsError(ec2.send(new E.DescribeNetworkAclsCommand({ NetworkAclIds: [id] })), 'InvalidNetworkAclID.NotFound');
  });
});

describe('Elastic IPs and NAT gateways', () => {
  it('allocates, puts an address on a NAT gateway (pending -> available), deletes and releases', async () => {
    const vpc = await newVpc('10.40.0.0/16');
    const subnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.40.0.0/24' }))).Subnet!.SubnetId!;
    const igw = (await ec2.send(new E.CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new E.AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc }));
    const eip = await ec2.send(new E.AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: [{ Key: 'Name', Value: 'nat' }] }] }));
    expect(eip.AllocationId).toMatch(/^eipalloc-/);
    expect(eip.PublicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const nat = (await ec2.send(new E.CreateNatGatewayCommand({ SubnetId: subnet, AllocationId: eip.AllocationId }))).NatGateway!;
    expect(nat.State).toBe('pending');
    const d = (await ec2.send(new E.DescribeNatGatewaysCommand({ NatGatewayIds: [nat.NatGatewayId!] }))).NatGateways![0]!;
    expect(d.State).toBe('available');
    expect(d.NatGatewayAddresses![0]).toMatchObject({ AllocationId: eip.AllocationId, PublicIp: eip.PublicIp, PrivateIp: '10.40.0.4' });
    const addr = (await ec2.send(new E.DescribeAddressesCommand({ AllocationIds: [eip.AllocationId!] }))).Addresses![0]!;
    expect(addr.AssociationId).toBeDefined();
    expect(addr.Tags).toEqual([{ Key: 'Name', Value: 'nat' }]);
    await expectAwsError(ec2.send(new E.ReleaseAddressCommand({ AllocationId: eip.AllocationId })), 'InvalidIPAddress.InUse');
    await expectAwsError(ec2.send(new E.DeleteSubnetCommand({ SubnetId: subnet })), 'DependencyViolation');
    await ec2.send(new E.DeleteNatGatewayCommand({ NatGatewayId: nat.NatGatewayId }));
    expect((await ec2.send(new E.DescribeNatGatewaysCommand({ NatGatewayIds: [nat.NatGatewayId!] }))).NatGateways![0]!.State).toBe('deleted');
    await ec2.send(new E.ReleaseAddressCommand({ AllocationId: eip.AllocationId }));
    await expectAwsError(ec2.send(new E.DescribeAddressesCommand({ AllocationIds: [eip.AllocationId!] })), 'InvalidAllocationID.NotFound', `The allocation ID '${eip.AllocationId}' does not exist`);
    await expectAwsError(ec2.send(new E.DescribeNatGatewaysCommand({ NatGatewayIds: ['nat-0123456789abcdef0'] })), 'NatGatewayNotFound', 'NAT gateway nat-0123456789abcdef0 was not found');
    await expectAwsError(ec2.send(new E.DisassociateAddressCommand({ AssociationId: 'eipassoc-0123456789abcdef0' })), 'InvalidAssociationID.NotFound');
  });
  it('adds and removes secondary addresses of public and private NAT gateways', async () => {
    const vpc = await newVpc('10.42.0.0/16');
    const subnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.42.0.0/24' }))).Subnet!.SubnetId!;
    const igw = (await ec2.send(new E.CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new E.AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc }));
    const [a, b] = [await ec2.send(new E.AllocateAddressCommand({ Domain: 'vpc' })), await ec2.send(new E.AllocateAddressCommand({ Domain: 'vpc' }))];
    const nat = (await ec2.send(new E.CreateNatGatewayCommand({ SubnetId: subnet, AllocationId: a.AllocationId }))).NatGateway!.NatGatewayId!;
    await ec2.send(new E.DescribeNatGatewaysCommand({ NatGatewayIds: [nat] }));
    const added = await ec2.send(new E.AssociateNatGatewayAddressCommand({ NatGatewayId: nat, AllocationIds: [b.AllocationId!] }));
    expect(added.NatGatewayAddresses![0]).toMatchObject({ AllocationId: b.AllocationId, PublicIp: b.PublicIp, IsPrimary: false, Status: 'associating' });
    const d = (await ec2.send(new E.DescribeNatGatewaysCommand({ NatGatewayIds: [nat] }))).NatGateways![0]!;
    expect(d.NatGatewayAddresses!.map((x) => [x.AllocationId, x.IsPrimary])).toEqual([[a.AllocationId, true], [b.AllocationId, false]]);
    await expectAwsError(ec2.send(new E.ReleaseAddressCommand({ AllocationId: b.AllocationId })), 'InvalidIPAddress.InUse');
    await ec2.send(new E.DisassociateNatGatewayAddressCommand({ NatGatewayId: nat, AssociationIds: [added.NatGatewayAddresses![0]!.AssociationId!] }));
    expect((await ec2.send(new E.DescribeNatGatewaysCommand({ NatGatewayIds: [nat] }))).NatGateways![0]!.NatGatewayAddresses).toHaveLength(1);
    await ec2.send(new E.ReleaseAddressCommand({ AllocationId: b.AllocationId }));

    const priv = (await ec2.send(new E.CreateNatGatewayCommand({ SubnetId: subnet, ConnectivityType: 'private', SecondaryPrivateIpAddressCount: 2 }))).NatGateway!.NatGatewayId!;
    const pd = (await ec2.send(new E.DescribeNatGatewaysCommand({ NatGatewayIds: [priv] }))).NatGateways![0]!;
    expect(pd.NatGatewayAddresses).toHaveLength(3);
    await ec2.send(new E.AssignPrivateNatGatewayAddressCommand({ NatGatewayId: priv, PrivateIpAddresses: ['10.42.0.100'] }));
    await ec2.send(new E.UnassignPrivateNatGatewayAddressCommand({ NatGatewayId: priv, PrivateIpAddresses: ['10.42.0.100'] }));
    await expectAwsError(ec2.send(new E.AssignPrivateNatGatewayAddressCommand({ NatGatewayId: nat, PrivateIpAddresses: ['10.42.0.101'] })), 'InvalidParameterValue');
    expect((await ec2.send(new E.DescribeNatGatewaysCommand({ NatGatewayIds: [priv] }))).NatGateways![0]!.NatGatewayAddresses).toHaveLength(3);
  });

  it('fails a public NAT gateway in a VPC with no internet gateway and gives its address back', async () => {
    const vpc = await newVpc('10.41.0.0/16');
    const subnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.41.0.0/24' }))).Subnet!.SubnetId!;
    const eip = await ec2.send(new E.AllocateAddressCommand({ Domain: 'vpc' }));
    const nat = (await ec2.send(new E.CreateNatGatewayCommand({ SubnetId: subnet, AllocationId: eip.AllocationId }))).NatGateway!;
    const d = (await ec2.send(new E.DescribeNatGatewaysCommand({ NatGatewayIds: [nat.NatGatewayId!] }))).NatGateways![0]!;
    expect(d).toMatchObject({ State: 'failed', FailureCode: 'Gateway.NotAttached', FailureMessage: `Network ${vpc} has no Internet gateway attached` });
    expect((await ec2.send(new E.DescribeAddressesCommand({ AllocationIds: [eip.AllocationId!] }))).Addresses![0]!.AssociationId).toBeUndefined();
    // A private gateway needs no internet gateway.
    const priv = (await ec2.send(new E.CreateNatGatewayCommand({ SubnetId: subnet, ConnectivityType: 'private' }))).NatGateway!;
    expect((await ec2.send(new E.DescribeNatGatewaysCommand({ NatGatewayIds: [priv.NatGatewayId!] }))).NatGateways![0]!.State).toBe('available');
    await ec2.send(new E.DeleteNatGatewayCommand({ NatGatewayId: nat.NatGatewayId }));
    await ec2.send(new E.DeleteNatGatewayCommand({ NatGatewayId: priv.NatGatewayId }));
  });
});

describe('tags', () => {
  it('creates, describes with filters and deletes tags across resource types', async () => {
    const vpc = await newVpc('10.50.0.0/16');
    const igw = (await ec2.send(new E.CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new E.CreateTagsCommand({ Resources: [vpc, igw], Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'a' }] }));
    const tags = (await ec2.send(new E.DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [vpc, igw] }] }))).Tags!;
    expect(tags.map((t) => [t.ResourceId, t.ResourceType, t.Key, t.Value])).toEqual(
      expect.arrayContaining([[vpc, 'vpc', 'env', 'dev'], [igw, 'internet-gateway', 'team', 'a']]),
    );
    expect(tags).toHaveLength(4);
    await ec2.send(new E.DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: 'env' }] }));
    await ec2.send(new E.DeleteTagsCommand({ Resources: [igw], Tags: [{ Key: 'team', Value: 'other' }] }));
    const left = (await ec2.send(new E.DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [vpc, igw] }] }))).Tags!;
    expect(left.map((t) => `${t.ResourceId}:${t.Key}`).sort()).toEqual([`${igw}:env`, `${igw}:team`, `${vpc}:team`].sort());
    await expectAwsError(ec2.send(new E.CreateTagsCommand({ Resources: ['vpc-0aaaaaaaaaaaaaaaa'], Tags: [{ Key: 'a', Value: 'b' }] })), 'InvalidVpcID.NotFound');
    await expectAwsError(ec2.send(new E.CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'aws:x', Value: 'b' }] })), 'InvalidParameterValue');
  });
});

describe('protocol', () => {
  it('answers an unknown action with InvalidAction', async () => {
    const r = await fetch(cloud.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: 'Action=FlyToTheMoon&Version=2016-11-15',
    });
    expect(r.status).toBe(400);
    const text = await r.text();
    expect(text).toContain('<Response><Errors><Error><Code>InvalidAction</Code>');
    expect(text).toContain('<RequestID>');
  });
});
