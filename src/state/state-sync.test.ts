import { describe, it, expect } from 'vitest';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { StateSync } from './state-sync.js';
import { State } from './state.js';
import { decodeState, encodeState } from './state-file.js';
import type { StateMgr } from './backend.js';
import { LocalBackend } from './backends/local.js';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import { AbsProviderConfig, Module, impliedProvider, parseAbsResourceInstance } from '../addrs/index.js';

const provider = new AbsProviderConfig(Module.ROOT, impliedProvider('null'));
const obj = (id: string) => ({ status: 'ready' as const, schemaVersion: 0, attrsJSON: JSON.stringify({ id }), sensitivePaths: [], dependencies: [], createBeforeDestroy: false });
const addr = (i: number) => parseAbsResourceInstance(`null_resource.n[${i}]`).value!;

/** A StateMgr that records snapshots, takes `delayMs` per write and notices overlapping writes. */
function recordingMgr(delayMs: number, failAt = -1) {
  const snapshots: string[] = [];
  let inFlight = 0, overlapped = false, calls = 0;
  const mgr: Pick<StateMgr, 'write'> = {
    async write(s: State): Promise<Diagnostic[]> {
      const text = encodeState(s);
      calls++;
      if (++inFlight > 1) overlapped = true;
      await new Promise((r) => setTimeout(r, delayMs));
      inFlight--;
      if (calls === failAt) return [errorDiag('Failed to save state', 'disk full')];
      snapshots.push(text);
      return [];
    },
  };
  return { mgr: mgr as StateMgr, snapshots, get overlapped() { return overlapped; } };
}

describe('StateSync', () => {
  it('never overlaps writes, folds changes made during a write, and resolves each change once saved', async () => {
    const rec = recordingMgr(5);
    const sync = new StateSync(rec.mgr, new State('l'));
    const N = 200;
    const savedAt: number[] = [];
    await Promise.all(Array.from({ length: N }, async (_, i) => {
      await new Promise((r) => setTimeout(r, Math.random() * 20));
      const d = await sync.update((s) => s.setCurrent(addr(i), obj(`id-${i}`), provider));
      expect(d).toEqual([]);
      // When the promise resolves, some saved snapshot already has this instance.
      savedAt.push(rec.snapshots.findIndex((t) => t.includes(`\\"id-${i}\\"`) || t.includes(`"id": "id-${i}"`)));
    }));
    expect(rec.overlapped).toBe(false);
    expect(savedAt.every((x) => x >= 0)).toBe(true);
    expect(sync.writes).toBeLessThan(N);
    const last = decodeState(rec.snapshots[rec.snapshots.length - 1]!).state!;
    expect(last.instanceCount).toBe(N);
  });

  it('records changes in the order they happen', async () => {
    const rec = recordingMgr(1);
    const sync = new StateSync(rec.mgr, new State('l'));
    const a = sync.update((s) => s.setCurrent(addr(0), obj('first'), provider));
    const b = sync.update((s) => s.setCurrent(addr(0), obj('second'), provider));
    await Promise.all([a, b]);
    const last = decodeState(rec.snapshots[rec.snapshots.length - 1]!).state!;
    expect(JSON.parse(last.current(addr(0))!.attrsJSON!).id).toBe('second');
    expect(await sync.flush()).toEqual([]);
  });

  it('runs record and afterSaved callbacks in the order given, each once a write carrying everything before it is saved', async () => {
    const rec = recordingMgr(3);
    const sync = new StateSync(rec.mgr, new State('l'));
    const log: string[] = [];
    let now = false;
    sync.afterSaved(() => { now = true; });
    expect(now).toBe(true); // nothing unsaved: at once
    const savedHas = (id: string) => rec.snapshots.some((t) => t.includes(`"id-${id}`) || t.includes(`\\"id-${id}\\"`));
    sync.record((s) => s.setCurrent(addr(0), obj('id-a'), provider), () => log.push(`a saved=${savedHas('a')}`));
    sync.afterSaved(() => log.push(`after a saved=${savedHas('a')}`));
    await new Promise((r) => setTimeout(r, 1)); // a's write is in flight
    sync.record((s) => s.setCurrent(addr(1), obj('id-b'), provider), () => log.push(`b saved=${savedHas('b')}`));
    sync.afterSaved(() => log.push(`after b saved=${savedHas('b')}`));
    await new Promise<void>((r) => sync.afterSaved(() => r()));
    expect(log).toEqual(['a saved=true', 'after a saved=true', 'b saved=true', 'after b saved=true']);
  });

  it('reports a failed write to the changes it carried and retries with the next change', async () => {
    const rec = recordingMgr(1, 1);
    const sync = new StateSync(rec.mgr, new State('l'));
    const d1 = await sync.update((s) => s.setCurrent(addr(0), obj('a'), provider));
    expect(d1[0]!.detail).toBe('disk full');
    const d2 = await sync.update((s) => s.setCurrent(addr(1), obj('b'), provider));
    expect(d2).toEqual([]);
    expect(decodeState(rec.snapshots[0]!).state!.instanceCount).toBe(2);
  });

  it('spaces writes of a slow-to-write state so writing takes at most about half the time', async () => {
    const rec = recordingMgr(30);
    const sync = new StateSync(rec.mgr, new State('l'), { gapFactor: 1 });
    const t0 = performance.now();
    const done: Promise<unknown>[] = [];
    while (performance.now() - t0 < 400) {
      const i = done.length;
      done.push(sync.update((s) => s.setCurrent(addr(i), obj(`g${i}`), provider)));
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await sync.flush()).toEqual([]);
    await Promise.all(done);
    // Without spacing there would be about one write per 30 ms; with it, about one per 60 ms.
    expect(sync.writes).toBeLessThanOrEqual(Math.ceil((performance.now() - t0) / 55) + 1);
    expect(decodeState(rec.snapshots[rec.snapshots.length - 1]!).state!.instanceCount).toBe(done.length);
  });

  it('writes at once, without the gap, when nothing else is running (a chain of dependents)', async () => {
    const rec = recordingMgr(30);
    const sync = new StateSync(rec.mgr, new State('l'), { gapFactor: 50 });
    sync.setOthersRunning(() => false);
    const t0 = performance.now();
    // Each change waits for the previous one to be saved, as dependent resources do.
    for (let i = 0; i < 6; i++) await sync.update((s) => s.setCurrent(addr(i), obj(`c${i}`), provider));
    const elapsed = performance.now() - t0;
    expect(sync.writes).toBe(6);
    // With the gap each step after the first would wait 50 x 30 ms = 1.5 s; without it, none.
    expect(elapsed).toBeLessThan(1500);
  });

  it('keeps the local state file complete while many completions race', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'terrane-sync-'));
    try {
      const mgr = new LocalBackend({ dir }).stateMgr('default');
      const sync = new StateSync(mgr, new State('a5d2b1f0-0000-4000-8000-000000000003'), { gapFactor: 0 });
      const file = path.join(dir, 'terraform.tfstate');
      let reads = 0;
      const reader = (async () => {
        for (let k = 0; k < 30; k++) {
          await new Promise((r) => setTimeout(r, 3));
          try {
            const { diags } = decodeState(await readFile(file, 'utf8'));
            expect(diags).toEqual([]);
            reads++;
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
          }
        }
      })();
      await Promise.all(Array.from({ length: 100 }, (_, i) => sync.update((s) => s.setCurrent(addr(i), obj(`x${i}`), provider))));
      await reader;
      expect(reads).toBeGreaterThan(0);
      const final = decodeState(await readFile(file, 'utf8')).state!;
      expect(final.instanceCount).toBe(100);
      expect(final.serial).toBe(sync.writes);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
