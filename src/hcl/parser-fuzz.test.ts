/**
 * Property test: on thousands of generated inputs (mutations, truncations and splices of the
 * testdata/hcl corpus, plus random token soups) the parser never throws, always terminates
 * and always returns a tree with well-formed diagnostics. Deterministic: a fixed PRNG seed.
 *
 * The inputs run in a worker thread so that a hang is caught: if one input takes longer than
 * the budget, the worker is terminated and the input is saved as a seed in
 * testdata/hcl/fuzz-seeds/ (seeds are replayed on every run).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const seedsDir = join(root, 'testdata/hcl/fuzz-seeds');
const INPUTS = 3000;
const HANG_MS = 5000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else if (/\.(tf|hcl|tfvars|tftpl)$/.test(name)) out.push(p);
  }
  return out.sort();
}

const CHARS = '{}[]()"\'$%~\n\r\t =<>!&|*/#.,:?-+0123456789aZ_é😀\\\u201c';
const SNIPPETS = [
  '${', '%{', '}', '~}', '${~', '<<EOT\n', '<<-EOT\n', 'EOT\n', '  EOT\n', '/*', '*/', '//', '#', '"', '\\u', '\\U0001',
  '[*]', '.*', '...', 'for ', ' in ', 'if ', '=>', '::', 'provider::', '%{ endif }', '%{ else }', '%{ endfor }',
  '\n', '{\n', '\n}\n', 'a = ', ' = ', '[for x in y : x]', '{for k, v in m : k => v}', '1.2.3', '.0', '$${', '%%{',
];
const SOUP = [
  'a', 'b_c', 'd-e', 'resource', '"s"', '"x${y}z"', '1', '2.5', '1e3', '=', '==', '{', '}', '[', ']', '(', ')', ',',
  '.', '*', '+', '-', '/', '%', '!', '&&', '||', '?', ':', '=>', '...', '::', 'for', 'in', 'if', 'true', 'null',
  '<<EOT\nx\nEOT\n', '\n', '# c\n', '/* c */', '${', '%{', '~}', '"', ';', "'", '<', '>=',
];

function pick<X>(rnd: () => number, xs: X[]): X {
  return xs[Math.floor(rnd() * xs.length)];
}

function mutate(rnd: () => number, s: string): string {
  const n = 1 + Math.floor(rnd() * 8);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const r = rnd();
    if (r < 0.35) s = s.slice(0, at) + pick(rnd, [...CHARS]) + s.slice(at + 1);
    else if (r < 0.7) s = s.slice(0, at) + pick(rnd, SNIPPETS) + s.slice(at);
    else s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 20));
  }
  return s;
}

/** The deterministic list of generated inputs. */
function generate(corpus: string[]): string[] {
  const rnd = mulberry32(0x5eed1);
  const out: string[] = [];
  for (let i = 0; i < INPUTS; i++) {
    const r = rnd();
    const a = pick(rnd, corpus);
    if (r < 0.5) out.push(mutate(rnd, a));
    else if (r < 0.65) out.push(a.slice(0, Math.floor(rnd() * a.length)));
    else if (r < 0.8) {
      const b = pick(rnd, corpus);
      out.push(a.slice(0, Math.floor(rnd() * a.length)) + b.slice(Math.floor(rnd() * b.length)));
    } else {
      const n = 1 + Math.floor(rnd() * 60);
      let s = '';
      for (let k = 0; k < n; k++) s += pick(rnd, SOUP) + pick(rnd, [' ', '', '\n', ' ']);
      out.push(s);
    }
  }
  return out;
}

// Runs in the worker: loads the TypeScript parser through tsx and checks every input,
// publishing the index being parsed so the test can tell which input hangs.
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { register } = await import('tsx/esm/api');
  register();
  const { parseConfig, parseExpression, parseTemplate, parseTraversalAbs } = await import(workerData.parseModule);
  const progress = new Int32Array(workerData.progress);
  const inputs = workerData.inputs;
  const failures = [];
  const checkDiags = (diags, src, what) => {
    const len = Buffer.byteLength(src) + 3;
    for (const d of diags) {
      if (d.severity !== 'error' && d.severity !== 'warning') throw new Error(what + ': bad severity');
      if (typeof d.summary !== 'string' || d.summary === '') throw new Error(what + ': empty summary');
      const r = d.subject;
      if (r && !(r.start.byte >= 0 && r.start.byte <= r.end.byte && r.end.byte <= len && r.start.line >= 1 && r.start.column >= 1)) {
        throw new Error(what + ': bad subject range ' + JSON.stringify(r));
      }
    }
  };
  for (let i = 0; i < inputs.length; i++) {
    Atomics.store(progress, 0, i);
    const src = inputs[i];
    try {
      const c = parseConfig(src, 'fuzz.tf');
      if (!c.file || !c.file.body || typeof c.file.body.attributes?.get !== 'function') throw new Error('parseConfig: no body');
      checkDiags(c.diags, src, 'parseConfig');
      const e = parseExpression(src, 'fuzz.hcl');
      if (!e.expr || !e.expr.kind) throw new Error('parseExpression: no expression');
      checkDiags(e.diags, src, 'parseExpression');
      const t = parseTemplate(src, 'fuzz.tftpl');
      if (!t.expr || !t.expr.kind) throw new Error('parseTemplate: no expression');
      checkDiags(t.diags, src, 'parseTemplate');
      checkDiags(parseTraversalAbs(src, 'fuzz').diags, src, 'parseTraversalAbs');
    } catch (err) {
      failures.push({ i, message: String(err && err.stack || err) });
    }
  }
  Atomics.store(progress, 0, inputs.length);
  parentPort.postMessage({ failures });
})().catch((err) => parentPort.postMessage({ fatal: String(err && err.stack || err) }));
`;

interface Outcome {
  failures: { i: number; message: string }[];
  hang?: number;
  fatal?: string;
}

function runInWorker(inputs: string[]): Promise<Outcome> {
  const progress = new SharedArrayBuffer(4);
  const view = new Int32Array(progress);
  Atomics.store(view, 0, -1);
  const worker = new Worker(workerCode, {
    eval: true,
    workerData: { inputs, progress, parseModule: join(here, 'parse.ts') },
  });
  return new Promise((res) => {
    let last = -2;
    let since = Date.now();
    const timer = setInterval(() => {
      const cur = Atomics.load(view, 0);
      if (cur !== last) {
        last = cur;
        since = Date.now();
      } else if (cur >= 0 && Date.now() - since > HANG_MS) {
        clearInterval(timer);
        void worker.terminate();
        res({ failures: [], hang: cur });
      }
    }, 100);
    worker.on('message', (m: { failures?: Outcome['failures']; fatal?: string }) => {
      clearInterval(timer);
      void worker.terminate();
      res({ failures: m.failures ?? [], fatal: m.fatal });
    });
    worker.on('error', (err) => {
      clearInterval(timer);
      res({ failures: [], fatal: String(err) });
    });
  });
}

function saveSeed(src: string): string {
  const name = `crash-${createHash('sha256').update(src).digest('hex').slice(0, 12)}.hcl`;
  writeFileSync(join(seedsDir, name), src);
  return name;
}

describe('parser fuzzing', () => {
  it(`never throws or hangs on ${INPUTS} generated inputs plus the saved seeds`, async () => {
    const files = listFiles(join(root, 'testdata/hcl'));
    const corpus = files.map((f) => readFileSync(f, 'utf8'));
    expect(corpus.length).toBeGreaterThan(0);
    const inputs = [...corpus, ...generate(corpus)];
    const out = await runInWorker(inputs);
    expect(out.fatal).toBeUndefined();
    if (out.hang !== undefined) {
      const name = saveSeed(inputs[out.hang]);
      throw new Error(`parser did not terminate within ${HANG_MS} ms on input ${out.hang} (saved as fuzz-seeds/${name})`);
    }
    // Save a few; the rest usually repeat the same bug.
    const saved = out.failures.slice(0, 10).map((f) => `${saveSeed(inputs[f.i])}: ${f.message.split('\n')[0]}`);
    expect(saved).toEqual([]);
  }, 120_000);
});
