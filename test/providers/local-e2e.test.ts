import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, terrane } from './cli.js';

describe('hashicorp/local end to end', () => {
  it('init, apply, no drift, drift on disk re-creates, destroy removes files', () => {
    const dir = fixture('local');
    expect(terrane(dir, 'init').code).toBe(0);
    const apply = terrane(dir, 'apply', '-auto-approve');
    expect(apply.err).toBe('');
    expect(apply.code).toBe(0);
    const file = join(dir, 'out/greeting.txt');
    expect(readFileSync(file, 'utf8')).toBe('hello, terrane\n');
    expect(apply.out).toContain(`sha = "${createHash('sha256').update('hello, terrane\n').digest('hex')}"`);
    expect(apply.out).toContain('read_back = <<EOT');
    expect(terrane(dir, 'plan', '-detailed-exitcode').code).toBe(0);

    // Drift: someone edits the file behind terrane's back.
    writeFileSync(file, 'edited by hand\n');
    const drift = terrane(dir, 'plan', '-detailed-exitcode');
    expect(drift.code).toBe(2);
    expect(drift.out).toContain('# local_file.greeting will be created');
    expect(drift.out).toMatch(/Plan: 1 to add, 0 to change, 0 to destroy\./);
    expect(terrane(dir, 'apply', '-auto-approve').code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('hello, terrane\n');
    expect(terrane(dir, 'plan', '-detailed-exitcode').code).toBe(0);

    const destroy = terrane(dir, 'destroy', '-auto-approve');
    expect(destroy.code).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(join(dir, 'out/key.pem'))).toBe(false);
  });
});
