/**
 * Everything a stack can leave behind in a local cloud, listed through the AWS SDK as a
 * user would with the AWS CLI: the default VPC and what AWS creates with it are left out,
 * so an empty inventory means "nothing of any stack remains".
 */
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeAddressesCommand, DescribeInstancesCommand, DescribeInternetGatewaysCommand, DescribeKeyPairsCommand,
  DescribeNatGatewaysCommand, DescribeRouteTablesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand,
  DescribeVpcsCommand, EC2Client,
} from '@aws-sdk/client-ec2';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { IAMClient, ListGroupsCommand, ListInstanceProfilesCommand, ListPoliciesCommand, ListRolesCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListSubscriptionsCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';

/** Resource kind -> ids present in the cloud at `url` (us-east-1, account of the test keys). */
export async function cloudInventory(url: string): Promise<Record<string, string[]>> {
  const o = { endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const ec2 = new EC2Client(o), s3 = new S3Client({ ...o, forcePathStyle: true }), iam = new IAMClient(o);
  const ddb = new DynamoDBClient(o), ecr = new ECRClient(o), sqs = new SQSClient(o), sns = new SNSClient(o);
  try {
    const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
    const defaultVpcs = new Set(vpcs.filter((v) => v.IsDefault).map((v) => v.VpcId!));
    const inDefault = (vpcId: string | undefined) => vpcId !== undefined && defaultVpcs.has(vpcId);
    const [subnets, igws, rts, sgs, keys, instances, eips, nats] = await Promise.all([
      ec2.send(new DescribeSubnetsCommand({})), ec2.send(new DescribeInternetGatewaysCommand({})),
      ec2.send(new DescribeRouteTablesCommand({})), ec2.send(new DescribeSecurityGroupsCommand({})),
      ec2.send(new DescribeKeyPairsCommand({})), ec2.send(new DescribeInstancesCommand({})),
      ec2.send(new DescribeAddressesCommand({})), ec2.send(new DescribeNatGatewaysCommand({})),
    ]);
    const [buckets, tables, repos, queues, topics, subs, users, roles, groups, policies, profiles] = await Promise.all([
      s3.send(new ListBucketsCommand({})), ddb.send(new ListTablesCommand({})), ecr.send(new DescribeRepositoriesCommand({})),
      sqs.send(new ListQueuesCommand({})), sns.send(new ListTopicsCommand({})), sns.send(new ListSubscriptionsCommand({})),
      iam.send(new ListUsersCommand({})), iam.send(new ListRolesCommand({})), iam.send(new ListGroupsCommand({})),
      iam.send(new ListPoliciesCommand({ Scope: 'Local' })), iam.send(new ListInstanceProfilesCommand({})),
    ]);
    return {
      vpcs: vpcs.filter((v) => !v.IsDefault).map((v) => v.VpcId!),
      subnets: (subnets.Subnets ?? []).filter((s) => !inDefault(s.VpcId)).map((s) => s.SubnetId!),
      internet_gateways: (igws.InternetGateways ?? []).filter((g) => !(g.Attachments ?? []).some((a) => inDefault(a.VpcId))).map((g) => g.InternetGatewayId!),
      route_tables: (rts.RouteTables ?? []).filter((r) => !inDefault(r.VpcId)).map((r) => r.RouteTableId!),
      security_groups: (sgs.SecurityGroups ?? []).filter((g) => !inDefault(g.VpcId)).map((g) => g.GroupId!),
      key_pairs: (keys.KeyPairs ?? []).map((k) => k.KeyName!),
      instances: (instances.Reservations ?? []).flatMap((r) => r.Instances ?? [])
        .filter((i) => i.State?.Name !== 'terminated').map((i) => i.InstanceId!),
      elastic_ips: (eips.Addresses ?? []).map((a) => a.AllocationId!),
      nat_gateways: (nats.NatGateways ?? []).filter((n) => n.State !== 'deleted').map((n) => n.NatGatewayId!),
      buckets: (buckets.Buckets ?? []).map((b) => b.Name!),
      dynamodb_tables: tables.TableNames ?? [],
      ecr_repositories: (repos.repositories ?? []).map((r) => r.repositoryName!),
      sqs_queues: queues.QueueUrls ?? [],
      sns_topics: (topics.Topics ?? []).map((t) => t.TopicArn!),
      sns_subscriptions: (subs.Subscriptions ?? []).map((s) => s.SubscriptionArn!),
      iam_users: (users.Users ?? []).map((u) => u.UserName!),
      iam_roles: (roles.Roles ?? []).filter((r) => !r.Path?.startsWith('/aws-service-role/')).map((r) => r.RoleName!),
      iam_groups: (groups.Groups ?? []).map((g) => g.GroupName!),
      iam_policies: (policies.Policies ?? []).map((p) => p.PolicyName!),
      iam_instance_profiles: (profiles.InstanceProfiles ?? []).map((p) => p.InstanceProfileName!),
    };
  } finally {
    for (const c of [ec2, s3, iam, ddb, ecr, sqs, sns]) c.destroy();
  }
}

/** The inventory without its empty kinds (what a test compares with `{}`). */
export function nonEmpty(inv: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(inv).filter(([, ids]) => ids.length > 0));
}
