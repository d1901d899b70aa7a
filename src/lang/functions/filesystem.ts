/**
 * Filesystem functions: abspath basename dirname pathexpand file filebase64 fileexists
 * fileset templatefile. Relative paths resolve against the calling module's directory
 * (ctx.baseDir), except abspath which, as in Terraform, uses the process working directory.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import * as T from '../types.js';
import { Value, stringVal, boolVal, unknownVal, setVal, emptySetVal, unmarkDeep, deepMarks } from '../value.js';
import type { FunctionDef } from './function.js';
import { FunctionError } from './function.js';
import { fixed, param, typed } from './util.js';
import { expandHome, readFileBytes, redact, resolvePath } from './files.js';
import { globFiles } from './glob.js';
import { templateVars, templateFunctions } from './string.js';

/** Go's path/filepath.Clean for slash-separated paths. */
export function goClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(seg);
  }
  const out = (rooted ? '/' : '') + parts.join('/');
  return out === '' ? (rooted ? '/' : '.') : out;
}

/** Go's filepath.Dir. */
export function goDir(p: string): string {
  const i = p.lastIndexOf('/');
  return goClean(p.slice(0, i + 1));
}

/** Go's filepath.Base. */
export function goBase(p: string): string {
  if (p === '') return '.';
  let s = p;
  while (s.length > 0 && s.endsWith('/')) s = s.slice(0, -1);
  if (s === '') return '/';
  const i = s.lastIndexOf('/');
  return i >= 0 ? s.slice(i + 1) : s;
}

const pathParam = param('path', T.String, { allowMarked: true, allowUnknown: true });

function fileFn(description: string, b64: boolean): FunctionDef {
  return fixed(description, [pathParam], T.String, ([p0], ctx) => {
    const p = p0!.unmark();
    if (!p.isKnown) return unknownVal(T.String, { notNull: true }).withMarks(p0!.marks);
    const sens = p0!.isSensitive;
    const src = readFileBytes(ctx.baseDir, p.str, sens);
    if (b64) return stringVal(src.toString('base64')).withMarks(p0!.marks);
    const text = src.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(src)) {
      throw new FunctionError(`contents of ${redact(p.str, sens)} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`);
    }
    return stringVal(text).withMarks(p0!.marks);
  });
}

/** The filesystem function table. */
export const filesystemFunctions: Record<string, FunctionDef> = {
  abspath: fixed('Converts a string containing a filesystem path to an absolute path.', [param('path', T.String)], T.String,
    ([p]) => stringVal(path.resolve(p!.str).split(path.sep).join('/'))),
  basename: fixed('Removes all except the last portion from the given filesystem path.', [param('path', T.String)], T.String,
    ([p]) => stringVal(goBase(p!.str))),
  dirname: fixed('Removes the last portion from a filesystem path.', [param('path', T.String)], T.String,
    ([p]) => stringVal(goDir(p!.str))),
  pathexpand: fixed('Expands a filesystem path that begins with `~` into an absolute path using the current user\'s home directory.',
    [param('path', T.String)], T.String, ([p]) => stringVal(expandHome(p!.str))),

  file: fileFn('Reads the contents of a file at the given path and returns them as a string.', false),
  filebase64: fileFn('Reads the contents of a file at the given path and returns them as a base64-encoded string.', true),

  fileexists: fixed('Determines whether a file exists at a given path.', [pathParam], T.Bool, ([p0], ctx) => {
    const p = p0!.unmark();
    if (!p.isKnown) return unknownVal(T.Bool, { notNull: true }).withMarks(p0!.marks);
    const full = resolvePath(ctx.baseDir, p.str);
    let st;
    try {
      st = statSync(full);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return boolVal(false).withMarks(p0!.marks);
      throw new FunctionError(`failed to stat ${redact(full, p0!.isSensitive)}`);
    }
    if (st.isFile()) return boolVal(true).withMarks(p0!.marks);
    const name = redact(full, p0!.isSensitive);
    if (st.isDirectory()) throw new FunctionError(`${name} is a directory, not a file`, 0);
    if (st.isBlockDevice() || st.isCharacterDevice()) throw new FunctionError(`${name} is a device node, not a regular file`, 0);
    if (st.isFIFO()) throw new FunctionError(`${name} is a named pipe, not a regular file`, 0);
    if (st.isSocket()) throw new FunctionError(`${name} is a unix domain socket, not a regular file`, 0);
    throw new FunctionError(`${name} is not a regular file`, 0);
  }),

  fileset: fixed('Enumerates a set of regular file names given a path and pattern.',
    [pathParam, param('pattern', T.String, { allowMarked: true, allowUnknown: true })], T.Set(T.String), ([p0, pat0], ctx, rt) => {
      const marks = p0!.marks | pat0!.marks;
      const p = p0!.unmark(), pat = pat0!.unmark();
      if (!p.isKnown || !pat.isKnown) return unknownVal(rt, { notNull: true }).withMarks(marks);
      let root = p.str;
      if (!path.isAbsolute(root)) root = path.join(ctx.baseDir, root);
      const matches = globFiles(root, goClean(pat.str));
      if (matches.length === 0) return emptySetVal(T.String).withMarks(marks);
      return setVal(matches.map(stringVal), T.String).withMarks(marks);
    }),

  templatefile: typed('Reads the file at the given path and renders its content as a template using a supplied set of template variables.',
    [pathParam, param('vars', T.Dynamic, { allowMarked: true, allowUnknown: true })], () => T.Dynamic, ([p0, v0], ctx) => {
      const p = p0!.unmark();
      const [vars, ] = unmarkDeep(v0!);
      const varMarks = deepMarks(v0!);
      if (!p.isKnown || !vars.isKnown) return unknownVal(T.Dynamic).withMarks(p0!.marks | varMarks);
      const src = readFileBytes(ctx.baseDir, p.str, p0!.isSensitive).toString('utf8');
      const entries = templateVars(vars);
      if (!ctx.renderTemplate) throw new FunctionError('template rendering is not available in this context');
      const out: Value = ctx.renderTemplate(src, p.str, entries, ctx.functions && templateFunctions(ctx.functions, true));
      return out.mark(p0!.marks | varMarks);
    }, { refineNotNull: false }),
};
