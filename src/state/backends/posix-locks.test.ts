import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileId, locksHold, posixLockHeld } from './posix-locks.js';

// Lines as Linux prints them; the first is the fcntl lock terraform 1.11.4 took on its
// terraform.tfstate during an apply (inode 2967733 on device fe:00).
const PROC_LOCKS = [
  '1: POSIX  ADVISORY  WRITE 12746 fe:00:2967733 0 EOF',
  '2: POSIX  ADVISORY  READ 24105 fe:00:3023337 128 128',
  '3: FLOCK  ADVISORY  WRITE 999 fe:00:55 0 EOF',
  '3: -> POSIX  ADVISORY  WRITE 1000 fe:00:77 0 EOF',
  '4: OFDLCK ADVISORY  WRITE -1 08:01:42 0 EOF',
].join('\n') + '\n';

describe('locksHold', () => {
  it.each([
    ['a POSIX lock on the file', { major: 0xfe, minor: 0, ino: 2967733n }, true],
    ['an OFD lock on the file', { major: 8, minor: 1, ino: 42n }, true],
    ['the same inode on another device', { major: 8, minor: 0, ino: 2967733n }, false],
    ['a flock(2) lock, which Terraform does not take', { major: 0xfe, minor: 0, ino: 55n }, false],
    ['a process waiting for a lock, not holding it', { major: 0xfe, minor: 0, ino: 77n }, false],
    ['no lock at all', { major: 0xfe, minor: 0, ino: 1n }, false],
  ])('%s', (_what, id, held) => {
    expect(locksHold(PROC_LOCKS, id)).toBe(held);
  });
});

describe('posixLockHeld', () => {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-posix-locks-'));
  const state = join(dir, 'terraform.tfstate');
  writeFileSync(state, '{}');

  it('finds a lock on the file in the kernel\'s list, by device and inode', async () => {
    const id = (await fileId(state))!;
    const list = join(dir, 'locks-held');
    writeFileSync(list, `1: POSIX  ADVISORY  WRITE 1 ${id.major.toString(16).padStart(2, '0')}:${id.minor.toString(16).padStart(2, '0')}:${id.ino} 0 EOF\n`);
    expect(await posixLockHeld(state, list)).toBe(true);
    writeFileSync(list, PROC_LOCKS);
    expect(await posixLockHeld(state, list)).toBe(false);
  });

  it('cannot tell without a list, and a missing file is not locked', async () => {
    expect(await posixLockHeld(state, join(dir, 'no-such-list'))).toBeUndefined();
    writeFileSync(join(dir, 'empty-list'), '');
    expect(await posixLockHeld(join(dir, 'missing.tfstate'), join(dir, 'empty-list'))).toBe(false);
  });
});
