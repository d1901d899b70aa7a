/**
 * How far V8 lets the heap grow past what survived its last full collection, for the CLI.
 *
 * When allocation is fast, V8 lets the heap grow to four times what survived before it
 * collects again; on 100k-instance plans and applies that put peak RSS at about three times
 * the live heap. Every command therefore starts at 100% (the heap at most doubles, like Go's
 * GOGC=100), which costs nothing measurable at 10k instances. A run whose configuration and
 * state alone fill a few hundred MB (100k instances) then tightens it to 60%: at 100% a
 * no-change apply of 100k instances peaked at 0.9-1.0 GB (live heap 400 MB), at 60% at
 * 0.76-0.82 GB, no slower. Small runs keep 100%: there 60% costs more collections.
 * A --heap-growing-percent on node's command line wins (0 restores V8's own choice).
 */
import v8 from 'node:v8';

/** Above this heap use (MB) once the state is loaded, the heap grows by at most TIGHT_PERCENT. */
const LARGE_HEAP_MB = 256;
const START_PERCENT = 100;
const TIGHT_PERCENT = 60;

const setOnCommandLine = process.execArgv.some((a) => /^--heap[-_]growing[-_]percent/.test(a));
let tightened = false;

/** Sets the starting growth (bin/terrane.js calls it before running a command). */
export function startHeapGrowth(): void {
  if (setOnCommandLine) return;
  tightened = false;
  v8.setFlagsFromString(`--heap-growing-percent=${START_PERCENT}`);
}

/** Tightens heap growth once the heap holds a large run (called after the state is read). */
export function tightenHeapGrowthWhenLarge(): void {
  if (tightened || setOnCommandLine) return;
  if (process.memoryUsage().heapUsed < LARGE_HEAP_MB * 1024 * 1024) return;
  tightened = true;
  v8.setFlagsFromString(`--heap-growing-percent=${TIGHT_PERCENT}`);
}
