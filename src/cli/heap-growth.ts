/**
 * How far V8 lets the heap grow past what survived its last full collection. bin/terrane.js
 * starts every command at 100% (the heap at most doubles, like Go's GOGC=100). A command
 * whose configuration and state alone fill a few hundred MB (100k instances) then tightens
 * it to 60%: the peak is about the live heap times the factor, and at that size doubling
 * would take a no-change apply of 100k instances near 1 GB (live 400 MB, peak RSS 0.9-1.0
 * GB; at 60% 0.79 GB, no slower). Small runs keep the looser setting: at 10k instances 60%
 * costs more collections and about 0.1 s.
 */
import v8 from 'node:v8';

/** Above this heap use (MB) after loading, the heap grows by at most TIGHT_PERCENT. */
const LARGE_HEAP_MB = 256;
const TIGHT_PERCENT = 60;

let tightened = false;

/** Tightens heap growth once the heap holds a large run (unless node's command line set it). */
export function tightenHeapGrowthWhenLarge(): void {
  if (tightened || process.execArgv.some((a) => /^--heap[-_]growing[-_]percent/.test(a))) return;
  if (process.memoryUsage().heapUsed < LARGE_HEAP_MB * 1024 * 1024) return;
  tightened = true;
  v8.setFlagsFromString(`--heap-growing-percent=${TIGHT_PERCENT}`);
}
