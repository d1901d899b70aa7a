import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load-config.js';
import { snapshotFiles, snapshotOf } from './config-files.js';

describe('configuration snapshots', () => {
  it('load as the configuration they were taken from, with the real directories, whatever the disk holds now', () => {
    const root = mkdtempSync(join(tmpdir(), 'terrane-snapshot-'));
    mkdirSync(join(root, 'modules', 'net'), { recursive: true });
    writeFileSync(join(root, 'main.tf'), 'module "net" {\n  source = "./modules/net"\n}\n');
    writeFileSync(join(root, 'modules', 'net', 'main.tf'), 'output "x" {\n  value = 1\n}\n');
    writeFileSync(join(root, 'modules', 'net', 'override.tf'), 'output "x" {\n  value = 2\n}\n');
    writeFileSync(join(root, 'modules', 'net', 'notes.txt'), 'not configuration');
    const snap = snapshotOf(loadConfig(root).config, root);
    expect(snap).toEqual({
      '': { 'main.tf': 'module "net" {\n  source = "./modules/net"\n}\n' },
      'modules/net': { 'main.tf': 'output "x" {\n  value = 1\n}\n', 'override.tf': 'output "x" {\n  value = 2\n}\n' },
    });
    rmSync(join(root, 'modules'), { recursive: true });
    writeFileSync(join(root, 'main.tf'), 'garbage {');
    const { config, diags } = loadConfig(root, root, snapshotFiles(snap, root));
    expect(diags).toEqual([]);
    const net = config.root.children.get('net')!.module;
    expect(net.dir).toBe(join(root, 'modules', 'net'));
    expect(net.outputs.get('x')!.expr.range.filename).toBe('modules/net/override.tf');
    expect([...config.sources.keys()]).toEqual(['main.tf', 'modules/net/main.tf', 'modules/net/override.tf']);
  });
});
