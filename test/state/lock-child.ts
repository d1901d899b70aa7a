// Child process for lock contention tests: takes the lock of the state in argv[2]
// (timeout argv[3] ms), reports on stdout, holds it for argv[4] ms, then releases it.
import { LocalBackend } from '../../src/state/backends/local.js';

const [dir, timeout, hold] = process.argv.slice(2) as [string, string, string];
const mgr = new LocalBackend({ dir }).stateMgr('default');
const r = await mgr.lock({ operation: 'OperationTypeApply', info: `pid ${process.pid}`, version: '0.1.0' }, Number(timeout));
process.stdout.write(JSON.stringify({ id: r.id ?? null, summary: r.diags[0]?.summary ?? null, detail: r.diags[0]?.detail ?? null }) + '\n');
if (r.id) {
  await new Promise((res) => setTimeout(res, Number(hold)));
  await mgr.unlock(r.id);
  process.stdout.write('released\n');
}
