/** Access control lists: canned ACLs, grant headers, the AccessControlPolicy document. */
import { AwsError } from '../../errors.js';
import { children, child, parseXmlBody, text } from '../../protocols/rest-xml.js';
import { x, xs, type Raw } from '../../xml.js';
import { canonicalId, displayName, ownerXml } from './common.js';
import type { Grant } from './data.js';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const LOG_DELIVERY = 'http://acs.amazonaws.com/groups/s3/LogDelivery';
const PERMISSIONS = ['FULL_CONTROL', 'WRITE', 'WRITE_ACP', 'READ', 'READ_ACP'];

/** The canned ACLs S3 accepts in x-amz-acl. */
export const CANNED_ACLS = ['private', 'public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read', 'bucket-owner-full-control', 'log-delivery-write'];

function owner(account: string): Grant {
  return { granteeType: 'CanonicalUser', id: canonicalId(account), displayName: displayName(account), permission: 'FULL_CONTROL' };
}

function group(uri: string, permission: string): Grant {
  return { granteeType: 'Group', uri, permission };
}

/** The grants of a canned ACL for a resource owned by `account`. */
export function cannedGrants(acl: string, account: string): Grant[] {
  if (!CANNED_ACLS.includes(acl)) {
    throw new AwsError('InvalidArgument', '', 400).with({ ArgumentName: 'x-amz-acl', ArgumentValue: acl });
  }
  const g = [owner(account)];
  if (acl === 'public-read') g.push(group(ALL_USERS, 'READ'));
  if (acl === 'public-read-write') g.push(group(ALL_USERS, 'READ'), group(ALL_USERS, 'WRITE'));
  if (acl === 'authenticated-read') g.push(group(AUTH_USERS, 'READ'));
  if (acl === 'log-delivery-write') g.push(group(LOG_DELIVERY, 'WRITE'), group(LOG_DELIVERY, 'READ_ACP'));
  return g;
}

/** True if the grants give anything to AllUsers or AuthenticatedUsers. */
export function isPublic(grants: Grant[]): boolean {
  return grants.some((g) => g.uri === ALL_USERS || g.uri === AUTH_USERS);
}

const GRANT_HEADERS: [string, string][] = [
  ['x-amz-grant-full-control', 'FULL_CONTROL'],
  ['x-amz-grant-read', 'READ'],
  ['x-amz-grant-read-acp', 'READ_ACP'],
  ['x-amz-grant-write', 'WRITE'],
  ['x-amz-grant-write-acp', 'WRITE_ACP'],
];

/** Grants from x-amz-grant-* headers (`id="..", uri=".."`), or undefined if none is present. */
export function headerGrants(headers: Record<string, string>): Grant[] | undefined {
  let out: Grant[] | undefined;
  for (const [h, permission] of GRANT_HEADERS) {
    const v = headers[h];
    if (v === undefined) continue;
    out ??= [];
    for (const part of v.split(',')) {
      const m = /^\s*(id|uri|emailAddress)\s*=\s*"?([^"]*)"?\s*$/i.exec(part);
      if (!m) throw new AwsError('InvalidArgument', 'Invalid grant header', 400).with({ ArgumentName: h, ArgumentValue: v });
      const kind = m[1]!.toLowerCase();
      if (kind === 'id') out.push({ granteeType: 'CanonicalUser', id: m[2]!, permission });
      else if (kind === 'uri') out.push({ granteeType: 'Group', uri: m[2]!, permission });
      else out.push({ granteeType: 'AmazonCustomerByEmail', email: m[2]!, permission });
    }
  }
  return out;
}

/** Grants from an AccessControlPolicy body. */
export function bodyGrants(body: Buffer): Grant[] {
  const doc = parseXmlBody(body, 'AccessControlPolicy');
  const list = child(doc, 'AccessControlList');
  const out: Grant[] = [];
  for (const g of children(list, 'Grant')) {
    const grantee = child(g, 'Grantee');
    const permission = text(g, 'Permission') ?? '';
    if (!PERMISSIONS.includes(permission)) throw new AwsError('MalformedACLError', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
    const id = text(grantee, 'ID');
    const uri = text(grantee, 'URI');
    const email = text(grantee, 'EmailAddress');
    if (id) out.push({ granteeType: 'CanonicalUser', id, displayName: text(grantee, 'DisplayName'), permission });
    else if (uri) out.push({ granteeType: 'Group', uri, permission });
    else if (email) out.push({ granteeType: 'AmazonCustomerByEmail', email, permission });
    else throw new AwsError('MalformedACLError', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
  }
  return out;
}

/** The body of GetBucketAcl / GetObjectAcl. */
export function aclXml(account: string, grants: Grant[]): Raw {
  const g = grants.map((gr) => {
    const attrs = { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:type': gr.granteeType };
    const inner =
      gr.granteeType === 'CanonicalUser'
        ? xs(x('ID', gr.id), x('DisplayName', gr.displayName ?? (gr.id === canonicalId(account) ? displayName(account) : undefined)))
        : gr.granteeType === 'Group'
          ? x('URI', gr.uri)
          : x('EmailAddress', gr.email);
    return x('Grant', xs(x('Grantee', inner, attrs), x('Permission', gr.permission)));
  });
  return xs(ownerXml(account), x('AccessControlList', g.length ? g : null));
}
