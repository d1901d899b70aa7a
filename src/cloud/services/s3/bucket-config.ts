/** Bucket sub-resources: versioning, policy, tagging, ACL, public access block, encryption, ownership, CORS, website, logging, ... */
import type { CloudResponse } from '../../context.js';
import { AwsError } from '../../errors.js';
import { child, children, malformedXml, parseXmlBody, text, type XmlNode } from '../../protocols/rest-xml.js';
import { XML_DECL, x, xs } from '../../xml.js';
import { aclXml, bodyGrants, cannedGrants, headerGrants, isPublic } from './acl.js';
import { ownershipOf, requireBucket } from './buckets.js';
import { S3_XMLNS, empty, xmlAnswer, type S3Call } from './common.js';
import type { BucketDoc, Grant, PublicAccessBlock, XmlConfig } from './data.js';
import { S3Errors } from './errors.js';
import { parseTagSet, tagSetXml } from './tags.js';

/** A stored XML document as the answer of its Get* call. */
function stored(doc: string, headers: Record<string, string> = {}): CloudResponse {
  return { status: 200, headers: { 'content-type': 'application/xml', ...headers }, body: XML_DECL + '\n' + doc };
}

/** The body without its XML declaration, for storing. */
function keep(body: Buffer): string {
  return body.toString('utf8').replace(/^\uFEFF?\s*<\?xml[^>]*\?>\s*/, '').trim();
}

function save(c: S3Call, b: BucketDoc, status = 200): CloudResponse {
  c.data.saveBucket(b);
  return empty(status);
}

// ---- versioning

function putVersioning(c: S3Call, b: BucketDoc): CloudResponse {
  const doc = parseXmlBody(c.req.body, 'VersioningConfiguration');
  const status = text(doc, 'Status');
  const mfa = text(doc, 'MfaDelete');
  if (status !== undefined && status !== 'Enabled' && status !== 'Suspended') throw malformedXml();
  if (mfa !== undefined && mfa !== 'Enabled' && mfa !== 'Disabled') throw malformedXml();
  if (status === 'Suspended' && b.objectLockEnabled) {
    throw S3Errors.invalidBucketState('An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.');
  }
  if (mfa === 'Enabled') throw S3Errors.invalidRequest('DevPay and Mfa are mutually exclusive authorization methods.');
  if (status) b.versioning = status;
  if (mfa) b.mfaDelete = mfa;
  return save(c, b);
}

function getVersioning(b: BucketDoc): CloudResponse {
  return xmlAnswer('VersioningConfiguration', xs(x('Status', b.versioning), b.versioning ? x('MfaDelete', b.mfaDelete) : undefined));
}

// ---- policy

function isPublicPolicy(policy: { Statement?: unknown }): boolean {
  const sts = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return sts.some((s) => {
    const st = s as { Effect?: string; Principal?: unknown; Condition?: unknown };
    if (st.Effect !== 'Allow' || st.Condition !== undefined) return false;
    const p = st.Principal;
    if (p === '*') return true;
    if (p && typeof p === 'object') {
      const aws = (p as { AWS?: unknown }).AWS;
      return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
    }
    return false;
  });
}

/** Checks a bucket policy the way S3 does, with S3's MalformedPolicy messages. */
export function validatePolicy(text: string, bucket: string): Record<string, unknown> {
  const t = text.trim();
  let doc: unknown;
  try {
    if (!t.startsWith('{')) throw new Error();
    doc = JSON.parse(t);
  } catch {
    throw S3Errors.malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  }
  const d = doc as Record<string, unknown>;
  if (d['Version'] !== undefined && d['Version'] !== '2012-10-17' && d['Version'] !== '2008-10-17') {
    throw S3Errors.malformedPolicy('The policy must contain a valid version string');
  }
  if (d['Statement'] === undefined) throw S3Errors.malformedPolicy('Missing required field Statement');
  const sts = Array.isArray(d['Statement']) ? d['Statement'] : [d['Statement']];
  for (const s of sts as Record<string, unknown>[]) {
    if (typeof s !== 'object' || s === null) throw S3Errors.malformedPolicy('Statement is not well-formed');
    if (s['Effect'] === undefined) throw S3Errors.malformedPolicy('Missing required field Effect');
    if (s['Effect'] !== 'Allow' && s['Effect'] !== 'Deny') throw S3Errors.malformedPolicy(`Invalid effect: ${String(s['Effect'])}`);
    if (s['Principal'] === undefined && s['NotPrincipal'] === undefined) throw S3Errors.malformedPolicy('Missing required field Principal');
    if (s['Action'] === undefined && s['NotAction'] === undefined) throw S3Errors.malformedPolicy('Missing required field Action');
    const res = s['Resource'] ?? s['NotResource'];
    if (res === undefined) throw S3Errors.malformedPolicy('Missing required field Resource');
    for (const r of (Array.isArray(res) ? res : [res]) as unknown[]) {
      if (typeof r !== 'string' || !(r === '*' || r.startsWith(`arn:aws:s3:::${bucket}`) || r.startsWith('arn:aws:s3:::*'))) {
        throw S3Errors.malformedPolicy('Policy has invalid resource');
      }
    }
    const acts = s['Action'] ?? s['NotAction'];
    for (const a of (Array.isArray(acts) ? acts : [acts]) as unknown[]) {
      if (typeof a !== 'string' || !(a === '*' || /^s3:[A-Za-z*]+$/.test(a))) throw S3Errors.malformedPolicy('Policy has invalid action');
    }
  }
  return d;
}

function putPolicy(c: S3Call, b: BucketDoc): CloudResponse {
  const policy = c.req.body.toString('utf8');
  const doc = validatePolicy(policy, b.name);
  const pab = publicAccessBlockOf(b);
  if (pab?.BlockPublicPolicy && isPublicPolicy(doc)) {
    throw S3Errors.accessDenied(
      `User: ${c.ctx.principalArn} is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::${b.name}" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
    );
  }
  b.policy = policy;
  return save(c, b, 204);
}

// ---- ACL

function checkAclAllowed(b: BucketDoc, grants: Grant[], account: string): void {
  const ownerOnly = grants.length === 1 && grants[0]!.permission === 'FULL_CONTROL' && grants[0]!.id === cannedGrants('private', account)[0]!.id;
  if (ownershipOf(b) === 'BucketOwnerEnforced' && !ownerOnly) throw S3Errors.aclNotSupported();
  if (publicAccessBlockOf(b)?.BlockPublicAcls && isPublic(grants)) throw S3Errors.accessDenied();
}

function putAcl(c: S3Call, b: BucketDoc): CloudResponse {
  const canned = c.req.headers['x-amz-acl'];
  const grants = canned !== undefined ? cannedGrants(canned, b.account) : (headerGrants(c.req.headers) ?? (c.req.body.length ? bodyGrants(c.req.body) : undefined));
  if (!grants) throw new AwsError('MissingSecurityHeader', 'Your request was missing a required header', 400).with({ MissingHeaderName: 'x-amz-acl' });
  checkAclAllowed(b, grants, b.account);
  b.acl = grants;
  return save(c, b);
}

// ---- public access block and ownership

/** The public access block in effect (AWS's default for new buckets blocks everything). */
export function publicAccessBlockOf(b: BucketDoc): PublicAccessBlock | undefined {
  if (b.publicAccessBlock === undefined) return { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
  return b.publicAccessBlock ?? undefined;
}

const PAB_FIELDS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

function bool(v: string | undefined): boolean {
  if (v === undefined) return false;
  if (v !== 'true' && v !== 'false') throw malformedXml();
  return v === 'true';
}

function putPublicAccessBlock(c: S3Call, b: BucketDoc): CloudResponse {
  const doc = parseXmlBody(c.req.body, 'PublicAccessBlockConfiguration');
  const pab = {} as PublicAccessBlock;
  for (const f of PAB_FIELDS) pab[f] = bool(text(doc, f));
  if (b.policy && pab.BlockPublicPolicy && isPublicPolicy(JSON.parse(b.policy) as { Statement?: unknown })) {
    // AWS allows blocking after the fact; the existing policy stays.
  }
  b.publicAccessBlock = pab;
  return save(c, b);
}

function getPublicAccessBlock(b: BucketDoc): CloudResponse {
  const pab = publicAccessBlockOf(b);
  if (!pab) throw S3Errors.noPublicAccessBlock(b.name);
  return xmlAnswer('PublicAccessBlockConfiguration', xs(...PAB_FIELDS.map((f) => x(f, pab[f]))));
}

function putOwnership(c: S3Call, b: BucketDoc): CloudResponse {
  const doc = parseXmlBody(c.req.body, 'OwnershipControls');
  const rules = children(doc, 'Rule');
  const o = rules.length === 1 ? text(rules[0], 'ObjectOwnership') : undefined;
  if (!o || !['BucketOwnerPreferred', 'ObjectWriter', 'BucketOwnerEnforced'].includes(o)) throw malformedXml();
  if (o === 'BucketOwnerEnforced' && b.acl && b.acl.length > 1) {
    throw new AwsError('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
  }
  b.ownership = o;
  return save(c, b);
}

function getOwnership(b: BucketDoc): CloudResponse {
  const o = ownershipOf(b);
  if (!o) throw S3Errors.noOwnershipControls(b.name);
  return xmlAnswer('OwnershipControls', x('Rule', x('ObjectOwnership', o)));
}

// ---- XML-document sub-resources

interface XmlSub {
  root: string;
  missing?: (b: BucketDoc) => CloudResponse;
  validate?: (doc: Record<string, XmlNode | XmlNode[]>, c: S3Call, b: BucketDoc) => void;
  /** What DELETE leaves (undefined: removes the document). */
  getHeaders?: Record<string, string>;
}

const CORS_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

const XML_SUBS: Record<XmlConfig, XmlSub> = {
  cors: {
    root: 'CORSConfiguration',
    missing: (b) => {
      throw S3Errors.noSuchCors(b.name);
    },
    validate: (doc) => {
      const rules = children(doc, 'CORSRule');
      if (rules.length === 0 || rules.length > 100) throw malformedXml();
      for (const r of rules) {
        const methods = children(r, 'AllowedMethod');
        if (methods.length === 0 || children(r, 'AllowedOrigin').length === 0) throw malformedXml();
        for (const m of methods) {
          if (typeof m !== 'string' || !CORS_METHODS.includes(m)) {
            throw S3Errors.invalidRequest(`Found unsupported HTTP method in CORS config. Unsupported method is ${String(m)}`);
          }
        }
      }
    },
  },
  website: {
    root: 'WebsiteConfiguration',
    missing: (b) => {
      throw S3Errors.noSuchWebsite(b.name);
    },
    validate: (doc) => {
      const redirect = child(doc, 'RedirectAllRequestsTo');
      const index = child(doc, 'IndexDocument');
      if (redirect === undefined && (index === undefined || !text(index, 'Suffix'))) {
        throw S3Errors.invalidArgument('A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty', 'IndexDocument', 'null');
      }
      const suffix = index === undefined ? undefined : text(index, 'Suffix');
      if (suffix !== undefined && suffix.includes('/')) {
        throw S3Errors.invalidArgument('The IndexDocument Suffix is not well formed', 'IndexDocument', suffix);
      }
    },
  },
  lifecycle: {
    root: 'LifecycleConfiguration',
    missing: (b) => {
      throw S3Errors.noSuchLifecycle(b.name);
    },
    validate: (doc) => {
      const rules = children(doc, 'Rule');
      if (rules.length === 0 || rules.length > 1000) throw malformedXml();
      const ids = new Set<string>();
      for (const r of rules) {
        const status = text(r, 'Status');
        if (status !== 'Enabled' && status !== 'Disabled') throw malformedXml();
        const id = text(r, 'ID');
        if (id !== undefined) {
          if (id.length > 255) throw S3Errors.invalidArgument('ID length should not exceed allowed limit of 255', 'ID', id);
          if (ids.has(id)) throw S3Errors.invalidArgument('Rule ID must be unique. Found same ID for more than one rule', 'ID', id);
          ids.add(id);
        }
        if (child(r, 'Filter') !== undefined && child(r, 'Prefix') !== undefined) throw malformedXml();
        const actions = ['Expiration', 'Transition', 'NoncurrentVersionExpiration', 'NoncurrentVersionTransition', 'AbortIncompleteMultipartUpload'];
        if (!actions.some((a) => child(r, a) !== undefined)) {
          throw S3Errors.invalidRequest('At least one action needs to be specified in a rule');
        }
      }
    },
  },
  replication: {
    root: 'ReplicationConfiguration',
    missing: (b) => {
      throw S3Errors.noReplication(b.name);
    },
    validate: (doc, _c, b) => {
      if (b.versioning !== 'Enabled') throw S3Errors.invalidRequest("Versioning must be 'Enabled' on the bucket to apply a replication configuration");
      if (children(doc, 'Rule').length === 0 || text(doc, 'Role') === undefined) throw malformedXml();
    },
  },
  encryption: {
    root: 'ServerSideEncryptionConfiguration',
    // Since January 2023 every bucket has SSE-S3 by default, so there is always an answer.
    missing: () =>
      xmlAnswer(
        'ServerSideEncryptionConfiguration',
        x('Rule', xs(x('ApplyServerSideEncryptionByDefault', x('SSEAlgorithm', 'AES256')), x('BucketKeyEnabled', false))),
      ),
    validate: (doc) => {
      const rules = children(doc, 'Rule');
      if (rules.length === 0) throw malformedXml();
      for (const r of rules) {
        const d = child(r, 'ApplyServerSideEncryptionByDefault');
        const alg = text(d, 'SSEAlgorithm');
        if (d !== undefined && !['AES256', 'aws:kms', 'aws:kms:dsse'].includes(alg ?? '')) throw malformedXml();
        if (alg === 'AES256' && text(d, 'KMSMasterKeyID') !== undefined) {
          throw S3Errors.invalidArgument(
            'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
            'ApplyServerSideEncryptionByDefault',
            'null',
          );
        }
      }
    },
  },
  objectLock: {
    root: 'ObjectLockConfiguration',
    missing: (b) => {
      if (b.objectLockEnabled) return xmlAnswer('ObjectLockConfiguration', x('ObjectLockEnabled', 'Enabled'));
      throw S3Errors.noObjectLock(b.name);
    },
    validate: (doc, _c, b) => {
      if (b.versioning !== 'Enabled' && !b.objectLockEnabled) {
        throw S3Errors.invalidBucketState('Versioning must be \'Enabled\' on the bucket to apply a Object Lock configuration');
      }
      if (text(doc, 'ObjectLockEnabled') !== 'Enabled') throw malformedXml();
      const ret = child(child(child(doc, 'Rule'), 'DefaultRetention'), 'Mode');
      if (ret !== undefined && ret !== 'GOVERNANCE' && ret !== 'COMPLIANCE') throw malformedXml();
      b.objectLockEnabled = true;
    },
  },
  logging: {
    root: 'BucketLoggingStatus',
    missing: () => xmlAnswer('BucketLoggingStatus', ''),
    validate: (doc, c) => {
      const le = child(doc, 'LoggingEnabled');
      if (le === undefined) return;
      const target = text(le, 'TargetBucket');
      if (!target || !c.data.bucket(target)) {
        throw new AwsError('InvalidTargetBucketForLogging', 'The target bucket for logging does not exist', 400).with({ TargetBucket: target ?? '' });
      }
    },
  },
};

const MIN_SIZES = ['all_storage_classes_128K', 'varies_by_storage_class'];
const MIN_SIZE_HEADER = 'x-amz-transition-default-minimum-object-size';

/** The lifecycle's transition minimum size header (AWS's default unless set with the configuration). */
function lifecycleHeaders(b: BucketDoc): Record<string, string> {
  return { [MIN_SIZE_HEADER]: b.transitionMinSize ?? 'all_storage_classes_128K' };
}

function putXmlSub(c: S3Call, b: BucketDoc, name: XmlConfig): CloudResponse {
  const sub = XML_SUBS[name];
  const doc = parseXmlBody(c.req.body, sub.root);
  sub.validate?.(doc, c, b);
  const size = name === 'lifecycle' ? c.req.headers[MIN_SIZE_HEADER] : undefined;
  if (size !== undefined && !MIN_SIZES.includes(size)) {
    throw S3Errors.invalidArgument('Invalid value for x-amz-transition-default-minimum-object-size', MIN_SIZE_HEADER, size);
  }
  if (name === 'logging' && child(doc, 'LoggingEnabled') === undefined) delete b.xml.logging;
  else b.xml[name] = keep(c.req.body);
  if (name !== 'lifecycle') return save(c, b);
  if (size === undefined) delete b.transitionMinSize;
  else b.transitionMinSize = size;
  c.data.saveBucket(b);
  return empty(200, lifecycleHeaders(b));
}

function getXmlSub(b: BucketDoc, name: XmlConfig): CloudResponse {
  const doc = b.xml[name];
  const sub = XML_SUBS[name];
  if (doc !== undefined) return stored(doc, name === 'lifecycle' ? lifecycleHeaders(b) : sub.getHeaders);
  return sub.missing!(b);
}

/** The query flag of each bucket sub-resource and its handlers by method. */
type Handlers = Partial<Record<'GET' | 'PUT' | 'DELETE', (c: S3Call, b: BucketDoc) => CloudResponse>>;

const xmlHandlers = (name: XmlConfig): Handlers => ({
  GET: (_c, b) => getXmlSub(b, name),
  PUT: (c, b) => putXmlSub(c, b, name),
  DELETE: (c, b) => {
    delete b.xml[name];
    return save(c, b, 204);
  },
});

/** Bucket sub-resources by query flag; the dispatcher picks the first flag present. */
export const BUCKET_SUBRESOURCES: Record<string, Handlers> = {
  versioning: { GET: (_c, b) => getVersioning(b), PUT: putVersioning },
  policy: {
    GET: (_c, b) => {
      if (b.policy === undefined) throw S3Errors.noSuchBucketPolicy(b.name);
      return { status: 200, headers: { 'content-type': 'application/json' }, body: b.policy };
    },
    PUT: putPolicy,
    DELETE: (c, b) => {
      delete b.policy;
      return save(c, b, 204);
    },
  },
  policyStatus: {
    GET: (_c, b) => {
      const pub = b.policy !== undefined && isPublicPolicy(JSON.parse(b.policy) as { Statement?: unknown });
      return xmlAnswer('PolicyStatus', x('IsPublic', pub));
    },
  },
  tagging: {
    GET: (_c, b) => {
      if (!b.tags) throw S3Errors.noSuchTagSet(b.name);
      return xmlAnswer('Tagging', tagSetXml(b.tags));
    },
    PUT: (c, b) => {
      b.tags = parseTagSet(c.req.body, 50);
      return save(c, b, 204);
    },
    DELETE: (c, b) => {
      delete b.tags;
      return save(c, b, 204);
    },
  },
  acl: { GET: (_c, b) => xmlAnswer('AccessControlPolicy', aclXml(b.account, b.acl ?? cannedGrants('private', b.account))), PUT: putAcl },
  publicAccessBlock: {
    GET: (_c, b) => getPublicAccessBlock(b),
    PUT: putPublicAccessBlock,
    DELETE: (c, b) => {
      b.publicAccessBlock = null;
      return save(c, b, 204);
    },
  },
  ownershipControls: {
    GET: (_c, b) => getOwnership(b),
    PUT: putOwnership,
    DELETE: (c, b) => {
      b.ownership = null;
      return save(c, b, 204);
    },
  },
  encryption: xmlHandlers('encryption'),
  cors: xmlHandlers('cors'),
  website: xmlHandlers('website'),
  lifecycle: xmlHandlers('lifecycle'),
  replication: xmlHandlers('replication'),
  'object-lock': { GET: (_c, b) => getXmlSub(b, 'objectLock'), PUT: (c, b) => putXmlSub(c, b, 'objectLock') },
  logging: { GET: (_c, b) => getXmlSub(b, 'logging'), PUT: (c, b) => putXmlSub(c, b, 'logging') },
  requestPayment: {
    GET: (_c, b) => xmlAnswer('RequestPaymentConfiguration', x('Payer', b.requestPayer ?? 'BucketOwner')),
    PUT: (c, b) => {
      const payer = text(parseXmlBody(c.req.body, 'RequestPaymentConfiguration'), 'Payer');
      if (payer !== 'BucketOwner' && payer !== 'Requester') throw malformedXml();
      b.requestPayer = payer;
      return save(c, b);
    },
  },
  accelerate: {
    GET: (_c, b) => xmlAnswer('AccelerateConfiguration', x('Status', b.accelerate)),
    PUT: (c, b) => {
      const status = text(parseXmlBody(c.req.body, 'AccelerateConfiguration'), 'Status');
      if (status !== 'Enabled' && status !== 'Suspended') throw malformedXml();
      if (b.name.includes('.')) throw S3Errors.invalidRequest('S3 Transfer Acceleration is not supported for buckets with periods (.) in their names');
      b.accelerate = status;
      return save(c, b);
    },
  },
  notification: {
    GET: () => xmlAnswer('NotificationConfiguration', ''),
    PUT: (c) => {
      parseXmlBody(c.req.body, 'NotificationConfiguration');
      return empty(200);
    },
  },
};

/** Runs a bucket sub-resource call, or undefined if the query names none. */
export function bucketSubresource(c: S3Call): CloudResponse | undefined {
  for (const [flag, handlers] of Object.entries(BUCKET_SUBRESOURCES)) {
    if (!c.req.query.has(flag)) continue;
    const method = c.req.method as 'GET' | 'PUT' | 'DELETE';
    const h = handlers[method];
    if (!h) throw S3Errors.methodNotAllowed(c.req.method, 'BUCKET');
    c.ctx.operation = operationName(c.req.method, flag);
    const b = requireBucket(c);
    return h(c, b);
  }
  return undefined;
}

const OP_NAMES: Record<string, string> = {
  versioning: 'BucketVersioning', policy: 'BucketPolicy', policyStatus: 'BucketPolicyStatus', tagging: 'BucketTagging', acl: 'BucketAcl',
  publicAccessBlock: 'PublicAccessBlock', ownershipControls: 'BucketOwnershipControls', encryption: 'BucketEncryption', cors: 'BucketCors',
  website: 'BucketWebsite', lifecycle: 'BucketLifecycleConfiguration', replication: 'BucketReplication', 'object-lock': 'ObjectLockConfiguration',
  logging: 'BucketLogging', requestPayment: 'BucketRequestPayment', accelerate: 'BucketAccelerateConfiguration', notification: 'BucketNotificationConfiguration',
};

function operationName(method: string, flag: string): string {
  const verb = method === 'GET' ? 'Get' : method === 'PUT' ? 'Put' : 'Delete';
  return verb + (OP_NAMES[flag] ?? flag);
}

/** The namespace constant, re-exported for tests. */
export { S3_XMLNS };
