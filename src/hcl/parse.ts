/**
 * Public entry points of the native-syntax parser (the equivalent of hclsyntax's public.go).
 * Every function returns its result and its diagnostics; none throws on user input.
 */
import type { Expression, File, Traversal } from './ast.js';
import type { Diagnostic, Pos } from './diagnostic.js';
import { ScanMode, scan, type TokenBuffer } from './lexer.js';
import { Parser } from './parser.js';
import { parseBody } from './parser-body.js';
import { parseExpr } from './parser-expression.js';
import { parseBareTemplate } from './parser-template.js';
import { parseTraversal } from './parser-traversal.js';
import { TokenType as T } from './token.js';

export { lex, lexTemplate } from './lexer.js';

/** Parses a whole native-syntax file (.tf, .tfvars, .hcl). */
export function parseConfig(src: string, filename: string, start?: Pos): { file: File; diags: Diagnostic[] } {
  const p = newParser(src, filename, ScanMode.Normal, start);
  const body = parseBody(p, T.EOF);
  return { file: { filename, body, src, syntax: 'native' }, diags: p.diags };
}

/** Parses a single expression, such as a console line or an expression embedded in JSON. */
export function parseExpression(src: string, filename: string, start?: Pos): { expr: Expression; diags: Diagnostic[] } {
  const p = newParser(src, filename, ScanMode.Normal, start);
  p.pushNL(false);
  const expr = parseExpr(p);
  const ni = p.peek();
  if (p.type(ni) !== T.EOF && !p.recovery) {
    p.error('Extra characters after expression', 'An expression was successfully parsed, but extra characters were found after it.', p.range(ni));
  }
  p.popNL();
  return { expr, diags: p.diags };
}

/** Parses a bare template (no surrounding quotes): a template file or a .tf.json string. */
export function parseTemplate(src: string, filename: string, start?: Pos): { expr: Expression; diags: Diagnostic[] } {
  const p = newParser(src, filename, ScanMode.Template, start);
  const expr = parseBareTemplate(p);
  return { expr, diags: p.diags };
}

/** Parses an absolute traversal such as `aws_instance.web[0]` (no splats, literal keys only). */
export function parseTraversalAbs(src: string, filename: string, start?: Pos): { traversal?: Traversal; diags: Diagnostic[] } {
  const p = newParser(src, filename, ScanMode.Normal, start);
  p.pushNL(false);
  const traversal = parseTraversal(p);
  p.popNL();
  return traversal ? { traversal, diags: p.diags } : { diags: p.diags };
}

function newParser(src: string, filename: string, mode: ScanMode, start?: Pos): Parser {
  const b = scan(src, mode, false);
  const p = new Parser(b, src, filename, start);
  checkInvalidTokens(p, b);
  return p;
}

/** Diagnoses tokens that never belong in HCL, at most a few of each kind (hclsyntax's checkInvalidTokens). */
function checkInvalidTokens(p: Parser, b: TokenBuffer): void {
  let toldBitwise = 0;
  let toldBacktick = 0;
  let toldApostrophe = 0;
  let toldSemicolon = 0;
  const type = b.type;
  for (let i = 0; i < b.n; i++) {
    const t = type[i];
    if (t < T.BitwiseAnd) continue;
    switch (t) {
      case T.BitwiseAnd: case T.BitwiseOr: case T.BitwiseXor: case T.BitwiseNot:
        if (toldBitwise < 4) {
          const suggestion = t === T.BitwiseAnd ? ' Did you mean boolean AND ("&&")?'
            : t === T.BitwiseOr ? ' Did you mean boolean OR ("||")?'
            : t === T.BitwiseNot ? ' Did you mean boolean NOT ("!")?' : '';
          p.error('Unsupported operator', `Bitwise operators are not supported.${suggestion}`, p.range(i));
          toldBitwise++;
        }
        break;
      case T.Backtick:
        if (toldBacktick % 2 === 0) {
          p.error('Invalid character', 'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".', p.range(i));
        }
        if (toldBacktick <= 2) toldBacktick++;
        break;
      case T.Apostrophe:
        if (toldApostrophe % 2 === 0) {
          p.error('Invalid character', 'Single quotes are not valid. Use double quotes (") to enclose strings.', p.range(i));
        }
        if (toldApostrophe <= 2) toldApostrophe++;
        break;
      case T.Semicolon:
        if (toldSemicolon < 1) {
          p.error('Invalid character', 'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.', p.range(i));
          toldSemicolon++;
        }
        break;
      case T.QuotedNewline:
        p.error('Invalid multi-line string', 'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.', p.range(i));
        break;
      case T.Invalid: {
        const text = p.text(i);
        if (text === '\u201c' || text === '\u201d') {
          p.error('Invalid character', '"Curly quotes" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a "straight quote".', p.range(i));
        } else {
          p.error('Invalid character', 'This character is not used within the language.', p.range(i));
        }
        break;
      }
    }
  }
}
