/**
 * The aws provider block and environment: which endpoint, region and credentials each
 * setting leads to (no network; configureAws itself is covered by aws-network.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/providers/aws/config.js';
import { providerBlock } from '../../src/providers/aws/provider-schema.js';
import { impliedType } from '../../src/providers/schema.js';
import { fromJS } from '../../src/providers/sdk/obj.js';
import { ProviderError } from '../../src/providers/sdk/resource.js';

const cfg = (js: Record<string, unknown>) => fromJS(js, impliedType(providerBlock));

describe('aws provider settings', () => {
  it.each([
    { name: 'endpoints block wins over every variable', js: { endpoints: [{ ec2: 'http://block' }] },
      env: { AWS_ENDPOINT_URL_EC2: 'http://svc', AWS_ENDPOINT_URL: 'http://all', TERRANE_CLOUD_ENDPOINT: 'http://terrane' }, ec2: 'http://block', s3: 'http://all' },
    { name: 'AWS_ENDPOINT_URL_<SERVICE> over AWS_ENDPOINT_URL', js: {},
      env: { AWS_ENDPOINT_URL_EC2: 'http://svc', AWS_ENDPOINT_URL: 'http://all' }, ec2: 'http://svc', s3: 'http://all' },
    { name: 'TERRANE_CLOUD_ENDPOINT for every service', js: {}, env: { TERRANE_CLOUD_ENDPOINT: 'http://terrane' }, ec2: 'http://terrane', s3: 'http://terrane' },
    { name: 'no endpoint: the SDK default', js: {}, env: {}, ec2: undefined, s3: undefined },
  ])('$name', ({ js, env, ec2, s3 }) => {
    const s = resolveSettings(cfg({ region: 'eu-west-1', ...js }), env);
    expect(s.endpoints.ec2).toBe(ec2);
    expect(s.endpoints.s3).toBe(s3);
  });

  it.each([
    { js: { region: 'eu-west-2' }, env: { AWS_REGION: 'us-west-2' }, want: 'eu-west-2' },
    { js: {}, env: { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'ap-south-1' }, want: 'us-west-2' },
    { js: {}, env: { AWS_DEFAULT_REGION: 'ap-south-1' }, want: 'ap-south-1' },
    { js: {}, env: { TERRANE_CLOUD_ENDPOINT: 'http://x' }, want: 'us-east-1' },
  ])('region $want', ({ js, env, want }) => {
    expect(resolveSettings(cfg(js), env).region).toBe(want);
  });

  it('requires a region when nothing gives one', () => {
    expect(() => resolveSettings(cfg({}), {})).toThrow(ProviderError);
  });

  it('takes static credentials from the block, then the environment, then test/test for the built-in cloud', () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 'envsecret', TERRANE_CLOUD_ENDPOINT: 'http://x' };
    expect(resolveSettings(cfg({ access_key: 'AKBLOCK', secret_key: 's', token: 't' }), env).credentials)
      .toEqual({ accessKeyId: 'AKBLOCK', secretAccessKey: 's', sessionToken: 't' });
    expect(resolveSettings(cfg({}), env).credentials).toEqual({ accessKeyId: 'AKENV', secretAccessKey: 'envsecret' });
    expect(resolveSettings(cfg({}), { TERRANE_CLOUD_ENDPOINT: 'http://x' }).credentials).toEqual({ accessKeyId: 'test', secretAccessKey: 'test' });
    expect(typeof resolveSettings(cfg({ region: 'us-east-1' }), {}).credentials).toBe('function');
  });

  it('maps max_retries to attempts and reads default_tags', () => {
    const s = resolveSettings(cfg({ region: 'us-east-1', max_retries: 3, default_tags: [{ tags: { Team: 'infra' } }] }), {});
    expect(s.maxAttempts).toBe(4);
    expect(s.defaultTags).toEqual({ Team: 'infra' });
    expect(resolveSettings(cfg({ region: 'us-east-1' }), {}).maxAttempts).toBe(26);
  });
});
