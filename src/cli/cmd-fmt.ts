/**
 * `terrane fmt [-check] [-diff] [-recursive] [-write=false] [-list=false] [target...]`:
 * rewrites configuration files to the canonical style, with terraform fmt's flags, output
 * and exit codes (0 ok, 2 on errors, 3 when -check finds files to change).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { formatSource } from '../hcl/fmt.js';
import { unifiedDiff } from '../hcl/unified-diff.js';
import { renderDiagnostics } from '../hcl/diagnostic-render.js';
import type { Diagnostic } from '../hcl/diagnostic.js';

const EXTS = ['.tf', '.tfvars', '.tftest.hcl', '.tfmock.hcl', '.tfquery.hcl'];

const SPEC = {
  list: { type: 'bool' as const, default: true, help: "Don't list files whose formatting differs (always disabled if using STDIN)" },
  write: { type: 'bool' as const, default: true, help: "Don't write to source files (always disabled if using STDIN or -check)" },
  diff: { type: 'bool' as const, default: false, help: 'Display diffs of formatting changes' },
  check: { type: 'bool' as const, default: false, help: 'Check if the input is formatted. Exit status will be 0 if all input is properly formatted and non-zero otherwise.' },
  'no-color': { type: 'bool' as const, default: false, help: "If specified, output won't contain any color." },
  recursive: { type: 'bool' as const, default: false, help: 'Also process files in subdirectories. By default, only the given directory (or current directory) is processed.' },
};

/** Terraform's ignored files: hidden, editor backups (`~`) and Emacs lock files (`#x#`). */
function isIgnoredFile(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'));
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Like the cli UiWriter: every write ends in exactly one newline. */
function uiWrite(out: NodeJS.WritableStream, text: string): void {
  if (text === '') return;
  out.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Runs `terrane fmt`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, SPEC);
  if (p.error) {
    io.stderr.write(`Error parsing command-line flags: ${p.error}\n\n`);
    return 1;
  }
  let list = p.flags.list as boolean;
  let write = p.flags.write as boolean;
  const diff = p.flags.diff as boolean;
  const check = p.flags.check as boolean;
  const recursive = p.flags.recursive as boolean;
  const env = io.env ?? process.env;
  const color = !io.noColor && !p.flags['no-color'] && env.NO_COLOR === undefined && (io.stderr as { isTTY?: boolean }).isTTY === true;

  let paths: string[] = [];
  let useStdin = false;
  if (p.positional.length === 0) paths = ['.'];
  else if (p.positional[0] === '-') { useStdin = true; list = false; write = false; }
  else paths = p.positional;

  const originalList = list;
  if (check) { list = true; write = false; }
  let buffered = '';
  const emit = (text: string): void => {
    if (check) buffered += text;
    else uiWrite(io.stdout, text);
  };

  const diags: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const err = (summary: string): void => { diags.push({ severity: 'error', summary }); };

  const processFile = async (display: string, src: string, file?: string): Promise<void> => {
    sources.set(display, src);
    const { result, diags: d } = formatSource(src, display);
    if (d.some((x) => x.severity === 'error')) { diags.push(...d); return; }
    if (src !== result) {
      if (list) emit(`${display}\n`);
      if (write && file) {
        try { await fs.writeFile(file, result); } catch { err(`Failed to write ${display}`); return; }
      }
      if (diff) emit(unifiedDiff(src, result, `old/${display}`, `new/${display}`));
    }
    if (!list && !write && !diff) emit(result);
  };

  const display = (abs: string): string => {
    const rel = path.relative(io.cwd, abs);
    return rel === '' ? '.' : rel.startsWith('..') ? abs : rel;
  };

  const processDir = async (dir: string): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      err((e as NodeJS.ErrnoException).code === 'ENOENT' ? `There is no configuration directory at ${display(dir)}` : `Cannot read directory ${display(dir)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      if (isIgnoredFile(ent.name)) continue;
      const sub = path.join(dir, ent.name);
      if (ent.isDirectory()) {
        if (recursive) await processDir(sub);
        continue;
      }
      if (!EXTS.some((x) => ent.name.endsWith(x))) continue;
      let src: string;
      try { src = await fs.readFile(sub, 'utf8'); } catch { err(`Failed to read file ${display(sub)}`); continue; }
      await processFile(display(sub), src, sub);
    }
  };

  if (useStdin) {
    if (write) err('Option -write cannot be used when reading from stdin');
    else await processFile('<stdin>', await readAll(io.stdin));
  } else {
    for (const given of paths) {
      const abs = path.resolve(io.cwd, given);
      let st: import('node:fs').Stats;
      try { st = await fs.stat(abs); } catch { err(`No file or directory at ${display(abs)}`); break; }
      if (st.isDirectory()) { await processDir(abs); continue; }
      if (!EXTS.some((x) => abs.endsWith(x))) {
        err('Only .tf, .tfvars, and .tftest.hcl files can be processed with terraform fmt');
        continue;
      }
      let src: string;
      try { src = await fs.readFile(abs, 'utf8'); } catch { err(`Failed to read file ${display(abs)}`); continue; }
      await processFile(display(abs), src, abs);
    }
  }

  if (diags.length > 0) {
    const out = renderDiagnostics(diags, sources, { color });
    if (out.stdout) io.stdout.write(out.stdout);
    if (out.stderr) io.stderr.write(out.stderr);
  }
  if (diags.some((d) => d.severity === 'error')) return 2;
  if (check) {
    if (originalList) uiWrite(io.stdout, buffered);
    return buffered.length === 0 ? 0 : 3;
  }
  return 0;
}
