/**
 * The `provider "aws"` block (hashicorp/aws argument names) and what configure() builds
 * from it: region, credentials, per-service endpoints and memoised SDK v3 clients.
 *
 * Endpoint of a service, first found wins: `endpoints { <service> = ... }`,
 * AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, then TERRANE_CLOUD_ENDPOINT.
 *
 * The terrane switch: when TERRANE_CLOUD_ENDPOINT is set (by `terrane cloud start` users,
 * and later by the CLI's embedded-cloud switch) every service defaults to that endpoint,
 * credentials default to test/test and the region to us-east-1, so a configuration written
 * for AWS runs unchanged against the built-in cloud.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { Value } from '../../lang/value.js';
export { ENDPOINT_SERVICES, type ServiceName };
import { ENDPOINT_SERVICES, type ServiceName } from './provider-schema.js';
import { attr, bool, num, str, toJS } from '../sdk/obj.js';
import { ProviderError } from '../sdk/resource.js';
import { awsFailure } from './errors.js';
import { assumeRoles } from './assume-role.js';

/** What every aws resource function receives as `meta`. */
export interface AwsMeta {
  region: string;
  /** Empty when skip_requesting_account_id. */
  accountId: string;
  partition: string;
  defaultTags: Record<string, string>;
  /** The STS caller identity, when it was requested. */
  callerArn?: string;
  callerUserId?: string;
  ec2(): EC2Client;
  sts(): STSClient;
  s3(): S3Client;
  iam(): IAMClient;
  dynamodb(): DynamoDBClient;
  sqs(): SQSClient;
  sns(): SNSClient;
  ecr(): ECRClient;
  /** The endpoint a service talks to (undefined: the SDK's own AWS endpoint). */
  endpoint(service: ServiceName): string | undefined;
  /**
   * Answers that cannot change while one command runs (an instance type's description, a
   * VPC's default flag), fetched once per key and shared by every resource that asks.
   */
  once<T>(key: string, fetch: () => Promise<T>): Promise<T>;
  /** One object per key for the provider's lifetime (e.g. an IdBatcher per kind of lookup). */
  shared<T>(key: string, make: () => T): T;
  destroy(): void;
}

/** The partition of a region (aws, aws-cn, aws-us-gov). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Resolved settings, before any network call (exported for tests). */
export interface AwsSettings {
  region: string;
  endpoints: Partial<Record<ServiceName, string>>;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts: number;
  forcePathStyle: boolean;
  defaultTags: Record<string, string>;
}

/** Region, endpoints and credentials from the provider block and the environment. */
export function resolveSettings(config: Value, env: NodeJS.ProcessEnv = process.env): AwsSettings {
  const cloud = env.TERRANE_CLOUD_ENDPOINT || undefined;
  const region = str(config, 'region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || (cloud ? 'us-east-1' : undefined);
  if (!region) {
    throw new ProviderError('Missing required argument', 'The argument "region" is required, but no definition was found. Set it in the provider block or with AWS_REGION.', [{ attr: 'region' }]);
  }
  const configured = firstBlock(config, 'endpoints');
  const endpoints: Partial<Record<ServiceName, string>> = {};
  for (const [svc, suffix] of Object.entries(ENDPOINT_SERVICES) as [ServiceName, string][]) {
    const e = (configured ? str(configured, svc) : undefined) || env[`AWS_ENDPOINT_URL_${suffix}`] || env.AWS_ENDPOINT_URL || cloud;
    if (e) endpoints[svc] = e;
  }
  const maxRetries = num(config, 'max_retries') ?? 25;
  const tagsBlock = firstBlock(config, 'default_tags');
  const defaultTags = (tagsBlock ? toJS(attr(tagsBlock, 'tags')) : null) as Record<string, string> | null;
  return {
    region, endpoints, credentials: credentialsFor(config, env, cloud),
    maxAttempts: Math.max(1, maxRetries + 1), forcePathStyle: bool(config, 's3_use_path_style') ?? Boolean(cloud),
    defaultTags: defaultTags ?? {},
  };
}

function credentialsFor(config: Value, env: NodeJS.ProcessEnv, cloud: string | undefined): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  const accessKeyId = str(config, 'access_key');
  const secretAccessKey = str(config, 'secret_key');
  if (accessKeyId && secretAccessKey) {
    const token = str(config, 'token');
    return token ? { accessKeyId, secretAccessKey, sessionToken: token } : { accessKeyId, secretAccessKey };
  }
  const profile = str(config, 'profile');
  const files = toJS(attr(config, 'shared_credentials_files')) as string[] | null;
  const configFiles = toJS(attr(config, 'shared_config_files')) as string[] | null;
  if (profile || files?.length) {
    return fromIni({ profile, filepath: files?.[0], configFilepath: configFiles?.[0] });
  }
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    const c = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
    return env.AWS_SESSION_TOKEN ? { ...c, sessionToken: env.AWS_SESSION_TOKEN } : c;
  }
  // The built-in cloud accepts any key; test/test is the convention shared with LocalStack.
  if (cloud) return { accessKeyId: 'test', secretAccessKey: 'test' };
  return fromNodeProviderChain({ profile, filepath: files?.[0], configFilepath: configFiles?.[0] });
}

function firstBlock(config: Value, name: string): Value | undefined {
  const b = attr(config, name);
  if (b.isNull || !b.isKnown || b.elems.length === 0) return undefined;
  return b.elems[0];
}

const NO_CREDENTIALS_HINT =
  'No credentials were found in the provider block, the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE), ' +
  'the shared credentials and config files, or the instance metadata. Configure AWS credentials as for the AWS CLI, or use ' +
  "terrane's built-in cloud instead: add -local to the command (or set TERRANE_CLOUD=local), or run " +
  '`terrane cloud start` and set TERRANE_CLOUD_ENDPOINT to the URL it prints.';

/** Builds the clients and, unless skipped, checks the credentials with sts GetCallerIdentity. */
export async function configureAws(config: Value, env: NodeJS.ProcessEnv = process.env): Promise<AwsMeta> {
  // The SDK warns on stderr that its future releases need a newer Node; that is for whoever
  // builds terrane (package.json pins the SDK), not for someone running a plan.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const s = resolveSettings(config, env);
  let credentials = s.credentials;
  if (typeof credentials === 'function') {
    const provider = credentials;
    try {
      await provider();
    } catch (e) {
      throw new ProviderError('No valid credential sources found', `${NO_CREDENTIALS_HINT}\n\nError: ${e instanceof Error ? e.message : String(e)}`);
    }
    credentials = provider;
  }
  credentials = assumeRoles(config, credentials, s.region, s.endpoints.sts);
  const common = { region: s.region, credentials, maxAttempts: s.maxAttempts, retryMode: 'standard' as const };
  const made = new Map<ServiceName, { destroy(): void }>();
  const memo = new Map<string, Promise<unknown>>();
  const objects = new Map<string, unknown>();
  function client<C extends { destroy(): void }>(svc: ServiceName, make: (o: typeof common & { endpoint?: string }) => C): () => C {
    return () => {
      let c = made.get(svc) as C | undefined;
      if (!c) {
        const ep = s.endpoints[svc];
        c = make(ep ? { ...common, endpoint: ep } : common);
        made.set(svc, c);
      }
      return c;
    };
  }
  const meta: AwsMeta = {
    region: s.region, accountId: '', partition: partitionOf(s.region), defaultTags: s.defaultTags,
    ec2: client('ec2', (o) => new EC2Client(o)),
    sts: client('sts', (o) => new STSClient(o)),
    s3: client('s3', (o) => new S3Client({ ...o, forcePathStyle: s.forcePathStyle })),
    iam: client('iam', (o) => new IAMClient(o)),
    dynamodb: client('dynamodb', (o) => new DynamoDBClient(o)),
    sqs: client('sqs', (o) => new SQSClient(o)),
    sns: client('sns', (o) => new SNSClient(o)),
    ecr: client('ecr', (o) => new ECRClient(o)),
    endpoint: (svc) => s.endpoints[svc],
    shared<T>(key: string, make: () => T): T {
      let v = objects.get(key) as T | undefined;
      if (v === undefined) { v = make(); objects.set(key, v); }
      return v;
    },
    once<T>(key: string, fetch: () => Promise<T>): Promise<T> {
      let p = memo.get(key) as Promise<T> | undefined;
      if (!p) {
        p = fetch();
        memo.set(key, p);
        // A failure is not remembered: the next caller asks again.
        p.catch(() => { if (memo.get(key) === p) memo.delete(key); });
      }
      return p;
    },
    destroy: () => { for (const c of made.values()) c.destroy(); made.clear(); },
  };
  const skipValidation = bool(config, 'skip_credentials_validation') ?? false;
  const skipAccount = bool(config, 'skip_requesting_account_id') ?? false;
  if (!skipValidation || !skipAccount) {
    try {
      const id = await meta.sts().send(new GetCallerIdentityCommand({}));
      meta.accountId = id.Account ?? '';
      if (id.Arn) { meta.callerArn = id.Arn; meta.partition = id.Arn.split(':')[1] || meta.partition; }
      if (id.UserId) meta.callerUserId = id.UserId;
    } catch (e) {
      if (!skipValidation) {
        meta.destroy();
        throw awsFailure('validating provider credentials: retrieving caller identity from STS', e);
      }
    }
  }
  const allowed = toJS(attr(config, 'allowed_account_ids')) as string[] | null;
  if (allowed?.length && meta.accountId && !allowed.includes(meta.accountId)) {
    meta.destroy();
    throw new ProviderError('Invalid account ID', `AWS account ID not allowed: ${meta.accountId}`);
  }
  const forbidden = toJS(attr(config, 'forbidden_account_ids')) as string[] | null;
  if (forbidden?.length && meta.accountId && forbidden.includes(meta.accountId)) {
    meta.destroy();
    throw new ProviderError('Invalid account ID', `AWS account ID not allowed: ${meta.accountId}`);
  }
  return meta;
}
