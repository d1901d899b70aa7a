/**
 * The parser state shared by the native-syntax parser files (body, expression, template,
 * traversal): a cursor over the scanner's token buffer with hclsyntax's peeker semantics
 * (newlines significant or not, by a stack), recovery mode, and one diagnostics list.
 *
 * Structure follows hclsyntax's parser.go: every parse step appends its errors to `diags`
 * and returns a (possibly partial) node; "did this step fail" is a diags length check.
 */
import type { Block, Traverser } from './ast.js';
import type { Diagnostic, Pos, Range } from './diagnostic.js';
import type { TokenBuffer } from './lexer.js';
import { SourceIndex } from './source-index.js';
import { TokenType as T } from './token.js';

/** Shared cursor and error state for one parse. */
export class Parser {
  b: TokenBuffer;
  /** Number of tokens; the last one is EOF. */
  n: number;
  src: string;
  filename: string;
  /** Index of the next raw token. */
  i = 0;
  /** Whether newlines are significant right now (top of the peeker's stack). */
  nl = true;
  nlStack: boolean[] = [];
  /** Set once recovery has been attempted; suppresses follow-on errors as hclsyntax does. */
  recovery = false;
  diags: Diagnostic[] = [];
  /** Open-addressing table of interned names (see name()). */
  private names: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);
  private nNames = 0;
  /** A stack of traversal steps not yet attached to their node (see parseTraversals). */
  stepBuf: Traverser[] = [];
  stepTop = 0;
  /** A stack of the blocks of the bodies being parsed (see parseBody). */
  blockBuf: Block[] = [];
  blockTop = 0;
  /** Scratch for the labels of the block header being parsed. */
  labelBuf: string[] = [];
  spanBuf: number[] = [];
  /**
   * A stack for the items of collections being parsed (tuple elements, object items, call
   * arguments): nested collections use it above their parent's items, and each takes its
   * own off as one right-sized array.
   */
  itemBuf: unknown[] = [];
  itemTop = 0;
  /** Turns offsets into positions; every node of this parse refers to it. */
  ix: SourceIndex;

  constructor(b: TokenBuffer, src: string, filename: string, start?: Pos) {
    this.b = b;
    this.n = b.n;
    this.src = src;
    this.filename = filename;
    this.ix = new SourceIndex(filename, src, start);
  }

  pushItem(x: unknown): void {
    this.itemBuf[this.itemTop++] = x;
  }

  /** The items pushed since `base`, removed from the stack. */
  takeItems<X>(base: number): X[] {
    const top = this.itemTop;
    if (top === base) return [];
    const out = this.itemBuf.slice(base, top) as X[];
    this.itemTop = base;
    return out;
  }

  pushStep(s: Traverser): void {
    this.stepBuf[this.stepTop++] = s;
  }

  /** UTF-16 offset of the start of token i. */
  ts(i: number): number {
    return this.b.start[i];
  }

  /** UTF-16 offset of the end of token i. */
  te(i: number): number {
    return this.b.end[i];
  }

  /** Index of the next significant token (skipping newlines when they are insignificant). */
  peek(): number {
    let i = this.i;
    if (i >= this.n) return this.n - 1;
    if (!this.nl) {
      const t = this.b.type;
      while (t[i] === T.Newline) i++;
    }
    return i;
  }

  /** Type of the next significant token. */
  peekType(): T {
    return this.b.type[this.peek()];
  }

  /** Consumes and returns the index of the next significant token (EOF repeats forever). */
  read(): number {
    const i = this.peek();
    this.i = i + 1;
    return i;
  }

  /** Index of the previously consumed raw token (hclsyntax's PrevRange). */
  prev(): number {
    return this.i === 0 ? this.peek() : Math.min(this.i, this.n) - 1;
  }

  pushNL(include: boolean): void {
    this.nlStack.push(this.nl);
    this.nl = include;
  }

  popNL(): void {
    this.nl = this.nlStack.pop() as boolean;
  }

  type(i: number): T {
    return this.b.type[i];
  }

  text(i: number): string {
    return this.src.slice(this.b.start[i], this.b.end[i]);
  }

  /**
   * The text of an identifier token, interned: names repeat a lot (`var`, `aws_instance`,
   * attribute names), and one shared string per name keeps the tree smaller.
   */
  name(i: number): string {
    // Hashed straight from the source, so a name seen before costs no new string.
    const src = this.src;
    const s = this.b.start[i];
    const e = this.b.end[i];
    const len = e - s;
    let h = len;
    for (let k = s; k < e; k++) h = (Math.imul(h, 31) + src.charCodeAt(k)) | 0;
    const table = this.names;
    const mask = table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const t = table[slot];
      if (t === undefined) break;
      if (t.length === len && src.startsWith(t, s)) return t;
    }
    const str = src.slice(s, e);
    if (++this.nNames * 2 > table.length) this.growNames();
    const t2 = this.names;
    const m2 = t2.length - 1;
    let slot = h & m2;
    while (t2[slot] !== undefined) slot = (slot + 1) & m2;
    t2[slot] = str;
    return str;
  }

  private growNames(): void {
    const old = this.names;
    const table = new Array<string | undefined>(old.length * 2).fill(undefined);
    const mask = table.length - 1;
    for (const t of old) {
      if (t === undefined) continue;
      let h = t.length;
      for (let k = 0; k < t.length; k++) h = (Math.imul(h, 31) + t.charCodeAt(k)) | 0;
      let slot = h & mask;
      while (table[slot] !== undefined) slot = (slot + 1) & mask;
      table[slot] = t;
    }
    this.names = table;
  }

  /** The range of token i (a fresh object, for diagnostics). */
  range(i: number): Range {
    return this.ix.range(this.b.start[i], this.b.end[i]);
  }

  /** From the start of token a to the end of token b. */
  rangeTok(a: number, b: number): Range {
    return this.ix.range(this.b.start[a], this.b.end[b]);
  }

  /** The range covering tokens a and b, whichever comes first (hcl.RangeBetween of their ranges). */
  betweenTok(a: number, b: number): Range {
    const st = this.b.start;
    const en = this.b.end;
    return this.ix.range(Math.min(st[a], st[b]), Math.max(en[a], en[b]));
  }

  /** The range of offsets [s, e). */
  span(s: number, e: number): Range {
    return this.ix.range(s, e);
  }

  /** A range covering both (hcl.RangeBetween). */
  between(a: Range, b: Range): Range {
    return {
      filename: this.filename,
      start: a.start.byte <= b.start.byte ? a.start : b.start,
      end: a.end.byte >= b.end.byte ? a.end : b.end,
    };
  }

  error(summary: string, detail: string, subject: Range, context?: Range): void {
    const d: Diagnostic = { severity: 'error', summary, detail, subject };
    if (context) d.context = context;
    this.diags.push(d);
  }

  /**
   * Skips to the token closing the current bracket `end` (respecting nesting), or EOF,
   * and returns its index. Enters recovery mode.
   */
  recover(end: T): number {
    const start = opposite(end);
    this.recovery = true;
    let nest = 0;
    for (;;) {
      const i = this.read();
      let ty = this.b.type[i];
      if (end === T.TemplateSeqEnd && ty === T.TemplateControl) ty = T.TemplateInterp;
      if (ty === start) nest++;
      else if (ty === end) {
        if (nest < 1) return i;
        nest--;
      } else if (ty === T.EOF) return i;
    }
  }

  /** Skips past the next `start` token, then recovers to its closing counterpart. */
  recoverOver(start: T): void {
    for (;;) {
      const ty = this.b.type[this.read()];
      if (ty === start || ty === T.EOF) break;
    }
    this.recover(opposite(start));
  }

  /** Skips to the end of the current body item: the next newline outside any brackets. */
  recoverAfterBodyItem(): void {
    this.recovery = true;
    const open: T[] = [];
    for (;;) {
      const ty = this.b.type[this.read()];
      switch (ty) {
        case T.Newline:
          if (open.length === 0) return;
          break;
        case T.EOF:
          return;
        case T.OBrace: case T.OBrack: case T.OParen: case T.OQuote: case T.OHeredoc:
        case T.TemplateInterp: case T.TemplateControl:
          open.push(ty);
          break;
        case T.CBrace: case T.CBrack: case T.CParen: case T.CQuote: case T.CHeredoc: {
          const opener = opposite(ty);
          while (open.length > 0 && open[open.length - 1] !== opener) open.pop();
          if (open.length > 0) open.pop();
          break;
        }
        case T.TemplateSeqEnd:
          while (open.length > 0 && open[open.length - 1] !== T.TemplateInterp && open[open.length - 1] !== T.TemplateControl) open.pop();
          if (open.length > 0) open.pop();
          break;
      }
    }
  }
}

/** The matching bracket of a bracket-like token, or EOF (hclsyntax's TokenNil) for others. */
export function opposite(ty: T): T {
  switch (ty) {
    case T.OBrace: return T.CBrace;
    case T.OBrack: return T.CBrack;
    case T.OParen: return T.CParen;
    case T.OQuote: return T.CQuote;
    case T.OHeredoc: return T.CHeredoc;
    case T.CBrace: return T.OBrace;
    case T.CBrack: return T.OBrack;
    case T.CParen: return T.OParen;
    case T.CQuote: return T.OQuote;
    case T.CHeredoc: return T.OHeredoc;
    case T.TemplateControl: return T.TemplateSeqEnd;
    case T.TemplateInterp: return T.TemplateSeqEnd;
    case T.TemplateSeqEnd: return T.TemplateInterp;
    default: return 255 as T;
  }
}
