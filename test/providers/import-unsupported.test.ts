/**
 * Importing a type whose hashicorp provider (built on the plugin framework) has no import:
 * the provider's error, as Terraform 1.11 shows it (no source: core passes import
 * diagnostics on as they are), both for `terrane import` and for an import block.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, terrane } from './cli.js';

const ERROR = '\nError: Resource Import Not Implemented\n\nThis resource does not support import. Please contact the provider developer\nfor additional information.\n';

describe('import of a type without import support', () => {
  it('terrane import fails with the provider error and writes no state', () => {
    const dir = fixture('import-unsupported');
    expect(terrane(dir, 'init').code).toBe(0);
    const r = terrane(dir, 'import', '-no-color', 'random_pet.b', 'x-y');
    expect(r.code).toBe(1);
    expect(r.out).toBe('random_pet.b: Importing from ID "x-y"...\n');
    expect(r.err).toBe(ERROR);
    expect(existsSync(join(dir, 'terraform.tfstate'))).toBe(false);
  });
  it('an import block fails the plan the same way', () => {
    const dir = fixture('import-unsupported');
    expect(terrane(dir, 'init').code).toBe(0);
    const r = terrane(dir, 'plan', '-no-color');
    expect(r.code).toBe(1);
    expect(r.err).toBe(ERROR);
  });
});
