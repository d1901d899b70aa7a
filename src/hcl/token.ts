/**
 * Tokens of HCL's native syntax, as produced by the scanner (lexer.ts). The set mirrors
 * hclsyntax's token types, including the ones the language does not use but the scanner
 * recognises so the parser can explain common mistakes (`&`, `'`, `;` ...).
 */
import type { Range } from './diagnostic.js';

/** The kind of a token. Numeric so the scanner can keep tokens in typed arrays. */
export enum TokenType {
  EOF = 0,
  OBrace, // {
  CBrace, // }
  OBrack, // [
  CBrack, // ]
  OParen, // (
  CParen, // )
  /** The `"` opening a quoted template. */
  OQuote,
  /** The `"` closing a quoted template. */
  CQuote,
  /** A heredoc introducer including its newline: `<<EOT\n` or `<<-EOT\n`. */
  OHeredoc,
  /** A heredoc's closing marker line (leading spaces included, newline excluded). */
  CHeredoc,
  Star,
  Slash,
  Plus,
  Minus,
  Percent,
  Equal, // =
  EqualOp, // ==
  NotEqual, // !=
  LessThan,
  LessThanEq,
  GreaterThan,
  GreaterThanEq,
  And, // &&
  Or, // ||
  Bang, // !
  Dot,
  Comma,
  DoubleColon, // ::
  Ellipsis, // ...
  FatArrow, // =>
  Question,
  Colon,
  /** `${` or `${~` */
  TemplateInterp,
  /** `%{` or `%{~` */
  TemplateControl,
  /** `}` or `~}` closing a template sequence. */
  TemplateSeqEnd,
  /** Literal text of a quoted template; may contain backslash escapes. */
  QuotedLit,
  /** Literal text of a heredoc or bare template; no backslash escapes. */
  StringLit,
  NumberLit,
  Ident,
  /** `# ...`, `// ...` (both including their newline, if any) or `/* ... *\/`. */
  Comment,
  /** `\n` or `\r\n`. */
  Newline,
  BitwiseAnd, // &
  BitwiseOr, // |
  BitwiseNot, // ~
  BitwiseXor, // ^
  Apostrophe, // '
  Backtick, // `
  Semicolon, // ;
  /** A character not used by the language. */
  Invalid,
  /** A newline inside a quoted string (an error). */
  QuotedNewline,
}

/** One token with its exact source text and range. */
export interface Token {
  type: TokenType;
  /** The source text of the token, exactly as written. */
  text: string;
  range: Range;
}

/** A readable name for a token type, for debugging and test output. */
export function tokenTypeName(t: TokenType): string {
  return TokenType[t] ?? `Token(${t})`;
}
