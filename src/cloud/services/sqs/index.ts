/** SQS: queues and messages over JSON 1.0 (AmazonSQS.*) and the legacy query form, awsQueryCompatible. */
import { Readable } from 'node:stream';
import type { CloudRequest, CloudResponse, RequestContext } from '../../context.js';
import { AwsError, invalidAction, isAwsError } from '../../errors.js';
import { jsonBody, jsonHeaders, parseJsonBody, targetOperation } from '../../protocols/json.js';
import { parseQuery, queryError, queryHeaders, queryResponse } from '../../protocols/query.js';
import type { ServiceDef } from '../registry.js';
import { messageStore } from './message-store.js';
import { arrivals, messageOps, queueEvent, receiveNow, receiveWait } from './messages.js';
import { outputToXml, queryToInput } from './query-compat.js';
import { queueFromUrl, queueOps, type SqsOp } from './queues.js';

/** SQS's query namespace. */
export const SQS_XMLNS = 'http://queue.amazonaws.com/doc/2012-11-05/';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

const ops: Record<string, SqsOp> = {
  ...queueOps,
  ...messageOps,
  ReceiveMessage: (input, ctx) => {
    const msgs = receiveNow(input, ctx);
    return msgs.length ? { Messages: msgs } : {};
  },
};

function render(json: boolean, action: string, out: Record<string, unknown>, ctx: RequestContext): string {
  return json ? jsonBody(out) : queryResponse(action, outputToXml(action, out), ctx, SQS_XMLNS);
}

/** Waits for a message or the deadline without holding the store's transaction. */
async function* longPoll(input: Record<string, unknown>, ctx: RequestContext, waitMs: number, json: boolean): AsyncGenerator<string> {
  const deadline = Date.now() + waitMs;
  const q = queueFromUrl(ctx, input['QueueUrl']);
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    let next: number | null = null;
    try { next = messageStore(ctx.store).nextVisible(q); } catch { break; }
    const untilVisible = next !== null && next > Date.now() ? next - Date.now() : left;
    await new Promise<void>((resolve) => {
      const ev = queueEvent(q);
      const done = () => { clearTimeout(t); arrivals.off(ev, done); arrivals.off('close', done); resolve(); };
      const t = setTimeout(done, Math.max(5, Math.min(left, untilVisible, 1000)));
      arrivals.on(ev, done);
      arrivals.on('close', done);
    });
    let out: Record<string, unknown>[] = [];
    try {
      out = await ctx.store.txAsync(() => receiveNow(input, ctx));
    } catch {
      break;
    }
    if (out.length) {
      yield render(json, 'ReceiveMessage', { Messages: out }, ctx);
      return;
    }
  }
  yield render(json, 'ReceiveMessage', {}, ctx);
}

function handle(req: CloudRequest, ctx: RequestContext): CloudResponse {
  const target = req.headers['x-amz-target'];
  const json = !!target;
  let action = '';
  try {
    let input: Record<string, unknown>;
    if (json) {
      action = targetOperation(target);
      input = parseJsonBody(req.body);
    } else {
      const p = parseQuery(req.query, req.body, req.headers['content-type'] ?? '');
      action = p['Action'] ?? '';
      input = queryToInput(p);
      // Legacy clients may post to the queue URL itself instead of passing QueueUrl.
      if (input['QueueUrl'] === undefined && /^\/\d{12}\/[^/]+$/.test(req.path)) input['QueueUrl'] = req.path;
    }
    const fn = Object.prototype.hasOwnProperty.call(ops, action) ? ops[action] : undefined;
    if (!fn) throw json ? new AwsError('UnknownOperationException', '') : invalidAction(action);
    ctx.operation = action;
    const headers = json ? jsonHeaders(ctx, { contentType: CONTENT_TYPE }) : queryHeaders(ctx);
    if (action === 'ReceiveMessage') {
      const wait = receiveWait(input, ctx);
      const out = fn(input, ctx);
      if (out['Messages'] || wait === 0) return { status: 200, headers, body: render(json, action, out, ctx) };
      return { status: 200, headers, body: Readable.from(longPoll(input, ctx, wait, json)) };
    }
    return { status: 200, headers, body: render(json, action, fn(input, ctx), ctx) };
  } catch (e) {
    if (json || !isAwsError(e)) throw e;
    const err = new AwsError(e.queryCode ?? e.code, e.message, e.status, e.senderFault);
    return { status: e.status, headers: queryHeaders(ctx), body: queryError(err, ctx, SQS_XMLNS) };
  }
}

/** The SQS service definition (the registry loads `service`). */
export const service: ServiceDef = {
  name: 'sqs',
  signingNames: ['sqs'],
  targetPrefixes: ['AmazonSQS'],
  protocol: 'json',
  jsonContentType: CONTENT_TYPE,
  jsonErrorPrefix: 'com.amazonaws.sqs#',
  queryCompatible: true,
  xmlNamespace: SQS_XMLNS,
  actions: [...Object.keys(ops)],
  init(store) {
    messageStore(store);
  },
  close() {
    arrivals.emit('close');
  },
  handle,
};
