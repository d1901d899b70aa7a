/** ECR: container repositories over JSON 1.1 (AmazonEC2ContainerRegistry_V20150921.*). */
import type { CloudRequest, CloudResponse, RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { jsonBody, jsonHeaders, parseJsonBody, targetOperation } from '../../protocols/json.js';
import type { ServiceDef } from '../registry.js';
import { ecrOps } from './operations.js';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** The ECR service definition (the registry loads `service`). */
export const service: ServiceDef = {
  name: 'ecr',
  signingNames: ['ecr'],
  targetPrefixes: ['AmazonEC2ContainerRegistry_V20150921'],
  protocol: 'json',
  jsonContentType: CONTENT_TYPE,
  handle(req: CloudRequest, ctx: RequestContext): CloudResponse {
    const op = targetOperation(req.headers['x-amz-target']);
    const fn = Object.prototype.hasOwnProperty.call(ecrOps, op) ? ecrOps[op] : undefined;
    if (!fn) throw new AwsError('UnknownOperationException', '');
    ctx.operation = op;
    const out = fn(parseJsonBody(req.body), ctx);
    return { status: 200, headers: jsonHeaders(ctx, { contentType: CONTENT_TYPE }), body: jsonBody(out) };
  },
};
