/**
 * Where the configuration loader reads module files from: the disk, or the snapshot of
 * the configuration a saved plan was made from. Terraform applies a saved plan with the
 * configuration recorded in it (every module's .tf, .tf.json and override files), not
 * with what the working directory holds by then; the snapshot keeps the real directory
 * names, so `path.module` and file("x") still name and read the files on disk, as they
 * do in Terraform.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { Config } from './module.js';

export interface ConfigFiles {
  /** True when `dir` can hold a module. */
  isDirectory(dir: string): boolean;
  /** The names of the regular files in `dir` that `wanted` accepts, in no particular order. */
  fileNames(dir: string, wanted: (name: string) => boolean): string[];
  /** The text of the file at `path` (throws when it cannot be read). */
  read(path: string): string;
}

/** The files in the file system. */
export const diskFiles: ConfigFiles = {
  isDirectory(dir) {
    try { return statSync(dir).isDirectory(); } catch { return false; }
  },
  fileNames(dir, wanted) {
    let names: string[];
    try { names = readdirSync(dir); } catch { return []; }
    return names.filter((n) => {
      if (!wanted(n)) return false;
      try { return statSync(join(dir, n)).isFile(); } catch { return false; }
    });
  },
  read: (path) => readFileSync(path, 'utf8'),
};

/**
 * The configuration files a plan was made from: module directory relative to the root
 * module's ('' for the root) -> file name -> text. Every loaded module has an entry, even
 * one without files.
 */
export type ConfigSnapshot = Record<string, Record<string, string>>;

/** The snapshot of a loaded configuration whose root module is in `rootDir`. */
export function snapshotOf(config: Config, rootDir: string): ConfigSnapshot {
  const snap: ConfigSnapshot = {};
  const visit = (node: Config['root']): void => {
    const files: Record<string, string> = {};
    // Source names are the files' paths as diagnostics show them; the last part is the file's name.
    for (const [display, src] of node.module.sources) files[basename(display)] = src;
    snap[relative(rootDir, node.module.dir)] = files;
    for (const child of node.children.values()) visit(child);
  };
  visit(config.root);
  return snap;
}

/** Reads a snapshot as if its files were in place under `rootDir` (and nothing else was). */
export function snapshotFiles(snap: ConfigSnapshot, rootDir: string): ConfigFiles {
  const dirs = new Map(Object.entries(snap).map(([rel, files]) => [resolve(rootDir, rel), files]));
  return {
    isDirectory: (dir) => dirs.has(resolve(dir)),
    fileNames: (dir, wanted) => Object.keys(dirs.get(resolve(dir)) ?? {}).filter(wanted),
    read(path) {
      const text = dirs.get(resolve(path, '..'))?.[basename(path)];
      if (text === undefined) throw new Error(`${path} is not in the configuration snapshot of the plan`);
      return text;
    },
  };
}
