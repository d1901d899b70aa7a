/** The object checksums S3 computes and checks: CRC32, CRC32C, CRC64NVME, SHA1, SHA256 (base64, as AWS sends them). */
import { createHash } from 'node:crypto';
import { crc32 as zcrc32 } from 'node:zlib';

/** Checksum algorithms by their header suffix. */
export const CHECKSUM_ALGORITHMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;
/** One of CHECKSUM_ALGORITHMS. */
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

let crc32cTable: Uint32Array | undefined;
function crc32c(buf: Buffer): number {
  if (!crc32cTable) {
    crc32cTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
      crc32cTable[i] = c >>> 0;
    }
  }
  const t = crc32cTable;
  let crc = 0xffffffff;
  for (let i = 0; i < buf.length; i++) crc = t[(crc ^ buf[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

let crc64Lo: Uint32Array | undefined;
let crc64Hi: Uint32Array | undefined;
/** CRC-64/NVME (reflected polynomial 0x9a6c9329ac4bc9b5), in two 32-bit halves to stay fast. */
function crc64nvme(buf: Buffer): Buffer {
  if (!crc64Lo || !crc64Hi) {
    crc64Lo = new Uint32Array(256);
    crc64Hi = new Uint32Array(256);
    const polyHi = 0x9a6c9329;
    const polyLo = 0xac4bc9b5;
    for (let i = 0; i < 256; i++) {
      let lo = i;
      let hi = 0;
      for (let k = 0; k < 8; k++) {
        const bit = lo & 1;
        lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
        hi = hi >>> 1;
        if (bit) {
          lo = (lo ^ polyLo) >>> 0;
          hi = (hi ^ polyHi) >>> 0;
        }
      }
      crc64Lo[i] = lo;
      crc64Hi[i] = hi;
    }
  }
  const tl = crc64Lo;
  const th = crc64Hi;
  let lo = 0xffffffff;
  let hi = 0xffffffff;
  for (let i = 0; i < buf.length; i++) {
    const idx = (lo ^ buf[i]!) & 0xff;
    lo = (((lo >>> 8) | ((hi & 0xff) << 24)) ^ tl[idx]!) >>> 0;
    hi = ((hi >>> 8) ^ th[idx]!) >>> 0;
  }
  const out = Buffer.alloc(8);
  out.writeUInt32BE((hi ^ 0xffffffff) >>> 0, 0);
  out.writeUInt32BE((lo ^ 0xffffffff) >>> 0, 4);
  return out;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** The raw checksum bytes of `data`. */
export function checksumBytes(alg: ChecksumAlgorithm, data: Buffer): Buffer {
  switch (alg) {
    case 'crc32':
      return u32(zcrc32(data));
    case 'crc32c':
      return u32(crc32c(data));
    case 'crc64nvme':
      return crc64nvme(data);
    case 'sha1':
      return createHash('sha1').update(data).digest();
    case 'sha256':
      return createHash('sha256').update(data).digest();
  }
}

/** The base64 checksum as sent in x-amz-checksum-<alg>. */
export function checksum(alg: ChecksumAlgorithm, data: Buffer): string {
  return checksumBytes(alg, data).toString('base64');
}

/** The header name S3 uses for an algorithm's checksum. */
export function checksumHeader(alg: ChecksumAlgorithm): string {
  return `x-amz-checksum-${alg}`;
}

/** The algorithm name as the API spells it (CRC32, CRC64NVME, SHA256, ...). */
export function algorithmName(alg: ChecksumAlgorithm): string {
  return alg.toUpperCase();
}
