/** The programmatic API of terrane. */
export * from './hcl/diagnostic.js';
export * as types from './lang/types.js';
export * from './lang/value.js';
