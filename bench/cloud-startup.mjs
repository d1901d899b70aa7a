// Start-up time of the local cloud: from spawning `terrane cloud start` to the first answered
// request. Runs plain node on JavaScript transpiled from src/ (see cloud-build.mjs), i.e.
// what `node bin/terrane.js cloud start` does after a build. Usage: node bench/cloud-startup.mjs [runs]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildForBench, freePort } from './cloud-build.mjs';

const runs = Number(process.argv[2] ?? 7);
const main = buildForBench();
const home = mkdtempSync(join(tmpdir(), 'terrane-bench-home-'));

// The floor on this machine: a bare node HTTP server answering 200, spawned and polled the same way.
const bare = (port) => ['-e', `require('http').createServer((q, s) => s.end()).listen(${port}, '127.0.0.1')`];
const terrane = (port) => ['--input-type=module', '-e', `import(${JSON.stringify('file://' + main)}).then((m) => m.main(['cloud', 'start', '-port', '${port}', '-log-level', 'silent'])).then((c) => { process.exitCode = c; })`];

async function once(argsFor) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, argsFor(port), { stdio: 'ignore', env: { ...process.env, TERRANE_HOME: home } });
  const auth = 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0';
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
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return first;
}

// Alternate the two so that the machine's load drifts over both alike.
const times = { terrane: [], bare: [] };
for (let i = 0; i < runs; i++) {
  times.terrane.push(await once(terrane));
  times.bare.push(await once(bare));
}
rmSync(home, { recursive: true, force: true });
const stats = (t) => {
  t.sort((a, b) => a - b);
  return `min ${t[0].toFixed(0).padStart(5)} ms   median ${t[Math.floor(t.length / 2)].toFixed(0).padStart(5)} ms   max ${t[t.length - 1].toFixed(0).padStart(5)} ms`;
};
console.log(`start-up to first answered request, ${runs} runs each, node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}`);
console.log(`  terrane cloud start (S3 ListBuckets)  ${stats(times.terrane)}   (target < 500 ms)`);
console.log(`  bare node http server (floor)         ${stats(times.bare)}`);
