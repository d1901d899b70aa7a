/** IAM policy documents: the structural checks IAM applies and the URL-encoding of answers. */
import { AwsError } from '../../errors.js';

/** Which rules apply: identity policies need actions and resources; trust policies need a principal. */
export type PolicyKind = 'identity' | 'trust';

function malformed(message: string): AwsError {
  return new AwsError('MalformedPolicyDocument', message);
}

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

function strings(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((e) => typeof e === 'string')) return v as string[];
  return undefined;
}

/** Checks a policy document; throws MalformedPolicyDocument with IAM's message when it is wrong. */
export function validatePolicyDocument(text: string, kind: PolicyKind): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformed('This policy contains invalid Json');
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw malformed('Syntax errors in policy.');
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!['Version', 'Id', 'Statement'].includes(k)) throw malformed('Syntax errors in policy.');
  if (d['Version'] !== undefined && d['Version'] !== '2012-10-17' && d['Version'] !== '2008-10-17') {
    throw malformed('The policy failed legacy parsing');
  }
  const st = d['Statement'];
  if (st === undefined) throw malformed('Syntax errors in policy.');
  const statements = Array.isArray(st) ? st : [st];
  if (statements.length === 0) throw malformed('Syntax errors in policy.');
  const sids = new Set<string>();
  for (const s of statements) {
    if (s === null || typeof s !== 'object' || Array.isArray(s)) throw malformed('Syntax errors in policy.');
    const r = s as Record<string, unknown>;
    for (const k of Object.keys(r)) if (!STATEMENT_KEYS.has(k)) throw malformed('Syntax errors in policy.');
    if (r['Sid'] !== undefined) {
      if (typeof r['Sid'] !== 'string') throw malformed('Syntax errors in policy.');
      if (r['Sid'] !== '' && sids.has(r['Sid'])) throw malformed('Statement IDs (SID) in a single policy must be unique.');
      sids.add(r['Sid']);
    }
    if (r['Effect'] !== 'Allow' && r['Effect'] !== 'Deny') throw malformed(r['Effect'] === undefined ? 'Missing required field Effect' : 'Syntax errors in policy.');
    if (r['Action'] !== undefined && r['NotAction'] !== undefined) throw malformed('Syntax errors in policy.');
    if (r['Resource'] !== undefined && r['NotResource'] !== undefined) throw malformed('Syntax errors in policy.');
    const actions = r['Action'] ?? r['NotAction'];
    if (actions === undefined) throw malformed(kind === 'trust' ? 'Missing required field Action' : 'Policy statement must contain actions.');
    const list = strings(actions);
    if (!list) throw malformed('Syntax errors in policy.');
    for (const a of list) {
      if (a !== '*' && !/^[A-Za-z0-9-]+:/.test(a)) throw malformed('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
    }
    if (r['Condition'] !== undefined && (typeof r['Condition'] !== 'object' || r['Condition'] === null || Array.isArray(r['Condition']))) {
      throw malformed('Syntax errors in policy.');
    }
    if (kind === 'identity') {
      if (r['Principal'] !== undefined || r['NotPrincipal'] !== undefined) throw malformed('Policy document should not specify a principal.');
      const res = r['Resource'] ?? r['NotResource'];
      if (res === undefined) throw malformed('Policy statement must contain resources.');
      const rl = strings(res);
      if (!rl) throw malformed('Syntax errors in policy.');
      for (const x of rl) {
        if (x !== '*' && !/^arn:[^:]*:[^:]*:[^:]*:[^:]*:.+/.test(x) && !x.startsWith('${')) throw malformed(`Resource ${x} must be in ARN format or "*".`);
      }
    } else {
      if (r['Resource'] !== undefined || r['NotResource'] !== undefined) throw malformed('Has prohibited field Resource');
      const pr = r['Principal'] ?? r['NotPrincipal'];
      if (pr === undefined) throw malformed('Missing required field Principal');
      checkPrincipal(pr);
    }
  }
}

function checkPrincipal(pr: unknown): void {
  if (pr === '*') return;
  if (pr === null || typeof pr !== 'object' || Array.isArray(pr)) throw malformed('Syntax errors in policy.');
  for (const [type, v] of Object.entries(pr as Record<string, unknown>)) {
    const list = strings(v);
    if (!list || !['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(type)) throw malformed('Syntax errors in policy.');
    for (const p of list) {
      const ok =
        type !== 'AWS' || p === '*' || /^\d{12}$/.test(p) || /^arn:aws[a-z-]*:(iam|sts)::(\d{12}|aws):.+/.test(p);
      if (!ok) throw malformed(`Invalid principal in policy: "${type}":"${p}"`);
    }
  }
}

/** A document as IAM answers it: URL-encoded (spaces as %20). */
export function encodeDocument(text: string): string {
  return encodeURIComponent(text);
}
