/**
 * Positions computed on demand. The parser keeps only UTF-16 offsets into the source on
 * its nodes; a SourceIndex turns an offset into HCL's `{line, column, byte}` when someone
 * asks for a range. Building a position object for every token of a big file (and keeping
 * them all alive in the tree) was most of the parser's memory and garbage-collector time.
 *
 * The rules match the scanner's: only `\n` ends a line (a `\r` before it belongs to the
 * line it ends), a column counts grapheme clusters (as HCL does: `e` with a combining accent
 * or an emoji with modifiers is one column), bytes are
 * UTF-8 (a lone surrogate counts three), and a leading byte order mark is three bytes and
 * no column.
 */
import type { Pos, Range } from './diagnostic.js';

const NON_ASCII = /[^\x00-\x7f]/;

/** The line table of one source text, built the first time a position is asked for. */
export class SourceIndex {
  readonly filename: string;
  readonly src: string;
  private readonly line0: number;
  private readonly col0: number;
  private readonly byte0: number;
  /** Offset where the first line's columns start counting (1 after a byte order mark). */
  private readonly colStart0: number;
  /** UTF-16 offset of the start of each line; built lazily. */
  private starts: Int32Array | undefined;
  private nLines = 0;
  /** UTF-8 byte offset of the start of each line (relative to byte0), for non-ASCII text. */
  private bytes: Float64Array | undefined;
  private ascii = true;
  /** The line of the previous lookup: callers mostly walk forwards through a file. */
  private last = 0;

  constructor(filename: string, src: string, start?: Pos) {
    this.filename = filename;
    this.src = src;
    this.line0 = start ? start.line : 1;
    this.col0 = start ? start.column : 1;
    this.byte0 = start ? start.byte : 0;
    this.colStart0 = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  private build(): Int32Array {
    const src = this.src;
    let starts = new Int32Array(64);
    let n = 1;
    for (let q = src.indexOf('\n'); q >= 0; q = src.indexOf('\n', q + 1)) {
      if (n === starts.length) {
        const g = new Int32Array(n * 2);
        g.set(starts);
        starts = g;
      }
      starts[n++] = q + 1;
    }
    this.nLines = n;
    this.starts = starts;
    if (NON_ASCII.test(src)) {
      this.ascii = false;
      const bytes = new Float64Array(n);
      let b = 0;
      let k = 1;
      const len = src.length;
      for (let i = 0; i < len; i++) {
        const c = src.charCodeAt(i);
        if (c < 0x80) b += 1;
        else if (c < 0x800) b += 2;
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len && isLow(src.charCodeAt(i + 1))) {
          b += 4;
          i++;
        } else b += 3;
        if (c === 10) bytes[k++] = b;
      }
      this.bytes = bytes;
    }
    return starts;
  }

  /** The line (0-based, relative to the first) that contains offset `off`. */
  private lineOf(off: number): number {
    const starts = this.starts ?? this.build();
    const n = this.nLines;
    let k = this.last;
    if (starts[k] <= off) {
      if (k + 1 >= n || off < starts[k + 1]) return k;
      if (k + 2 >= n || off < starts[k + 2]) return (this.last = k + 1);
    }
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return (this.last = lo);
  }

  /** The position of UTF-16 offset `off` (0 ≤ off ≤ src.length). */
  pos(off: number): Pos {
    const k = this.lineOf(off);
    const ls = (this.starts as Int32Array)[k];
    const line = this.line0 + k;
    if (this.ascii) {
      if (k === 0) return { line, column: this.col0 + off, byte: this.byte0 + off };
      return { line, column: 1 + off - ls, byte: this.byte0 + off };
    }
    const src = this.src;
    let col = k === 0 ? this.col0 : 1;
    let byte = this.byte0 + (this.bytes as Float64Array)[k];
    let i = ls;
    if (k === 0 && this.colStart0 === 1 && off > 0) {
      byte += 3;
      i = 1;
    }
    const from = i;
    let wide = false;
    for (; i < off; i++) {
      const c = src.charCodeAt(i);
      col++;
      if (c >= 0x300) wide = true;
      if (c < 0x80) byte += 1;
      else if (c < 0x800) byte += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < off && isLow(src.charCodeAt(i + 1))) {
        byte += 4;
        i++;
      } else byte += 3;
    }
    // HCL counts columns in grapheme clusters: "e" + a combining accent, or an emoji with
    // modifiers, is one column. Only text with such characters needs the segmenter.
    if (wide) col = (k === 0 ? this.col0 : 1) + graphemes(src.slice(from, off));
    return { line, column: col, byte };
  }

  /** The range from offset `s` to offset `e` (a fresh object; callers may keep it). */
  range(s: number, e: number): Range {
    const start = this.pos(s);
    return { filename: this.filename, start, end: s === e ? start : this.pos(e) };
  }
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

let segmenter: Intl.Segmenter | undefined;

/** The number of grapheme clusters in `text`. */
function graphemes(text: string): number {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}
