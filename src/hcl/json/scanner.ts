/**
 * Tokens of the JSON syntax (.tf.json, .tfvars.json). Like HCL's JSON scanner it is lax:
 * it groups bytes the user presumably meant as one token (`True`, `01.5e`) so the parser
 * can say what is wrong with them. Positions count UTF-8 bytes; columns count characters,
 * with a tab in whitespace counting as two columns as in HCL's JSON scanner.
 */
import type { Pos, Range } from '../diagnostic.js';

/** The kinds of JSON token. `=` is scanned only to tell users JSON uses `:`. */
export type JsonTokenType =
  | '{' | '}' | '[' | ']' | ',' | ':' | '='
  | 'keyword' | 'string' | 'number' | 'eof' | 'invalid';

/** One token: its kind, its source text and its range. */
export interface JsonToken {
  type: JsonTokenType;
  text: string;
  range: Range;
}

// Created on first use: building a segmenter costs ~20 ms of ICU start-up on every run.
let segmenter: Intl.Segmenter | undefined;

/** UTF-8 length of the code point starting at `s[i]` and its UTF-16 length. */
function cpAt(s: string, i: number): { bytes: number; units: number } {
  const c = s.codePointAt(i)!;
  if (c < 0x80) return { bytes: 1, units: 1 };
  if (c < 0x800) return { bytes: 2, units: 1 };
  if (c < 0x10000) return { bytes: 3, units: 1 };
  return { bytes: 4, units: 2 };
}

/** Splits `src` into JSON tokens, ending with an `eof` token (also after an invalid byte). */
export function scanJson(src: string, filename: string, start: Pos): JsonToken[] {
  const toks: JsonToken[] = [];
  let i = 0;
  let line = start.line;
  let column = start.column;
  let byte = start.byte;
  const pos = (): Pos => ({ line, column, byte });
  const push = (type: JsonTokenType, from: number, startPos: Pos): void => {
    toks.push({ type, text: src.slice(from, i), range: { filename, start: startPos, end: pos() } });
  };
  for (;;) {
    // whitespace
    while (i < src.length) {
      const ch = src[i];
      if (ch === ' ') { column++; byte++; }
      else if (ch === '\n') { line++; column = 1; byte++; }
      else if (ch === '\r') { byte++; }
      else if (ch === '\t') { column += 2; byte++; }
      else break;
      i++;
    }
    if (i >= src.length) {
      const p = pos();
      toks.push({ type: 'eof', text: '', range: { filename, start: p, end: p } });
      return toks;
    }
    const from = i;
    const sp = pos();
    const ch = src[i]!;
    if ('{}[],:='.includes(ch)) {
      i++; column++; byte++;
      push(ch as JsonTokenType, from, sp);
    } else if (ch === '"') {
      i++; column++; byte++;
      let escaping = false;
      while (i < src.length) {
        const c = src[i]!;
        if (c === '\\') { escaping = !escaping; i++; column++; byte++; continue; }
        if (c === '"') {
          i++; column++; byte++;
          if (!escaping) break;
          escaping = false;
          continue;
        }
        if (c.charCodeAt(0) < 32) break;
        escaping = false;
        if (c.charCodeAt(0) < 0x80) { i++; column++; byte++; continue; }
        // One column per grapheme cluster, as HCL counts them.
        const seg = (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(src.slice(i, i + 32))[Symbol.iterator]().next().value!.segment;
        let k = 0;
        while (k < seg.length) { const cp = cpAt(seg, k); byte += cp.bytes; k += cp.units; }
        i += seg.length;
        column++;
      }
      push('string', from, sp);
    } else if ('-+.0123456789'.includes(ch)) {
      while (i < src.length && '-+.eE0123456789'.includes(src[i]!)) { i++; column++; byte++; }
      push('number', from, sp);
    } else if (/[A-Za-z]/.test(ch)) {
      while (i < src.length && /[A-Za-z_]/.test(src[i]!)) { i++; column++; byte++; }
      push('keyword', from, sp);
    } else {
      const cp = cpAt(src, i);
      i += cp.units; column++; byte += cp.bytes;
      push('invalid', from, sp);
      const p = pos();
      toks.push({ type: 'eof', text: '', range: { filename, start: p, end: p } });
      return toks;
    }
  }
}
