/** Object Lock on objects: retention and legal hold (headers, ?retention, ?legal-hold), and what they protect. */
import type { CloudRequest, CloudResponse } from '../../context.js';
import { AwsError } from '../../errors.js';
import { child, malformedXml, parseXmlBody, text } from '../../protocols/rest-xml.js';
import { x, xs } from '../../xml.js';
import { requireBucket } from './buckets.js';
import { empty, xmlAnswer, type S3Call } from './common.js';
import type { BucketDoc, ObjectMeta, ObjectRow } from './data.js';
import { S3Errors } from './errors.js';
import { addressedVersion } from './objects.js';

/** The lock of one object version. */
export interface ObjectLock {
  mode?: 'GOVERNANCE' | 'COMPLIANCE';
  retainUntil?: string;
  legalHold?: 'ON' | 'OFF';
}

function missingLock(): AwsError {
  return S3Errors.invalidRequest('Bucket is missing Object Lock Configuration');
}

function noObjectLock(): AwsError {
  return new AwsError('NoSuchObjectLockConfiguration', 'The specified object does not have a ObjectLock configuration', 404);
}

function checkMode(mode: string | undefined): ObjectLock['mode'] {
  if (mode === undefined) return undefined;
  if (mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE') throw S3Errors.invalidArgument('Unknown wormMode directive.', 'x-amz-object-lock-mode', mode);
  return mode;
}

function checkDate(v: string | undefined, name: string): string | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw S3Errors.invalidArgument('The retain until date must be provided in ISO 8601 format', name, v);
  return new Date(t).toISOString();
}

/**
 * The lock a new object gets: from x-amz-object-lock-* headers, else the bucket's default
 * retention. Headers on a bucket without Object Lock are InvalidRequest, as on AWS.
 */
export function lockForNewObject(req: CloudRequest, b: BucketDoc, now: Date): ObjectLock | undefined {
  const h = req.headers;
  const mode = checkMode(h['x-amz-object-lock-mode']);
  const until = checkDate(h['x-amz-object-lock-retain-until-date'], 'x-amz-object-lock-retain-until-date');
  const hold = h['x-amz-object-lock-legal-hold'];
  if ((mode || until || hold) && !b.objectLockEnabled) throw missingLock();
  if ((mode === undefined) !== (until === undefined)) {
    throw S3Errors.invalidArgument('x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied', 'x-amz-object-lock-mode', mode ?? '');
  }
  if (hold !== undefined && hold !== 'ON' && hold !== 'OFF') throw S3Errors.invalidArgument('Legal Hold must be either of ON or OFF', 'x-amz-object-lock-legal-hold', hold);
  const lock: ObjectLock = {};
  if (mode) Object.assign(lock, { mode, retainUntil: until });
  else if (b.objectLockEnabled && b.xml.objectLock) {
    const rule = child(child(parseXmlBody(b.xml.objectLock, 'ObjectLockConfiguration'), 'Rule'), 'DefaultRetention');
    const dm = text(rule, 'Mode') as ObjectLock['mode'];
    const days = Number(text(rule, 'Days') ?? 0);
    const years = Number(text(rule, 'Years') ?? 0);
    if (dm && (days || years)) {
      const d = new Date(now);
      if (days) d.setUTCDate(d.getUTCDate() + days);
      if (years) d.setUTCFullYear(d.getUTCFullYear() + years);
      Object.assign(lock, { mode: dm, retainUntil: d.toISOString() });
    }
  }
  if (hold) lock.legalHold = hold as 'ON' | 'OFF';
  return lock.mode || lock.legalHold ? lock : undefined;
}

/** The x-amz-object-lock-* headers of a version. */
export function lockHeaders(m: ObjectMeta): Record<string, string> {
  const l = m.lock;
  const h: Record<string, string> = {};
  if (l?.mode) {
    h['x-amz-object-lock-mode'] = l.mode;
    h['x-amz-object-lock-retain-until-date'] = l.retainUntil!;
  }
  if (l?.legalHold) h['x-amz-object-lock-legal-hold'] = l.legalHold;
  return h;
}

/** Throws AccessDenied if deleting this version is prevented by its retention or legal hold. */
export function checkDeletable(o: ObjectRow, req: CloudRequest, now: Date): void {
  const l = o.meta.lock;
  if (!l) return;
  const bypass = (req.headers['x-amz-bypass-governance-retention'] ?? '').toLowerCase() === 'true';
  const retained = l.mode && l.retainUntil && Date.parse(l.retainUntil) > now.getTime() && !(l.mode === 'GOVERNANCE' && bypass);
  if (retained || l.legalHold === 'ON') throw S3Errors.accessDenied('Access Denied because object protected by object lock.');
}

/** GetObjectRetention, PutObjectRetention, GetObjectLegalHold, PutObjectLegalHold. */
export function objectLockCall(c: S3Call, which: 'retention' | 'legal-hold'): CloudResponse {
  const b = requireBucket(c);
  const o = addressedVersion(c, b, c.req.method);
  const lock = o.meta.lock ?? {};
  const isGet = c.req.method === 'GET';
  c.ctx.operation = `${isGet ? 'Get' : 'Put'}Object${which === 'retention' ? 'Retention' : 'LegalHold'}`;
  if (!b.objectLockEnabled) throw missingLock();
  if (isGet) {
    if (which === 'retention') {
      if (!lock.mode) throw noObjectLock();
      return xmlAnswer('Retention', xs(x('Mode', lock.mode), x('RetainUntilDate', lock.retainUntil)));
    }
    if (!lock.legalHold) throw noObjectLock();
    return xmlAnswer('LegalHold', x('Status', lock.legalHold));
  }
  if (c.req.method !== 'PUT') throw S3Errors.methodNotAllowed(c.req.method, 'OBJECT');
  const next = { ...lock };
  if (which === 'retention') {
    const doc = parseXmlBody(c.req.body, 'Retention');
    next.mode = checkMode(text(doc, 'Mode'));
    next.retainUntil = checkDate(text(doc, 'RetainUntilDate'), 'RetainUntilDate');
    if ((next.mode === undefined) !== (next.retainUntil === undefined)) throw malformedXml();
    const shortening = lock.mode && lock.retainUntil && (!next.retainUntil || next.retainUntil < lock.retainUntil);
    const bypass = (c.req.headers['x-amz-bypass-governance-retention'] ?? '').toLowerCase() === 'true';
    if (shortening && Date.parse(lock.retainUntil!) > c.ctx.now().getTime() && (lock.mode === 'COMPLIANCE' || !bypass)) {
      throw S3Errors.accessDenied();
    }
  } else {
    const status = text(parseXmlBody(c.req.body, 'LegalHold'), 'Status');
    if (status !== 'ON' && status !== 'OFF') throw malformedXml();
    next.legalHold = status;
  }
  c.data.setMeta(o, { ...o.meta, lock: next });
  return empty(200);
}
