/** `provider "name"` blocks: alias and version are meta-arguments; the rest is the provider's schema. */
import type { ContentBlock } from '../hcl/body.js';
import { errorDiag, warningDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { ProviderBlock } from './module.js';
import { requireString } from './static.js';

const providerMetaSchema = { attributes: [{ name: 'alias' }, { name: 'version' }], blocks: [] };
const ALIAS_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Decodes a provider block. */
export function decodeProvider(block: ContentBlock, diags: Diagnostic[]): ProviderBlock | undefined {
  const name = block.labels[0];
  if (name === undefined) return undefined;
  const { content, remain, diags: d } = block.body.partialContent(providerMetaSchema);
  diags.push(...d);
  const p: ProviderBlock = { name, config: remain, range: block.defRange, nameRange: block.labelRanges[0] ?? block.defRange };
  const alias = content.attributes.get('alias');
  if (alias) {
    const s = requireString(alias.expr, 'alias', diags);
    if (s !== undefined) {
      if (!ALIAS_RE.test(s)) diags.push(errorDiag('Invalid provider configuration alias', 'An alias must be a valid name. A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.', alias.expr.range));
      else p.alias = s;
    }
  }
  const version = content.attributes.get('version');
  if (version) {
    const s = requireString(version.expr, 'version', diags);
    if (s !== undefined) p.version = s;
    diags.push(warningDiag('Version constraints inside provider configuration blocks are deprecated', 'Terraform 0.13 and earlier allowed provider version constraints inside the provider configuration block, but that is now deprecated. Use a required_providers block instead.', version.range));
  }
  return p;
}
