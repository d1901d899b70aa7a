/** Go's `%q` formatting, which HCL and Terraform use to quote names inside messages. */
import type { Range } from './diagnostic.js';

/** Quotes a string the way Go's %q does for the printable strings found in configs. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/**
 * A range as HCL's `Range.String()` prints it inside messages:
 * `main.tf:3,5-8` on one line, `main.tf:3,5-4,2` across lines.
 */
export function rangeString(r: Range): string {
  if (r.start.line === r.end.line) return `${r.filename}:${r.start.line},${r.start.column}-${r.end.column}`;
  return `${r.filename}:${r.start.line},${r.start.column}-${r.end.line},${r.end.column}`;
}
