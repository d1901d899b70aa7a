/** The bytes of an upload: aws-chunked decoding, Content-MD5 and x-amz-checksum-* verification. */
import { createHash } from 'node:crypto';
import type { CloudRequest } from '../../context.js';
import { CHECKSUM_ALGORITHMS, algorithmName, checksum, type ChecksumAlgorithm } from './checksums.js';
import { decodeAwsChunked, isAwsChunked } from './chunked.js';
import { S3Errors } from './errors.js';

/** A verified upload body with its MD5 (hex) and checksums (base64, by algorithm). */
export interface Payload {
  body: Buffer;
  md5: string;
  checksums: Record<string, string>;
}

/** Decodes and verifies the request body of PutObject / UploadPart. */
export function readPayload(req: CloudRequest): Payload {
  let body = req.body;
  let given: Record<string, string> = req.headers;
  if (isAwsChunked(req.headers)) {
    const d = decodeAwsChunked(body);
    body = d.body;
    given = { ...req.headers, ...d.trailers };
    const declared = req.headers['x-amz-decoded-content-length'];
    if (declared !== undefined && Number(declared) !== body.length) {
      throw S3Errors.invalidRequest('The decoded content length does not match the x-amz-decoded-content-length header');
    }
  }
  const md5 = createHash('md5').update(body).digest();
  const cmd5 = req.headers['content-md5'];
  if (cmd5 !== undefined) {
    const want = Buffer.from(cmd5, 'base64');
    if (want.length !== 16) throw S3Errors.invalidDigest();
    if (!want.equals(md5)) throw S3Errors.badDigest();
  }
  const checksums: Record<string, string> = {};
  for (const alg of CHECKSUM_ALGORITHMS) {
    const v = given[`x-amz-checksum-${alg}`];
    if (v === undefined) continue;
    const actual = checksum(alg, body);
    if (actual !== v) throw S3Errors.badDigest(algorithmName(alg));
    checksums[alg] = actual;
  }
  // The SDK may name an algorithm without sending its value (e.g. presigned or legacy paths): compute it.
  const named = (req.headers['x-amz-sdk-checksum-algorithm'] ?? req.headers['x-amz-checksum-algorithm'] ?? '').toLowerCase() as ChecksumAlgorithm;
  if (named && (CHECKSUM_ALGORITHMS as readonly string[]).includes(named) && !checksums[named]) checksums[named] = checksum(named, body);
  return { body, md5: md5.toString('hex'), checksums };
}
