/**
 * Override files (`override.tf`, `*_override.tf`, and their `.tf.json` forms), merged the
 * way Terraform merges them: each block overrides the primary block with the same address,
 * argument by argument (nested block types replace, `lifecycle` merges argument by
 * argument, `count` and `for_each` exclude each other); an override with nothing to
 * override is an error, and `moved` / `import` blocks cannot appear in override files.
 */
import { withBody, type ContentBlock } from '../hcl/body.js';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import { mergeBodies, type MergeRules } from '../hcl/merge-body.js';
import type { Module } from './module.js';
import { providerKey } from './module.js';
import { decodeModuleCall } from './decode-module-call.js';
import { decodeOutput } from './decode-output.js';
import { decodeProvider } from './decode-provider.js';
import { decodeResource } from './decode-resource.js';
import { decodeVariable } from './decode-variable.js';

/** The primary blocks overrides merge into, by address (`resource.aws_vpc.main`, `provider.aws.west`...). */
export type OverrideBases = Map<string, ContentBlock>;

const REPETITION: MergeRules['exclusive'] = [['count', 'for_each']];
const RESOURCE_RULES: MergeRules = { mergeNested: new Set(['lifecycle']), exclusive: REPETITION };
const MODULE_RULES: MergeRules = { exclusive: REPETITION };

/** The key a primary block is recorded under, or undefined for blocks nothing overrides. */
export function overrideKey(b: ContentBlock, providerAddr?: string): string | undefined {
  switch (b.type) {
    case 'variable': case 'output': case 'module': return `${b.type}.${b.labels[0]}`;
    case 'resource': case 'data': return `${b.type}.${b.labels[0]}.${b.labels[1]}`;
    case 'provider': return providerAddr !== undefined ? `provider.${providerAddr}` : undefined;
    default: return undefined;
  }
}

/**
 * Merges one block of an override file into `mod`. Returns false for block types that are
 * not overridden but simply added (terraform, check, removed, ephemeral): the caller decodes those.
 */
export function applyOverride(mod: Module, b: ContentBlock, bases: OverrideBases, diags: Diagnostic[]): boolean {
  const merged = (key: string, rules: MergeRules = {}): ContentBlock | undefined => {
    const base = bases.get(key);
    if (!base) return undefined;
    const m = withBody(base, mergeBodies(base.body, b.body, rules));
    bases.set(key, m);
    return m;
  };
  const name = b.labels[0] ?? '', type = b.labels[0] ?? '', rname = b.labels[1] ?? '';
  switch (b.type) {
    case 'variable': {
      const m = merged(`variable.${name}`);
      if (!m) return missing(diags, b, 'Missing base variable declaration to override', `There is no variable named "${name}". An override file can only override a variable that was already declared in a primary configuration file.`);
      const v = fresh(diags, (d) => decodeVariable(m, d));
      if (v) mod.variables.set(v.name, v);
      return true;
    }
    case 'locals': {
      const { attributes, diags: d } = b.body.justAttributes();
      diags.push(...d);
      for (const [n, attr] of attributes) {
        if (!mod.locals.has(n)) {
          diags.push(errorDiag('Missing base local value definition to override', `There is no local value named "${n}". An override file can only override a local value that was already defined in a primary configuration file.`, attr.nameRange));
          continue;
        }
        mod.locals.set(n, { name: n, expr: attr.expr, range: attr.range });
      }
      return true;
    }
    case 'output': {
      const m = merged(`output.${name}`);
      if (!m) return missing(diags, b, 'Missing base output definition to override', `There is no output named "${name}". An override file can only override an output that was already defined in a primary configuration file.`);
      const o = fresh(diags, (d) => decodeOutput(m, d));
      if (o) mod.outputs.set(o.name, o);
      return true;
    }
    case 'module': {
      const m = merged(`module.${name}`, MODULE_RULES);
      if (!m) return missing(diags, b, 'Missing module call to override', `There is no module call named "${name}". An override file can only override a module call that was defined in a primary configuration file.`);
      const mc = fresh(diags, (d) => decodeModuleCall(m, d));
      if (mc) mod.moduleCalls.set(mc.name, mc);
      return true;
    }
    case 'resource':
    case 'data': {
      const managed = b.type === 'resource';
      const m = merged(`${b.type}.${type}.${rname}`, RESOURCE_RULES);
      if (!m) {
        return managed
          ? missing(diags, b, 'Missing resource to override', `There is no ${type} resource named "${rname}". An override file can only override a resource block defined in a primary configuration file.`)
          : missing(diags, b, 'Missing data resource to override', `There is no ${type} data resource named "${rname}". An override file can only override a data block defined in a primary configuration file.`);
      }
      const r = fresh(diags, (d) => decodeResource(m, managed ? 'managed' : 'data', d));
      if (r) (managed ? mod.managedResources : mod.dataResources).set(`${r.type}.${r.name}`, r);
      return true;
    }
    case 'provider': {
      const alone = decodeProvider(b, []);
      if (!alone) return true;
      const key = providerKey(alone.name, alone.alias);
      const m = merged(`provider.${key}`);
      if (!m) {
        if (alone.alias) {
          return missing(diags, b, 'Missing base provider configuration for override', `There is no ${alone.name} provider configuration with the alias "${alone.alias}". An override file can only override an aliased provider configuration that was already defined in a primary configuration file.`);
        }
        // A default configuration may be introduced by an override file.
        const p = decodeProvider(b, diags);
        if (p) { mod.providers.set(key, p); bases.set(`provider.${key}`, b); }
        return true;
      }
      const p = fresh(diags, (d) => decodeProvider(m, d));
      if (p) mod.providers.set(key, p);
      return true;
    }
    case 'moved':
      diags.push(errorDiag("Cannot override 'moved' blocks", 'Records of moved objects can appear only in normal files, not in override files.', b.defRange));
      return true;
    case 'import':
      diags.push(errorDiag("Cannot override 'import' blocks", 'Import blocks can appear only in normal files, not in override files.', b.defRange));
      return true;
    default:
      return false;
  }
}

function missing(diags: Diagnostic[], b: ContentBlock, summary: string, detail: string): true {
  diags.push(errorDiag(summary, detail, b.defRange));
  return true;
}

/**
 * Runs a decoder on a merged block, keeping only the diagnostics not already reported when
 * the primary block was decoded.
 */
function fresh<T>(diags: Diagnostic[], decode: (sink: Diagnostic[]) => T): T {
  const sink: Diagnostic[] = [];
  const out = decode(sink);
  const seen = new Set(diags.map(key));
  for (const d of sink) if (!seen.has(key(d))) diags.push(d);
  return out;
}

function key(d: Diagnostic): string {
  const r = d.subject;
  return `${d.summary}|${r ? `${r.filename}:${r.start.byte}-${r.end.byte}` : ''}`;
}
