/** Addresses: small immutable value types that print and parse Terraform's address syntax. */
export * from './instance-key.js';
export * from './traversal.js';
export * from './module.js';
export * from './module-instance.js';
export * from './resource.js';
export * from './abs-resource.js';
export * from './provider.js';
export * from './provider-config.js';
export * from './output-value.js';
export * from './local-value.js';
export * from './input-variable.js';
export * from './module-call.js';
export * from './target.js';
export * from './move-endpoint.js';
