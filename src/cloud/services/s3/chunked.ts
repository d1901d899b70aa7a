/** Decoding of the aws-chunked payload encoding (SigV4 streaming uploads, with or without trailers). */
import { AwsError } from '../../errors.js';

/** The decoded payload and the trailing headers (e.g. x-amz-checksum-crc32). */
export interface DecodedChunks {
  body: Buffer;
  trailers: Record<string, string>;
}

function incomplete(): AwsError {
  return new AwsError('IncompleteBody', 'The request body terminated unexpectedly', 400);
}

/**
 * Decodes `hex-size[;chunk-signature=..]\r\n data \r\n ... 0\r\n [trailer:value\r\n]* \r\n`.
 * Signatures are not verified (the cloud does not verify any signature).
 */
export function decodeAwsChunked(buf: Buffer): DecodedChunks {
  const parts: Buffer[] = [];
  const trailers: Record<string, string> = {};
  let pos = 0;
  let total = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', pos, 'latin1');
    if (eol < 0) throw incomplete();
    const header = buf.toString('latin1', pos, eol);
    const size = parseInt(header.split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size) || size < 0) throw incomplete();
    pos = eol + 2;
    if (size === 0) break;
    if (pos + size > buf.length) throw incomplete();
    parts.push(buf.subarray(pos, pos + size));
    total += size;
    pos += size;
    if (buf[pos] === 0x0d && buf[pos + 1] === 0x0a) pos += 2;
  }
  // Trailing headers until an empty line or the end.
  while (pos < buf.length) {
    let eol = buf.indexOf('\r\n', pos, 'latin1');
    if (eol < 0) eol = buf.length;
    const line = buf.toString('latin1', pos, eol);
    pos = eol + 2;
    if (line === '') break;
    const c = line.indexOf(':');
    if (c > 0) trailers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
  }
  return { body: parts.length === 1 ? parts[0]! : Buffer.concat(parts, total), trailers };
}

/** True if the request body uses the aws-chunked encoding. */
export function isAwsChunked(headers: Record<string, string>): boolean {
  const sha = headers['x-amz-content-sha256'] ?? '';
  return sha.startsWith('STREAMING-') || (headers['content-encoding'] ?? '').split(',').some((s) => s.trim() === 'aws-chunked');
}
