// S3 PUT and GET throughput of terrane's local cloud next to s3rver (npm), same run, same client.
// terrane runs as `terrane cloud start` on JavaScript transpiled from src/ (see cloud-build.mjs);
// s3rver runs in its own node process. The client is node's http with keep-alive and a fixed
// number of requests in flight, sending unsigned path-style requests (both servers accept
// them), so the figures measure the servers rather than a client's signing cost.
// Usage: node bench/cloud-s3.mjs [seconds-per-round] [rounds]
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
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

function call(agent, port, method, path, body) {
  return new Promise((resolve, reject) => {
    const headers = body ? { 'content-length': body.length, 'content-type': 'application/octet-stream' } : {};
    const r = request({ host: '127.0.0.1', port, path, method, agent, headers }, (res) => {
      let n = 0;
      res.on('data', (c) => (n += c.length));
      res.on('end', () => (res.statusCode < 300 ? resolve(n) : reject(new Error(`${method} ${path}: ${res.statusCode}`))));
    });
    r.on('error', reject);
    r.end(body);
  });
}

/** Runs `op(i)` with `inflight` requests at a time for `secs`; returns requests per second. */
async function measure(inflight, secs, op) {
  let done = 0;
  const end = performance.now() + secs * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inflight }, async (_, w) => {
      for (let i = w; performance.now() < end; i += inflight) {
        await op(i);
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
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
for (const srv of servers) await call(agent, srv.port, 'PUT', `/bench-${srv.name}`);
const results = [];
for (const s of sizes) {
  const body = randomBytes(s.size);
  for (const srv of servers) {
    for (let i = 0; i < s.keys; i++) await call(agent, srv.port, 'PUT', `/bench-${srv.name}/k${s.size}-${i}`, body);
    results.push({ server: srv.name, size: s.label, put: 0, get: 0 });
  }
  for (let round = 0; round < rounds; round++) {
    for (const srv of servers) {
      const r = results.find((x) => x.server === srv.name && x.size === s.label);
      const b = `/bench-${srv.name}/k${s.size}-`;
      r.put = Math.max(r.put, await measure(s.inflight, seconds, (i) => call(agent, srv.port, 'PUT', b + (i % s.keys), body)));
      r.get = Math.max(r.get, await measure(s.inflight, seconds, (i) => call(agent, srv.port, 'GET', b + (i % s.keys))));
    }
  }
}
agent.destroy();
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
