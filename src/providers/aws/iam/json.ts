/**
 * Policy JSON as hashicorp/aws stores it for IAM resources: normalised by re-encoding
 * (Go's encoder: keys sorted, compact; structure.NormalizeJsonString), the "legacy" form
 * with "Version" moved first (inline policies), and on refresh the prior text kept when
 * AWS's copy is an equivalent policy. No AWS SDK import.
 */
import { equivalentPolicy } from '../json-policy.js';
import { goMarshal, goSortedKeys, type GoJson } from './go-json.js';

function sorted(v: unknown): GoJson {
  if (Array.isArray(v)) return v.map(sorted);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, GoJson> = {};
    for (const [k, e] of Object.entries(v as Record<string, unknown>)) o[k] = sorted(e);
    return goSortedKeys(o);
  }
  return v as GoJson;
}

/** NormalizeJsonString: "" stays "", invalid JSON is returned as given. */
export function normalizeJson(text: string): string {
  if (text === '') return '';
  try {
    return goMarshal(sorted(JSON.parse(text)));
  } catch {
    return text;
  }
}

/** True when `text` parses as JSON. */
export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const LEGACY_VERSION = /^(\{\n?)(.*?)(,\s*)?( {2})?("Version":\s*"2012-10-17")(,)?(\n)?(.*?)(\})/s;

/** The normalised document with a "2012-10-17" Version moved first, as AWS's legacy parser wants. */
export function legacyPolicyNormalize(text: string): string {
  const n = normalizeJson(text);
  return n.replace(LEGACY_VERSION, (_m, g1 = '', g2 = '', g3 = '', g4 = '', g5 = '', g6 = '', g7 = '', g8 = '', g9 = '') => g1 + g4 + g5 + g3 + g2 + g6 + g7 + g8 + g9);
}

/** SecondJSONUnlessEquivalent: the existing text when AWS's is an equivalent policy. */
function secondUnlessEquivalent(exist: string, remote: string): string {
  if (remote.trim() === '') return '';
  if (remote.trim() === '{}') return '{}';
  if (exist.trim() === '' || exist.trim() === '{}') return remote;
  return equivalentPolicy(exist, remote) ? exist : remote;
}

/** What refresh stores for a policy attribute (verify.PolicyToSet). */
export function policyToSet(exist: string | undefined, remote: string): string {
  return normalizeJson(secondUnlessEquivalent(exist ?? '', remote));
}

/** What refresh stores for a legacy-normalised policy attribute (verify.LegacyPolicyToSet). */
export function legacyPolicyToSet(exist: string | undefined, remote: string): string {
  return legacyPolicyNormalize(secondUnlessEquivalent(exist ?? '', remote));
}

/** Diff suppression of two policy texts (verify.SuppressEquivalentPolicyDiffs). */
export function policiesEquivalent(a: string, b: string): boolean {
  const ta = a.trim(), tb = b.trim();
  if ((ta === '' || ta === '{}') && (tb === '' || tb === '{}')) return true;
  return equivalentPolicy(a, b);
}
