/**
 * Recently read object files kept in memory, so that repeated GETs of the same objects
 * answer with one socket write instead of a file read into fresh buffers each time (which
 * costs as much as the send itself for multi-megabyte objects). Object files are never
 * rewritten, only unlinked, so an entry is valid until its file is dropped.
 */
import { readFile } from 'node:fs';

/** Objects larger than this are always streamed from disk. */
export const CACHE_MAX_OBJECT = 16 << 20;
/** Total bytes kept; the least recently used entries go first. */
export const CACHE_BUDGET = 128 << 20;

/** A bounded LRU of file contents by file name. */
export class BodyCache {
  private readonly entries = new Map<string, Buffer>();
  private readonly loading = new Set<string>();
  private bytes = 0;

  constructor(private readonly budget = CACHE_BUDGET, private readonly maxObject = CACHE_MAX_OBJECT) {}

  /** The cached bytes of `file`, marking them recently used. */
  get(file: string): Buffer | undefined {
    const b = this.entries.get(file);
    if (b) {
      this.entries.delete(file);
      this.entries.set(file, b);
    }
    return b;
  }

  /**
   * Loads `file` (at `path`, `size` bytes) in the background when it is small enough and
   * not there yet; the request that missed streams from disk meanwhile.
   */
  warm(file: string, path: string, size: number): void {
    if (size > this.maxObject || size > this.budget || this.entries.has(file) || this.loading.has(file)) return;
    this.loading.add(file);
    readFile(path, (err, data) => {
      // A file dropped while loading (forget() removed it from `loading`) is not cached.
      if (!this.loading.delete(file) || err) return;
      this.entries.set(file, data);
      this.bytes += data.length;
      for (const [k, v] of this.entries) {
        if (this.bytes <= this.budget) break;
        this.entries.delete(k);
        this.bytes -= v.length;
      }
    });
  }

  /** Forgets a file that is being deleted. */
  forget(file: string): void {
    this.loading.delete(file);
    const b = this.entries.get(file);
    if (b) {
      this.entries.delete(file);
      this.bytes -= b.length;
    }
  }

  /** Bytes held. */
  get size(): number {
    return this.bytes;
  }
}
