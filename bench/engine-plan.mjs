// Plan/apply scale benchmark for the built CLI: terraform_data instances in two shapes,
// fan-out (`count = N`) and a long chain (each block references the previous one).
// Prints apply time, no-change `plan -refresh=false` and `plan` times with existing state, a
// second (no-change) apply, and peak RSS of each.
//   node bench/engine-plan.mjs [sizes=1000,10000] [shapes=fanout,chain] [timeoutSec=600] [applyUpTo=1000]
// Sizes above applyUpTo skip the (slow) apply and write the state file an apply would
// have written directly, so the no-change plans still run against existing state.
// Needs `npm run build`. TERRANE_BENCH_KEEP=1 keeps the working directories for profiling. Peak RSS comes from /usr/bin/time -v when present, else from
// process.resourceUsage() of a small wrapper process.
// Reference: when a `terraform` binary is found (TERRANE_BENCH_TERRAFORM=path, else `terraform` on
// PATH; TERRANE_BENCH_TERRAFORM=none turns it off), the same steps run with it on the same
// configurations, for sizes up to TERRANE_BENCH_REF_UPTO (default 10000), and its figures are
// printed beside terrane's. terraform_data is built into terraform, so it needs no provider
// download (it runs with TF_CLI_CONFIG_FILE=/dev/null).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../bin/terrane.js');
const sizes = (process.argv[2] ?? '1000,10000').split(',').map(Number);
const shapes = (process.argv[3] ?? 'fanout,chain').split(',');
const timeoutMs = Number(process.argv[4] ?? 600) * 1000;
const applyUpTo = Number(process.argv[5] ?? 1000);
const hasTime = existsSync('/usr/bin/time');
const refUpTo = Number(process.env.TERRANE_BENCH_REF_UPTO ?? 10_000);

/** The reference terraform binary and its version, or undefined. */
function findTerraform() {
  const want = process.env.TERRANE_BENCH_TERRAFORM;
  if (want === 'none') return undefined;
  const bin = want || 'terraform';
  const r = spawnSync(bin, ['version', '-json'], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
  if (r.status !== 0) return undefined;
  try { return { bin, version: JSON.parse(r.stdout).terraform_version }; } catch { return undefined; }
}
const terraform = findTerraform();

/** How each tool is started, and the environment it gets. */
const TOOLS = {
  terrane: { cmd: [process.execPath, BIN], env: { NO_COLOR: '1' }, stateVersion: '1.12.2' },
  ...(terraform ? { terraform: { cmd: [terraform.bin], env: { TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' }, stateVersion: terraform.version } } : {}),
};

/** Writes the configuration for one shape and size into `dir`. */
function generate(dir, shape, n) {
  if (shape === 'fanout') {
    writeFileSync(join(dir, 'main.tf'), `resource "terraform_data" "x" {\n  count = ${n}\n  input = "item-\${count.index}"\n}\n`);
    return;
  }
  // A chain of separate blocks spread over files of at most 10k blocks each.
  const perFile = 10_000;
  for (let f = 0; f * perFile < n; f++) {
    let s = '';
    for (let i = f * perFile; i < Math.min(n, (f + 1) * perFile); i++) {
      s += i === 0
        ? `resource "terraform_data" "r0" {\n  input = "0"\n}\n`
        : `resource "terraform_data" "r${i}" {\n  input = "r${i}-\${length(terraform_data.r${i - 1}.input)}"\n}\n`;
    }
    writeFileSync(join(dir, `chain${f}.tf`), s);
  }
}

/** The state an apply of `generate(shape, n)` leaves, written directly. */
function seedState(dir, shape, n, stateVersion) {
  const obj = (input, extra = {}) => ({
    schema_version: 0,
    attributes: { id: randomUUID(), input: { value: input, type: 'string' }, output: { value: input, type: 'string' }, triggers_replace: null },
    sensitive_attributes: [], identity_schema_version: 0, ...extra,
  });
  const res = (name, instances) => ({ mode: 'managed', type: 'terraform_data', name, provider: 'provider["terraform.io/builtin/terraform"]', instances });
  const resources = [];
  if (shape === 'fanout') {
    resources.push(res('x', Array.from({ length: n }, (_, i) => obj(`item-${i}`, { index_key: i }))));
  } else {
    let prev = '0';
    resources.push(res('r0', [obj(prev)]));
    for (let i = 1; i < n; i++) {
      prev = `r${i}-${prev.length}`;
      resources.push(res(`r${i}`, [obj(prev, { dependencies: [`terraform_data.r${i - 1}`] })]));
    }
  }
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify({ version: 4, terraform_version: stateVersion, serial: 1, lineage: randomUUID(), outputs: {}, resources, check_results: null }));
}

/** Runs one command of `tool` once; returns seconds, peak RSS in MB and the exit code. */
function run(tool, dir, args) {
  const t0 = process.hrtime.bigint();
  const [exe, ...pre] = tool.cmd;
  const env = { ...process.env, ...tool.env };
  let r, rssKb = NaN;
  if (hasTime) {
    r = spawnSync('/usr/bin/time', ['-v', 'timeout', '-s', 'KILL', String(timeoutMs / 1000), exe, ...pre, ...args], { cwd: dir, encoding: 'utf8', env, timeout: timeoutMs, maxBuffer: 1 << 30 });
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
    if (m) rssKb = Number(m[1]);
  } else {
    const wrapper = `const {spawnSync}=require('node:child_process');const r=spawnSync(${JSON.stringify(exe)},${JSON.stringify([...pre, ...args])},{stdio:['ignore','ignore','inherit']});process.stdout.write(String(process.resourceUsage().maxRSS));process.exit(r.status??1);`;
    r = spawnSync(process.execPath, ['-e', wrapper], { cwd: dir, encoding: 'utf8', env, timeout: timeoutMs, maxBuffer: 1 << 30 });
    rssKb = Number(r.stdout);
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const code = r.status ?? (r.error ? `err:${r.error.code}` : `sig:${r.signal}`);
  return { secs, rssMb: rssKb / 1024, code, out: r.stdout ?? '' };
}

const fmt = (x) => ({ secs: Number.isNaN(x.secs) ? '-' : x.secs.toFixed(2), rss: Number.isNaN(x.rssMb) ? '?' : x.rssMb.toFixed(0), code: x.code });
const rows = [];
for (const shape of shapes) {
  for (const n of sizes) {
    for (const [name, tool] of Object.entries(TOOLS)) {
      if (name !== 'terrane' && n > refUpTo) continue;
      const dir = mkdtempSync(join(tmpdir(), `terrane-bench-${name}-${shape}-${n}-`));
      generate(dir, shape, n);
      run(tool, dir, ['init']);
      const planEmpty = run(tool, dir, ['plan', '-refresh=false']);
      let apply = { secs: NaN, rssMb: NaN, code: 'seeded' };
      if (n <= applyUpTo) apply = run(tool, dir, ['apply', '-auto-approve', '-parallelism=10']);
      else { seedState(dir, shape, n, tool.stateVersion); apply.code = 0; }
      const plan = apply.code === 0 ? run(tool, dir, ['plan', '-refresh=false', '-detailed-exitcode']) : { secs: NaN, rssMb: NaN, code: 'skipped' };
      const refreshPlan = apply.code === 0 ? run(tool, dir, ['plan', '-detailed-exitcode']) : { secs: NaN, rssMb: NaN, code: 'skipped' };
      // An apply against the existing state: refresh, plan, nothing to change.
      const applyAgain = apply.code === 0 ? run(tool, dir, ['apply', '-auto-approve', '-parallelism=10']) : { secs: NaN, rssMb: NaN, code: 'skipped' };
      if (applyAgain.code === 0 && !applyAgain.out.includes('No changes.')) applyAgain.code = 'changes!';
      const row = { tool: name === 'terrane' ? 'terrane' : `terraform ${terraform.version}`, shape, n, planNoState: fmt(planEmpty), apply: fmt(apply), planNoChangeNoRefresh: fmt(plan), planNoChangeRefresh: fmt(refreshPlan), applyNoChange: fmt(applyAgain) };
      rows.push(row);
      console.log(JSON.stringify(row));
      // TERRANE_BENCH_KEEP=1 keeps each working directory (to profile a command in it).
      if (process.env.TERRANE_BENCH_KEEP === '1') console.log(`kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    }
  }
}
if (!terraform && process.env.TERRANE_BENCH_TERRAFORM !== 'none') console.log('\n(no terraform binary found: reference figures left out; set TERRANE_BENCH_TERRAFORM)');
console.log('\ntool              shape    N        plan(empty state) s/MB   apply s/MB        plan -refresh=false s/MB (exit)   plan (refresh) s/MB (exit)   apply, no changes s/MB');
for (const r of rows) {
  const c = (x) => `${x.secs}/${x.rss}`.padEnd(18);
  console.log(`${r.tool.padEnd(17)} ${r.shape.padEnd(8)} ${String(r.n).padEnd(8)} ${c(r.planNoState)}       ${c(r.apply)}${c(r.planNoChangeNoRefresh)}(${r.planNoChangeNoRefresh.code})        ${c(r.planNoChangeRefresh)}(${r.planNoChangeRefresh.code})        ${c(r.applyNoChange)}${r.applyNoChange.code === 0 ? '' : `(${r.applyNoChange.code})`}`);
}
