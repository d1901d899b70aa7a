// Parse throughput of terrane's HCL native-syntax parser, side by side with
// @cdktf/hcl2json (HashiCorp's Go parser compiled to WebAssembly) and, when `go` is
// installed, HashiCorp's Go parser itself (the harness in ../shared/bench/go-hcl).
//
// Run from the project root:  node bench/hcl-parse.mjs
// It loads the TypeScript sources directly through tsx's loader (tsx/esm/api), so no build
// step is needed; the timed code is the same JavaScript esbuild emits for dist/.
// Input: configs made by ../shared/bench/gen-config.js (1k and 10k resources), written to
// bench/out/. Figures are best of 5 runs after warm-up; nothing here passes or fails.
//
// The parser's cost is dominated by V8's young-generation GC copying the retained tree
// (every node carries Range/Pos objects by the AST contract), so terrane is also measured in
// a child process with a larger young generation (--max-semi-space-size=64), the setting
// the CLI can run with.
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

async function oursOnly(files) {
  const out = {};
  for (const file of files) {
    const src = readFileSync(file, 'utf8');
    for (let i = 0; i < 5; i++) parseConfig(src, file);
    out[file] = await best(() => parseConfig(src, file));
  }
  return out;
}

if (process.argv[2] === '--ours-only') {
  console.log(JSON.stringify(await oursOnly(process.argv.slice(3))));
  process.exit(0);
}

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
  rows.push({ n, file, bytes, ours: mbps(bytes, ours), hcl2json: mbps(bytes, theirs), go: goMBs, oursMs: ours });
}

const tunedMs = JSON.parse(
  execFileSync(process.execPath, ['--max-semi-space-size=64', fileURLToPath(import.meta.url), '--ours-only', ...rows.map((r) => r.file)], {
    encoding: 'utf8',
  }),
);
for (const r of rows) r.tuned = mbps(r.bytes, tunedMs[r.file]);

const fmt = (x, d = 1) => (x === undefined ? 'n/a' : x.toFixed(d));
console.log('MB/s (best of 5)                      1k resources   10k resources');
const line = (label, f, d) => console.log(`${label.padEnd(38)}${rows.map((r) => fmt(f(r), d).padStart(13)).join('   ')}`);
line('terrane parseConfig', (r) => r.ours);
line('terrane, node --max-semi-space-size=64', (r) => r.tuned);
line('@cdktf/hcl2json parse', (r) => r.hcl2json, 2);
line('Go hclsyntax.ParseConfig', (r) => r.go);
line('terrane / hcl2json (x)', (r) => r.ours / r.hcl2json);
line('terrane / Go (x)', (r) => (r.go === undefined ? undefined : r.ours / r.go), 2);
line('terrane tuned / hcl2json (x)', (r) => r.tuned / r.hcl2json);
line('terrane tuned / Go (x)', (r) => (r.go === undefined ? undefined : r.tuned / r.go), 2);
