/**
 * Large request bodies written straight to disk while they arrive, with their digests.
 *
 * MD5 (every S3 ETag needs it) runs at about 600 MiB/s on one core, slower than loopback
 * networking, so hashing on the event loop would make it the bottleneck of every large
 * upload and stall all other requests meanwhile. The hashing and the file writes run on
 * worker threads instead: the event loop only copies each arriving chunk into a batch and
 * hands the batch over, and several uploads hash in parallel on several cores.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';

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

/** Bytes gathered on the event loop before a batch goes to the worker. */
const BATCH = 1 << 20;
/** Bytes handed over but not yet written: above it, reading the socket pauses. */
const MAX_PENDING = 8 << 20;

// The worker is plain CommonJS evaluated from this string, so it runs the same from the
// compiled package and from sources under a test runner, with nothing else to load.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, writeSync, closeSync, rmSync } = require('node:fs');
const { crc32 } = require('node:zlib');
const jobs = new Map();
function fail(id, job, e) {
  jobs.delete(id);
  try { closeSync(job.fd); } catch {}
  rmSync(job.path, { force: true });
  parentPort.postMessage({ id, error: String(e && e.message || e) });
}
parentPort.on('message', (m) => {
  if (m.op === 'open') {
    try {
      const fd = openSync(m.path, 'wx', 0o600);
      const hashes = m.algs.filter((a) => a === 'sha1' || a === 'sha256').map((a) => [a, createHash(a)]);
      jobs.set(m.id, { fd, path: m.path, md5: createHash('md5'), hashes, crc: m.algs.includes('crc32') ? 0 : undefined, size: 0 });
    } catch (e) {
      parentPort.postMessage({ id: m.id, error: String(e && e.message || e) });
    }
    return;
  }
  const job = jobs.get(m.id);
  if (!job) return;
  if (m.op === 'data') {
    try {
      const buf = new Uint8Array(m.buf, 0, m.len);
      job.md5.update(buf);
      for (const [, h] of job.hashes) h.update(buf);
      if (job.crc !== undefined) job.crc = crc32(buf, job.crc);
      for (let off = 0; off < buf.length; ) off += writeSync(job.fd, buf, off);
      job.size += buf.length;
      parentPort.postMessage({ id: m.id, ack: m.len });
    } catch (e) {
      fail(m.id, job, e);
    }
  } else if (m.op === 'end') {
    try {
      closeSync(job.fd);
      jobs.delete(m.id);
      const checksums = {};
      for (const [a, h] of job.hashes) checksums[a] = h.digest('base64');
      if (job.crc !== undefined) {
        const b = Buffer.alloc(4);
        b.writeUInt32BE(job.crc >>> 0);
        checksums.crc32 = b.toString('base64');
      }
      parentPort.postMessage({ id: m.id, done: { size: job.size, md5: job.md5.digest('hex'), checksums } });
    } catch (e) {
      fail(m.id, job, e);
    }
  } else if (m.op === 'abort') {
    jobs.delete(m.id);
    try { closeSync(job.fd); } catch {}
    rmSync(job.path, { force: true });
  }
});
`;

type Reply = { id: number; ack?: number; error?: string; done?: { size: number; md5: string; checksums: Record<string, string> } };

interface Job {
  pending: number;
  /** Called when pending drops or the job ends. */
  wake?: () => void;
  error?: Error;
  done?: Reply['done'];
}

/** One worker thread and the uploads it is hashing. */
class SpoolThread {
  readonly jobs = new Map<number, Job>();
  private readonly worker: Worker;

  constructor() {
    // execArgv: [] so that flags of the host process (e.g. --input-type=module) do not turn
    // the CommonJS source into a module.
    this.worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    this.worker.on('message', (r: Reply) => {
      const job = this.jobs.get(r.id);
      if (!job) return;
      if (r.ack !== undefined) job.pending -= r.ack;
      if (r.error !== undefined) job.error = new Error(`spooling a request body failed: ${r.error}`);
      if (r.done) job.done = r.done;
      job.wake?.();
    });
    // A dead worker fails its uploads instead of leaving them waiting, and is replaced.
    const died = (e: unknown): void => {
      if (threads) threads = threads.filter((t) => t !== this);
      for (const job of this.jobs.values()) {
        job.error ??= e instanceof Error ? e : new Error(String(e));
        job.wake?.();
      }
    };
    this.worker.on('error', died);
    this.worker.on('exit', (code) => died(new Error(`spool worker exited with code ${code}`)));
    // After the listeners: adding a 'message' listener refs the worker again. An idle pool
    // must not keep the process alive.
    this.worker.unref();
  }

  post(msg: object, transfer?: ArrayBuffer[]): void {
    this.worker.postMessage(msg, transfer ?? []);
  }
}

let threads: SpoolThread[] | undefined;
let nextId = 1;

/** The thread with the fewest uploads in progress (threads start on first use). */
function pickThread(): SpoolThread {
  if (!threads || threads.length === 0) threads = Array.from({ length: Math.max(1, Math.min(4, availableParallelism())) }, () => new SpoolThread());
  let best = threads[0]!;
  for (const t of threads) if (t.jobs.size < best.jobs.size) best = t;
  return best;
}

function waitFor(job: Job, until: () => boolean): Promise<void> {
  if (until() || job.error) return Promise.resolve();
  return new Promise((resolve) => {
    job.wake = () => {
      if (until() || job.error) {
        job.wake = undefined;
        resolve();
      }
    };
  });
}

/** Streams `body` into a new file under `<storeDir>/spool`, computing MD5 and the asked checksums. */
export async function spool(body: Readable, storeDir: string, algorithms: readonly string[]): Promise<SpooledBody> {
  const dir = join(storeDir, 'spool');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, randomBytes(16).toString('hex'));
  const thread = pickThread();
  const id = nextId++;
  const job: Job = { pending: 0 };
  thread.jobs.set(id, job);
  thread.post({ op: 'open', id, path, algs: [...algorithms] });
  let batch = new Uint8Array(BATCH);
  let fill = 0;
  const flush = (): void => {
    if (fill === 0) return;
    job.pending += fill;
    thread.post({ op: 'data', id, buf: batch.buffer, len: fill }, [batch.buffer as ArrayBuffer]);
    batch = new Uint8Array(BATCH);
    fill = 0;
  };
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (job.error) throw job.error;
      for (let off = 0; off < chunk.length; ) {
        const n = Math.min(BATCH - fill, chunk.length - off);
        batch.set(chunk.subarray(off, off + n), fill);
        fill += n;
        off += n;
        if (fill === BATCH) flush();
      }
      if (job.pending > MAX_PENDING) await waitFor(job, () => job.pending <= MAX_PENDING / 2);
    }
    flush();
    thread.post({ op: 'end', id });
    await waitFor(job, () => job.done !== undefined);
    if (job.error) throw job.error;
    const d = job.done!;
    return { path, size: d.size, md5: d.md5, checksums: d.checksums };
  } catch (e) {
    thread.post({ op: 'abort', id });
    rmSync(path, { force: true });
    throw e;
  } finally {
    thread.jobs.delete(id);
  }
}
