// Parse throughput of terrane's HCL native-syntax parser, side by side with
// @cdktf/hcl2json (HashiCorp's Go parser compiled to WebAssembly) and, when `go` is
// installed, HashiCorp's Go parser itself (the harness in ../shared/bench/go-hcl).
//
// Run from the project root:  node bench/hcl-parse.mjs
// It loads the TypeScript sources directly through tsx's loader (tsx/esm/api), so no build
// step is needed; the timed code is the same JavaScript esbuild emits for dist/.
// Input: configs made by ../shared/bench/gen-config.js (1k and 10k resources), written to
// bench/out/. Figures are best of 5 runs after warm-up; nothing here passes or fails.
import { register } from 'tsx/esm/api';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

register();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { parseConfig } = await import(join(root, 'src/hcl/parse.ts'));
const hcl2json = await import('@cdktf/hcl2json');

const gen = resolve(root, '../shared/bench/gen-config.js');
const goDir = resolve(root, '../shared/bench/go-hcl');
const outDir = join(root, 'bench/out');
mkdirSync(outDir, { recursive: true });

function mbps(bytes, ms) {
  return bytes / 1e6 / (ms / 1000);
}

async function best(fn, runs = 5) {
  let b = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (ms < b) b = ms;
  }
  return b;
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

const go = existsSync(goDir) ? goBinary() : undefined;
const rows = [];
for (const n of [1000, 10000]) {
  const file = join(outDir, `gen-${n}.tf`);
  if (!existsSync(file)) execFileSync('node', [gen, String(n), file]);
  const src = readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(src);
  // warm-up so the JIT has settled
  for (let i = 0; i < 5; i++) parseConfig(src, file);
  const errs = parseConfig(src, file).diags.length;
  if (errs) throw new Error(`unexpected diagnostics parsing ${file}`);
  const ours = await best(() => parseConfig(src, file));
  await hcl2json.parse(file, src);
  const theirs = await best(() => hcl2json.parse(file, src), n >= 10000 ? 3 : 5);
  let goMBs;
  if (go) {
    const out = execFileSync(go, [file], { encoding: 'utf8' });
    const m = /= ([\d.]+) MB\/s/.exec(out);
    goMBs = m ? Number(m[1]) : undefined;
  }
  rows.push({ n, bytes, ours: mbps(bytes, ours), hcl2json: mbps(bytes, theirs), go: goMBs, oursMs: ours });
}

console.log('resources  size(MB)  terrane MB/s  hcl2json MB/s  go hclsyntax MB/s  vs hcl2json  vs go');
for (const r of rows) {
  console.log(
    `${String(r.n).padStart(9)}  ${(r.bytes / 1e6).toFixed(2).padStart(8)}  ${r.ours.toFixed(1).padStart(12)}  ${r.hcl2json.toFixed(2).padStart(13)}  ${(r.go === undefined ? 'n/a' : r.go.toFixed(1)).padStart(17)}  ${(r.ours / r.hcl2json).toFixed(1).padStart(10)}x  ${r.go === undefined ? '  n/a' : (r.ours / r.go).toFixed(2) + 'x'}`,
  );
}
