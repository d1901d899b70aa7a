/**
 * Renders Diagnostics as Terraform 1.x prints them (command/format/diagnostic.go):
 *
 *   ╷
 *   │ Error: Unsupported argument
 *   │
 *   │   on main.tf line 3, in resource "aws_instance" "web":
 *   │    3:   foo = 1
 *   │
 *   │ An argument named "foo" is not expected here.
 *   ╵
 *
 * With color the box is drawn and the subject is underlined; Terraform's `-no-color` uses
 * the "plain" form (no box, a leading blank line), which is the default when color is off.
 *
 * Optional renderer inputs travel in `Diagnostic.extra` (set by the engine/evaluator):
 * - `address: string`: the resource instance, printed as `  with aws_instance.web[0],`
 * - `values: {traversal: string; statement: string}[]`: the "├────" expression values
 * - `functionCall: {calledAs: string; params?: string[]; variadic?: string}`: the
 *   "while calling f(a, b...)" line (printed only when `params` is given)
 */
import type { Diagnostic, Range } from './diagnostic.js';
import { contextString } from './diagnostic-context.js';

/** How to render. */
export interface RenderOptions {
  /** ANSI colors and the underlined subject. */
  color: boolean;
  /** Terminal width for wrapping the detail text; 0 disables wrapping. Default 78 (Terraform's default). */
  width?: number;
  /**
   * Box-less form (Terraform's DiagnosticPlain). Defaults to `!color`, as `terraform -no-color`
   * does; set false to get the box without color.
   */
  plain?: boolean;
}

/** Extra renderer inputs carried by a diagnostic (see the file comment). */
export interface DiagnosticRenderExtra {
  address?: string;
  values?: { traversal: string; statement: string }[];
  functionCall?: { calledAs: string; params?: string[]; variadic?: string };
}

const CODES: Record<string, string> = {
  reset: '\x1b[0m', bold: '\x1b[1m', underline: '\x1b[4m', red: '\x1b[31m', yellow: '\x1b[33m', dark_gray: '\x1b[90m',
};

/**
 * mitchellh/colorstring as Terraform configures it: `[bold]` style codes become ANSI
 * sequences (or vanish without color), and a string that had any code gets a final reset.
 * Terraform colorizes printf formats before filling them, so `args` replace `%s` afterwards.
 */
function colorize(s: string, on: boolean, ...args: string[]): string {
  let matched = false;
  let out = s.replace(/\[(reset|bold|underline|red|yellow|dark_gray)\]/g, (_m, k: string) => { matched = true; return on ? CODES[k]! : ''; });
  if (matched && on) out += CODES.reset;
  let i = 0;
  return out.replace(/%s/g, () => args[i++] ?? '%s');
}

/** Word wrap at whitespace, like mitchellh/go-wordwrap (limits count characters). */
export function wordWrap(s: string, lim: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen > lim) current = 0;
        else { current += spaceLen; out += space; }
        space = ''; spaceLen = 0;
      } else {
        current += spaceLen + wordLen;
        out += space + word;
        space = ''; spaceLen = 0; word = ''; wordLen = 0;
      }
      out += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== '\u00a0') {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        out += space + word;
        space = ''; spaceLen = 0; word = ''; wordLen = 0;
      }
      space += ch; spaceLen++;
    } else {
      word += ch; wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        out += '\n';
        current = 0;
        space = ''; spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) out += space;
  } else {
    out += space + word;
  }
  return out;
}

interface Snippet {
  context?: string;
  code: Buffer;
  startLine: number;
  hlStart: number;
  hlEnd: number;
}

function isEmpty(r: Range): boolean { return r.start.byte === r.end.byte; }

function overlaps(a: Range, b: Range): boolean {
  if (a.filename !== b.filename || isEmpty(a) || isEmpty(b)) return false;
  const has = (r: Range, o: number): boolean => o >= r.start.byte && o < r.end.byte;
  return has(a, b.start.byte) || has(a, b.end.byte) || has(b, a.start.byte) || has(b, a.end.byte);
}

function bump(r: Range): Range {
  return { ...r, end: { ...r.end, byte: r.end.byte + 1, column: r.end.column + 1 } };
}

/** The highlight range after Terraform's fix-ups (an empty subject highlights one byte). */
function highlightOf(subject: Range): Range {
  return isEmpty(subject) || subject.end.byte < subject.start.byte ? bump({ ...subject, end: subject.start }) : subject;
}

function buildSnippet(d: Diagnostic, src: string): Snippet {
  const subject = d.subject!;
  let hl: Range = subject.end.byte < subject.start.byte ? { ...subject, end: subject.start } : subject;
  let snip: Range = d.context ?? hl;
  snip = {
    filename: snip.filename,
    start: snip.start.byte <= hl.start.byte ? snip.start : hl.start,
    end: snip.end.byte >= hl.end.byte ? snip.end : hl.end,
  };
  if (isEmpty(snip)) snip = bump(snip);
  if (isEmpty(hl)) hl = bump(hl);
  const buf = Buffer.from(src, 'utf8');
  const ctx = contextString(subject.filename, src, hl.start.byte - 1);
  // Lines as bufio.ScanLines yields them (without "\n" or a final "\r"); empty ones never overlap.
  const parts: Buffer[] = [];
  let codeStart = -1;
  let pos = 0;
  while (pos < buf.length) {
    let nl = buf.indexOf(0x0a, pos);
    const adv = nl < 0 ? buf.length : nl + 1;
    if (nl < 0) nl = buf.length;
    let end = nl;
    if (end > pos && buf[end - 1] === 0x0d) end--;
    const line: Range = { filename: subject.filename, start: { line: 0, column: 0, byte: pos }, end: { line: 0, column: 0, byte: end } };
    if (overlaps(line, snip)) {
      if (codeStart < 0) codeStart = pos;
      parts.push(buf.subarray(pos, end));
    }
    pos = adv;
  }
  const code = Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from('\n'), p])));
  if (codeStart < 0) codeStart = 0;
  const clamp = (n: number): number => Math.max(0, Math.min(code.length, n));
  const start = hl.start.byte - codeStart;
  const hlEnd = start + (hl.end.byte - hl.start.byte);
  return { context: ctx || undefined, code, startLine: snip.start.line, hlStart: clamp(start), hlEnd: clamp(hlEnd) };
}

/** The "  on FILE line N, in CTX:" block, the code lines and the expression values. */
function snippetSection(d: Diagnostic, sources: ReadonlyMap<string, string>, color: boolean): string {
  const extra = (d.extra ?? {}) as DiagnosticRenderExtra;
  let out = '';
  if (extra.address) out += `  with ${extra.address},\n`;
  if (!d.subject) return out;
  const hl = highlightOf(d.subject);
  const src = sources.get(d.subject.filename);
  if (src === undefined) {
    return out + `  on ${hl.filename} line ${hl.start.line}:\n  (source code not available)\n\n`;
  }
  const sn = buildSnippet(d, src);
  out += `  on ${hl.filename} line ${hl.start.line}${sn.context ? `, in ${sn.context}` : ''}:\n`;
  let hlStart = sn.hlStart;
  let hlEnd = sn.hlEnd;
  if (hlEnd < hlStart) hlEnd = Math.min(hlStart + 1, sn.code.length);
  const before = sn.code.subarray(0, hlStart).toString('utf8');
  const mid = sn.code.subarray(hlStart, hlEnd).toString('utf8');
  const after = sn.code.subarray(hlEnd).toString('utf8');
  const code = colorize('%s[underline]%s[reset]%s', color, before, mid, after);
  code.split('\n').forEach((line, i) => {
    out += `${String(sn.startLine + i).padStart(4, ' ')}: ${line}\n`;
  });
  const values = [...(extra.values ?? [])].sort((a, b) => (a.traversal < b.traversal ? -1 : a.traversal > b.traversal ? 1 : 0));
  const call = extra.functionCall?.params ? extra.functionCall : undefined;
  if (values.length > 0 || call) {
    out += colorize('    [dark_gray]├────────────────[reset]\n', color);
    if (call) {
      const params = [...call.params!];
      if (call.variadic) params.push(`${call.variadic}...`);
      out += colorize('    [dark_gray]│[reset] while calling [bold]%s[reset](', color, call.calledAs) + params.join(', ') + ')\n';
    }
    for (const v of values) {
      const [first, ...rest] = v.statement.split('\n');
      out += colorize('    [dark_gray]│[reset] [bold]%s[reset] %s\n', color, v.traversal, first ?? '');
      for (const l of rest) out += colorize('    [dark_gray]│[reset]   %s\n', color, l);
    }
  }
  return out + '\n';
}

/** One diagnostic, exactly as Terraform prints it (ending with a newline). */
export function renderDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>, opts: RenderOptions): string {
  const width = opts.width ?? 78;
  const plain = opts.plain ?? !opts.color;
  const color = opts.color;
  if (plain) {
    let out = d.severity === 'error' ? '\nError: ' : '\nWarning: ';
    out += `${d.summary}\n\n`;
    out += snippetSection(d, sources, false);
    if (d.detail) {
      for (let line of d.detail.split('\n')) {
        if (width > 1 && !line.startsWith(' ')) line = wordWrap(line, width - 1);
        out += `${line}\n`;
      }
    }
    return out;
  }
  const isErr = d.severity === 'error';
  const hue = isErr ? 'red' : 'yellow';
  let body = colorize(isErr ? '[bold][red]Error: [reset]' : '[bold][yellow]Warning: [reset]', color);
  body += colorize('[bold]%s[reset]\n\n', color, d.summary);
  body += snippetSection(d, sources, color);
  if (d.detail) {
    const paraWidth = width - 2 - 1;
    for (let line of d.detail.split('\n')) {
      if (paraWidth > 0 && !line.startsWith(' ')) line = wordWrap(colorize(line, color), paraWidth);
      body += `${line}\n`;
    }
  }
  const ruleLine = colorize(`[${hue}]│[reset] `, color);
  let out = colorize(`[${hue}]╷[reset]`, color) + '\n';
  const lines = body.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) out += (line === '' ? ruleLine.trimEnd() : ruleLine) + line + '\n';
  return out + colorize(`[${hue}]╵[reset]`, color) + '\n';
}

/** Terraform's order: warnings before errors, then by file (fewer path segments first), then position. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  const segs = (f: string): number => f.split('/').length;
  return [...diags].sort((a, b) => {
    if (a.severity !== b.severity) return a.severity === 'warning' ? -1 : 1;
    if (!a.subject !== !b.subject) return a.subject ? 1 : -1;
    const x = a.subject;
    const y = b.subject;
    if (!x || !y) return 0;
    if (x.filename !== y.filename) {
      if (segs(x.filename) !== segs(y.filename)) return segs(x.filename) - segs(y.filename);
      return x.filename < y.filename ? -1 : 1;
    }
    if (x.start.byte !== y.start.byte) return x.start.byte - y.start.byte;
    return x.end.byte - y.end.byte;
  });
}

/** A warning standing for several with the same summary (Terraform's ConsolidateWarnings). */
interface WarningGroup { first: Diagnostic; all: Diagnostic[] }

function consolidateWarnings(diags: readonly Diagnostic[]): (Diagnostic | WarningGroup)[] {
  const out: (Diagnostic | WarningGroup)[] = [];
  const groups = new Map<string, WarningGroup>();
  for (const d of diags) {
    // Terraform's DiagnosticExtraDoNotConsolidate: e.g. each failed check assertion stands alone.
    if (d.severity !== 'warning' || !d.subject || d.extra?.doNotConsolidate) { out.push(d); continue; }
    const g = groups.get(d.summary);
    if (g) { g.all.push(d); continue; }
    const ng = { first: d, all: [d] };
    groups.set(d.summary, ng);
    out.push(ng);
  }
  return out;
}

function groupAsDiagnostic(g: WarningGroup): Diagnostic {
  if (g.all.length < 2) return g.first;
  const extra = g.all.length - 1;
  const msg = extra === 1 ? '(and one more similar warning elsewhere)' : `(and ${extra} more similar warnings elsewhere)`;
  return { ...g.first, detail: g.first.detail ? `${g.first.detail}\n\n${msg}` : msg };
}

/**
 * All diagnostics as a Terraform command prints them: sorted, repeated warnings
 * consolidated, errors for stderr and warnings for stdout. With `compactWarnings` and no
 * errors, warnings are listed in the short form of `-compact-warnings`.
 */
export function renderDiagnostics(
  diags: readonly Diagnostic[], sources: ReadonlyMap<string, string>, opts: RenderOptions & { compactWarnings?: boolean },
): { stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  if (diags.length === 0) return { stdout, stderr };
  const items = consolidateWarnings(sortDiagnostics(diags));
  if (opts.compactWarnings && diags.every((d) => d.severity === 'warning')) {
    const msg = '\n' + renderWarningsCompact(items.map((i) => ('all' in i ? i.all : [i])), opts.color) +
      '\nTo see the full warning notes, run Terraform without -compact-warnings.\n';
    return { stdout: msg, stderr };
  }
  for (const it of items) {
    const d = 'all' in it ? groupAsDiagnostic(it) : it;
    const text = renderDiagnostic(d, sources, opts);
    if (d.severity === 'error') stderr += text; else stdout += text;
  }
  return { stdout, stderr };
}

/**
 * The `-compact-warnings` list: one summary line per warning (group) and where it is.
 * Each element is a group of warnings sharing a summary.
 */
export function renderWarningsCompact(groups: readonly (readonly Diagnostic[])[], color: boolean): string {
  let out = colorize('[bold][yellow]Warnings:[reset]\n\n', color);
  for (const g of groups) {
    const first = g[0];
    if (!first) continue;
    out += `- ${first.summary}\n`;
    if (first.subject) {
      out += g.length > 1
        ? `  on ${first.subject.filename} line ${first.subject.start.line} (and ${g.length - 1} more)\n`
        : `  on ${first.subject.filename} line ${first.subject.start.line}\n`;
    } else if (g.length > 1) {
      out += `  (${g.length} occurences of this warning)\n`;
    }
  }
  return out;
}
