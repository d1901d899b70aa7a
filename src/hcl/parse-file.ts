/**
 * One entry point for configuration files of either syntax, chosen by name the way
 * Terraform does: `.json` suffixes (`.tf.json`, `.tfvars.json`) are JSON, the rest native.
 */
import type { File } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { parseConfig } from './parse.js';
import { parseJsonConfig } from './json/parse-config.js';

/** Parses a .tf/.tfvars/.hcl or .tf.json/.tfvars.json file; decode it with `bodyOf(file)`. */
export function parseConfigFile(src: string, filename: string): { file: File; diags: Diagnostic[] } {
  return filename.endsWith('.json') ? parseJsonConfig(src, filename) : parseConfig(src, filename);
}
