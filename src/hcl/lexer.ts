/**
 * The scanner of HCL's native syntax: a hand-written state machine over UTF-16 char codes
 * that follows the token rules of hclsyntax's scan_tokens.rl (modes for normal code, quoted
 * templates, heredocs and bare templates; brace counting so `}` can close an interpolation).
 *
 * Tokens go into a struct-of-arrays buffer (no object per token) as a type and UTF-16
 * offsets; a SourceIndex turns offsets into line, column and byte when they are needed.
 */
import type { Pos } from './diagnostic.js';
import { SourceIndex } from './source-index.js';
import { TokenType as T, type Token } from './token.js';

/** How the scanner starts: normal code, or a bare template (templatefile(), .tf.json strings). */
export enum ScanMode {
  Normal = 0,
  Template = 1,
}

const M_MAIN = 0;
const M_QUOTED = 1;
const M_HEREDOC = 2;
const M_BARE = 3;

/** ASCII character classes: bit 1 = identifier start, bit 2 = identifier continue. */
const CLS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  const digit = c >= 48 && c <= 57;
  CLS[c] = (alpha ? 1 : 0) | (alpha || digit || c === 45 ? 2 : 0);
}
const ID_START_RE = /[\p{ID_Start}]/u;
const ID_CONT_RE = /[\p{ID_Continue}]/u;

/** Token storage as parallel typed arrays; indices are token numbers. */
export class TokenBuffer {
  n = 0;
  type: Uint8Array;
  /** UTF-16 offsets of the token text in the source. */
  start: Int32Array;
  end: Int32Array;

  constructor(cap: number) {
    this.type = new Uint8Array(cap);
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
  }

  grow(): void {
    const cap = this.type.length * 2 + 16;
    const t = new Uint8Array(cap);
    t.set(this.type);
    const st = new Int32Array(cap);
    st.set(this.start);
    const en = new Int32Array(cap);
    en.set(this.end);
    this.type = t;
    this.start = st;
    this.end = en;
  }
}

interface Heredoc {
  marker: string;
  startOfLine: boolean;
}

/**
 * Scans `src` into a TokenBuffer. With `keepComments` false (the parser's view), comments
 * are dropped, except that a line comment's own trailing newline becomes a Newline token,
 * as hclsyntax's peeker does.
 */
export function scan(src: string, mode: ScanMode, keepComments: boolean): TokenBuffer {
  const s = new Scanner(src, mode, keepComments);
  s.run();
  return s.buf;
}

class Scanner {
  src: string;
  n: number;
  p = 0;
  keepComments: boolean;
  buf: TokenBuffer;
  /** Start offset of the token being scanned. */
  ts = 0;
  modes: number[] = [];
  mode: number;
  braces = 0;
  retBraces: number[] = [];
  heredocs: Heredoc[] = [];

  constructor(src: string, mode: ScanMode, keepComments: boolean) {
    this.src = src;
    this.n = src.length;
    this.keepComments = keepComments;
    // About one token per four characters in typical configurations.
    this.buf = new TokenBuffer((src.length >> 2) + 64);
    // A UTF-8 byte order mark is skipped (SourceIndex counts its bytes).
    if (src.charCodeAt(0) === 0xfeff) this.p = 1;
    this.mode = mode === ScanMode.Template ? M_BARE : M_MAIN;
  }

  /** Records the start of a token at offset p. */
  mark(p: number): void {
    this.ts = p;
  }

  /** Emits a token from the marked start to offset e. */
  emit(type: T, e: number): void {
    const b = this.buf;
    const i = b.n;
    if (i === b.type.length) b.grow();
    b.type[i] = type;
    b.start[i] = this.ts;
    b.end[i] = e;
    b.n = i + 1;
  }

  /** The offset after the non-ASCII char code c at offset p (a surrogate pair is two units). */
  wide(c: number, p: number): number {
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = this.src.charCodeAt(p + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return p + 2;
    }
    return p + 1;
  }

  pushMode(m: number): void {
    this.modes.push(this.mode);
    this.mode = m;
  }

  popMode(): void {
    this.mode = this.modes.length > 0 ? (this.modes.pop() as number) : M_MAIN;
  }

  run(): void {
    const n = this.n;
    while (this.p < n) {
      switch (this.mode) {
        case M_MAIN:
          this.scanMain();
          break;
        case M_QUOTED:
          this.scanQuoted();
          break;
        case M_HEREDOC:
          this.scanHeredoc();
          break;
        default:
          this.scanBare();
      }
    }
    this.mark(n);
    this.emit(T.EOF, n);
  }

  single(type: T, len: number): void {
    const p = this.p;
    this.mark(p);
    this.p = p + len;
    this.emit(type, p + len);
  }

  scanMain(): void {
    const src = this.src;
    let p = this.p;
    let c = src.charCodeAt(p);
    while (c === 32 || c === 9) c = src.charCodeAt(++p);
    this.p = p;
    if (p >= this.n) return;
    if (c < 128 && (CLS[c] & 1) !== 0) {
      this.mark(p);
      p++;
      for (;;) {
        c = src.charCodeAt(p);
        if (c < 128) {
          if ((CLS[c] & 2) === 0) break;
          p++;
        } else if (c >= 128 && isIdentCont(src, p)) {
          p = this.wide(c, p);
        } else break;
      }
      this.p = p;
      this.emit(T.Ident, p);
      return;
    }
    switch (c) {
      case 10: // \n
        this.mark(p);
        this.p = p + 1;
        this.emit(T.Newline, p + 1);
        return;
      case 13: // \r
        if (src.charCodeAt(p + 1) === 10) {
          this.mark(p);
          this.p = p + 2;
          this.emit(T.Newline, p + 2);
          return;
        }
        this.single(T.Invalid, 1);
        return;
      case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55: case 56: case 57:
        this.scanNumber(p);
        return;
      case 34: // "
        this.single(T.OQuote, 1);
        this.pushMode(M_QUOTED);
        return;
      case 123: // {
        this.single(T.OBrace, 1);
        this.braces++;
        return;
      case 125: // }
        this.closeBrace(1);
        return;
      case 126: // ~
        if (src.charCodeAt(p + 1) === 125) this.closeBrace(2);
        else this.single(T.BitwiseNot, 1);
        return;
      case 35: // #
        this.lineComment(p, 1);
        return;
      case 47: { // /
        const d = src.charCodeAt(p + 1);
        if (d === 47) this.lineComment(p, 2);
        else if (d === 42) this.blockComment(p);
        else this.single(T.Slash, 1);
        return;
      }
      case 61: { // =
        const d = src.charCodeAt(p + 1);
        if (d === 61) this.single(T.EqualOp, 2);
        else if (d === 62) this.single(T.FatArrow, 2);
        else this.single(T.Equal, 1);
        return;
      }
      case 46: // .
        if (src.charCodeAt(p + 1) === 46 && src.charCodeAt(p + 2) === 46) this.single(T.Ellipsis, 3);
        else this.single(T.Dot, 1);
        return;
      case 44: this.single(T.Comma, 1); return;
      case 91: this.single(T.OBrack, 1); return;
      case 93: this.single(T.CBrack, 1); return;
      case 40: this.single(T.OParen, 1); return;
      case 41: this.single(T.CParen, 1); return;
      case 42: this.single(T.Star, 1); return;
      case 43: this.single(T.Plus, 1); return;
      case 45: this.single(T.Minus, 1); return;
      case 37: this.single(T.Percent, 1); return;
      case 63: this.single(T.Question, 1); return;
      case 58: // :
        if (src.charCodeAt(p + 1) === 58) this.single(T.DoubleColon, 2);
        else this.single(T.Colon, 1);
        return;
      case 60: // <
        if (src.charCodeAt(p + 1) === 60 && this.heredocStart(p)) return;
        if (src.charCodeAt(p + 1) === 61) this.single(T.LessThanEq, 2);
        else this.single(T.LessThan, 1);
        return;
      case 62: // >
        if (src.charCodeAt(p + 1) === 61) this.single(T.GreaterThanEq, 2);
        else this.single(T.GreaterThan, 1);
        return;
      case 33: // !
        if (src.charCodeAt(p + 1) === 61) this.single(T.NotEqual, 2);
        else this.single(T.Bang, 1);
        return;
      case 38: // &
        if (src.charCodeAt(p + 1) === 38) this.single(T.And, 2);
        else this.single(T.BitwiseAnd, 1);
        return;
      case 124: // |
        if (src.charCodeAt(p + 1) === 124) this.single(T.Or, 2);
        else this.single(T.BitwiseOr, 1);
        return;
      case 94: this.single(T.BitwiseXor, 1); return;
      case 39: this.single(T.Apostrophe, 1); return;
      case 96: this.single(T.Backtick, 1); return;
      case 59: this.single(T.Semicolon, 1); return;
    }
    this.mark(p);
    if (c >= 128) {
      if (isIdentStart(src, p)) {
        p = this.wide(c, p);
        for (;;) {
          c = src.charCodeAt(p);
          if (c < 128) {
            if ((CLS[c] & 2) === 0) break;
            p++;
          } else if (c >= 128 && isIdentCont(src, p)) {
            p = this.wide(c, p);
          } else break;
        }
        this.p = p;
        this.emit(T.Ident, p);
        return;
      }
      p = this.wide(c, p);
    } else {
      p++;
    }
    this.p = p;
    this.emit(T.Invalid, p);
  }

  /** NumberLit = digit (digit | '.' | [eE][+-]?digit)* not ending in '.'. */
  scanNumber(p: number): void {
    const src = this.src;
    this.mark(p);
    p++;
    let good = p;
    for (;;) {
      const c = src.charCodeAt(p);
      if (c >= 48 && c <= 57) {
        good = ++p;
      } else if (c === 46) {
        p++;
      } else if (c === 101 || c === 69) {
        let d = src.charCodeAt(p + 1);
        if (d >= 48 && d <= 57) {
          p += 2;
          good = p;
        } else if (d === 43 || d === 45) {
          d = src.charCodeAt(p + 2);
          if (d >= 48 && d <= 57) {
            p += 3;
            good = p;
          } else break;
        } else break;
      } else break;
    }
    this.p = good;
    this.emit(T.NumberLit, good);
  }

  closeBrace(len: number): void {
    const rb = this.retBraces;
    if (rb.length > 0 && rb[rb.length - 1] === this.braces) {
      this.single(T.TemplateSeqEnd, len);
      this.braces--;
      rb.pop();
      this.popMode();
      return;
    }
    // A `~}` that does not close a template sequence is still a TemplateSeqEnd, so the
    // parser can report it.
    this.single(len === 2 ? T.TemplateSeqEnd : T.CBrace, len);
    this.braces--;
  }

  lineComment(p: number, len: number): void {
    this.mark(p);
    const nl = this.src.indexOf('\n', p + len);
    if (nl < 0) {
      this.p = this.n;
      if (this.keepComments) this.emit(T.Comment, this.n);
      return;
    }
    // The comment includes its newline. Without comments, a Newline token stands in for
    // it and, like hclsyntax's peeker, keeps the comment's range.
    this.p = nl + 1;
    this.emit(this.keepComments ? T.Comment : T.Newline, nl + 1);
  }

  blockComment(p: number): void {
    const src = this.src;
    const close = src.indexOf('*/', p + 2);
    if (close < 0) {
      // Unterminated: hclsyntax's longest-match scanner falls back to the `/` alone and
      // scans on from the `*` as ordinary tokens.
      this.single(T.Slash, 1);
      return;
    }
    this.mark(p);
    this.p = close + 2;
    if (this.keepComments) this.emit(T.Comment, close + 2);
  }

  /** `<<` at p: a heredoc introducer if followed by an optional `-`, an identifier and a newline. */
  heredocStart(p: number): boolean {
    const src = this.src;
    let q = p + 2;
    if (src.charCodeAt(q) === 45) q++;
    const ms = q;
    let c = src.charCodeAt(q);
    if (!(c < 128 ? (CLS[c] & 1) !== 0 : isIdentStart(src, q))) return false;
    q += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    for (;;) {
      c = src.charCodeAt(q);
      if (c < 128) {
        if ((CLS[c] & 2) === 0) break;
        q++;
      } else if (c >= 128 && isIdentCont(src, q)) q += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      else break;
    }
    const me = q;
    if (src.charCodeAt(q) === 13) q++;
    if (src.charCodeAt(q) !== 10) return false;
    this.mark(p);
    this.p = q + 1;
    this.emit(T.OHeredoc, q + 1);
    this.heredocs.push({ marker: src.slice(ms, me), startOfLine: true });
    this.pushMode(M_HEREDOC);
    return true;
  }

  beginSeq(type: T, p: number): void {
    const len = this.src.charCodeAt(p + 2) === 126 ? 3 : 2;
    this.single(type, len);
    this.braces++;
    this.retBraces.push(this.braces);
    const h = this.heredocs;
    if (h.length > 0) h[h.length - 1].startOfLine = false;
    this.pushMode(M_MAIN);
  }

  scanQuoted(): void {
    const src = this.src;
    const n = this.n;
    let p = this.p;
    let c = src.charCodeAt(p);
    if (c === 34) {
      this.single(T.CQuote, 1);
      this.popMode();
      return;
    }
    if ((c === 36 || c === 37) && src.charCodeAt(p + 1) === 123) {
      this.beginSeq(c === 36 ? T.TemplateInterp : T.TemplateControl, p);
      return;
    }
    if (c === 10 || c === 13) {
      this.mark(p);
      while (p < n && (c === 10 || c === 13)) c = src.charCodeAt(++p);
      this.p = p;
      this.emit(T.QuotedNewline, p);
      return;
    }
    this.mark(p);
    for (;;) {
      if (p >= n) break;
      c = src.charCodeAt(p);
      if (c === 34 || c === 10 || c === 13) break;
      if (c === 36 || c === 37) {
        if (p + 1 >= n) {
          // A `$` or `%` ending the input cannot be classified; hclsyntax's scanner
          // makes it an invalid token.
          if (p > this.ts) break;
          this.p = p + 1;
          this.emit(T.Invalid, p + 1);
          return;
        }
        const d = src.charCodeAt(p + 1);
        if (d === 123) break;
        if (d === c && src.charCodeAt(p + 2) === 123) p += 3;
        else p++;
      } else if (c === 92) {
        const d = src.charCodeAt(p + 1);
        if (p + 1 >= n || d === 10 || d === 13) {
          // A lone backslash at the end of a line is not a valid part of a string.
          if (p > this.ts) break;
          this.p = p + 1;
          this.emit(T.Invalid, p + 1);
          return;
        }
        p += 2;
        if (d >= 0xd800 && d <= 0xdbff) {
          const e = src.charCodeAt(p);
          if (e >= 0xdc00 && e <= 0xdfff) p++;
        }
      } else if (c >= 128) p = this.wide(c, p);
      else p++;
    }
    this.p = p;
    this.emit(T.QuotedLit, p);
  }

  /** Length of the line starting at p up to (excluding) its `\n`, or -1 at EOF without one. */
  heredocMarkerAt(p: number, marker: string): number {
    const src = this.src;
    let e = src.indexOf('\n', p);
    if (e < 0) return -1;
    const nl = e;
    // TrimSpace on the line content
    let a = p;
    while (a < e && isSpace(src.charCodeAt(a))) a++;
    while (e > a && isSpace(src.charCodeAt(e - 1))) e--;
    if (e - a !== marker.length || !src.startsWith(marker, a)) return -1;
    return nl;
  }

  /**
   * A carriage return without a line feed in template text matches no scanner rule;
   * hclsyntax then gives up, making the rest of the input one invalid token.
   */
  loneCR(p: number): void {
    if (p > this.ts) this.emit(T.StringLit, p);
    this.mark(p);
    this.p = this.n;
    this.emit(T.Invalid, this.n);
  }

  scanHeredoc(): void {
    const src = this.src;
    const n = this.n;
    let p = this.p;
    const h = this.heredocs[this.heredocs.length - 1];
    if (h.startOfLine) {
      const nl = this.heredocMarkerAt(p, h.marker);
      if (nl >= 0) {
        const end = src.charCodeAt(nl - 1) === 13 && nl - 1 >= p ? nl - 1 : nl;
        this.mark(p);
        this.p = end;
        this.emit(T.CHeredoc, end);
        this.mark(end);
        this.p = nl + 1;
        this.emit(T.Newline, nl + 1);
        this.heredocs.pop();
        this.popMode();
        return;
      }
    }
    let c = src.charCodeAt(p);
    if ((c === 36 || c === 37) && src.charCodeAt(p + 1) === 123) {
      this.beginSeq(c === 36 ? T.TemplateInterp : T.TemplateControl, p);
      return;
    }
    this.mark(p);
    for (;;) {
      if (p >= n) {
        h.startOfLine = false;
        break;
      }
      c = src.charCodeAt(p);
      if (c === 10) {
        p++;
        h.startOfLine = true;
        break;
      }
      if (c === 13 && src.charCodeAt(p + 1) !== 10) {
        this.loneCR(p);
        return;
      }
      if (c === 36 || c === 37) {
        if (p + 1 >= n) {
          // as in scanQuoted
          h.startOfLine = false;
          if (p > this.ts) break;
          this.p = p + 1;
          this.emit(T.Invalid, p + 1);
          return;
        }
        const d = src.charCodeAt(p + 1);
        if (d === 123) {
          h.startOfLine = false;
          break;
        }
        if (d === c && src.charCodeAt(p + 2) === 123) p += 3;
        else p++;
      } else if (c >= 128) p = this.wide(c, p);
      else p++;
    }
    this.p = p;
    this.emit(T.StringLit, p);
  }

  scanBare(): void {
    const src = this.src;
    const n = this.n;
    let p = this.p;
    let c = src.charCodeAt(p);
    if ((c === 36 || c === 37) && src.charCodeAt(p + 1) === 123) {
      this.beginSeq(c === 36 ? T.TemplateInterp : T.TemplateControl, p);
      return;
    }
    this.mark(p);
    for (;;) {
      if (p >= n) break;
      c = src.charCodeAt(p);
      if (c === 10) {
        p++;
        break;
      }
      if (c === 13 && src.charCodeAt(p + 1) !== 10 && this.modes.length > 0) {
        this.loneCR(p);
        return;
      }
      if (c === 36 || c === 37) {
        const d = src.charCodeAt(p + 1);
        if (d === 123) break;
        if (d === c && src.charCodeAt(p + 2) === 123) p += 3;
        else p++;
      } else if (c >= 128) p = this.wide(c, p);
      else p++;
    }
    this.p = p;
    this.emit(T.StringLit, p);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function codePointStr(src: string, p: number): string {
  const c = src.charCodeAt(p);
  if (c >= 0xd800 && c <= 0xdbff) return src.slice(p, p + 2);
  return src[p];
}

function isIdentStart(src: string, p: number): boolean {
  return ID_START_RE.test(codePointStr(src, p));
}

function isIdentCont(src: string, p: number): boolean {
  return ID_CONT_RE.test(codePointStr(src, p));
}

/**
 * The full token stream of a native-syntax file, comments and newlines included, each token
 * with its exact text and range; the last token is EOF. This is what `fmt` works on.
 */
export function lex(src: string, filename: string, start?: Pos): Token[] {
  return toTokens(scan(src, ScanMode.Normal, true), new SourceIndex(filename, src, start));
}

/** Like lex, for a bare template (the text of a template file). */
export function lexTemplate(src: string, filename: string, start?: Pos): Token[] {
  return toTokens(scan(src, ScanMode.Template, true), new SourceIndex(filename, src, start));
}

function toTokens(b: TokenBuffer, ix: SourceIndex): Token[] {
  const out: Token[] = new Array(b.n);
  const src = ix.src;
  for (let i = 0; i < b.n; i++) {
    out[i] = { type: b.type[i], text: src.slice(b.start[i], b.end[i]), range: ix.range(b.start[i], b.end[i]) };
  }
  return out;
}
