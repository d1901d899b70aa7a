// Graph walk and state codec figures at engine scale.
//
// Run from the project root:  node bench/graph-walk.mjs [n=100000]
// Loads the TypeScript sources through tsx's loader (no build step). Prints, for n nodes:
// building the DAG, walking n independent nodes and an n-long chain (parallelism 10,
// async visits that do no work, so the figure is the walker's own overhead), cycle
// detection, and building + encoding + decoding an n-instance state. Peak RSS is the
// process maximum. Nothing here passes or fails.
import { register } from 'tsx/esm/api';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

register();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { Graph } = await import(join(root, 'src/graph/dag.ts'));
const { walk } = await import(join(root, 'src/graph/walk.ts'));
const { findCycles } = await import(join(root, 'src/graph/cycles.ts'));
const { topologicalOrder } = await import(join(root, 'src/graph/topo.ts'));
const { State } = await import(join(root, 'src/state/state.ts'));
const { encodeState, decodeState } = await import(join(root, 'src/state/state-file.ts'));
const { encodeAttributes } = await import(join(root, 'src/state/attributes.ts'));
const A = await import(join(root, 'src/addrs/index.ts'));
const V = await import(join(root, 'src/lang/value.ts'));

const n = Number(process.argv[2] ?? 100000);
const ms = (t0) => `${(performance.now() - t0).toFixed(0)} ms`;
const rssMB = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;
const line = (what, t) => console.log(`${what.padEnd(46)} ${t.padStart(9)}   peak RSS ${rssMB()}`);
const visit = async () => [];

async function scenario(name, build) {
  let t0 = performance.now();
  const g = build();
  line(`${name}: build (${g.size} nodes, ${g.edgeSize} edges)`, ms(t0));
  t0 = performance.now();
  const cycles = findCycles(g);
  line(`${name}: cycle check (${cycles.length} cycles)`, ms(t0));
  t0 = performance.now();
  topologicalOrder(g);
  line(`${name}: topological order`, ms(t0));
  t0 = performance.now();
  const r = await walk(g, visit, { parallelism: 10 });
  line(`${name}: walk, parallelism 10 (${r.succeeded} ok)`, ms(t0));
}

console.log(`terrane graph + state bench, n = ${n}, node ${process.version}`);
await scenario('independent', () => {
  const g = new Graph();
  for (let i = 0; i < n; i++) g.add(`null_resource.r[${i}]`, i);
  return g;
});
await scenario('chain', () => {
  const g = new Graph();
  for (let i = 0; i < n; i++) g.add(`null_resource.r[${i}]`, i);
  for (let i = 1; i < n; i++) g.connect(`null_resource.r[${i}]`, `null_resource.r[${i - 1}]`);
  return g;
});
await scenario('provider fan-out + expand nodes', () => {
  // Shaped like a plan graph: provider -> 100 resource expansions -> n instances -> root.
  const g = new Graph();
  g.add('provider', 0);
  g.add('root', 0);
  for (let k = 0; k < 100; k++) { g.add(`expand${k}`, 0); g.connect(`expand${k}`, 'provider'); }
  for (let i = 0; i < n; i++) {
    const key = `null_resource.r${i % 100}[${i}]`;
    g.add(key, i);
    g.connect(key, `expand${i % 100}`);
    g.connect('root', key);
  }
  return g;
});

// State: n instances of a small resource, in 10 modules, with a sensitive attribute.
let t0 = performance.now();
const s = new State('a5d2b1f0-0000-4000-8000-00000000beef');
s.terraformVersion = '1.12.2';
const provider = new A.AbsProviderConfig(A.Module.ROOT, A.impliedProvider('null'));
for (let i = 0; i < n; i++) {
  const mod = A.ModuleInstance.ROOT.child('m', i % 10);
  const addr = new A.AbsResourceInstance(mod, new A.ResourceInstance(new A.Resource('managed', 'null_resource', 'r'), i));
  const attrs = encodeAttributes(V.objectVal({
    id: V.stringVal(String(1e15 + i)),
    triggers: V.mapVal({ index: V.stringVal(String(i)), secret: V.stringVal('s' + i).mark(V.Mark.Sensitive) }),
  }));
  s.setCurrent(addr, { status: 'ready', schemaVersion: 0, ...attrs, dependencies: [], createBeforeDestroy: false, identitySchemaVersion: 0 }, provider);
}
line(`state: build ${n} instances (values -> JSON)`, ms(t0));
t0 = performance.now();
const text = encodeState(s);
line(`state: encode (${(text.length / 1e6).toFixed(1)} MB)`, ms(t0));
t0 = performance.now();
const back = decodeState(text);
line(`state: decode (${back.state.instanceCount} instances)`, ms(t0));
t0 = performance.now();
const again = encodeState(back.state);
line(`state: re-encode (identical: ${again === text})`, ms(t0));
