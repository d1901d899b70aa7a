// Child process for the crash-safety test: writes ever newer states to the local backend
// in argv[2] as fast as it can until it is killed. Generation g has `n` instances whose
// attributes all carry g, so a reader can tell a whole snapshot from a torn one.
import { LocalBackend } from '../../src/state/backends/local.js';
import { sampleState } from './sample-state.js';

const [dir, nStr] = process.argv.slice(2) as [string, string];
const n = Number(nStr);
const mgr = new LocalBackend({ dir }).stateMgr('default');
const prev = (await mgr.read()).state;
let g = prev ? Number(prev.outputs.get('tag')!.value.str.slice(1)) : 0;
const lineage = prev?.lineage ?? 'a5d2b1f0-0000-4000-8000-000000000002';
process.stdout.write('ready\n');
for (;;) {
  g++;
  const s = sampleState(n, `g${g}`, lineage);
  if (prev) s.serial = prev.serial;
  const d = await mgr.write(s);
  if (d.length) { process.stderr.write(JSON.stringify(d)); process.exit(1); }
}
