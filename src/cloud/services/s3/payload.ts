/** The bytes of an upload: aws-chunked decoding, Content-MD5 and x-amz-checksum-* verification. */
import { createHash } from 'node:crypto';
import type { CloudRequest } from '../../context.js';
import { SPOOL_CHECKSUMS } from '../../spool.js';
import { CHECKSUM_ALGORITHMS, algorithmName, checksum, type ChecksumAlgorithm } from './checksums.js';
import { decodeAwsChunked, isAwsChunked } from './chunked.js';
import { S3Errors } from './errors.js';

/** A verified upload body with its MD5 (hex) and checksums (base64, by algorithm). */
export interface Payload {
  /** The bytes, or the spooled file holding them. */
  body: Buffer | { path: string };
  size: number;
  md5: string;
  checksums: Record<string, string>;
}

/** Checksums whose values a spool computes as the body arrives. */
const SPOOLABLE: readonly string[] = SPOOL_CHECKSUMS;

/**
 * Which uploads to stream to disk instead of memory: large, plain (not aws-chunked) bodies
 * of PutObject and UploadPart whose checksums the spool can compute on the way.
 */
export function spoolDecision(req: Pick<CloudRequest, 'method' | 'query' | 'headers'>, inlineLimit: number): readonly string[] | undefined {
  if (req.method !== 'PUT' || isAwsChunked(req.headers)) return undefined;
  if (Number(req.headers['content-length'] ?? '0') <= inlineLimit) return undefined;
  if (req.headers['x-amz-copy-source'] !== undefined) return undefined;
  for (const sub of ['tagging', 'acl', 'retention', 'legal-hold', 'versioning', 'policy', 'cors', 'website', 'lifecycle', 'replication', 'encryption', 'logging']) {
    if (req.query.has(sub)) return undefined;
  }
  const algs: string[] = [];
  for (const alg of CHECKSUM_ALGORITHMS) {
    if (req.headers[`x-amz-checksum-${alg}`] === undefined) continue;
    if (!SPOOLABLE.includes(alg)) return undefined;
    algs.push(alg);
  }
  const named = (req.headers['x-amz-sdk-checksum-algorithm'] ?? '').toLowerCase();
  if (named && !algs.includes(named)) {
    if (!SPOOLABLE.includes(named)) return undefined;
    algs.push(named);
  }
  return algs;
}

/** Decodes and verifies the request body of PutObject / UploadPart. */
export function readPayload(req: CloudRequest): Payload {
  if (req.spooled) {
    const sp = req.spooled;
    const cmd5 = req.headers['content-md5'];
    if (cmd5 !== undefined) {
      const want = Buffer.from(cmd5, 'base64');
      if (want.length !== 16) throw S3Errors.invalidDigest();
      if (want.toString('hex') !== sp.md5) throw S3Errors.badDigest();
    }
    const checksums: Record<string, string> = {};
    for (const [alg, actual] of Object.entries(sp.checksums)) {
      const v = req.headers[`x-amz-checksum-${alg}`];
      if (v !== undefined && v !== actual) throw S3Errors.badDigest(algorithmName(alg as ChecksumAlgorithm));
      checksums[alg] = actual;
    }
    return { body: { path: sp.path }, size: sp.size, md5: sp.md5, checksums };
  }
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
  return { body, size: body.length, md5: md5.toString('hex'), checksums };
}
