/**
 * doublestar-style globbing for fileset(): `*` and `?` stay within one path segment,
 * `**` spans directories, `[...]` classes and `{a,b}` alternatives, `\` escapes.
 */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { FunctionError } from './function.js';

/** Compiles a doublestar pattern (with `/` separators) to an anchored RegExp. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  let i = 0;
  let braces = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const atStart = i === 0 || pattern[i - 1] === '/';
        const atEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
        if (atStart && atEnd) {
          if (i + 2 === pattern.length) re += '.*';
          else { re += '(?:.*/)?'; i++; }
          i += 2;
          continue;
        }
      }
      re += '[^/]*';
      i++;
    } else if (c === '?') { re += '[^/]'; i++; }
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new FunctionError('syntax error in pattern');
      let body = pattern.slice(i + 1, end);
      if (body[0] === '!' || body[0] === '^') body = '^' + body.slice(1);
      re += '[' + body.replace(/\\/g, '\\\\') + ']';
      i = end + 1;
    } else if (c === '{') { re += '(?:'; braces++; i++; }
    else if (c === '}' && braces > 0) { re += ')'; braces--; i++; }
    else if (c === ',' && braces > 0) { re += '|'; i++; }
    else if (c === '\\' && i + 1 < pattern.length) { re += escapeRe(pattern[i + 1]!); i += 2; }
    else { re += escapeRe(c); i++; }
  }
  if (braces > 0) throw new FunctionError('syntax error in pattern');
  return new RegExp('^' + re + '$', 'su');
}

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c;
}

/** Regular files under `root` (recursively) whose path relative to root matches `pattern`. */
export function globFiles(root: string, pattern: string): string[] {
  const re = globToRegExp(pattern);
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries: string[];
    try { entries = readdirSync(dir); } catch { return; }
    for (const name of entries.sort()) {
      const full = path.join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      let st;
      try { st = statSync(full); } catch { continue; }
      if (st.isDirectory()) walk(full, r);
      else if (st.isFile() && re.test(r)) out.push(r);
    }
  };
  walk(root, '');
  return out;
}
