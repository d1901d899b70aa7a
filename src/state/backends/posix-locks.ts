/**
 * Whether some process holds a POSIX record lock (fcntl F_SETLK) on a file, read from
 * Linux's /proc/locks. Terraform's local backend locks `terraform.tfstate` that way and
 * only then writes `.terraform.tfstate.lock.info`; Node has no fcntl, so terrane cannot
 * take that lock itself, but it can see it: to wait for a running terraform, and to tell
 * a lock info file left by a terraform that was killed (its OS lock died with it) from a
 * live one.
 */
import { promises as fs } from 'node:fs';

/** A file's identity as /proc/locks names it: device major and minor, and inode. */
export interface FileId { major: number; minor: number; ino: bigint }

/**
 * The identity of `file` (undefined when it does not exist). st_dev is decoded the way
 * glibc's major()/minor() do, which gives the numbers the kernel prints in /proc/locks.
 */
export async function fileId(file: string): Promise<FileId | undefined> {
  try {
    const st = await fs.stat(file, { bigint: true });
    const dev = st.dev;
    const major = Number(((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn));
    const minor = Number((dev & 0xffn) | ((dev >> 12n) & ~0xffn));
    return { major, minor, ino: st.ino };
  } catch {
    return undefined;
  }
}

/**
 * True when /proc/locks text shows a granted POSIX or OFD lock on `id` (lines with `->`
 * are waiters, not holders). A line looks like `1: POSIX  ADVISORY  WRITE 12746 fe:00:2967733 0 EOF`.
 */
export function locksHold(procLocks: string, id: FileId): boolean {
  for (const line of procLocks.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6 || f[1] === '->') continue;
    if (f[1] !== 'POSIX' && f[1] !== 'OFDLCK') continue;
    const parts = f[5]!.split(':');
    if (parts.length !== 3) continue;
    const [maj, min, ino] = parts as [string, string, string];
    if (parseInt(maj, 16) === id.major && parseInt(min, 16) === id.minor && ino === id.ino.toString()) return true;
  }
  return false;
}

/**
 * Whether a process holds a POSIX lock on `file`: true or false where /proc/locks can be
 * read, undefined elsewhere (then nobody can tell, and callers stay cautious).
 */
export async function posixLockHeld(file: string, procLocksPath = '/proc/locks'): Promise<boolean | undefined> {
  let text: string;
  try { text = await fs.readFile(procLocksPath, 'utf8'); } catch { return undefined; }
  const id = await fileId(file);
  if (!id) return false; // no file, nothing locked: Terraform creates the state file before locking it
  return locksHold(text, id);
}
