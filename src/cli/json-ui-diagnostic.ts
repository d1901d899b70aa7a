/**
 * A Diagnostic in the shape of Terraform's machine-readable UI (`-json` on plan, apply,
 * destroy, refresh): severity, summary, detail, address, range and a source snippet with
 * the enclosing block as context and the values the failing expression read.
 */
import type { Diagnostic, Range } from '../hcl/diagnostic.js';
import { contextString } from '../hcl/diagnostic-context.js';
import { builtinFunctions } from '../lang/functions/index.js';
import type { FunctionDef } from '../lang/functions/function.js';
import { typeToJSONValue } from '../state/values-json.js';
import { unknownVal } from '../lang/value.js';

/** A position as Terraform's JSON writes it. */
export interface JsonPos { line: number; column: number; byte: number }

/** Terraform's `diagnostic` payload. */
export interface JsonDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  address?: string;
  range?: { filename: string; start: JsonPos; end: JsonPos };
  snippet?: {
    context: string | null;
    code: string;
    start_line: number;
    highlight_start_offset: number;
    highlight_end_offset: number;
    values: { traversal: string; statement: string }[];
    function_call?: { called_as: string; signature?: JsonFunctionSignature };
  };
}

/** Terraform's description of a function's signature (views/json Function). */
export interface JsonFunctionSignature {
  name: string;
  params: { name: string; type: unknown }[];
  variadic_param?: { name: string; type: unknown };
  return_type: unknown;
}

let functions: ReadonlyMap<string, FunctionDef> | undefined;

/** The signature of a built-in function; its return type is found by type-checking with the parameter types. */
export function functionSignature(calledAs: string): JsonFunctionSignature | undefined {
  const ns = calledAs.lastIndexOf('::');
  const base = ns >= 0 ? calledAs.slice(ns + 2) : calledAs;
  functions ??= builtinFunctions();
  const f = functions.get(calledAs) ?? functions.get(base);
  if (!f) return undefined;
  const params = [...f.params, ...(f.varParam ? [f.varParam] : [])];
  let ret: unknown = 'dynamic';
  // cty answers "dynamic" without asking the function when a parameter of any type does not accept one.
  if (!params.some((p) => p.type.kind === 'dynamic' && !p.allowDynamicType)) {
    try { ret = typeToJSONValue(f.returnType(params.map((p) => unknownVal(p.type)))); } catch { ret = 'dynamic'; }
  }
  return {
    name: base,
    params: f.params.map((p) => ({ name: p.name, type: typeToJSONValue(p.type) })),
    ...(f.varParam ? { variadic_param: { name: f.varParam.name, type: typeToJSONValue(f.varParam.type) } } : {}),
    return_type: ret,
  };
}

const pos = (p: JsonPos): JsonPos => ({ line: p.line, column: p.column, byte: p.byte });
const empty = (r: Range): boolean => r.start.byte === r.end.byte;
const bump = (r: Range): Range => ({ ...r, end: { ...r.end, byte: r.end.byte + 1, column: r.end.column + 1 } });

/** Converts a diagnostic; `sources` maps file names to their text for the snippet. */
export function jsonDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>): JsonDiagnostic {
  const extra = (d.extra ?? {}) as { address?: string; values?: { traversal: string; statement: string }[]; functionCall?: { calledAs: string } };
  const out: JsonDiagnostic = { severity: d.severity, summary: d.summary, detail: d.detail ?? '' };
  if (extra.address) out.address = extra.address;
  if (!d.subject) return out;
  let hl: Range = d.subject.end.byte < d.subject.start.byte ? { ...d.subject, end: d.subject.start } : d.subject;
  let snip: Range = d.context && d.context.filename === hl.filename ? d.context : hl;
  snip = {
    filename: hl.filename,
    start: snip.start.byte <= hl.start.byte ? snip.start : hl.start,
    end: snip.end.byte >= hl.end.byte ? snip.end : hl.end,
  };
  if (empty(snip)) snip = bump(snip);
  if (empty(hl)) hl = bump(hl);
  out.range = { filename: hl.filename, start: pos(hl.start), end: pos(hl.end) };
  const src = sources.get(hl.filename);
  if (src === undefined) return out;
  const buf = Buffer.from(src, 'utf8');
  const parts: Buffer[] = [];
  let codeStart = -1;
  for (let p = 0; p < buf.length;) {
    let nl = buf.indexOf(0x0a, p);
    const next = nl < 0 ? buf.length : nl + 1;
    if (nl < 0) nl = buf.length;
    let end = nl;
    if (end > p && buf[end - 1] === 0x0d) end--;
    // A line overlaps the snippet when the two non-empty byte ranges intersect.
    if (end > p && p < snip.end.byte && snip.start.byte < end) {
      if (codeStart < 0) codeStart = p;
      parts.push(buf.subarray(p, end));
    }
    p = next;
  }
  const code = Buffer.concat(parts.flatMap((b, i) => (i === 0 ? [b] : [Buffer.from('\n'), b])));
  if (codeStart < 0) codeStart = 0;
  const clamp = (n: number): number => Math.max(0, Math.min(code.length, n));
  const start = hl.start.byte - codeStart;
  const ctx = contextString(hl.filename, src, hl.start.byte - 1);
  out.snippet = {
    context: ctx || null,
    code: code.toString('utf8'),
    start_line: snip.start.line,
    highlight_start_offset: clamp(start),
    highlight_end_offset: clamp(start + (hl.end.byte - hl.start.byte)),
    values: [...(extra.values ?? [])].sort((a, b) => (a.traversal < b.traversal ? -1 : a.traversal > b.traversal ? 1 : 0)).map((v) => ({ traversal: v.traversal, statement: v.statement })),
    ...(extra.functionCall?.calledAs ? { function_call: functionCallJSON(extra.functionCall.calledAs) } : {}),
  };
  return out;
}

function functionCallJSON(calledAs: string): { called_as: string; signature?: JsonFunctionSignature } {
  const signature = functionSignature(calledAs);
  return signature ? { called_as: calledAs, signature } : { called_as: calledAs };
}
