// Start-up time of the local cloud: from spawning `terrane cloud start` to the first answered
// request. Runs plain node on JavaScript transpiled from src/ (see cloud-build.mjs), i.e.
// what `node bin/terrane.js cloud start` does after a build. Usage: node bench/cloud-startup.mjs [runs]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildForBench, freePort } from './cloud-build.mjs';

const runs = Number(process.argv[2] ?? 7);
const main = buildForBench();
const home = mkdtempSync(join(tmpdir(), 'terrane-bench-home-'));

async function once() {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', `import(${JSON.stringify('file://' + main)}).then((m) => m.main(['cloud', 'start', '-port', '${port}', '-log-level', 'silent'])).then((c) => { process.exitCode = c; })`],
    { stdio: 'ignore', env: { ...process.env, TERRANE_HOME: home } },
  );
  const auth = 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0';
  let health = 0;
  let first = 0;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/`, { headers: { authorization: auth } });
      if (r.status === 200) {
        first = performance.now() - t0;
        break;
      }
    } catch {
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  const h = await fetch(`http://127.0.0.1:${port}/_terrane/health`);
  health = h.status;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { first, health };
}

const times = [];
for (let i = 0; i < runs; i++) times.push((await once()).first);
rmSync(home, { recursive: true, force: true });
times.sort((a, b) => a - b);
const med = times[Math.floor(times.length / 2)];
console.log(`cloud start-up to first answered request (S3 ListBuckets), ${runs} runs, node ${process.version}`);
console.log(`  min ${times[0].toFixed(0)} ms   median ${med.toFixed(0)} ms   max ${times[times.length - 1].toFixed(0)} ms   (target < 500 ms)`);
