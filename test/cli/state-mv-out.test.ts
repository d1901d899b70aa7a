/**
 * `state mv -state-out=PATH` moves objects into another state file, and the legacy local
 * flags of `state mv` / `state rm` (-state, -backup, -backup-out, -lock=false, -dry-run).
 * The behaviour is terraform 1.11.4's, observed on the same commands: the moved objects
 * leave the source; a new destination gets its own lineage, serial 1 and no backup; an
 * existing one is backed up to -backup-out or `<PATH>.<unix seconds>.backup`; an address
 * taken in the destination is refused.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applied, terrane } from './helpers.js';

interface StateDoc { serial: number; lineage: string; outputs: Record<string, unknown>; resources: { name: string; instances: unknown[] }[] }
const read = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as StateDoc;
const names = (s: StateDoc) => s.resources.map((r) => r.name);
const list = (dir: string, ...args: string[]) => terrane(dir, ['state', 'list', ...args]).stdout.trim().split('\n');

describe('state mv -state-out', () => {
  it('moves into a new state file, then into the existing one with a backup', () => {
    const dir = applied('basic');
    const before = read(dir, 'terraform.tfstate');
    const first = terrane(dir, ['state', 'mv', '-state-out=other.tfstate', 'terraform_data.a', 'terraform_data.x']);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('Move "terraform_data.a" to "terraform_data.x"\nSuccessfully moved 1 object(s).\n');
    expect(first.code).toBe(0);
    const other = read(dir, 'other.tfstate');
    expect(names(other)).toEqual(['x']);
    expect(other.serial).toBe(1);
    expect(other.lineage).not.toBe(before.lineage);
    expect(other.outputs).toEqual({});
    const src = read(dir, 'terraform.tfstate');
    expect(names(src)).not.toContain('a');
    expect(src.serial).toBe(before.serial + 1);
    expect(src.lineage).toBe(before.lineage);
    // A new destination has nothing to back up; the source is backed up as state mv's always is.
    expect(readdirSync(dir).filter((f) => f.startsWith('other.tfstate.'))).toEqual([]);
    expect(readdirSync(dir).some((f) => /^terraform\.tfstate\.\d+\.backup$/.test(f))).toBe(true);

    const second = terrane(dir, ['state', 'mv', '-state-out=other.tfstate', '-backup-out=out.backup', 'terraform_data.many', 'terraform_data.many']);
    expect(second.stdout).toBe('Move "terraform_data.many" to "terraform_data.many"\nSuccessfully moved 1 object(s).\n');
    expect(list(dir, '-state=other.tfstate')).toEqual(['terraform_data.many[0]', 'terraform_data.many[1]', 'terraform_data.x']);
    expect(names(read(dir, 'out.backup'))).toEqual(['x']);
    expect(read(dir, 'other.tfstate').serial).toBe(2);
    expect(list(dir)).toEqual(['null_resource.b']);
    expect(readdirSync(dir).filter((f) => f.startsWith('.other.tfstate.lock'))).toEqual([]);
  });

  it('refuses an address the destination holds, and -dry-run changes neither file', () => {
    const dir = applied('basic');
    expect(terrane(dir, ['state', 'mv', '-state-out=other.tfstate', 'terraform_data.a', 'terraform_data.x']).code).toBe(0);
    const clash = terrane(dir, ['state', 'mv', '-no-color', '-state-out=other.tfstate', 'terraform_data.many[0]', 'terraform_data.x']);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toBe('\nError: Invalid target address\n\nCannot move to terraform_data.x: there is already a resource instance at that\naddress in the current state.\n');
    const src = readFileSync(join(dir, 'terraform.tfstate'), 'utf8'), out = readFileSync(join(dir, 'other.tfstate'), 'utf8');
    const dry = terrane(dir, ['state', 'mv', '-dry-run', '-state-out=other.tfstate', 'terraform_data.many[1]', 'terraform_data.d']);
    expect(dry.stdout).toBe('Would move "terraform_data.many[1]" to "terraform_data.d"\n');
    expect(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).toBe(src);
    expect(readFileSync(join(dir, 'other.tfstate'), 'utf8')).toBe(out);
  });
});

describe('state mv and rm on another state file', () => {
  it('-state picks the file, -backup where its backup goes, and -lock=false is accepted', () => {
    const dir = applied('basic');
    expect(terrane(dir, ['state', 'mv', '-state-out=custom.tfstate', 'terraform_data.many', 'terraform_data.many']).code).toBe(0);
    const rm = terrane(dir, ['state', 'rm', '-state=custom.tfstate', '-backup=rm.backup', 'terraform_data.many[0]']);
    expect(rm.stdout).toBe('Removed terraform_data.many[0]\nSuccessfully removed 1 resource instance(s).\n');
    expect(names(read(dir, 'rm.backup'))).toEqual(['many']);
    expect(read(dir, 'rm.backup').resources[0]!.instances).toHaveLength(2);
    const mv = terrane(dir, ['state', 'mv', '-state=custom.tfstate', '-lock=false', 'terraform_data.many[1]', 'terraform_data.one']);
    expect(mv.stdout).toBe('Move "terraform_data.many[1]" to "terraform_data.one"\nSuccessfully moved 1 object(s).\n');
    expect(list(dir, '-state=custom.tfstate')).toEqual(['terraform_data.one']);
    expect(readdirSync(dir).some((f) => /^custom\.tfstate\.\d+\.backup$/.test(f))).toBe(true);
    expect(existsSync(join(dir, 'terraform.tfstate'))).toBe(true);
    expect(list(dir)).toEqual(['null_resource.b', 'terraform_data.a']);
  });
});
