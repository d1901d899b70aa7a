/** The services of the local cloud and how requests reach them. */
import type { CloudRequest, CloudResponse, RequestContext } from '../context.js';
import type { Store } from '../store.js';

/** The wire protocol of a service; it decides the error envelope. */
export type Protocol = 'ec2' | 'query' | 'rest-xml' | 'json' | 'rest-json';

/** One AWS service implementation. */
export interface ServiceDef {
  /** 'ec2', 's3', 'sts', 'iam', 'dynamodb', 'ecr', 'sqs', 'sns'. */
  name: string;
  /** SigV4 scope service names routed here. */
  signingNames: string[];
  /** X-Amz-Target prefixes, e.g. 'DynamoDB_20120810', 'AmazonEC2ContainerRegistry_V20150921', 'AmazonSQS'. */
  targetPrefixes?: string[];
  protocol: Protocol;
  /** Query-protocol actions this service answers when a request is unsigned (routing by form `Action`). */
  actions?: string[];
  /** XML namespace of query responses and errors, e.g. 'https://sts.amazonaws.com/doc/2011-06-15/'. */
  xmlNamespace?: string;
  /** JSON protocol: prefix of `__type` in errors, e.g. 'com.amazonaws.dynamodb.v20120810#'. */
  jsonErrorPrefix?: string;
  /** JSON protocol: 'application/x-amz-json-1.0' or '-1.1'. */
  jsonContentType?: string;
  /** JSON services that are awsQueryCompatible (SQS): errors carry x-amzn-query-error. */
  queryCompatible?: boolean;
  /**
   * Asked before the body is read: a service may want a large body streamed to a file
   * (CloudRequest.spooled) rather than buffered, e.g. S3 object uploads. Returns the checksum
   * algorithms to compute on the way ('crc32', 'sha1', 'sha256'), or undefined to buffer.
   */
  spoolBody?(req: Pick<CloudRequest, 'method' | 'path' | 'query' | 'headers'>): readonly string[] | undefined;
  /** Called once when the store opens (create tables, seed defaults). */
  init?(store: Store): void;
  /** Called when the server closes (flush, stop timers). */
  close?(): void;
  handle(req: CloudRequest, ctx: RequestContext): Promise<CloudResponse> | CloudResponse;
}

const registered: ServiceDef[] = [];

/** Adds a service to the registry used by servers started afterwards (replaces one of the same name). */
export function registerService(def: ServiceDef): void {
  const i = registered.findIndex((s) => s.name === def.name);
  if (i >= 0) registered[i] = def;
  else registered.push(def);
}

/** The registered services. */
export function registeredServices(): readonly ServiceDef[] {
  return registered;
}

/**
 * How the router finds a built-in service before its code is loaded. Services load on their
 * first request (as LocalStack does), so start-up pays only for the server itself.
 */
export interface ServiceManifest {
  name: string;
  signingNames: string[];
  targetPrefixes?: string[];
  protocol: Protocol;
}

/** The built-in services; each folder's index.ts exports `service: ServiceDef` with the same names. */
export const BUILTIN_MANIFEST: readonly ServiceManifest[] = [
  { name: 'sts', signingNames: ['sts'], protocol: 'query' },
  { name: 's3', signingNames: ['s3'], protocol: 'rest-xml' },
  { name: 'ec2', signingNames: ['ec2'], protocol: 'ec2' },
  { name: 'iam', signingNames: ['iam'], protocol: 'query' },
  { name: 'dynamodb', signingNames: ['dynamodb'], targetPrefixes: ['DynamoDB_20120810'], protocol: 'json' },
  { name: 'ecr', signingNames: ['ecr', 'api.ecr'], targetPrefixes: ['AmazonEC2ContainerRegistry_V20150921'], protocol: 'json' },
  { name: 'sqs', signingNames: ['sqs'], targetPrefixes: ['AmazonSQS'], protocol: 'json' },
  { name: 'sns', signingNames: ['sns'], protocol: 'query' },
];

/** The service folders of the cloud. */
export const BUILTIN_SERVICES = BUILTIN_MANIFEST.map((m) => m.name);

// Literal imports, one per service, so that bundlers keep each service in its own lazily
// loaded chunk.
const LOADERS: Record<string, () => Promise<{ service?: ServiceDef }>> = {
  sts: () => import('./sts/index.js'),
  s3: () => import('./s3/index.js'),
  ec2: () => import('./ec2/index.js'),
  iam: () => import('./iam/index.js'),
  dynamodb: () => import('./dynamodb/index.js'),
  ecr: () => import('./ecr/index.js'),
  sqs: () => import('./sqs/index.js'),
  sns: () => import('./sns/index.js'),
};

/** Loads one service: a registered one, else the built-in of that name (undefined if none). */
export async function loadService(name: string): Promise<ServiceDef | undefined> {
  const reg = registered.find((s) => s.name === name);
  if (reg) return reg;
  const load = LOADERS[name];
  return load ? (await load()).service : undefined;
}

/** Loads every built-in service plus any registered with registerService. */
export async function loadServices(): Promise<ServiceDef[]> {
  const out = new Map<string, ServiceDef>();
  const loaded = await Promise.all(BUILTIN_SERVICES.map((name) => loadService(name)));
  for (const s of loaded) if (s) out.set(s.name, s);
  for (const s of registered) out.set(s.name, s);
  return [...out.values()];
}
