/**
 * `validate` asks each provider to validate the resource, data source and provider
 * configurations (unknown values allowed), as Terraform does: errors that only appeared
 * at plan before now appear at validate, placed at the argument with the resource's
 * address. The form ("with ADDR," then the argument's line) is terraform 1.11.4's for a
 * provider's validation error (seen with the aws provider's cidr_block check); the texts
 * are the providers' own (random, tls).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terraneInProcess } from '../support/cli-in-process.js';

async function run(main: string, args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-pvalidate-'));
  writeFileSync(join(dir, 'main.tf'), main);
  await terraneInProcess(dir, ['init', '-no-color']);
  return terraneInProcess(dir, [...args, '-no-color']);
}

describe('validate runs the providers\' validation', () => {
  it('reports each invalid argument at its line, naming the resource', async () => {
    const r = await run([
      'resource "random_password" "p" {\n  length = 0\n}\n',
      'resource "tls_private_key" "k" {\n  algorithm = "NOPE"\n}\n',
    ].join(''), ['validate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Invalid Attribute Value\n\n  with random_password.p,\n  on main.tf line 2, in resource "random_password" "p":\n   2:   length = 0\n\nAttribute length value must be at least 1, got: 0\n');
    expect(r.stderr).toContain('Error: Invalid Attribute Value Match\n\n  with tls_private_key.k,\n  on main.tf line 5, in resource "tls_private_key" "k":\n   5:   algorithm = "NOPE"\n\nAttribute algorithm value must be one of: ["RSA" "ECDSA" "ED25519"], got:\n"NOPE"\n');
    expect(r.stderr.match(/Error:/g)).toHaveLength(2);
  });

  it('names the resource inside its module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-pvalidate-'));
    writeFileSync(join(dir, 'main.tf'), 'module "m" {\n  source = "./mod"\n  count  = 2\n}\n');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'mod'));
    writeFileSync(join(dir, 'mod', 'main.tf'), 'resource "random_string" "s" {\n  length = -1\n}\n');
    await terraneInProcess(dir, ['init', '-no-color']);
    const r = await terraneInProcess(dir, ['validate', '-no-color']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  with module.m.random_string.s,\n  on mod/main.tf line 2, in resource "random_string" "s":\n');
  });

  it('lets unknown values through: they are checked at plan, once', async () => {
    const main = 'variable "n" {\n  type = number\n}\nresource "random_password" "p" {\n  length = var.n\n}\n';
    const v = await run(main, ['validate']);
    expect(v.code, v.stderr).toBe(0);
    const p = await run(main, ['plan', '-var', 'n=0']);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain('Attribute length value must be at least 1, got: 0');
    expect(p.stderr.match(/Error:/g)).toHaveLength(1);
  });
});
