// Parse + evaluate throughput of terrane's expression evaluator on a generated config.
//
// Run from the project root:  node bench/eval.mjs [resources=10000]
// Runs with --max-semi-space-size=64, the V8 setting bin/terrane.js uses (it re-runs itself
// with it when started without), and prints the load average next to the figures.
// Loads the TypeScript sources through tsx's loader (no build step). Input: the config
// made by ../shared/bench/gen-config.js, written to bench/out/. Every attribute
// expression of every block (nested blocks included) is evaluated against a mock scope
// with known variables, locals and resources. Figures are process CPU time, best of 5
// runs after warm-up;
// nothing here passes or fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

if (!process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  try {
    execFileSync(process.execPath, ['--max-semi-space-size=64', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  } catch (e) {
    process.exitCode = e.status ?? 1;
  }
  process.exit();
}

const { register } = await import('tsx/esm/api');
register();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { parseConfig } = await import(join(root, 'src/hcl/parse.ts'));
const { evaluate } = await import(join(root, 'src/lang/eval.ts'));
const { builtinFunctions } = await import(join(root, 'src/lang/functions/index.ts'));
const { mockData } = await import(join(root, 'src/lang/eval-testutil.ts'));
const V = await import(join(root, 'src/lang/value.ts'));

const n = Number(process.argv[2] ?? 10000);
const gen = resolve(root, '../shared/bench/gen-config.js');
const outDir = join(root, 'bench/out');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `eval-${n}.tf`);
if (!existsSync(file)) execFileSync(process.execPath, [gen, String(n), file]);
const src = readFileSync(file, 'utf8');

const s = V.stringVal, obj = V.objectVal;
const scope = {
  data: mockData({
    vars: {
      instance_type: s('t3.micro'),
      name: s('web'),
      enabled: V.True,
      disks: V.mapVal({ a: obj({ size: V.numberVal(8) }), b: obj({ size: V.numberVal(20) }), c: obj({ size: V.numberVal(50) }) }),
    },
    locals: { common_tags: V.mapVal({ env: s('dev'), team: s('infra') }) },
    resources: {
      'data.aws_ami.ubuntu': obj({ id: s('ami-0abc') }),
      'aws_subnet.public': V.tupleVal([0, 1, 2, 3].map((i) => obj({ id: s(`subnet-${i}`) }))),
      'aws_security_group.web': obj({ id: s('sg-web') }),
    },
  }),
  functions: builtinFunctions(),
};

function evalBody(body, counts) {
  for (const attr of body.attributes.values()) {
    const r = evaluate(attr.expr, scope);
    counts.exprs++;
    if (r.diags.length) counts.diags += r.diags.length;
  }
  for (const b of body.blocks) evalBody(b.body, counts);
}

// CPU time (user + system) of this process: on a busy machine it tracks the work done
// far better than wall-clock time.
function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function once() {
  const t0 = cpuMs();
  const { file: f, diags } = parseConfig(src, 'main.tf');
  if (diags.length) throw new Error(`parse errors: ${diags[0].summary}`);
  const t1 = cpuMs();
  const counts = { exprs: 0, diags: 0 };
  evalBody(f.body, counts);
  const t2 = cpuMs();
  return { parse: t1 - t0, evalMs: t2 - t1, total: t2 - t0, ...counts };
}

once(); once(); // warm-up
let best;
for (let i = 0; i < 5; i++) {
  const r = once();
  if (!best || r.total < best.total) best = r;
}
console.log(`node ${process.version} ${process.execArgv.join(' ')}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`config: ${n} resources, ${(src.length / 1e6).toFixed(2)} MB, ${best.exprs} expressions (${best.diags} diagnostics)`);
console.log('CPU time, best of 5:');
console.log(`parse:    ${best.parse.toFixed(1)} ms`);
console.log(`evaluate: ${best.evalMs.toFixed(1)} ms (${(best.exprs / (best.evalMs / 1000) / 1e6).toFixed(2)} M expr/s)`);
console.log(`total:    ${best.total.toFixed(1)} ms`);
