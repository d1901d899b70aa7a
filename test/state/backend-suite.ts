/**
 * The shared case suite every StateBackend implementation runs (local today; s3 and pg
 * later). Call `backendSuite` from the implementation's test file with a factory that
 * makes a fresh, empty backend. A case a backend cannot support is skipped by name with
 * the reason given in `skip`.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { StateBackend } from '../../src/state/backend.js';
import { encodeState } from '../../src/state/state-file.js';
import * as V from '../../src/lang/value.js';
import { sampleState } from './sample-state.js';

export { sampleState };

/** A fresh backend and how to dispose of it. */
export interface BackendFixture {
  backend: StateBackend;
  cleanup(): Promise<void>;
}

/** Options: cases to skip, by name, each with the reason. */
export interface SuiteOptions {
  skip?: Record<string, string>;
}

/** Defines the suite for one backend implementation. */
export function backendSuite(name: string, make: () => Promise<BackendFixture>, opts: SuiteOptions = {}): void {
  describe(`StateBackend suite: ${name}`, () => {
    let fx: BackendFixture;
    beforeEach(async () => { fx = await make(); });
    afterEach(async () => { await fx.cleanup(); });

    const cases: Record<string, () => Promise<void>> = {
      'an unused workspace has no state': async () => {
        const r = await fx.backend.stateMgr('default').read();
        expect(r.diags).toEqual([]);
        expect(r.state).toBeUndefined();
      },

      'a written state reads back identically': async () => {
        const mgr = fx.backend.stateMgr('default');
        const s = sampleState();
        expect(await mgr.write(s)).toEqual([]);
        const r = await fx.backend.stateMgr('default').read();
        expect(r.diags).toEqual([]);
        expect(encodeState(r.state!)).toBe(encodeState(s));
      },

      'the serial moves only when the content changes and the lineage is kept': async () => {
        const mgr = fx.backend.stateMgr('default');
        const s = sampleState();
        await mgr.write(s);
        const first = s.serial;
        expect(first).toBe(1);
        await mgr.write(s);
        expect(s.serial).toBe(first);
        s.setOutput('extra', V.stringVal('x'), false);
        await mgr.write(s);
        expect(s.serial).toBe(first + 1);
        const r = await fx.backend.stateMgr('default').read();
        expect(r.state!.serial).toBe(first + 1);
        expect(r.state!.lineage).toBe(s.lineage);
        // A fresh manager that read the state continues from its serial.
        const mgr2 = fx.backend.stateMgr('default');
        const again = (await mgr2.read()).state!;
        // Written back unchanged, it is the same state: no new serial.
        await mgr2.write(again);
        expect(again.serial).toBe(first + 1);
        again.removeOutput('extra');
        await mgr2.write(again);
        expect(again.serial).toBe(first + 2);
      },

      'a lock is exclusive and a second taker fails with the holder\'s info': async () => {
        const a = fx.backend.stateMgr('default');
        const b = fx.backend.stateMgr('default');
        const la = await a.lock({ operation: 'OperationTypeApply', version: '0.1.0' });
        expect(la.diags).toEqual([]);
        const t0 = Date.now();
        const lb = await b.lock({ operation: 'OperationTypePlan' }, 300);
        expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
        expect(lb.id).toBeUndefined();
        expect(lb.diags[0]!.summary).toBe('Error acquiring the state lock');
        expect(lb.diags[0]!.detail).toContain(`  ID:        ${la.id}`);
        expect(lb.diags[0]!.detail).toContain('  Operation: OperationTypeApply');
        expect((await b.lockInfo())!.ID).toBe(la.id);
        expect(await a.unlock(la.id!)).toEqual([]);
        const lb2 = await b.lock({ operation: 'OperationTypePlan' });
        expect(lb2.diags).toEqual([]);
        await b.unlock(lb2.id!);
      },

      'a waiting lock is granted when the holder releases it': async () => {
        const a = fx.backend.stateMgr('default');
        const b = fx.backend.stateMgr('default');
        const la = await a.lock({ operation: 'OperationTypeApply' });
        setTimeout(() => { void a.unlock(la.id!); }, 150);
        const lb = await b.lock({ operation: 'OperationTypeApply' }, 5000);
        expect(lb.diags).toEqual([]);
        await b.unlock(lb.id!);
      },

      'unlock and force-unlock with a wrong ID are refused': async () => {
        const a = fx.backend.stateMgr('default');
        const la = await a.lock({ operation: 'OperationTypeApply' });
        const wrong = await a.unlock('not-the-id');
        expect(wrong[0]!.summary).toBe('Error releasing the state lock');
        expect(wrong[0]!.detail).toContain('does not match existing lock');
        const other = fx.backend.stateMgr('default');
        expect((await other.forceUnlock('nope'))[0]!.severity).toBe('error');
        expect((await other.lockInfo())?.ID).toBe(la.id);
        expect(await a.unlock(la.id!)).toEqual([]);
        expect(await other.lockInfo()).toBeUndefined();
      },

      'workspaces are listed default first and keep separate states': async () => {
        expect(await fx.backend.workspaces()).toEqual(['default']);
        expect(await fx.backend.createWorkspace('staging')).toEqual([]);
        expect(await fx.backend.createWorkspace('dev')).toEqual([]);
        expect((await fx.backend.createWorkspace('dev'))[0]!.summary).toContain('already exists');
        expect((await fx.backend.createWorkspace('a/b'))[0]!.summary).toBe('Invalid workspace name');
        expect(await fx.backend.workspaces()).toEqual(['default', 'dev', 'staging']);
        await fx.backend.stateMgr('dev').write(sampleState(2, 'dev'));
        expect((await fx.backend.stateMgr('default').read()).state).toBeUndefined();
        expect((await fx.backend.stateMgr('dev').read()).state!.outputs.get('tag')!.value.str).toBe('dev');
        expect(await fx.backend.deleteWorkspace('dev')).toEqual([]);
        expect(await fx.backend.workspaces()).toEqual(['default', 'staging']);
        expect((await fx.backend.stateMgr('dev').read()).state).toBeUndefined();
        expect((await fx.backend.deleteWorkspace('default'))[0]!.severity).toBe('error');
      },
    };

    for (const [caseName, fn] of Object.entries(cases)) {
      const reason = opts.skip?.[caseName];
      if (reason) it.skip(`${caseName} (skipped: ${reason})`, fn);
      else it(caseName, fn);
    }
  });
}
