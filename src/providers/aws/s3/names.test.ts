import { describe, expect, it } from 'vitest';
import { bucketNameProblem } from './bucket.js';
import { hostedZoneId, websiteEndpoint } from './endpoints.js';
import { cleanKey, parseObjectImportId } from './object.js';

describe('bucket names as hashicorp validates them', () => {
  it.each([
    { name: 'good-name.1', region: 'eu-west-1', problem: undefined },
    { name: 'ab', region: 'eu-west-1', problem: '"ab" must contain from 3 to 63 characters' },
    { name: 'Upper', region: 'eu-west-1', problem: 'only lowercase alphanumeric characters and hyphens allowed in "Upper"' },
    { name: '10.0.0.1', region: 'eu-west-1', problem: '"10.0.0.1" must not be formatted as an IP address' },
    { name: '.lead', region: 'eu-west-1', problem: '".lead" cannot start with a period' },
    { name: 'trail.', region: 'eu-west-1', problem: '"trail." cannot end with a period' },
    { name: 'a..b', region: 'eu-west-1', problem: '"a..b" can be only one period between labels' },
    { name: 'Legacy_Name', region: 'us-east-1', problem: undefined },
    { name: 'bad name', region: 'us-east-1', problem: 'only alphanumeric characters, hyphens, periods, and underscores allowed in "bad name"' },
  ])('$name in $region', ({ name, region, problem }) => {
    expect(bucketNameProblem(name, region)).toBe(problem);
  });
});

describe('regional facts', () => {
  it.each([
    { region: 'us-east-1', zone: 'Z3AQBSTGFYJSTF', endpoint: 'b.s3-website-us-east-1.amazonaws.com' },
    { region: 'eu-central-1', zone: 'Z21DNDUVLTQW6Q', endpoint: 'b.s3-website.eu-central-1.amazonaws.com' },
    { region: 'cn-north-1', zone: 'Z5CN8UMXT92WN', endpoint: 'b.s3-website.cn-north-1.amazonaws.com.cn' },
  ])('$region', ({ region, zone, endpoint }) => {
    expect(hostedZoneId(region)).toBe(zone);
    expect(websiteEndpoint('b', region).endpoint).toBe(endpoint);
  });
});

describe('object keys and import ids', () => {
  it.each([
    ['./a/b', 'a/b'], ['//a//b', 'a/b'], ['a/b/', 'a/b/'], ['plain', 'plain'],
  ])('cleans %j to %j', (key, want) => {
    expect(cleanKey(key)).toBe(want);
  });

  it.each([
    ['b/k', 'b', 'k'], ['s3://b/dir/k.txt', 'b', 'dir/k.txt'],
  ])('parses %j', (id, bucket, key) => {
    expect(parseObjectImportId(id)).toEqual({ bucket, key });
  });
});
