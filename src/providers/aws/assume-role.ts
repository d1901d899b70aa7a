/**
 * The provider's `assume_role` blocks, as hashicorp/aws reads them: each block assumes a role
 * with the credentials the previous step produced (the first with the provider's own), so
 * several blocks chain roles. Credentials refresh themselves before they expire.
 */
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { Value } from '../../lang/value.js';
import { attr, str, toJS } from '../sdk/obj.js';
import { ProviderError } from '../sdk/resource.js';

type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

const UNITS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001, 'µs': 0.000001, ns: 0.000000001 };

/** Seconds in a Go duration string ("1h", "90m", "1h30m"), or undefined when it is not one. */
export function durationSeconds(d: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(h|ms|us|µs|ns|m|s)/gy;
  let total = 0, m: RegExpExecArray | null, at = 0;
  while ((m = re.exec(d)) !== null) { total += Number(m[1]) * UNITS[m[2]!]!; at = re.lastIndex; }
  return at === d.length && d.length > 0 ? total : undefined;
}

/** Wraps `base` in one role assumption per `assume_role` block (none: `base` itself). */
export function assumeRoles(config: Value, base: Credentials, region: string, stsEndpoint: string | undefined): Credentials {
  const blocks = attr(config, 'assume_role');
  if (blocks.isNull || !blocks.isKnown) return base;
  let creds = base;
  for (const b of blocks.elems) {
    const roleArn = str(b, 'role_arn');
    if (!roleArn) continue;
    const d = str(b, 'duration');
    const secs = d ? durationSeconds(d) : undefined;
    if (d && (secs === undefined || secs < 900 || secs > 43200)) {
      throw new ProviderError('Invalid assume_role duration', `"duration" must be a duration between 15 minutes and 12 hours, such as "1h"; got "${d}".`, [{ attr: 'assume_role' }]);
    }
    const tags = toJS(attr(b, 'tags')) as Record<string, string> | null;
    const policyArns = toJS(attr(b, 'policy_arns')) as string[] | null;
    const transitive = toJS(attr(b, 'transitive_tag_keys')) as string[] | null;
    creds = fromTemporaryCredentials({
      masterCredentials: creds,
      params: {
        RoleArn: roleArn,
        RoleSessionName: str(b, 'session_name') || `terrane-${Date.now()}`,
        ...(str(b, 'external_id') ? { ExternalId: str(b, 'external_id') } : {}),
        ...(secs ? { DurationSeconds: Math.floor(secs) } : {}),
        ...(str(b, 'policy') ? { Policy: str(b, 'policy') } : {}),
        ...(policyArns?.length ? { PolicyArns: policyArns.map((arn) => ({ arn })) } : {}),
        ...(tags && Object.keys(tags).length ? { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
        ...(transitive?.length ? { TransitiveTagKeys: transitive } : {}),
        ...(str(b, 'source_identity') ? { SourceIdentity: str(b, 'source_identity') } : {}),
      },
      clientConfig: { region, ...(stsEndpoint ? { endpoint: stsEndpoint } : {}) },
    });
  }
  return creds;
}
