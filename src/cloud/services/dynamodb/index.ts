/** DynamoDB: tables and items over the JSON 1.0 protocol (X-Amz-Target DynamoDB_20120810.*). */
import type { CloudRequest, CloudResponse, RequestContext } from '../../context.js';
import { AwsError, isAwsError } from '../../errors.js';
import { jsonBody, jsonHeaders, parseJsonBody, targetOperation } from '../../protocols/json.js';
import type { ServiceDef } from '../registry.js';
import { itemStore } from './item-store.js';
import { itemOps } from './items.js';
import { queryScanOps } from './query-scan.js';
import { tableOps } from './tables.js';
import { TransactionCanceled, transactionOps } from './transactions.js';

const ops = { ...tableOps, ...itemOps, ...queryScanOps, ...transactionOps };
const ERROR_PREFIX = 'com.amazonaws.dynamodb.v20120810#';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The DynamoDB service definition (the registry loads `service`). */
export const service: ServiceDef = {
  name: 'dynamodb',
  signingNames: ['dynamodb'],
  targetPrefixes: ['DynamoDB_20120810'],
  protocol: 'json',
  jsonContentType: CONTENT_TYPE,
  jsonErrorPrefix: ERROR_PREFIX,
  init(store) {
    itemStore(store);
  },
  handle(req: CloudRequest, ctx: RequestContext): CloudResponse {
    const op = targetOperation(req.headers['x-amz-target']);
    const fn = Object.prototype.hasOwnProperty.call(ops, op) ? ops[op] : undefined;
    if (!fn) throw new AwsError('UnknownOperationException', '');
    ctx.operation = op;
    try {
      const out = fn(parseJsonBody(req.body), ctx);
      return { status: 200, headers: jsonHeaders(ctx, { contentType: CONTENT_TYPE }), body: jsonBody(out) };
    } catch (e) {
      // Errors that carry items (failed conditions, cancelled transactions) need fields the generic envelope lacks.
      const item = (e as { item?: unknown }).item;
      if (e instanceof TransactionCanceled || (isAwsError(e) && item !== undefined)) {
        const body: Record<string, unknown> = { __type: ERROR_PREFIX + e.code, message: e.message };
        if (e instanceof TransactionCanceled) body['CancellationReasons'] = e.reasons;
        else body['Item'] = item;
        return { status: 400, headers: { ...jsonHeaders(ctx, { contentType: CONTENT_TYPE }), 'x-amzn-errortype': e.code }, body: JSON.stringify(body) };
      }
      throw e;
    }
  },
};
