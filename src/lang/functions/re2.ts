/**
 * RE2 (Go regexp) semantics on top of JS RegExp. The RE2 pattern is translated token by
 * token into an equivalent JS `u`-mode pattern: scoped flags (?i) (?m) (?s) (?U) are
 * applied during translation (JS has no scoped flags on Node 20), `.`/`^`/`$`/`\s` get
 * RE2's exact meaning, POSIX classes and \pX are expanded, and what RE2 rejects
 * (backreferences, lookaround, \Z, ...) is rejected with Go's error codes. Matching loops
 * follow Go's FindAll/ReplaceAll rules for empty matches.
 */
import * as T from '../types.js';
import { stringVal, nullVal, tupleVal, objectVal, listVal, emptyListVal, DynamicUnknown, unknownVal } from '../value.js';
import type { Value } from '../value.js';
import type { FunctionDef } from './function.js';
import { FunctionError } from './function.js';
import { param } from './util.js';

/** A pattern RE2 refuses, with Go's regexp/syntax error code text and offending text. */
export class RE2SyntaxError extends Error {
  constructor(readonly code: string, readonly expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

/** A compiled RE2 pattern: the JS RegExp (global, unicode) and its capture group names ('' when unnamed). */
export interface RE2 {
  re: RegExp;
  groupNames: string[];
}

interface Flags { i: boolean; m: boolean; s: boolean; U: boolean }

const POSIX: Record<string, [number, number][]> = {
  alnum: [[48, 57], [65, 90], [97, 122]],
  alpha: [[65, 90], [97, 122]],
  ascii: [[0, 127]],
  blank: [[9, 9], [32, 32]],
  cntrl: [[0, 31], [127, 127]],
  digit: [[48, 57]],
  graph: [[33, 126]],
  lower: [[97, 122]],
  print: [[32, 126]],
  punct: [[33, 47], [58, 64], [91, 96], [123, 126]],
  space: [[9, 13], [32, 32]],
  upper: [[65, 90]],
  word: [[48, 57], [65, 90], [95, 95], [97, 122]],
  xdigit: [[48, 57], [65, 70], [97, 102]],
};
const PERL_SPACE: [number, number][] = [[9, 10], [12, 13], [32, 32]];
const GENERAL_CATEGORIES = new Set(['C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs']);

function complement(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [a, b] of ranges.slice().sort((x, y) => x[0] - y[0])) {
    if (a > next) out.push([next, a - 1]);
    next = Math.max(next, b + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

function esc(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}
function rangesToClassBody(ranges: [number, number][]): string {
  return ranges.map(([a, b]) => (a === b ? esc(a) : `${esc(a)}-${esc(b)}`)).join('');
}

/** Other-case code points of `cp` per Go's simple case folding (ASCII + common). */
function caseVariants(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const out = new Set<number>();
  for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
    const cps = [...v];
    if (cps.length === 1) out.add(cps[0]!.codePointAt(0)!);
  }
  if (cp === 0x6b || cp === 0x4b) out.add(0x212a);
  if (cp === 0x212a) { out.add(0x6b); out.add(0x4b); }
  if (cp === 0x73 || cp === 0x53) out.add(0x17f);
  if (cp === 0x17f) { out.add(0x73); out.add(0x53); }
  out.delete(cp);
  return [...out];
}

function foldRanges(ranges: [number, number][]): [number, number][] {
  const extra: [number, number][] = [];
  for (const [a, b] of ranges) {
    if (b - a > 512) {
      // Large ranges: fold only the ASCII letters they cover.
      const lo = Math.max(a, 65), hi = Math.min(b, 90);
      if (lo <= hi) extra.push([lo + 32, hi + 32]);
      const lo2 = Math.max(a, 97), hi2 = Math.min(b, 122);
      if (lo2 <= hi2) extra.push([lo2 - 32, hi2 - 32]);
      continue;
    }
    for (let c = a; c <= b; c++) for (const v of caseVariants(c)) extra.push([v, v]);
  }
  return ranges.concat(extra);
}

const SYNTAX_CHARS = new Set('^$\\.*+?()[]{}|/'.split(''));

class Translator {
  private i = 0;
  private out = '';
  private flags: Flags = { i: false, m: false, s: false, U: false };
  private stack: { flags: Flags }[] = [];
  readonly groupNames: string[] = [];
  private lastAtom = false;
  private lastQuant = '';

  constructor(private readonly p: string) {}

  run(): string {
    const p = this.p;
    while (this.i < p.length) {
      const c = p[this.i]!;
      if (c === '(') this.openGroup();
      else if (c === ')') {
        if (this.stack.length === 0) throw new RE2SyntaxError('unexpected )', p);
        this.flags = this.stack.pop()!.flags;
        this.out += ')';
        this.i++;
        this.atom();
      } else if (c === '|') { this.out += '|'; this.i++; this.noAtom(); }
      else if (c === '*' || c === '+' || c === '?') this.quantifier(c, 1);
      else if (c === '{') {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(p.slice(this.i));
        if (!m) { this.literal(0x7b); this.i++; continue; }
        const min = parseInt(m[1]!, 10);
        const max = m[2] ? (m[3] ? parseInt(m[3], 10) : -1) : min;
        if (min > 1000 || max > 1000 || (max >= 0 && min > max)) throw new RE2SyntaxError('invalid repeat count', m[0]);
        this.quantifier(m[0], m[0].length);
      } else if (c === '.') { this.out += this.flags.s ? '[^]' : '[^\\n]'; this.i++; this.atom(); }
      else if (c === '^') { this.out += this.flags.m ? '(?<![^\\n])' : '^'; this.i++; this.noAtom(); }
      else if (c === '$') { this.out += this.flags.m ? '(?![^\\n])' : '$'; this.i++; this.noAtom(); }
      else if (c === '[') { this.out += this.charClass(); this.atom(); }
      else if (c === '\\') this.escape();
      else {
        const cp = p.codePointAt(this.i)!;
        this.literal(cp);
        this.i += cp > 0xffff ? 2 : 1;
      }
    }
    if (this.stack.length > 0) throw new RE2SyntaxError('missing closing )', p);
    return this.out;
  }

  private atom(): void { this.lastAtom = true; this.lastQuant = ''; }
  private noAtom(): void { this.lastAtom = false; this.lastQuant = ''; }

  private quantifier(q: string, len: number): void {
    const p = this.p;
    let text = q;
    let lazy = false;
    if (p[this.i + len] === '?') { lazy = true; text += '?'; }
    if (this.lastQuant) throw new RE2SyntaxError('invalid nested repetition operator', this.lastQuant + text);
    if (!this.lastAtom) throw new RE2SyntaxError('missing argument to repetition operator', text);
    if (this.flags.U) lazy = !lazy;
    this.out += q + (lazy ? '?' : '');
    this.i += text.length;
    this.lastQuant = text;
    this.lastAtom = false;
  }

  private literal(cp: number): void {
    if (this.flags.i) {
      const vs = caseVariants(cp);
      if (vs.length > 0) { this.out += '[' + [cp, ...vs].map(esc).join('') + ']'; this.atom(); return; }
    }
    const ch = String.fromCodePoint(cp);
    this.out += SYNTAX_CHARS.has(ch) ? '\\' + ch : cp < 0x20 || cp === 0x7f ? esc(cp) : ch;
    this.atom();
  }

  private openGroup(): void {
    const p = this.p;
    const rest = p.slice(this.i);
    const named = /^\(\?P?<([^>]*)>/.exec(rest);
    if (named && !rest.startsWith('(?<=') && !rest.startsWith('(?<!')) {
      const name = named[1]!;
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw new RE2SyntaxError('invalid named capture', named[0]);
      if (this.groupNames.includes(name)) throw new RE2SyntaxError('duplicate capture group name', name);
      this.groupNames.push(name);
      this.stack.push({ flags: this.flags });
      this.flags = { ...this.flags };
      this.out += `(?<${name}>`;
      this.i += named[0].length;
      this.noAtom();
      return;
    }
    if (rest.startsWith('(?')) {
      let j = 2;
      let neg = false;
      const nf = { ...this.flags };
      let sawFlag = false;
      for (;;) {
        const c = rest[j];
        if (c === undefined) throw new RE2SyntaxError('missing closing )', p);
        if (c === 'i' || c === 'm' || c === 's' || c === 'U') { nf[c] = !neg; sawFlag = true; j++; continue; }
        if (c === '-' && !neg) { neg = true; sawFlag = false; j++; continue; }
        if ((c === ':' || c === ')') && !(neg && !sawFlag)) break;
        throw new RE2SyntaxError('invalid or unsupported Perl syntax', rest.slice(0, j + 1));
      }
      if (rest[j] === ')') {
        this.flags = nf;
        this.i += j + 1;
        this.noAtom();
        return;
      }
      this.stack.push({ flags: this.flags });
      this.flags = nf;
      this.out += '(?:';
      this.i += j + 1;
      this.noAtom();
      return;
    }
    this.groupNames.push('');
    this.stack.push({ flags: this.flags });
    this.flags = { ...this.flags };
    this.out += '(';
    this.i++;
    this.noAtom();
  }

  /** Parses an escape at this.i; emits either an atom or (for \A \z \b \B) an assertion. */
  private escape(): void {
    const p = this.p;
    const c = p[this.i + 1];
    if (c === undefined) throw new RE2SyntaxError('trailing backslash at end of expression', '');
    switch (c) {
      case 'A': this.out += '^'; this.i += 2; this.noAtom(); return;
      case 'z': this.out += '$'; this.i += 2; this.noAtom(); return;
      case 'b': case 'B': this.out += '\\' + c; this.i += 2; this.noAtom(); return;
      case 'Q': {
        const end = p.indexOf('\\E', this.i + 2);
        const lit = end < 0 ? p.slice(this.i + 2) : p.slice(this.i + 2, end);
        this.i = end < 0 ? p.length : end + 2;
        for (const ch of lit) this.literal(ch.codePointAt(0)!);
        return;
      }
    }
    const cls = this.classEscape();
    if (cls.ranges) {
      let r = cls.ranges;
      if (this.flags.i) r = foldRanges(r);
      this.out += '[' + rangesToClassBody(r) + ']';
    } else if (cls.js) this.out += cls.js;
    else this.literal(cls.cp!);
    this.atom();
  }

  /**
   * An escape usable in and out of classes: a literal code point, a set of ranges, or
   * a JS class escape (\d \w \pL ...). Advances this.i.
   */
  private classEscape(): { cp?: number; ranges?: [number, number][]; js?: string } {
    const p = this.p;
    const start = this.i;
    const c = p[this.i + 1]!;
    this.i += 2;
    switch (c) {
      case 'd': case 'D': case 'w': case 'W': return { js: '\\' + c };
      case 's': return { ranges: PERL_SPACE };
      case 'S': return { ranges: complement(PERL_SPACE) };
      case 'a': return { cp: 7 };
      case 'f': return { cp: 12 };
      case 't': return { cp: 9 };
      case 'n': return { cp: 10 };
      case 'r': return { cp: 13 };
      case 'v': return { cp: 11 };
      case 'x': {
        const m = /^\{([0-9A-Fa-f]+)\}|^([0-9A-Fa-f]{2})/.exec(p.slice(this.i));
        if (!m) throw new RE2SyntaxError('invalid escape sequence', p.slice(start, Math.min(p.length, this.i + 2)));
        const cp = parseInt(m[1] ?? m[2]!, 16);
        if (cp > 0x10ffff) throw new RE2SyntaxError('invalid escape sequence', p.slice(start, this.i + m[0].length));
        this.i += m[0].length;
        return { cp };
      }
      case 'p': case 'P': {
        let name: string;
        if (p[this.i] === '{') {
          const end = p.indexOf('}', this.i);
          if (end < 0) throw new RE2SyntaxError('invalid character class range', p.slice(start));
          name = p.slice(this.i + 1, end);
          this.i = end + 1;
        } else {
          name = p[this.i] ?? '';
          this.i++;
        }
        let negate = c === 'P';
        if (name.startsWith('^')) { negate = !negate; name = name.slice(1); }
        let prop: string;
        if (name === 'Any') return { ranges: negate ? [] : [[0, 0x10ffff]] };
        if (GENERAL_CATEGORIES.has(name)) prop = name;
        else if (/^[A-Z][A-Za-z_]*$/.test(name)) prop = `Script=${name}`;
        else throw new RE2SyntaxError('invalid character class range', p.slice(start, this.i));
        try { new RegExp(`\\p{${prop}}`, 'u'); } catch { throw new RE2SyntaxError('invalid character class range', p.slice(start, this.i)); }
        return { js: `\\${negate ? 'P' : 'p'}{${prop}}` };
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        if (c !== '0' && !/[0-7]/.test(p[this.i] ?? '')) throw new RE2SyntaxError('invalid escape sequence', p.slice(start, this.i));
        let digits = c;
        while (digits.length < 3 && /[0-7]/.test(p[this.i] ?? '')) { digits += p[this.i]; this.i++; }
        return { cp: parseInt(digits, 8) };
      }
    }
    const cp = c.codePointAt(0)!;
    if (cp < 0x80 && !/[A-Za-z0-9]/.test(c)) return { cp };
    throw new RE2SyntaxError('invalid escape sequence', p.slice(start, this.i));
  }

  private charClass(): string {
    const p = this.p;
    const start = this.i;
    this.i++;
    let negate = false;
    if (p[this.i] === '^') { negate = true; this.i++; }
    const ranges: [number, number][] = [];
    const js: string[] = [];
    let first = true;
    for (;;) {
      if (this.i >= p.length) throw new RE2SyntaxError('missing closing ]', p.slice(start));
      const c = p[this.i]!;
      if (c === ']' && !first) { this.i++; break; }
      first = false;
      if (c === '[' && p[this.i + 1] === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(p.slice(this.i));
        if (m) {
          const set = POSIX[m[2]!];
          if (!set) throw new RE2SyntaxError('invalid character class range', m[0]);
          ranges.push(...(m[1] ? complement(set) : set));
          this.i += m[0].length;
          continue;
        }
      }
      let lo: number;
      if (c === '\\') {
        const e = this.classEscape();
        if (e.js) { js.push(e.js); continue; }
        if (e.ranges) { ranges.push(...e.ranges); continue; }
        lo = e.cp!;
      } else {
        lo = p.codePointAt(this.i)!;
        this.i += lo > 0xffff ? 2 : 1;
      }
      if (p[this.i] === '-' && p[this.i + 1] !== undefined && p[this.i + 1] !== ']') {
        const rs = this.i - (lo > 0xffff ? 2 : 1);
        this.i++;
        let hi: number;
        if (p[this.i] === '\\') {
          const e = this.classEscape();
          if (e.cp === undefined) throw new RE2SyntaxError('invalid character class range', p.slice(rs, this.i));
          hi = e.cp;
        } else {
          hi = p.codePointAt(this.i)!;
          this.i += hi > 0xffff ? 2 : 1;
        }
        if (hi < lo) throw new RE2SyntaxError('invalid character class range', p.slice(rs, this.i));
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    const rs = this.flags.i ? foldRanges(ranges) : ranges;
    const body = rangesToClassBody(rs) + js.join('');
    if (body === '') return negate ? '[^]' : '[]';
    return (negate ? '[^' : '[') + body + ']';
  }
}

const cache = new Map<string, RE2>();

/** Compiles an RE2 pattern; throws RE2SyntaxError when Go's regexp would reject it. */
export function compileRE2Raw(pattern: string): RE2 {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const t = new Translator(pattern);
  const src = t.run();
  let re: RegExp;
  try {
    re = new RegExp(src, 'gu');
  } catch {
    throw new RE2SyntaxError('invalid or unsupported Perl syntax', pattern);
  }
  const out = { re, groupNames: t.groupNames };
  if (cache.size > 500) cache.clear();
  cache.set(pattern, out);
  return out;
}

/** Compiles an RE2 pattern, reporting errors as Terraform's replace() does. */
export function compileRE2(pattern: string): RE2 {
  try {
    return compileRE2Raw(pattern);
  } catch (e) {
    if (e instanceof RE2SyntaxError) throw new FunctionError(e.message);
    throw e;
  }
}

/** All matches, with Go's rule that an empty match right after a previous match is dropped. */
export function findAll(r: RE2, s: string): RegExpExecArray[] {
  const re = r.re;
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const a = m.index, b = a + m[0].length;
    let accept = true;
    if (b === a) {
      if (a === prevEnd) accept = false;
      pos = b + (b < s.length ? (s.codePointAt(b)! > 0xffff ? 2 : 1) : 1);
    } else pos = b;
    prevEnd = b;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's Regexp.ReplaceAllString, with `$1`/`${name}` expansion as in Regexp.Expand. */
export function replaceAllRE2(r: RE2, s: string, template: string): string {
  const re = r.re;
  let out = '';
  let lastEnd = 0;
  let pos = 0;
  while (pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const a = m.index, b = a + m[0].length;
    out += s.slice(lastEnd, a);
    if (b > lastEnd || a === 0) out += expand(r, template, m);
    lastEnd = b;
    const width = pos < s.length ? (s.codePointAt(pos)! > 0xffff ? 2 : 1) : 0;
    if (pos + width > b) pos += width;
    else if (pos + 1 > b) pos++;
    else pos = b;
  }
  return out + s.slice(lastEnd);
}

function expand(r: RE2, template: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== '$') { out += c; continue; }
    const rest = template.slice(i + 1);
    if (rest[0] === '$') { out += '$'; i++; continue; }
    let name: string | undefined;
    let len = 0;
    const braced = /^\{([A-Za-z0-9_]+)\}/.exec(rest);
    if (braced) { name = braced[1]; len = braced[0].length; } else {
      const bare = /^[A-Za-z0-9_]+/.exec(rest);
      if (bare) { name = bare[0]; len = bare[0].length; }
    }
    if (name === undefined) { out += '$'; continue; }
    i += len;
    let idx = -1;
    if (/^[0-9]+$/.test(name)) idx = parseInt(name, 10);
    else idx = r.groupNames.indexOf(name) + 1 || -1;
    if (idx >= 0 && idx < m.length) out += m[idx] ?? '';
  }
  return out;
}

function resultType(pattern: string): T.Type {
  let r: RE2;
  try {
    r = compileRE2Raw(pattern);
  } catch (e) {
    if (e instanceof RE2SyntaxError) throw new FunctionError(`invalid regexp pattern: ${e.code} in ${e.expr}`, 0);
    throw e;
  }
  const names = r.groupNames;
  const unnamed = names.filter((n) => n === '').length;
  const named = names.length - unnamed;
  if (names.length === 0) return T.String;
  if (unnamed > 0 && named > 0) throw new FunctionError('invalid regexp pattern: cannot mix both named and unnamed capture groups', 0);
  if (unnamed > 0) return T.Tuple(names.map(() => T.String));
  const attrs: Record<string, T.Type> = {};
  for (const n of names) attrs[n] = T.String;
  return T.Object_(attrs);
}

function matchResult(r: RE2, m: RegExpExecArray, t: T.Type): Value {
  if (t.kind === 'string') return stringVal(m[0]);
  const caps = r.groupNames.map((_, i) => (m[i + 1] === undefined ? nullVal(T.String) : stringVal(m[i + 1]!)));
  if (t.kind === 'tuple') return tupleVal(caps);
  return objectVal(r.groupNames.map((n, i) => [n, caps[i]!] as [string, Value]));
}

/** regex and regexall. */
export const regexFunctions: Record<string, FunctionDef> = {
  regex: {
    description: 'Applies a regular expression to a string and returns the matching substrings.',
    params: [param('pattern', T.String), param('string', T.String)],
    returnType: ([p]) => (p!.isKnown ? resultType(p!.str) : T.Dynamic),
    impl: ([p, s], _c, rt) => {
      if (rt.kind === 'dynamic') return DynamicUnknown;
      const r = compileRE2Raw(p!.str);
      r.re.lastIndex = 0;
      const m = r.re.exec(s!.str);
      if (!m) throw new FunctionError('pattern did not match any part of the given string');
      return matchResult(r, m, rt);
    },
    refineNotNull: true,
  },
  regexall: {
    description: 'Applies a regular expression to a string and returns a list of all matches.',
    params: [param('pattern', T.String), param('string', T.String)],
    returnType: ([p]) => T.List(p!.isKnown ? resultType(p!.str) : T.Dynamic),
    impl: ([p, s], _c, rt) => {
      const et = (rt as T.ListType).elem;
      if (et.kind === 'dynamic') return unknownVal(rt);
      const r = compileRE2Raw(p!.str);
      const ms = findAll(r, s!.str);
      if (ms.length === 0) return emptyListVal(et);
      return listVal(ms.map((m) => matchResult(r, m, et)), et);
    },
    refineNotNull: true,
  },
};
