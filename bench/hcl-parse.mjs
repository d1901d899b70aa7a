// Parse throughput of terrane's HCL native-syntax parser, side by side with
// @cdktf/hcl2json (HashiCorp's Go parser compiled to WebAssembly) and, when `go` is
// installed, HashiCorp's Go parser itself (the harness in ../shared/bench/go-hcl).
//
// Run from the project root:  node bench/hcl-parse.mjs [rounds=5]
// It loads the TypeScript sources directly through tsx's loader (tsx/esm/api), so no build
// step is needed. Input: configs made by ../shared/bench/gen-config.js (1k and 10k
// resources), written to bench/out/. Nothing here passes or fails.
//
// terrane runs with --max-semi-space-size=64, the V8 setting bin/terrane.js uses (the
// script re-runs itself with it when started without). On a busy machine the three parsers
// are measured in interleaved rounds, one parse of each per round, and each keeps its best
// round, so that they see the same load; the load average is printed with the figures.
// terrane parses in a child process of its own (driven round by round over IPC), so that
// neither JavaScript parser pays for the other's garbage.
// terrane and hcl2json are also given in CPU time of this process (which includes V8's
// garbage-collector threads); the Go harness reports wall time only.
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEMI = '--max-semi-space-size=64';
if (!process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  try {
    execFileSync(process.execPath, [SEMI, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  } catch (e) {
    process.exitCode = e.status ?? 1;
  }
  process.exit();
}

const { register } = await import('tsx/esm/api');
register();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[2] === '--child') {
  // terrane's side: warms up on each file, then times one parse per request.
  const { parseConfig } = await import(join(root, 'src/hcl/parse.ts'));
  const srcs = new Map();
  let keep;
  process.on('message', async ({ file }) => {
    let src = srcs.get(file);
    if (src === undefined) {
      src = readFileSync(file, 'utf8');
      srcs.set(file, src);
      for (let i = 0; i < 5; i++) parseConfig(src, file);
      if (parseConfig(src, file).diags.length) throw new Error(`unexpected diagnostics parsing ${file}`);
    }
    keep = undefined; // the previous tree is garbage before the next parse, as in a real run
    const t = await time(() => { keep = parseConfig(src, file); });
    process.send(t);
  });
  await new Promise(() => {});
}

const hcl2json = await import('@cdktf/hcl2json');

const rounds = Number(process.argv[2] ?? 5);
const gen = resolve(root, '../shared/bench/gen-config.js');
const goDir = resolve(root, '../shared/bench/go-hcl');
const outDir = join(root, 'bench/out');
mkdirSync(outDir, { recursive: true });

function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Wall and CPU milliseconds of one call. */
async function time(fn) {
  const c = cpuMs();
  const t = process.hrtime.bigint();
  await fn();
  return { wall: Number(process.hrtime.bigint() - t) / 1e6, cpu: cpuMs() - c };
}

function goBinary() {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const bin = join(mkdtempSync(join(tmpdir(), 'go-hcl-')), 'go-hcl');
  const gopath = mkdtempSync(join(tmpdir(), 'gopath-'));
  execFileSync('go', ['build', '-o', bin, '.'], {
    cwd: goDir,
    env: { ...process.env, GO111MODULE: 'off', GOPATH: `${gopath}:/usr/share/gocode`, GOCACHE: join(gopath, 'cache') },
    stdio: 'inherit',
  });
  return bin;
}

/** The Go harness's best-of-5 MB/s for one file (it runs in its own process). */
function goMBs(go, file) {
  const out = execFileSync(go, [file], { encoding: 'utf8' });
  const m = /= ([\d.]+) MB\/s/.exec(out);
  return m ? Number(m[1]) : undefined;
}

const go = existsSync(goDir) ? goBinary() : undefined;
const child = fork(fileURLToPath(import.meta.url), ['--child'], { execArgv: process.execArgv });
const ours = (file) => new Promise((res) => { child.once('message', res); child.send({ file }); });
const load0 = loadavg()[0];
const rows = [];
for (const n of [1000, 10000]) {
  const file = join(outDir, `gen-${n}.tf`);
  if (!existsSync(file)) execFileSync(process.execPath, [gen, String(n), file]);
  const src = readFileSync(file, 'utf8');
  const mb = Buffer.byteLength(src) / 1e6;
  await ours(file); // warm-up so the JIT has settled
  await hcl2json.parse(file, src);
  const best = { ours: Infinity, oursCpu: Infinity, theirs: Infinity, theirsCpu: Infinity, go: 0 };
  for (let r = 0; r < rounds; r++) {
    const a = await ours(file);
    const b = await time(() => hcl2json.parse(file, src));
    best.ours = Math.min(best.ours, a.wall);
    best.oursCpu = Math.min(best.oursCpu, a.cpu);
    best.theirs = Math.min(best.theirs, b.wall);
    best.theirsCpu = Math.min(best.theirsCpu, b.cpu);
    if (go) best.go = Math.max(best.go, goMBs(go, file) ?? 0);
  }
  rows.push({
    n,
    ours: mb / (best.ours / 1000),
    oursCpu: mb / (best.oursCpu / 1000),
    hcl2json: mb / (best.theirs / 1000),
    hcl2jsonCpu: mb / (best.theirsCpu / 1000),
    go: go ? best.go : undefined,
  });
}

child.kill();
const fmt = (x, d = 1) => (x === undefined ? 'n/a' : x.toFixed(d));
console.log(`node ${process.version} ${process.execArgv.join(' ')}; ${rounds} interleaved rounds, best of each; load average ${load0.toFixed(2)} -> ${loadavg()[0].toFixed(2)}`);
console.log('MB/s                                  1k resources   10k resources');
const line = (label, f, d) => console.log(`${label.padEnd(38)}${rows.map((r) => fmt(f(r), d).padStart(13)).join('   ')}`);
line('terrane parseConfig (wall)', (r) => r.ours);
line('terrane parseConfig (CPU)', (r) => r.oursCpu);
line('@cdktf/hcl2json parse (wall)', (r) => r.hcl2json, 2);
line('@cdktf/hcl2json parse (CPU)', (r) => r.hcl2jsonCpu, 2);
line('Go hclsyntax.ParseConfig (wall)', (r) => r.go);
line('terrane / hcl2json, wall (x)', (r) => r.ours / r.hcl2json);
line('terrane / hcl2json, CPU (x)', (r) => r.oursCpu / r.hcl2jsonCpu);
line('terrane / Go, wall (x)', (r) => (r.go === undefined ? undefined : r.ours / r.go), 2);
