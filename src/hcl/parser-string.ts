/**
 * The values of string literal tokens: backslash escapes in quoted strings (`\n`, `\t`,
 * `\"`, `\\`, `\uNNNN`, `\UNNNNNNNN`) and the `$${` / `%%{` template escapes, with
 * hclsyntax's diagnostics placed on the offending escape.
 */
import { Parser } from './parser.js';

function escapeError(p: Parser, from: number, to: number, detail: string): void {
  p.error('Invalid escape sequence', detail, p.span(from, to));
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * The value of a QuotedLit (backslash escapes) or StringLit token: `$${` and `%%{` become
 * `${` and `%{`; bad escapes are diagnosed and kept as written.
 */
export function decodeStringLit(p: Parser, tok: number, quoted: boolean): string {
  const src = p.src;
  const s = p.b.start[tok];
  const e = p.b.end[tok];
  let out = '';
  let last = s;
  for (let k = s; k < e; k++) {
    const c = src.charCodeAt(k);
    if (c === 36 || c === 37) {
      if (src.charCodeAt(k + 1) === c && src.charCodeAt(k + 2) === 123 && k + 2 < e) {
        out += src.slice(last, k + 1);
        last = k + 2;
        k += 2;
      }
      continue;
    }
    if (c !== 92 || !quoted) continue;
    out += src.slice(last, k);
    if (k + 1 >= e) {
      escapeError(p, k, k + 1, 'Backslash must be followed by an escape sequence selector character.');
      last = k;
      break;
    }
    const d = src.charCodeAt(k + 1);
    switch (d) {
      case 110: out += '\n'; k++; last = k + 1; continue;
      case 114: out += '\r'; k++; last = k + 1; continue;
      case 116: out += '\t'; k++; last = k + 1; continue;
      case 34: out += '"'; k++; last = k + 1; continue;
      case 92: out += '\\'; k++; last = k + 1; continue;
      case 117:
      case 85: {
        const want = d === 117 ? 4 : 8;
        let h = k + 2;
        while (h < e && h < k + 2 + want && isHex(src.charCodeAt(h))) h++;
        if (h - (k + 2) !== want) {
          escapeError(p, k, h, d === 117
            ? 'The \\u escape sequence must be followed by four hexadecimal digits.'
            : 'The \\U escape sequence must be followed by eight hexadecimal digits.');
          last = k;
          k = h - 1;
          continue;
        }
        const num = parseInt(src.slice(k + 2, h), 16);
        if ((num >= 0xd800 && num <= 0xdfff) || num > 0x10ffff) {
          escapeError(p, k, h, `Cannot encode character U+${num.toString(16).padStart(4, '0')} in UTF-8.`);
          last = k;
          k = h - 1;
          continue;
        }
        out += String.fromCodePoint(num);
        last = h;
        k = h - 1;
        continue;
      }
      default: {
        const cpLen = d >= 0xd800 && d <= 0xdbff ? 2 : 1;
        const sym = src.slice(k + 1, k + 1 + cpLen);
        escapeError(p, k, k + 1 + cpLen, `The symbol ${JSON.stringify(sym)} is not a valid escape sequence selector.`);
        out += sym;
        k += cpLen;
        last = k + 1;
      }
    }
  }
  if (last === s) return src.slice(s, e);
  return out + src.slice(last, e);
}

