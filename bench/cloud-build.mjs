// Shared by the cloud benchmarks: transpiles src/ (TypeScript -> JavaScript, one file at a
// time, no bundling, with esbuild from the dev dependencies) into bench/out/build, so the
// benchmarks run plain `node` on JavaScript as an installed terrane would, without needing
// `npm run build` (dist/) and without paying tsx's on-the-fly compilation.
import { readdirSync, mkdirSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Transpiles src/**\/*.ts into bench/out/build and returns the path of cli/main.js. */
export function buildForBench() {
  const src = join(root, 'src');
  const out = join(root, 'bench', 'out', 'build');
  let failed = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) {
        const dest = join(out, relative(src, p)).replace(/\.ts$/, '.js');
        try {
          if (statSync(dest, { throwIfNoEntry: false })?.mtimeMs > statSync(p).mtimeMs) continue;
          const js = transformSync(readFileSync(p, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: p }).code;
          mkdirSync(dirname(dest), { recursive: true });
          writeFileSync(dest, js);
        } catch {
          failed++;
        }
      }
    }
  };
  walk(src);
  if (failed) process.stderr.write(`(bench build: ${failed} source files did not transpile and were skipped)\n`);
  return join(out, 'cli', 'main.js');
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
