// S3 PUT and GET throughput of terrane's local cloud next to s3rver (npm), same run, same client.
// terrane runs as `terrane cloud start` on JavaScript transpiled from src/ (see cloud-build.mjs);
// s3rver runs in its own node process. The client keeps a fixed number of requests in
// flight, one per kept-alive connection, sending unsigned path-style requests (both servers accept
// them) through a minimal raw-socket HTTP client (Conn below), so the figures measure the
// servers rather than a client's signing or parsing cost.
// Usage: node bench/cloud-s3.mjs [seconds-per-round] [rounds]
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildForBench, freePort } from './cloud-build.mjs';

const seconds = Number(process.argv[2] ?? 3);
const main = buildForBench();
const work = mkdtempSync(join(tmpdir(), 'terrane-s3-bench-'));

function waitUp(port) {
  return new Promise((resolve) => {
    const tick = () => {
      const r = request({ host: '127.0.0.1', port, path: '/', method: 'GET' }, (res) => {
        res.resume();
        resolve();
      });
      r.on('error', () => setTimeout(tick, 20));
      r.end();
    };
    tick();
  });
}

async function startTerrane() {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', `import(${JSON.stringify('file://' + main)}).then((m) => m.main(['cloud', 'start', '-port', '${port}', '-data', ${JSON.stringify(join(work, 'terrane'))}, '-log-level', 'silent']))`],
    { stdio: 'ignore', env: { ...process.env, TERRANE_HOME: join(work, 'home') } },
  );
  await waitUp(port);
  return { name: 'terrane', port, child };
}

async function startS3rver() {
  const port = await freePort();
  const script = `const S3rver = require('s3rver'); new S3rver({ port: ${port}, address: '127.0.0.1', silent: true, directory: ${JSON.stringify(join(work, 's3rver'))} }).run();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore', cwd: process.cwd() });
  await waitUp(port);
  return { name: 's3rver', port, child };
}

/**
 * A minimal HTTP/1.1 client over one kept-alive socket, one request at a time. It reads into
 * a single reused buffer (net's `onread`) and only counts body bytes, so that on a machine
 * with few cores the client costs as little as possible and the figures measure the servers.
 */
class Conn {
  constructor(port) {
    this.port = port;
    this.pending = undefined;
    this.head = Buffer.alloc(0);
    this.socket = undefined;
  }

  connect() {
    return new Promise((resolve, reject) => {
      this.socket = connect({
        host: '127.0.0.1',
        port: this.port,
        onread: { buffer: Buffer.allocUnsafe(1 << 20), callback: (n, buf) => this.onData(buf, n) },
      });
      this.socket.setNoDelay(true);
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
      this.socket.on('error', (e) => this.pending?.reject(e));
      // Servers close idle kept-alive connections (5 s in node); the next call reconnects.
      this.socket.on('end', () => (this.socket = undefined));
      this.socket.on('close', () => this.pending?.reject(new Error('connection closed')));
    });
  }

  onData(buf, n) {
    const p = this.pending;
    if (!p) return;
    let off = 0;
    if (p.left === undefined) {
      this.head = Buffer.concat([this.head, buf.subarray(0, n)]);
      const end = this.head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const text = this.head.subarray(0, end).toString('latin1');
      const status = Number(text.slice(9, 12));
      const m = /\r\ncontent-length: *(\d+)/i.exec(text);
      if (!m) return p.reject(new Error(`${p.what}: no content-length in the answer`));
      p.status = status;
      p.left = Number(m[1]);
      off = this.head.length - (end + 4);
      this.head = Buffer.alloc(0);
      p.left -= off;
    } else {
      p.left -= n;
    }
    if (p.left <= 0) {
      this.pending = undefined;
      if (p.status < 300) p.resolve(p.status);
      else p.reject(new Error(`${p.what}: ${p.status}`));
    }
  }

  async call(method, path, body) {
    if (!this.socket?.writable) await this.connect();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, what: `${method} ${path}`, left: undefined, status: 0 };
      this.socket.write(`${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1:${this.port}\r\ncontent-length: ${body ? body.length : 0}\r\ncontent-type: application/octet-stream\r\n\r\n`);
      if (body) this.socket.write(body);
    });
  }
}

async function connections(port, n) {
  const conns = Array.from({ length: n }, () => new Conn(port));
  await Promise.all(conns.map((c) => c.connect()));
  return conns;
}

/** Runs `op(i)` with `inflight` requests at a time for `secs`; returns requests per second. */
async function measure(inflight, secs, op) {
  let done = 0;
  const end = performance.now() + secs * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inflight }, async (_, w) => {
      for (let i = w; performance.now() < end; i += inflight) {
        await op(i, w);
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

const sizes = [
  { label: '4 KiB', size: 4096, inflight: 16, keys: 200 },
  { label: '8 MiB', size: 8 * 1024 * 1024, inflight: 4, keys: 8 },
];
// Both servers run side by side; each case alternates between them `rounds` times and keeps
// each server's best round, so that a busy machine's drifting load hits both alike.
const rounds = Number(process.argv[3] ?? 3);
const servers = [await startTerrane(), await startS3rver()];
// A failed run must not leave the servers behind.
process.on('exit', () => servers.forEach((srv) => srv.child.kill('SIGKILL')));
const maxInflight = Math.max(...sizes.map((s) => s.inflight));
for (const srv of servers) {
  srv.conns = await connections(srv.port, maxInflight);
  await srv.conns[0].call('PUT', `/bench-${srv.name}`);
}
const results = [];
for (const s of sizes) {
  const body = randomBytes(s.size);
  for (const srv of servers) {
    for (let i = 0; i < s.keys; i++) await srv.conns[0].call('PUT', `/bench-${srv.name}/k${s.size}-${i}`, body);
    results.push({ server: srv.name, size: s.label, put: 0, get: 0 });
  }
  for (let round = 0; round < rounds; round++) {
    for (const srv of servers) {
      const r = results.find((x) => x.server === srv.name && x.size === s.label);
      const b = `/bench-${srv.name}/k${s.size}-`;
      r.put = Math.max(r.put, await measure(s.inflight, seconds, (i, w) => srv.conns[w].call('PUT', b + (i % s.keys), body)));
      r.get = Math.max(r.get, await measure(s.inflight, seconds, (i, w) => srv.conns[w].call('GET', b + (i % s.keys))));
    }
  }
}
for (const srv of servers) for (const c of srv.conns) c.socket?.destroy();
for (const srv of servers) {
  srv.child.kill('SIGTERM');
  await new Promise((r) => srv.child.once('exit', r));
}
rmSync(work, { recursive: true, force: true });

const fmt = (r, bytes) => `${r.toFixed(0).padStart(6)} req/s ${((r * bytes) / 1048576).toFixed(1).padStart(7)} MiB/s`;
console.log(`S3 throughput, best of ${rounds} alternating rounds of ${seconds}s per case, node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}`);
for (const s of sizes) {
  const t = results.find((r) => r.server === 'terrane' && r.size === s.label);
  const o = results.find((r) => r.server === 's3rver' && r.size === s.label);
  console.log(`${s.label} PUT  terrane ${fmt(t.put, s.size)}   s3rver ${fmt(o.put, s.size)}   ratio ${(t.put / o.put).toFixed(1)}x`);
  console.log(`${s.label} GET  terrane ${fmt(t.get, s.size)}   s3rver ${fmt(o.get, s.size)}   ratio ${(t.get / o.get).toFixed(1)}x`);
}
