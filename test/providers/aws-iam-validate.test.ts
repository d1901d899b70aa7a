/** Configuration checks of the IAM resources, worded as hashicorp/aws's validation functions (no cloud needed). */
import { describe, expect, it } from 'vitest';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness } from './harness.js';

const h = new Harness(awsProvider);
const check = (type: string, cfg: Record<string, unknown>) =>
  (h.p.validateResourceConfig?.(type, h.config(type, cfg)) ?? []).map((d) => (d.detail ? `${d.summary}: ${d.detail}` : d.summary));

describe('IAM resource validation', () => {
  it.each([
    { type: 'aws_iam_role', cfg: { name: 'a'.repeat(65), assume_role_policy: '{}' }, want: `expected length of name to be in the range (1 - 64), got ${'a'.repeat(65)}` },
    { type: 'aws_iam_role', cfg: { name: 'bad name', assume_role_policy: '{}' }, want: 'invalid value for name (must match [\\w+=,.@-])' },
    { type: 'aws_iam_role', cfg: { name_prefix: 'p'.repeat(39), assume_role_policy: '{}' }, want: `expected length of name_prefix to be in the range (1 - 38), got ${'p'.repeat(39)}` },
    { type: 'aws_iam_role', cfg: { name: 'r', name_prefix: 'p', assume_role_policy: '{}' }, want: 'Conflicting configuration arguments: "name": conflicts with name_prefix' },
    { type: 'aws_iam_role', cfg: { name: 'r', assume_role_policy: '{}', max_session_duration: 60 }, want: 'expected max_session_duration to be in the range (3600 - 43200), got 60' },
    { type: 'aws_iam_role', cfg: { name: 'r', assume_role_policy: '{nope' }, want: '"assume_role_policy" contains an invalid JSON' },
    { type: 'aws_iam_role', cfg: { name: 'r', assume_role_policy: '{}', description: 'the “best” role' }, want: 'invalid value for description (cannot contain specially formatted single or double quotes: [“‘])' },
    { type: 'aws_iam_policy', cfg: { name: 'x'.repeat(129), policy: '{}' }, want: 'expected length of name to be in the range (1 - 128)' },
    { type: 'aws_iam_user', cfg: { name: 'no/slash' }, want: 'invalid value for name (must only contain alphanumeric characters, hyphens, underscores, commas, periods, @ symbols, plus and equals signs)' },
    { type: 'aws_iam_access_key', cfg: { user: 'u', status: 'Off' }, want: 'expected status to be one of ["Active" "Inactive"], got Off' },
  ])('$type: $want', ({ type, cfg, want }) => {
    expect(check(type, cfg).join('\n')).toContain(want);
  });

  it.each([
    { type: 'aws_iam_role', cfg: { name: 'ok.role+x=y,z@w-v_1', assume_role_policy: '{}' } },
    { type: 'aws_iam_user', cfg: { name: 'alice@example.com' } },
    { type: 'aws_iam_access_key', cfg: { user: 'u', status: 'Inactive' } },
  ])('$type accepts $cfg', ({ type, cfg }) => {
    expect(check(type, cfg)).toEqual([]);
  });
});

describe('aws_iam_access_key ses_smtp_password_v4', () => {
  // Published vectors of the SES SMTP password (version 4) derivation.
  it.each([
    { region: 'eu-central-1', secret: 'some+secret+key', want: 'BMXhUYlu5Z3gSXVQORxlVa7XPaz91aGWdfHxvkOZdWZ2' },
    { region: 'eu-central-1', secret: 'another+secret+key', want: 'BBbphbrQmrKMx42d1N6+C7VINYEBGI5v9VsZeTxwskfh' },
    { region: 'us-west-1', secret: 'some+secret+key', want: 'BH+jbMzper5WwlwUar9E1ySBqHa9whi0GPo+sJ0mVYJj' },
    { region: 'us-west-1', secret: 'another+secret+key', want: 'BKVmjjMDFk/qqw8EROW99bjCS65PF8WKvK5bSr4Y6EqF' },
  ])('$region $secret', async ({ region, secret, want }) => {
    const { sesSmtpPasswordV4 } = await import('../../src/providers/aws/iam/access-key.js');
    expect(sesSmtpPasswordV4(secret, region)).toBe(want);
  });
});
