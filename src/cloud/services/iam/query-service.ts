/** Dispatch for my query-protocol services (IAM, SNS): action table -> CloudResponse. */
import type { CloudRequest, CloudResponse, RequestContext } from '../../context.js';
import { AwsError, invalidAction } from '../../errors.js';
import { parseQuery, queryHeaders, queryResponse, type QueryParams } from '../../protocols/query.js';
import type { XmlContent } from '../../xml.js';
import { xs } from '../../xml.js';

/** One action: reads the parameters, returns the inner XML of `<ActionResult>` ('' for none). */
export type QueryAction = (p: QueryParams, ctx: RequestContext) => XmlContent;

/** Builds a `handle` that parses the form, runs the named action and wraps its answer. */
export function queryHandler(actions: Record<string, QueryAction>, xmlns: string) {
  return (req: CloudRequest, ctx: RequestContext): CloudResponse => {
    const p = parseQuery(req.query, req.body, req.headers['content-type'] ?? '');
    const action = p['Action'] ?? '';
    if (action === '') throw new AwsError('MissingAction', 'Missing Action');
    const fn = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
    if (!fn) throw invalidAction(action);
    ctx.operation = action;
    const inner = fn(p, ctx);
    return { status: 200, headers: queryHeaders(ctx), body: queryResponse(action, xs(inner), ctx, xmlns) };
  };
}

/** 400 ValidationError in the shape IAM and SNS use for constraint failures. */
export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

/** An optional integer parameter (e.g. MaxItems). */
export function intParam(p: QueryParams, name: string): number | undefined {
  const v = p[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw validationError(`1 validation error detected: Value '${v}' at '${name[0]!.toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must be a number`);
  return n;
}
