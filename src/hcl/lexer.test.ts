import { describe, expect, it } from 'vitest';
import { lex, lexTemplate } from './lexer.js';
import { TokenType as T, tokenTypeName } from './token.js';

function kinds(src: string): string[] {
  return lex(src, 't').map((t) => `${tokenTypeName(t.type)}:${t.text}`);
}

const cases: [string, string[]][] = [
  ['a = 1', ['Ident:a', 'Equal:=', 'NumberLit:1', 'EOF:']],
  ['a-b_c', ['Ident:a-b_c', 'EOF:']],
  ['1.5e+3 1. 1.2.3', ['NumberLit:1.5e+3', 'NumberLit:1', 'Dot:.', 'NumberLit:1.2.3', 'EOF:']],
  ['1e 2E-', ['NumberLit:1', 'Ident:e', 'NumberLit:2', 'Ident:E-', 'EOF:']],
  ['== != <= >= && || => ... :: = < > ! ? : . , * / % + -', [
    'EqualOp:==', 'NotEqual:!=', 'LessThanEq:<=', 'GreaterThanEq:>=', 'And:&&', 'Or:||', 'FatArrow:=>',
    'Ellipsis:...', 'DoubleColon:::', 'Equal:=', 'LessThan:<', 'GreaterThan:>', 'Bang:!', 'Question:?',
    'Colon::', 'Dot:.', 'Comma:,', 'Star:*', 'Slash:/', 'Percent:%', 'Plus:+', 'Minus:-', 'EOF:',
  ]],
  ['& | ^ ~ ; ` \' @', [
    'BitwiseAnd:&', 'BitwiseOr:|', 'BitwiseXor:^', 'BitwiseNot:~', 'Semicolon:;', 'Backtick:`',
    "Apostrophe:'", 'Invalid:@', 'EOF:',
  ]],
  ['# c\n// d\r\n/* e\n */x', ['Comment:# c\n', 'Comment:// d\r\n', 'Comment:/* e\n */', 'Ident:x', 'EOF:']],
  ['a\n\r\nb', ['Ident:a', 'Newline:\n', 'Newline:\r\n', 'Ident:b', 'EOF:']],
  ['"a${b}c"', ['OQuote:"', 'QuotedLit:a', 'TemplateInterp:${', 'Ident:b', 'TemplateSeqEnd:}', 'QuotedLit:c', 'CQuote:"', 'EOF:']],
  ['"${~b~}"', ['OQuote:"', 'TemplateInterp:${~', 'Ident:b', 'TemplateSeqEnd:~}', 'CQuote:"', 'EOF:']],
  ['"%{if x}y%{endif}"', [
    'OQuote:"', 'TemplateControl:%{', 'Ident:if', 'Ident:x', 'TemplateSeqEnd:}', 'QuotedLit:y',
    'TemplateControl:%{', 'Ident:endif', 'TemplateSeqEnd:}', 'CQuote:"', 'EOF:',
  ]],
  ['"$${a} \\" x"', ['OQuote:"', 'QuotedLit:$${a} \\" x', 'CQuote:"', 'EOF:']],
  ['"${ {a=1} }"', [
    'OQuote:"', 'TemplateInterp:${', 'OBrace:{', 'Ident:a', 'Equal:=', 'NumberLit:1', 'CBrace:}',
    'TemplateSeqEnd:}', 'CQuote:"', 'EOF:',
  ]],
  ['"a\nb"', ['OQuote:"', 'QuotedLit:a', 'QuotedNewline:\n', 'QuotedLit:b', 'CQuote:"', 'EOF:']],
  ['<<EOT\nx ${y}\nEOT\n', [
    'OHeredoc:<<EOT\n', 'StringLit:x ', 'TemplateInterp:${', 'Ident:y', 'TemplateSeqEnd:}', 'StringLit:\n',
    'CHeredoc:EOT', 'Newline:\n', 'EOF:',
  ]],
  ['<<-EOT\n  a\n  EOTX\n  EOT\n', ['OHeredoc:<<-EOT\n', 'StringLit:  a\n', 'StringLit:  EOTX\n', 'CHeredoc:  EOT', 'Newline:\n', 'EOF:']],
  ['a << b', ['Ident:a', 'LessThan:<', 'LessThan:<', 'Ident:b', 'EOF:']],
  ['"\u201c"', ['OQuote:"', 'QuotedLit:\u201c', 'CQuote:"', 'EOF:']],
  ['\u201cx\u201d', ['Invalid:\u201c', 'Ident:x', 'Invalid:\u201d', 'EOF:']],
  // an unterminated comment falls back to ordinary tokens, as hclsyntax's scanner does
  ['/* un', ['Slash:/', 'Star:*', 'Ident:un', 'EOF:']],
];

describe('lex: token stream', () => {
  it.each(cases)('%j', (src, want) => {
    expect(kinds(src)).toEqual(want);
  });

  it('lexes a bare template', () => {
    expect(lexTemplate('a ${b}\nc', 't').map((t) => `${tokenTypeName(t.type)}:${t.text}`)).toEqual([
      'StringLit:a ', 'TemplateInterp:${', 'Ident:b', 'TemplateSeqEnd:}', 'StringLit:\n', 'StringLit:c', 'EOF:',
    ]);
  });
});

/** Line and column (code points) of a UTF-16 offset, computed the slow obvious way. */
function slowPos(src: string, off: number): { line: number; column: number; byte: number } {
  const before = src.slice(0, off);
  const lines = before.split('\n');
  return {
    line: lines.length,
    column: [...lines[lines.length - 1]].length + 1,
    byte: Buffer.byteLength(before),
  };
}

describe('lex: positions', () => {
  const samples = [
    'a = "é ü 😀 ${x}" # ß\nb = <<EOT\n  ñ 😀\nEOT\nc = { "ключ" = 1 }\n',
    'résumé = 1\n/* 日本\n語 */ x = "\\u00e9"\n',
    'a {\n\tb = [1,\n2]\n}\n',
  ];
  it.each(samples)('every token text is exactly the source between its byte offsets: %j', (src) => {
    const buf = Buffer.from(src, 'utf8');
    let searchFrom = 0;
    for (const t of lex(src, 't')) {
      expect(buf.subarray(t.range.start.byte, t.range.end.byte).toString('utf8')).toBe(t.text);
      const off = src.indexOf(t.text, searchFrom);
      expect(t.range.start).toEqual(slowPos(src, off));
      expect(t.range.end).toEqual(slowPos(src, off + t.text.length));
      searchFrom = off + t.text.length;
    }
  });

  it('skips a byte order mark but counts its bytes', () => {
    const toks = lex('\ufeffa', 't');
    expect(toks[0].type).toBe(T.Ident);
    expect(toks[0].range.start).toEqual({ line: 1, column: 1, byte: 3 });
  });

  it('ends with an EOF token at the end of input', () => {
    const toks = lex('a\n', 't');
    expect(toks[toks.length - 1]).toEqual({
      type: T.EOF, text: '', range: { filename: 't', start: { line: 2, column: 1, byte: 2 }, end: { line: 2, column: 1, byte: 2 } },
    });
  });
});
