/** Pieces every S3 handler uses: the request's bucket/key, XML answers, owners, dates. */
import { createHash } from 'node:crypto';
import type { CloudRequest, CloudResponse, RequestContext } from '../../context.js';
import { XML_DECL, x, xs, type Raw } from '../../xml.js';
import type { S3Data } from './data.js';

/** S3's XML namespace. */
export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** One S3 request with its addressing resolved. */
export interface S3Call {
  req: CloudRequest;
  ctx: RequestContext;
  data: S3Data;
  /** '' for service-level calls (ListBuckets). */
  bucket: string;
  /** '' for bucket-level calls. */
  key: string;
  /** True if the bucket came from the Host header. */
  virtualHost: boolean;
}

/** An XML answer `<?xml ...?><Root xmlns="...">inner</Root>`. */
export function xmlAnswer(root: string, inner: Raw | string, headers: Record<string, string> = {}, status = 200): CloudResponse {
  const body = `${XML_DECL}\n<${root} xmlns="${S3_XMLNS}">${String(inner)}</${root}>`;
  return { status, headers: { 'content-type': 'application/xml', ...headers }, body };
}

/** An answer with no body (204 by default). */
export function empty(status = 204, headers: Record<string, string> = {}): CloudResponse {
  return { status, headers };
}

/** The canonical user id S3 shows for an account (64 hex characters, stable per account). */
export function canonicalId(account: string): string {
  return createHash('sha256').update(`terrane-s3-owner:${account}`).digest('hex');
}

/** The display name S3 shows for an account's canonical user. */
export function displayName(account: string): string {
  return account === '000000000000' ? 'webfile' : `account-${account}`;
}

/** `<Owner><ID/><DisplayName/></Owner>`. */
export function ownerXml(account: string, name = 'Owner'): Raw {
  return x(name, xs(x('ID', canonicalId(account)), x('DisplayName', displayName(account))));
}

/** The time format of S3 XML bodies: 2009-10-12T17:50:30.000Z. */
export function isoTime(iso: string): string {
  return iso;
}

/** The time format of HTTP headers: Wed, 12 Oct 2009 17:50:00 GMT. */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

/** True if the query has the sub-resource flag `name` (e.g. ?versioning). */
export function has(req: CloudRequest, name: string): boolean {
  return req.query.has(name);
}
