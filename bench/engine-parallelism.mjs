// Apply of N independent instances whose provider create takes DELAY ms, at a given
// parallelism, through the programmatic Workdir API (built dist/). Ideal: N*DELAY/P ms.
//   node bench/engine-parallelism.mjs [n=1000] [delayMs=100] [parallelism=10] [statePath]
// statePath (e.g. on a tmpfs) separates the cost of durable state writes from the engine's own.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workdir } from '../dist/apply/workdir.js';
import { ProviderManager } from '../dist/plan/provider-manager.js';
import { makeProvider } from '../dist/providers/sdk/provider.js';
import { withAttrs, str } from '../dist/providers/sdk/obj.js';
import * as T from '../dist/lang/types.js';
import { stringVal } from '../dist/lang/value.js';

const n = Number(process.argv[2] ?? 1000);
const delay = Number(process.argv[3] ?? 100);
const parallelism = Number(process.argv[4] ?? 10);
const statePath = process.argv[5];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let inFlight = 0, maxInFlight = 0, seq = 0;
const slowProvider = {
  source: 'registry.terraform.io/hashicorp/testing',
  version: '1.0.0',
  create: () => makeProvider({
    schema: { version: 0, block: { attributes: {}, blockTypes: {} } },
    configure: () => ({}),
    resources: {
      testing_slow: {
        schema: { version: 0, block: { attributes: { id: { type: T.String, computed: true }, name: { type: T.String, required: true } }, blockTypes: {} } },
        async create(_ctx, planned) {
          inFlight++; maxInFlight = Math.max(maxInFlight, inFlight);
          await sleep(delay);
          inFlight--;
          return withAttrs(planned, { id: stringVal(`${str(planned, 'name')}-${++seq}`) });
        },
        async read(_ctx, state) { return state; },
        async update(_ctx, _prior, planned) { return planned; },
        async delete() {},
      },
    },
    dataSources: {},
  }),
};

const dir = mkdtempSync(join(tmpdir(), 'terrane-bench-par-'));
writeFileSync(join(dir, 'main.tf'), `resource "testing_slow" "x" {\n  count = ${n}\n  name  = "x-\${count.index}"\n}\n`);
const pm = new ProviderManager(new Map([[slowProvider.source, slowProvider]]));
const opened = await Workdir.open({ dir, providers: pm, ...(statePath ? { statePath } : {}) });
if (!opened.wd) { console.error(opened.diags); process.exit(1); }
const wd = opened.wd;
const variables = new Map();
const { state } = await wd.readState();
const t0 = performance.now();
const p = await wd.plan(state, { variables, parallelism });
const t1 = performance.now();
const a = await wd.apply(p, { variables, parallelism });
const t2 = performance.now();
await wd.close();
const errors = a.diags.filter((d) => d.severity === 'error');
const ideal = (n * delay) / parallelism;
const applyMs = t2 - t1;
console.log(`instances=${n} delay=${delay}ms parallelism=${parallelism} added=${a.counts.added} errors=${errors.length}`);
console.log(`plan ${(t1 - t0).toFixed(0)} ms; apply ${applyMs.toFixed(0)} ms; ideal ${ideal.toFixed(0)} ms; overhead ${((applyMs / ideal - 1) * 100).toFixed(1)}% (target within 5%); max concurrent creates ${maxInFlight}`);
rmSync(dir, { recursive: true, force: true });
