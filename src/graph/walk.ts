/**
 * The parallel walker: runs a visit function over every node of a DAG, a node only after
 * all of its dependencies succeeded, at most `parallelism` at once. A failure stops its
 * dependents (reported as skipped) while independent work carries on, as in Terraform.
 *
 * Built for large graphs: nodes become integer indexes, readiness is a counter per node,
 * and no step is recursive, so 100k-node fan-outs and 100k-long chains cost O(V + E).
 */
import { errorDiag, hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import type { Graph } from './dag.js';
import { cycleDiagnostics, findCyclesIndexed } from './cycles.js';
import { indexGraph } from './indexed.js';

/** Options of a walk. */
export interface WalkOptions {
  /** Most visits in flight at once (Terraform's `-parallelism`, default 10). */
  parallelism?: number;
  /** When aborted, no new visit starts; visits in flight finish; the rest is reported as cancelled. */
  signal?: AbortSignal;
  /**
   * Look for cycles before visiting anything and, if there is one, visit nothing: for a
   * walk whose visits change the world (apply), where work done before the walk gets stuck
   * would be left half-finished.
   */
  refuseCycles?: boolean;
  /** What a `Cycle: ...` error calls each node (by default its key). */
  cycleName?: (key: string) => string;
}

/** What happened to each node. */
export type NodeOutcome = 'ok' | 'failed' | 'skipped' | 'cancelled';

/** The result of a walk. */
export interface WalkResult {
  /** Every diagnostic the visits returned (warnings too), in completion order. */
  diags: Diagnostic[];
  /** Nodes whose visit returned errors or threw. */
  failed: string[];
  /** Nodes not visited because something they depend on failed (or was skipped). */
  skipped: string[];
  /** Nodes not visited because the walk was aborted. */
  cancelled: string[];
  /** Number of successful visits. */
  succeeded: number;
}

/** A visit: the work for one node. Errors in the returned diagnostics mark the node failed. */
export type Visit<N> = (key: string, value: N) => Promise<Diagnostic[]> | Diagnostic[];

const PENDING = 0, RUNNING = 1, OK = 2, FAILED = 3, SKIPPED = 4, CANCELLED = 5;

/**
 * Walks `g`, calling `visit` for each node once its dependencies have all succeeded.
 * Nodes on or behind a cycle never run; the walk then ends with one `Cycle: ...` error
 * per cycle (or, with `refuseCycles`, with those errors and nothing visited).
 */
export async function walk<N>(g: Graph<N>, visit: Visit<N>, opts: WalkOptions = {}): Promise<WalkResult> {
  const parallelism = Math.max(1, Math.floor(opts.parallelism ?? 10));
  const signal = opts.signal;
  const ix = indexGraph(g);
  const keys = ix.keys;
  const n = keys.length;
  const start = ix.rdepStart;
  const dependents = ix.rdeps;
  const pending = new Int32Array(n);
  for (let i = 0; i < n; i++) pending[i] = ix.depStart[i + 1]! - ix.depStart[i]!;

  const result: WalkResult = { diags: [], failed: [], skipped: [], cancelled: [], succeeded: 0 };
  const state = new Uint8Array(n);
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (pending[i] === 0) ready.push(i);
  if (n > 0 && (ready.length === 0 || opts.refuseCycles)) {
    result.diags = cycleDiagnostics(findCyclesIndexed(ix, g), opts.cycleName);
    if (result.diags.length) return result;
  }

  let head = 0;
  let running = 0;
  let finished = 0;

  const skipFrom = (i: number) => {
    const stack = [i];
    while (stack.length) {
      const v = stack.pop()!;
      for (let p = start[v]!; p < start[v + 1]!; p++) {
        const d = dependents[p]!;
        if (state[d] === PENDING) {
          state[d] = SKIPPED;
          finished++;
          result.skipped.push(keys[d]!);
          stack.push(d);
        }
      }
    }
  };

  return new Promise<WalkResult>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      if (signal?.aborted) {
        for (let i = 0; i < n; i++) {
          if (state[i] === PENDING) { state[i] = CANCELLED; result.cancelled.push(keys[i]!); }
        }
      } else if (finished < n) {
        // Nodes never became ready: they sit on or behind a cycle.
        result.diags.push(...cycleDiagnostics(findCyclesIndexed(ix, g), opts.cycleName));
      }
      done = true;
      signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const complete = (i: number, diags: Diagnostic[]) => {
      running--;
      finished++;
      if (diags.length) for (const d of diags) result.diags.push(d);
      if (hasErrors(diags)) {
        state[i] = FAILED;
        result.failed.push(keys[i]!);
        skipFrom(i);
      } else {
        state[i] = OK;
        result.succeeded++;
        for (let p = start[i]!; p < start[i + 1]!; p++) {
          const d = dependents[p]!;
          if (--pending[d]! === 0 && state[d] === PENDING) ready.push(d);
        }
      }
      pump();
    };
    const pump = () => {
      while (running < parallelism && head < ready.length && !signal?.aborted) {
        const i = ready[head++]!;
        if (state[i] !== PENDING) continue;
        state[i] = RUNNING;
        running++;
        let r: Promise<Diagnostic[]> | Diagnostic[];
        try {
          r = visit(keys[i]!, g.get(keys[i]!) as N);
        } catch (e) {
          r = [thrownDiag(keys[i]!, e)];
        }
        if (Array.isArray(r)) {
          // Complete synchronous visits on a microtask so a long chain never recurses.
          const diags = r;
          queueMicrotask(() => complete(i, diags));
        } else {
          r.then((d) => complete(i, d ?? []), (e: unknown) => complete(i, [thrownDiag(keys[i]!, e)]));
        }
      }
      if (running === 0 && (head >= ready.length || signal?.aborted)) finish();
    };
    const onAbort = () => { if (running === 0) finish(); };
    signal?.addEventListener('abort', onAbort);
    if (n === 0) { finish(); return; }
    pump();
  });
}

function thrownDiag(key: string, e: unknown): Diagnostic {
  const msg = e instanceof Error ? e.message : String(e);
  return errorDiag(`Error in ${key}`, msg);
}
