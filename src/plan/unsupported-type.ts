/** The diagnostic for a resource or data source type its provider does not have. */
import { errorDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import { levenshtein } from '../hcl/didyoumean.js';
import type { ProviderManager } from './provider-manager.js';

/** "Invalid resource type" / "Invalid data source", with the nearest supported name. */
export function unsupportedTypeDiag(providers: ProviderManager, source: string, res: { mode: string; type: string; typeRange: Range }): Diagnostic {
  const schema = providers.schema(source);
  const names = schema ? Object.keys(res.mode === 'data' ? schema.dataSources : schema.resources) : [];
  const short = source.replace(/^registry\.terraform\.io\//, '');
  let detail = `The provider ${short} does not support ${res.mode === 'data' ? 'data source' : 'resource type'} "${res.type}".`;
  const near = names.map((n) => [n, levenshtein(n, res.type)] as const).filter(([, d]) => d < 3).sort((a, b) => a[1] - b[1])[0];
  if (near) detail += `\n\nDid you mean "${near[0]}"?`;
  if (!schema) detail = `terrane does not have provider ${short}.`;
  return errorDiag(res.mode === 'data' ? 'Invalid data source' : 'Invalid resource type', detail, res.typeRange);
}
