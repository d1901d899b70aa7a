/** Large request bodies written straight to disk while they arrive, with their digests. */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';

/** A request body kept in a file (CloudRequest.spooled) instead of memory. */
export interface SpooledBody {
  /** The file; a service may rename it into its own storage (same filesystem as the store). */
  path: string;
  size: number;
  /** Hex MD5 of the body. */
  md5: string;
  /** Base64 digests computed on the way, by algorithm ('crc32', 'sha1', 'sha256'). */
  checksums: Record<string, string>;
}

/** Digest algorithms a spool can compute incrementally. */
export const SPOOL_CHECKSUMS = ['crc32', 'sha1', 'sha256'] as const;

/** Streams `body` into a new file under `<storeDir>/spool`, computing MD5 and the asked checksums. */
export async function spool(body: Readable, storeDir: string, algorithms: readonly string[]): Promise<SpooledBody> {
  const dir = join(storeDir, 'spool');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, randomBytes(16).toString('hex'));
  const out = createWriteStream(path);
  const md5 = createHash('md5');
  const hashes: [string, Hash][] = algorithms.filter((a) => a === 'sha1' || a === 'sha256').map((a) => [a, createHash(a)]);
  const wantCrc = algorithms.includes('crc32');
  let crc = 0;
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      md5.update(chunk);
      for (const [, h] of hashes) h.update(chunk);
      if (wantCrc) crc = crc32(chunk, crc);
      size += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  } catch (e) {
    out.destroy();
    rmSync(path, { force: true });
    throw e;
  }
  const checksums: Record<string, string> = {};
  for (const [a, h] of hashes) checksums[a] = h.digest('base64');
  if (wantCrc) {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(crc >>> 0);
    checksums['crc32'] = b.toString('base64');
  }
  return { path, size, md5: md5.digest('hex'), checksums };
}
