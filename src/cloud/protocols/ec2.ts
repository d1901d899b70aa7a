/** The EC2 query protocol: its success and error envelopes. */
import type { RequestContext } from '../context.js';
import type { AwsError } from '../errors.js';
import { XML_DECL, esc } from '../xml.js';

/** The EC2 API namespace every response carries. */
export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** `<ActionResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId/>inner</ActionResponse>`. */
export function ec2Response(action: string, inner: string | { toString(): string }, ctx: Pick<RequestContext, 'requestId'>): string {
  return `${XML_DECL}<${action}Response xmlns="${EC2_XMLNS}"><requestId>${ctx.requestId}</requestId>${String(inner)}</${action}Response>`;
}

/** `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`. */
export function ec2Error(err: AwsError, ctx: Pick<RequestContext, 'requestId'>): string {
  return (
    `${XML_DECL}<Response><Errors><Error><Code>${esc(err.code)}</Code><Message>${esc(err.message)}</Message></Error></Errors>` +
    `<RequestID>${ctx.requestId}</RequestID></Response>`
  );
}

/** Response headers of an EC2 answer. */
export function ec2Headers(ctx: Pick<RequestContext, 'requestId'>): Record<string, string> {
  return { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': ctx.requestId };
}
