#!/usr/bin/env node
import { existsSync } from 'node:fs';
import v8 from 'node:v8';

// When allocation is fast, V8 lets the heap grow to four times what survived its last full
// collection before collecting again; on 100k-instance plans and applies that put peak RSS
// at about three times the live heap. Doubling at most (Go's default, GOGC=100) keeps the
// peak near twice what is live; at 10k instances it costs no measurable time.
// A --heap-growing-percent on node's command line wins (0 restores V8's own choice).
if (!process.execArgv.some((a) => /^--heap[-_]growing[-_]percent/.test(a))) v8.setFlagsFromString('--heap-growing-percent=100');

// Output piped into a reader that stops early (`terrane plan | head`): the rest is dropped
// and the command carries on. Stopping halfway through an apply would leave work in flight.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED')) return;
    throw err;
  });
}

// The bundled CLI (scripts/bundle.mjs) starts faster; the plain compiled tree works too.
const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const { main } = await import(existsSync(bundled) ? bundled.href : '../dist/cli/main.js');

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`terrane: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
