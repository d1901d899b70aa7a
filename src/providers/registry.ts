/**
 * The providers terrane ships, by source address. `terrane init` resolves
 * required_providers against this table; the engine creates provider instances from it.
 */
import type { ProviderFactory } from './protocol.js';
import { BUILTIN_PROVIDERS } from './builtin/index.js';

const extra: ProviderFactory[] = [];

/** Adds a provider (the aws provider registers itself; tests register mocks). */
export function registerProvider(f: ProviderFactory): void {
  const i = extra.findIndex((x) => x.source === f.source);
  if (i >= 0) extra[i] = f;
  else extra.push(f);
}

/** Every available provider by full source address (`registry.terraform.io/hashicorp/random`). */
export function availableProviders(): Map<string, ProviderFactory> {
  const m = new Map<string, ProviderFactory>();
  for (const f of BUILTIN_PROVIDERS) m.set(f.source, f);
  for (const f of extra) m.set(f.source, f);
  return m;
}

import { awsProvider } from './aws/index.js';
registerProvider(awsProvider);
