import { describe, it, expect } from 'vitest';
import { decodeAwsChunked, isAwsChunked } from './chunked.js';
import { checksum } from './checksums.js';
import { isValidBucketName } from './names.js';
import { parseRange } from './objects.js';

describe('aws-chunked decoding', () => {
  it('joins chunks and collects trailers', () => {
    const body = Buffer.from('4;chunk-signature=aa\r\nWiki\r\n5;chunk-signature=bb\r\npedia\r\n0;chunk-signature=cc\r\nx-amz-checksum-crc32:abc=\r\n\r\n');
    expect(decodeAwsChunked(body)).toEqual({ body: Buffer.from('Wikipedia'), trailers: { 'x-amz-checksum-crc32': 'abc=' } });
  });
  it('rejects a truncated body with IncompleteBody', () => {
    expect(() => decodeAwsChunked(Buffer.from('10\r\nshort'))).toThrow('The request body terminated unexpectedly');
  });
  it('recognises the encoding from either header', () => {
    expect(isAwsChunked({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' })).toBe(true);
    expect(isAwsChunked({ 'content-encoding': 'gzip, aws-chunked' })).toBe(true);
    expect(isAwsChunked({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })).toBe(false);
  });
});

describe('checksums', () => {
  it.each([
    ['crc32', 'cbf43926'],
    ['crc32c', 'e3069283'],
    ['crc64nvme', 'ae8b14860a799888'],
    ['sha1', 'f7c3bc1d808e04732adf679965ccc34ca7ae3441'],
  ] as const)('%s of "123456789" is the standard check value', (alg, hex) => {
    expect(Buffer.from(checksum(alg, Buffer.from('123456789')), 'base64').toString('hex')).toBe(hex);
  });
});

describe('bucket names', () => {
  it.each(['abc', 'my-bucket.logs', 'a1-b2', '123'])('accepts %s', (n) => expect(isValidBucketName(n)).toBe(true));
  it.each(['ab', 'My-Bucket', 'a..b', 'a.-b'.replace('.-', '..'), '10.0.0.1', '-ab', 'ab-', 'a_b', 'xn--ab', 'amzn-s3-demo-x', 'abc--x-s3'])('rejects %s', (n) =>
    expect(isValidBucketName(n)).toBe(false),
  );
});

describe('Range headers', () => {
  it.each([
    ['bytes=0-0', { start: 0, end: 0 }],
    ['bytes=5-', { start: 5, end: 9 }],
    ['bytes=-3', { start: 7, end: 9 }],
    ['bytes=-30', { start: 0, end: 9 }],
    ['bytes=8-100', { start: 8, end: 9 }],
    ['bytes=4-2', undefined],
    ['items=0-1', undefined],
    ['bytes=0-1,3-4', undefined],
  ])('%s of 10 bytes', (h, want) => expect(parseRange(h, 10)).toEqual(want));
  it('throws InvalidRange past the end', () => expect(() => parseRange('bytes=10-', 10)).toThrow('The requested range is not satisfiable'));
});
