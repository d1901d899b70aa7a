/** What a service sees of one request: the HTTP request and its context. */
import type { SpooledBody } from './spool.js';
import type { Store } from './store.js';

/** The caller and environment of one request. */
export interface RequestContext {
  /** From the access key: test/unknown keys -> '000000000000'; a 12-digit key id -> that account; issued keys -> their account. */
  account: string;
  /** From the SigV4 credential scope, else the server's default region. */
  region: string;
  /** uuid, echoed in the response headers and error bodies. */
  requestId: string;
  accessKeyId: string;
  /** The caller's principal arn (arn:aws:iam::<account>:root for the default keys). */
  principalArn: string;
  /** The caller's UserId as GetCallerIdentity reports it. */
  userId: string;
  store: Store;
  now(): Date;
  /** Base URL of this server as the client reached it (for S3 locations, SQS queue URLs), no trailing slash. */
  endpoint: string;
  /** The operation name, set by the service for logs and metrics (e.g. 'CreateVpc'). */
  operation?: string;
}

/** The HTTP request as services see it. */
export interface CloudRequest {
  method: string;
  /** Raw path, without the query. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
  /** Set (and `body` empty) when the service asked, through ServiceDef.spoolBody, for the body on disk. */
  spooled?: SpooledBody;
  /** The service the router chose. */
  service: string;
}

/** What a service answers. */
export interface CloudResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string | NodeJS.ReadableStream;
}
