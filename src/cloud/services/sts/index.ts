/** STS (AWS query protocol): who am I, and temporary credentials for roles. */
import { createHash } from 'node:crypto';
import type { CloudRequest, CloudResponse, RequestContext } from '../../context.js';
import { AwsError, invalidAction } from '../../errors.js';
import { accessKeyId, base32Id, secretAccessKey } from '../../ids.js';
import { parseQuery, queryHeaders, queryResponse, type QueryParams } from '../../protocols/query.js';
import { resolveCaller } from '../../caller.js';
import { x, xs } from '../../xml.js';
import type { ServiceDef } from '../registry.js';

/** STS's XML namespace. */
export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function validation(field: string, value: string | undefined, constraint: string): AwsError {
  const v = value === undefined ? 'null' : `'${value}'`;
  return new AwsError('ValidationError', `1 validation error detected: Value ${v} at '${field}' failed to satisfy constraint: ${constraint}`);
}

/** A stable AROA... id for a role arn, so every session of a role reports the same role id. */
function roleUniqueId(roleArn: string): string {
  const h = createHash('sha256').update(roleArn).digest();
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let s = 'AROA';
  for (let i = 0; i < 17; i++) s += A[h[i]! & 31];
  return s;
}

function duration(p: QueryParams): number {
  const raw = p['DurationSeconds'];
  if (raw === undefined) return 3600;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw validation('durationSeconds', raw, 'Member must be an integer');
  if (n < 900) throw validation('durationSeconds', raw, 'Member must have value greater than or equal to 900');
  if (n > 43200) throw validation('durationSeconds', raw, 'Member must have value less than or equal to 43200');
  return n;
}

function credentialsXml(akid: string, secret: string, token: string, exp: Date): string {
  return String(
    x('Credentials', xs(x('AccessKeyId', akid), x('SecretAccessKey', secret), x('SessionToken', token), x('Expiration', exp.toISOString().replace(/\.\d{3}Z$/, 'Z')))),
  );
}

function assumeRole(p: QueryParams, ctx: RequestContext): string {
  const roleArn = p['RoleArn'];
  const session = p['RoleSessionName'];
  if (roleArn === undefined) throw validation('roleArn', undefined, 'Member must not be null');
  if (session === undefined) throw validation('roleSessionName', undefined, 'Member must not be null');
  if (roleArn.length < 20 || roleArn.length > 2048) throw validation('roleArn', roleArn, 'Member must have length greater than or equal to 20');
  if (session.length < 2) throw validation('roleSessionName', session, 'Member must have length greater than or equal to 2');
  if (session.length > 64) throw validation('roleSessionName', session, 'Member must have length less than or equal to 64');
  if (!/^[\w+=,.@-]+$/.test(session)) {
    throw validation('roleSessionName', session, 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
  }
  const m = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
  if (!m) throw validation('roleArn', roleArn, 'Member must be a valid IAM role ARN');
  const [, account, roleName] = m;
  const secs = duration(p);
  const akid = accessKeyId('ASIA');
  const secret = secretAccessKey();
  const token = Buffer.from(`terrane-session:${akid}:${base32Id(48)}`).toString('base64');
  const exp = new Date(ctx.now().getTime() + secs * 1000);
  const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${session}`;
  const userId = `${roleUniqueId(roleArn)}:${session}`;
  ctx.store.putAccessKey({ accessKeyId: akid, secretAccessKey: secret, account: account!, arn, userId, sessionToken: token, expiration: exp.toISOString() });
  const policy = p['Policy'];
  return (
    credentialsXml(akid, secret, token, exp) +
    String(x('AssumedRoleUser', xs(x('AssumedRoleId', userId), x('Arn', arn)))) +
    (policy !== undefined ? String(x('PackedPolicySize', Math.min(100, Math.ceil(policy.length / 20)))) : '') +
    (p['SourceIdentity'] !== undefined ? String(x('SourceIdentity', p['SourceIdentity'])) : '')
  );
}

function getSessionToken(p: QueryParams, ctx: RequestContext): string {
  const raw = p['DurationSeconds'];
  const secs = raw === undefined ? 43200 : Number(raw);
  if (!Number.isInteger(secs) || secs < 900 || secs > 129600) {
    throw validation('durationSeconds', raw, 'Member must have value greater than or equal to 900');
  }
  const akid = accessKeyId('ASIA');
  const secret = secretAccessKey();
  const token = Buffer.from(`terrane-session:${akid}:${base32Id(48)}`).toString('base64');
  const exp = new Date(ctx.now().getTime() + secs * 1000);
  ctx.store.putAccessKey({ accessKeyId: akid, secretAccessKey: secret, account: ctx.account, arn: ctx.principalArn, userId: ctx.userId, sessionToken: token, expiration: exp.toISOString() });
  return credentialsXml(akid, secret, token, exp);
}

const ACTIONS: Record<string, (p: QueryParams, ctx: RequestContext) => string> = {
  GetCallerIdentity: (_p, ctx) => String(xs(x('Arn', ctx.principalArn), x('UserId', ctx.userId), x('Account', ctx.account))),
  AssumeRole: assumeRole,
  GetSessionToken: getSessionToken,
  GetAccessKeyInfo: (p, ctx) => {
    const id = p['AccessKeyId'];
    if (id === undefined) throw validation('accessKeyId', undefined, 'Member must not be null');
    return String(x('Account', resolveCaller(ctx.store, id).account));
  },
};

/** The STS service. */
export const service: ServiceDef = {
  name: 'sts',
  signingNames: ['sts'],
  protocol: 'query',
  xmlNamespace: STS_XMLNS,
  actions: Object.keys(ACTIONS),
  handle(req: CloudRequest, ctx: RequestContext): CloudResponse {
    const p = parseQuery(req.query, req.body, req.headers['content-type']);
    const action = p['Action'];
    if (!action) throw new AwsError('MissingAction', 'Missing Action');
    ctx.operation = action;
    const fn = ACTIONS[action];
    if (!fn) throw invalidAction(action);
    return { status: 200, headers: queryHeaders(ctx), body: queryResponse(action, fn(p, ctx), ctx, STS_XMLNS) };
  },
};
