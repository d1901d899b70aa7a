/** A catalogue of AWS managed policies (arn:aws:iam::aws:policy/...) that configurations attach. */

/** An AWS managed policy: its path and name under arn:aws:iam::aws:policy. */
export interface AwsManagedPolicy { name: string; path: string; arn: string; id: string; document: string }

const ALL_ACTIONS = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }, null, 4);

// [path, name, action pattern] of well-known policies; documents are simplified to their main grant.
const CATALOGUE: [string, string, string][] = [
  ['/', 'AdministratorAccess', '*'],
  ['/', 'PowerUserAccess', '*'],
  ['/', 'ReadOnlyAccess', '*'],
  ['/', 'IAMFullAccess', 'iam:*'],
  ['/', 'IAMReadOnlyAccess', 'iam:Get*'],
  ['/', 'AmazonS3FullAccess', 's3:*'],
  ['/', 'AmazonS3ReadOnlyAccess', 's3:Get*'],
  ['/', 'AmazonEC2FullAccess', 'ec2:*'],
  ['/', 'AmazonEC2ReadOnlyAccess', 'ec2:Describe*'],
  ['/', 'AmazonDynamoDBFullAccess', 'dynamodb:*'],
  ['/', 'AmazonDynamoDBReadOnlyAccess', 'dynamodb:Get*'],
  ['/', 'AmazonSQSFullAccess', 'sqs:*'],
  ['/', 'AmazonSNSFullAccess', 'sns:*'],
  ['/', 'AmazonEC2ContainerRegistryFullAccess', 'ecr:*'],
  ['/', 'AmazonEC2ContainerRegistryReadOnly', 'ecr:Get*'],
  ['/', 'AmazonEC2ContainerRegistryPowerUser', 'ecr:*'],
  ['/', 'AmazonEKSClusterPolicy', 'eks:*'],
  ['/', 'AmazonEKSWorkerNodePolicy', 'ec2:Describe*'],
  ['/', 'AmazonEKS_CNI_Policy', 'ec2:*NetworkInterface*'],
  ['/', 'AmazonEKSServicePolicy', 'eks:*'],
  ['/', 'AmazonEKSVPCResourceController', 'ec2:*'],
  ['/', 'AmazonSSMManagedInstanceCore', 'ssm:*'],
  ['/', 'CloudWatchAgentServerPolicy', 'cloudwatch:PutMetricData'],
  ['/', 'CloudWatchLogsFullAccess', 'logs:*'],
  ['/', 'AWSLambda_FullAccess', 'lambda:*'],
  ['/', 'SecretsManagerReadWrite', 'secretsmanager:*'],
  ['/', 'AmazonRoute53FullAccess', 'route53:*'],
  ['/service-role/', 'AWSLambdaBasicExecutionRole', 'logs:*'],
  ['/service-role/', 'AWSLambdaVPCAccessExecutionRole', 'ec2:*NetworkInterface*'],
  ['/service-role/', 'AmazonEC2ContainerServiceforEC2Role', 'ecs:*'],
  ['/service-role/', 'AmazonECSTaskExecutionRolePolicy', 'ecr:GetAuthorizationToken'],
  ['/service-role/', 'AmazonEC2RoleforSSM', 'ssm:*'],
  ['/service-role/', 'AWSGlueServiceRole', 'glue:*'],
  ['/', 'AmazonECS_FullAccess', 'ecs:*'],
  ['/', 'AmazonRDSFullAccess', 'rds:*'],
  ['/', 'AmazonRDSReadOnlyAccess', 'rds:Describe*'],
  ['/', 'AmazonVPCFullAccess', 'ec2:*'],
  ['/', 'AmazonVPCReadOnlyAccess', 'ec2:Describe*'],
  ['/', 'CloudWatchFullAccess', 'cloudwatch:*'],
  ['/', 'CloudWatchReadOnlyAccess', 'cloudwatch:Get*'],
  ['/', 'AmazonKinesisFullAccess', 'kinesis:*'],
  ['/', 'AWSXrayWriteOnlyAccess', 'xray:Put*'],
  ['/', 'AWSXRayDaemonWriteAccess', 'xray:Put*'],
  ['/', 'AWSLambdaExecute', 'logs:*'],
  ['/', 'AmazonEKSFargatePodExecutionRolePolicy', 'ecr:GetAuthorizationToken'],
  ['/', 'AmazonSSMReadOnlyAccess', 'ssm:Get*'],
  ['/', 'AmazonSSMFullAccess', 'ssm:*'],
  ['/', 'AmazonSNSReadOnlyAccess', 'sns:Get*'],
  ['/', 'AmazonSQSReadOnlyAccess', 'sqs:Get*'],
  ['/', 'AmazonElastiCacheFullAccess', 'elasticache:*'],
  ['/', 'AmazonRoute53ReadOnlyAccess', 'route53:Get*'],
  ['/', 'AWSCertificateManagerFullAccess', 'acm:*'],
  ['/', 'SecurityAudit', 'iam:Get*'],
  ['/', 'AmazonPrometheusFullAccess', 'aps:*'],
  ['/', 'AmazonPrometheusQueryAccess', 'aps:Query*'],
  ['/', 'AmazonPrometheusRemoteWriteAccess', 'aps:RemoteWrite'],
  ['/', 'AmazonEKSBlockStoragePolicy', 'ec2:*Volume*'],
  ['/job-function/', 'ViewOnlyAccess', 'ec2:Describe*'],
  ['/job-function/', 'DatabaseAdministrator', 'rds:*'],
  ['/job-function/', 'NetworkAdministrator', 'ec2:*'],
  ['/job-function/', 'SystemAdministrator', 'ec2:*'],
  ['/job-function/', 'Billing', 'aws-portal:*'],
  ['/service-role/', 'AmazonEBSCSIDriverPolicy', 'ec2:*Volume*'],
  ['/service-role/', 'AWSLambdaRole', 'lambda:InvokeFunction'],
  ['/service-role/', 'AmazonAPIGatewayPushToCloudWatchLogs', 'logs:*'],
  ['/service-role/', 'AWSCodeDeployRole', 'ec2:Describe*'],
  ['/service-role/', 'AWSBackupServiceRolePolicyForBackup', 'backup:*'],
  ['/service-role/', 'AmazonEC2ContainerServiceRole', 'elasticloadbalancing:*'],
  ['/service-role/', 'AmazonSSMAutomationRole', 'ssm:*'],
];

function stableId(name: string): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let h = 2166136261;
  let out = 'ANPA';
  for (let i = 0; i < 17; i++) {
    for (const c of name + i) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += A[h & 31];
  }
  return out;
}

const BY_ARN = new Map<string, AwsManagedPolicy>(
  CATALOGUE.map(([path, name, action]) => {
    const arn = `arn:aws:iam::aws:policy${path}${name}`;
    return [arn, { name, path, arn, id: stableId(name), document: ALL_ACTIONS(action) }];
  }),
);

/** The AWS managed policy with this arn, if the catalogue has it. */
export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return BY_ARN.get(arn);
}

/** Every catalogued AWS managed policy, by name. */
export function awsManagedPolicies(): AwsManagedPolicy[] {
  return [...BY_ARN.values()].sort((a, b) => a.name.localeCompare(b.name));
}
