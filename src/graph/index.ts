/** The dependency graph: DAG, cycles, ordering, DOT output and the parallel walker. */
export * from './dag.js';
export * from './cycles.js';
export * from './topo.js';
export * from './dot.js';
export * from './walk.js';
export * from './indexed.js';
