/** The AWS query protocol (IAM, STS, SNS, legacy SQS) and the form parsing EC2 shares. */
import type { RequestContext } from '../context.js';
import { AwsError } from '../errors.js';
import { XML_DECL, esc } from '../xml.js';

/** A form-encoded request as a flat map; body parameters win over URL parameters. */
export type QueryParams = Record<string, string>;

/** Parses the URL query and a form-encoded body into one flat map. */
export function parseQuery(query: URLSearchParams, body: Buffer, contentType = ''): QueryParams {
  const out: QueryParams = {};
  for (const [k, v] of query) out[k] = v;
  if (body.length > 0 && (contentType === '' || contentType.includes('x-www-form-urlencoded'))) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) out[k] = v;
  }
  return out;
}

/** A nested view of flat query keys: 'Filter.1.Value.2' -> {Filter: {1: {Value: {2: v}}}}. */
export interface QueryTree {
  [k: string]: QueryTree | string;
}

/** Builds the nested view of the parameters that start with `prefix.` (all when prefix is ''). */
export function queryTree(params: QueryParams, prefix = ''): QueryTree {
  const root: QueryTree = {};
  const p = prefix ? prefix + '.' : '';
  for (const [k, v] of Object.entries(params)) {
    if (p && !k.startsWith(p)) continue;
    const parts = k.slice(p.length).split('.');
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = node[parts[i]!];
      if (typeof next === 'object') node = next;
      else node = node[parts[i]!] = {};
    }
    node[parts[parts.length - 1]!] = v;
  }
  return root;
}

/**
 * The elements of a list node in either style: query `member`/`entry` (`Tags.member.1.Key`)
 * or flattened EC2 (`Filter.1.Name`), ordered by their index.
 */
export function listItems(node: QueryTree | string | undefined): (QueryTree | string)[] {
  if (node === undefined || typeof node === 'string') return [];
  const inner = node['member'] ?? node['entry'] ?? node['item'];
  const n = typeof inner === 'object' ? inner : node;
  return Object.keys(n)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => n[k]!);
}

/** A list of strings: `Name.member.N` or `Name.N`. */
export function qList(params: QueryParams, name: string): string[] {
  return listItems(queryTree(params, name)).filter((v): v is string => typeof v === 'string');
}

/** A list of structures: `Name.member.N.Field` or `Name.N.Field`; nested lists stay trees (use listItems). */
export function qStructs(params: QueryParams, name: string): QueryTree[] {
  return listItems(queryTree(params, name)).filter((v): v is QueryTree => typeof v === 'object');
}

/** A string field of a tree node ('' absent -> undefined). */
export function str(node: QueryTree | undefined, field: string): string | undefined {
  const v = node?.[field];
  return typeof v === 'string' ? v : undefined;
}

/**
 * A map: `Name.entry.N.key`/`.value` (query maps), or `Name.N.Name`/`.Value` (SQS attributes),
 * with the key and value field names given.
 */
export function qMap(params: QueryParams, name: string, keyField = 'key', valueField = 'value'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of qStructs(params, name)) {
    const k = str(e, keyField);
    const v = str(e, valueField);
    if (k !== undefined) out[k] = v ?? '';
  }
  return out;
}

/** Tags in the query style (`Tags.member.N.Key/Value`) as ordered pairs. */
export function qTags(params: QueryParams, name = 'Tags'): { Key: string; Value: string }[] {
  return qStructs(params, name).map((t) => ({ Key: str(t, 'Key') ?? '', Value: str(t, 'Value') ?? '' }));
}

/** A required parameter, or 400 MissingParameter. */
export function required(params: QueryParams, name: string): string {
  const v = params[name];
  if (v === undefined || v === '') throw new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
  return v;
}

/** The query success envelope: `<ActionResponse xmlns><ActionResult>inner</ActionResult><ResponseMetadata>`. */
export function queryResponse(action: string, inner: string | { toString(): string }, ctx: RequestContext, xmlns: string): string {
  const body = String(inner);
  const result = body === '' ? '' : `<${action}Result>${body}</${action}Result>`;
  return (
    `${XML_DECL}<${action}Response xmlns="${esc(xmlns)}">${result}` +
    `<ResponseMetadata><RequestId>${ctx.requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

/** The query error envelope: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`. */
export function queryError(err: AwsError, ctx: Pick<RequestContext, 'requestId'>, xmlns?: string): string {
  const ns = xmlns ? ` xmlns="${esc(xmlns)}"` : '';
  return (
    `${XML_DECL}<ErrorResponse${ns}><Error><Type>${err.senderFault ? 'Sender' : 'Receiver'}</Type>` +
    `<Code>${esc(err.code)}</Code><Message>${esc(err.message)}</Message></Error>` +
    `<RequestId>${ctx.requestId}</RequestId></ErrorResponse>`
  );
}

/** Response headers of a query answer. */
export function queryHeaders(ctx: Pick<RequestContext, 'requestId'>): Record<string, string> {
  return { 'content-type': 'text/xml', 'x-amzn-requestid': ctx.requestId };
}
