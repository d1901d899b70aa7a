/** Provider source addresses: `aws` and `hashicorp/aws` mean `registry.terraform.io/hashicorp/aws`. */

const PART = /^[a-z0-9][a-z0-9-]*$/i;

/** The full source address, or an error message in Terraform's words. */
export function normalizeProviderSource(src: string): string | { error: string } {
  const parts = src.split('/');
  if (parts.some((p) => p === '')) return { error: `The "source" attribute must be in the format "[hostname/][namespace/]name".` };
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]!.toLowerCase()}`;
  if (parts.length === 2) {
    if (!PART.test(parts[0]!) || !PART.test(parts[1]!)) return { error: `Invalid provider source "${src}": names may contain only letters, digits and dashes.` };
    return `registry.terraform.io/${parts[0]!.toLowerCase()}/${parts[1]!.toLowerCase()}`;
  }
  if (parts.length === 3) return `${parts[0]!.toLowerCase()}/${parts[1]!.toLowerCase()}/${parts[2]!.toLowerCase()}`;
  return { error: `The "source" attribute must be in the format "[hostname/][namespace/]name".` };
}

/** The short form Terraform prints (`hashicorp/aws`) for registry.terraform.io addresses. */
export function shortProviderSource(full: string): string {
  return full.startsWith('registry.terraform.io/') ? full.slice('registry.terraform.io/'.length) : full;
}

/** The implied local name's provider type: `aws_instance` -> `aws`. */
export function impliedProviderName(resourceType: string): string {
  const i = resourceType.indexOf('_');
  return i < 0 ? resourceType : resourceType.slice(0, i);
}
