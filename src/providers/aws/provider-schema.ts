/** The `provider "aws"` block (a subset of hashicorp/aws's, same names and shapes); no AWS SDK import. */
import * as T from '../../lang/types.js';
import type { BlockSchema } from '../protocol.js';

/** Services with an `endpoints` argument, with their AWS_ENDPOINT_URL_<SERVICE> suffix. */
export const ENDPOINT_SERVICES = {
  dynamodb: 'DYNAMODB', ec2: 'EC2', ecr: 'ECR', iam: 'IAM', s3: 'S3', sns: 'SNS', sqs: 'SQS', sts: 'STS',
} as const;
export type ServiceName = keyof typeof ENDPOINT_SERVICES;

/** The provider block schema (a subset of hashicorp/aws's, same names and shapes). */
export const providerBlock: BlockSchema = {
  attributes: {
    region: { type: T.String, optional: true, description: 'The region where AWS operations will take place.' },
    access_key: { type: T.String, optional: true, description: 'The access key for API operations.' },
    secret_key: { type: T.String, optional: true, sensitive: true, description: 'The secret key for API operations.' },
    token: { type: T.String, optional: true, sensitive: true, description: 'session token. A session token is only required if you are using temporary security credentials.' },
    profile: { type: T.String, optional: true, description: 'The profile for API operations. If not set, the default profile created with `aws configure` will be used.' },
    shared_credentials_files: { type: T.List(T.String), optional: true, description: 'List of paths to shared credentials files.' },
    shared_config_files: { type: T.List(T.String), optional: true, description: 'List of paths to shared config files.' },
    skip_credentials_validation: { type: T.Bool, optional: true, description: 'Skip the credentials validation via STS API.' },
    skip_requesting_account_id: { type: T.Bool, optional: true, description: 'Skip requesting the account ID.' },
    skip_metadata_api_check: { type: T.String, optional: true, description: 'Skip the AWS Metadata API check.' },
    skip_region_validation: { type: T.Bool, optional: true, description: 'Skip static validation of region name.' },
    s3_use_path_style: { type: T.Bool, optional: true, description: 'Set this to true to enable the request to use path-style addressing.' },
    max_retries: { type: T.Number, optional: true, description: 'The maximum number of times an AWS API request is being executed.' },
    allowed_account_ids: { type: T.Set(T.String), optional: true },
    forbidden_account_ids: { type: T.Set(T.String), optional: true },
  },
  blockTypes: {
    assume_role: {
      nesting: 'list',
      block: {
        attributes: {
          role_arn: { type: T.String, optional: true, description: 'Amazon Resource Name (ARN) of an IAM Role to assume prior to making API calls.' },
          session_name: { type: T.String, optional: true, description: 'An identifier for the assumed role session.' },
          external_id: { type: T.String, optional: true, description: 'A unique identifier that might be required when you assume a role in another account.' },
          duration: { type: T.String, optional: true, description: 'The duration, between 15 minutes and 12 hours, of the role session.' },
          policy: { type: T.String, optional: true, description: 'IAM Policy JSON further restricting the permissions of the assumed role.' },
          policy_arns: { type: T.Set(T.String), optional: true, description: 'ARNs of IAM Policies further restricting the permissions of the assumed role.' },
          source_identity: { type: T.String, optional: true, description: 'Source identity specified by the principal assuming the role.' },
          tags: { type: T.Map(T.String), optional: true, description: 'Assume role session tags.' },
          transitive_tag_keys: { type: T.Set(T.String), optional: true, description: 'Assume role session tag keys to pass to any subsequent sessions.' },
        },
        blockTypes: {},
      },
    },
    default_tags: {
      nesting: 'list', maxItems: 1,
      block: { attributes: { tags: { type: T.Map(T.String), optional: true } }, blockTypes: {} },
    },
    endpoints: {
      nesting: 'set',
      block: {
        attributes: Object.fromEntries(Object.keys(ENDPOINT_SERVICES).map((k) => [k, { type: T.String, optional: true }])),
        blockTypes: {},
      },
    },
  },
};

