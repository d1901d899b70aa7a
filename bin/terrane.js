#!/usr/bin/env node
import { existsSync } from 'node:fs';

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
