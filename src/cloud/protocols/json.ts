/** The AWS JSON 1.0/1.1 protocols (DynamoDB, SQS, ECR) and REST-JSON errors. */
import type { RequestContext } from '../context.js';
import { AwsError } from '../errors.js';

/** Options of a JSON service's envelopes. */
export interface JsonProtocolOptions {
  /** 'application/x-amz-json-1.0' (default) or 'application/x-amz-json-1.1'. */
  contentType?: string;
  /** Prefix of `__type`, e.g. 'com.amazonaws.dynamodb.v20120810#'. */
  errorPrefix?: string;
  /** awsQueryCompatible services (SQS) also send `x-amzn-query-error: Code;Sender`. */
  queryCompatible?: boolean;
}

/** Parses a JSON request body ('' counts as {}); malformed JSON is 400 SerializationException. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let v: unknown;
  try {
    v = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return v as Record<string, unknown>;
}

/** The operation named by `X-Amz-Target: Prefix.Operation`. */
export function targetOperation(target: string | undefined): string {
  if (!target) return '';
  const i = target.lastIndexOf('.');
  return i < 0 ? target : target.slice(i + 1);
}

/** Headers of a JSON answer. */
export function jsonHeaders(ctx: Pick<RequestContext, 'requestId'>, opts: JsonProtocolOptions = {}): Record<string, string> {
  return { 'content-type': opts.contentType ?? 'application/x-amz-json-1.0', 'x-amzn-requestid': ctx.requestId };
}

/** A JSON success body. */
export function jsonBody(value: unknown): string {
  return JSON.stringify(value ?? {});
}

/** A JSON error: body `{__type, message}` and headers X-Amzn-ErrorType (+ x-amzn-query-error). */
export function jsonError(
  err: AwsError,
  ctx: Pick<RequestContext, 'requestId'>,
  opts: JsonProtocolOptions = {},
): { status: number; headers: Record<string, string>; body: string } {
  const headers = jsonHeaders(ctx, opts);
  headers['x-amzn-errortype'] = err.code;
  if (opts.queryCompatible) headers['x-amzn-query-error'] = `${err.queryCode ?? err.code};${err.senderFault ? 'Sender' : 'Receiver'}`;
  Object.assign(headers, err.headers);
  return { status: err.status, headers, body: JSON.stringify({ __type: (opts.errorPrefix ?? '') + err.code, message: err.message }) };
}

/** A REST-JSON error: body `{message}` (and `__type`), header X-Amzn-ErrorType. */
export function restJsonError(err: AwsError, ctx: Pick<RequestContext, 'requestId'>): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: err.status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': ctx.requestId, 'x-amzn-errortype': err.code, ...err.headers },
    body: JSON.stringify({ __type: err.code, message: err.message, Message: err.message }),
  };
}
