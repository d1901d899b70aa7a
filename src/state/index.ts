/** State: the model, Terraform's v4 file format, value conversion, backends and the apply-time mutator. */
export * from './state.js';
export * from './state-file.js';
export * from './state-v4-json.js';
export * from './values-json.js';
export * from './attributes.js';
export * from './go-json.js';
export * from './backend.js';
export * from './state-sync.js';
export * from './backends/local.js';
export * from './workspace.js';
