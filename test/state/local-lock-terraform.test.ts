/**
 * The local backend's lock next to Terraform's. terraform 1.11.4 locks a local state with
 * fcntl(F_SETLK) on terraform.tfstate itself (seen in /proc/locks as
 * `POSIX ADVISORY WRITE <pid> <dev>:<inode> 0 EOF`), then writes
 * .terraform.tfstate.lock.info; killed, it leaves that file behind with no lock. These tests
 * stand in for the kernel's list with a file of their own.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, rm, writeFile, utimes, readdir, readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LocalBackend, type LocalStateMgr } from '../../src/state/backends/local.js';
import { fileId } from '../../src/state/backends/posix-locks.js';

// What terraform 1.11.4 wrote while `terraform apply` waited for approval.
const TERRAFORM_LOCK_INFO = '{"ID":"4ab7277e-6391-3aa6-5c7e-11bdd6ede359","Operation":"OperationTypeApply","Info":"","Who":"root@vm","Version":"1.11.4","Created":"2026-11-26T12:45:58.649695287Z","Path":"terraform.tfstate"}';

describe('local lock and Terraform\'s', () => {
  let dir: string;
  let mgr: LocalStateMgr;
  let locks: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'terrane-tflock-'));
    await writeFile(path.join(dir, 'terraform.tfstate'), '');
    locks = path.join(dir, 'proc-locks');
    await writeFile(locks, '');
    mgr = new LocalBackend({ dir }).stateMgr('default');
    mgr.procLocksPath = locks;
  });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  /** Lists an fcntl lock on the state file, as the kernel does while terraform holds it. */
  async function terraformHoldsStateFile(): Promise<void> {
    const id = (await fileId(path.join(dir, 'terraform.tfstate')))!;
    const hex = (n: number) => n.toString(16).padStart(2, '0');
    await writeFile(locks, `1: POSIX  ADVISORY  WRITE 4242 ${hex(id.major)}:${hex(id.minor)}:${id.ino} 0 EOF\n`);
  }
  async function terraformLockInfo(ageMs: number): Promise<void> {
    const f = path.join(dir, '.terraform.tfstate.lock.info');
    await writeFile(f, TERRAFORM_LOCK_INFO);
    const t = (Date.now() - ageMs) / 1000;
    await utimes(f, t, t);
  }

  it('waits for a running terraform, showing its lock info', async () => {
    await terraformHoldsStateFile();
    await terraformLockInfo(60_000);
    const r = await mgr.lock({ operation: 'OperationTypePlan' }, 0);
    expect(r.id).toBeUndefined();
    expect(r.diags[0]!.detail).toContain('ID:        4ab7277e-6391-3aa6-5c7e-11bdd6ede359');
    expect(r.diags[0]!.detail).toContain('Version:   1.11.4');
  });

  it('is refused while terraform holds the state file, even before it wrote its lock info', async () => {
    await terraformHoldsStateFile();
    const r = await mgr.lock({ operation: 'OperationTypePlan' }, 0);
    expect(r.id).toBeUndefined();
    expect(r.diags[0]!.summary).toBe('Error acquiring the state lock');
    // Its own attempt is not left behind for terraform to find.
    expect((await readdir(dir)).filter((f) => f.includes('lock.info'))).toEqual([]);
  });

  it('clears the lock info of a terraform that was killed (no lock on the state file any more)', async () => {
    await terraformLockInfo(60_000);
    const r = await mgr.lock({ operation: 'OperationTypePlan' }, 0);
    expect(r.diags).toEqual([]);
    expect((await mgr.lockInfo())!.ID).toBe(r.id);
    expect(await mgr.unlock(r.id!)).toEqual([]);
  });

  it('leaves a lock info file alone while it is new (its writer may not have finished taking the lock)', async () => {
    await terraformLockInfo(0);
    expect((await mgr.lock({ operation: 'OperationTypePlan' }, 0)).id).toBeUndefined();
  });

  it('cannot tell a dead terraform from a live one without the kernel\'s list, so keeps its lock', async () => {
    mgr.procLocksPath = path.join(dir, 'no-such-list');
    await terraformLockInfo(60_000);
    expect((await mgr.lock({ operation: 'OperationTypePlan' }, 0)).id).toBeUndefined();
  });
});

describe('force-unlock of a local state', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'terrane-forceunlock-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('refuses a lock whose process is running, with Terraform\'s words', async () => {
    const holder = new LocalBackend({ dir }).stateMgr('default');
    const { id } = await holder.lock({ operation: 'OperationTypeApply' });
    const d = await new LocalBackend({ dir }).stateMgr('default').forceUnlock(id!);
    expect(d.map((x) => x.extra?.['text'])).toEqual(['Failed to unlock state: LocalState not locked']);
    expect((await holder.lockInfo())!.ID).toBe(id);
    expect(await holder.unlock(id!)).toEqual([]);
  });

  it('removes a lock whose process has gone (terrane\'s lock is a file that can outlive it)', async () => {
    const holder = new LocalBackend({ dir }).stateMgr('default');
    const { id } = await holder.lock({ operation: 'OperationTypeApply' });
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const marker = path.join(dir, '.terraform.tfstate.lock.info.pid');
    const [, host] = (await readFile(marker, 'utf8')).split(' ');
    await writeFile(marker, `${gone} ${host} ${id}`);
    const other = new LocalBackend({ dir }).stateMgr('default');
    expect(await other.forceUnlock('wrong-id')).toHaveLength(1);
    expect(await other.forceUnlock(id!)).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });
});
