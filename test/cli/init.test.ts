/** `terrane init` on a configuration that only uses the builtin provider, as terraform 1.11.4 does it. */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terrane } from './helpers.js';

describe('init with only the builtin provider', () => {
  it('names it as built in, looks nothing up and writes no lock file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-init-builtin-'));
    writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "x" {\n  input = "a"\n}\n');
    const r = terrane(dir, ['init', '-no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Initializing the backend...\nInitializing provider plugins...\n- terraform.io/builtin/terraform is built in to terrane\n\n'
      + 'terrane has been successfully initialized!\n\nYou may now begin working with terrane. Try running "terrane plan" to see\n'
      + 'any changes that are required for your infrastructure. All terrane commands\nshould now work.\n\n'
      + 'If you ever set or change modules or backend configuration for terrane,\nrerun this command to reinitialize your working directory. If you forget, other\n'
      + 'commands will detect it and remind you to do so if necessary.\n');
    expect(existsSync(join(dir, '.terraform.lock.hcl'))).toBe(false);
    expect(existsSync(join(dir, '.terraform'))).toBe(false);
    expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);
  });
});
