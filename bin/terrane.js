#!/usr/bin/env node
import { existsSync } from 'node:fs';

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
const { main, startHeapGrowth } = await import(existsSync(bundled) ? bundled.href : '../dist/cli/main.js');
// Heap growth limits for the command (src/cli/heap-growth.ts), before it allocates much.
startHeapGrowth();

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`terrane: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
