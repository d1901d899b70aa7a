#!/usr/bin/env -S node --max-semi-space-size=64
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`terrane: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
