/**
 * Configuration checks hashicorp/aws makes before planning (ConflictsWith and validation
 * functions), kept free of the AWS SDK so they run without loading it.
 */
import type { Value } from '../../../lang/value.js';
import type { ProviderDiagnostic } from '../../protocol.js';
import { attr } from '../../sdk/obj.js';

/** "x": conflicts with y, for every pair of set attributes that exclude each other. */
function conflicts(config: Value, names: string[]): ProviderDiagnostic[] {
  const set = names.filter((n) => !attr(config, n).isNull);
  const out: ProviderDiagnostic[] = [];
  for (const n of set) {
    for (const other of set) {
      if (other === n) continue;
      out.push({ severity: 'error', summary: 'Conflicting configuration arguments', detail: `"${n}": conflicts with ${other}`, attribute: [{ attr: n }] });
    }
  }
  return out;
}

/** aws_s3_bucket: bucket and bucket_prefix exclude each other, as do acl and grant. */
export function validateBucket(config: Value): ProviderDiagnostic[] {
  const out = conflicts(config, ['bucket', 'bucket_prefix']);
  const grant = attr(config, 'grant');
  if (!attr(config, 'acl').isNull && grant.isKnown && !grant.isNull && grant.elems.length > 0) {
    out.push({ severity: 'error', summary: 'Conflicting configuration arguments', detail: '"acl": conflicts with grant', attribute: [{ attr: 'acl' }] });
  }
  return out;
}

/** aws_s3_object: one body argument at most; metadata keys in lower case (S3 lowercases them). */
export function validateObject(config: Value): ProviderDiagnostic[] {
  const out = conflicts(config, ['source', 'content', 'content_base64']);
  const md = attr(config, 'metadata');
  if (md.isKnown && !md.isNull) {
    for (const k of md.attrs.keys()) {
      if (k !== k.toLowerCase()) {
        out.push({ severity: 'error', summary: 'Invalid value', detail: `Metadata must be lowercase only. Offending key: "${k}"`, attribute: [{ attr: 'metadata' }] });
      }
    }
  }
  return out;
}
