/**
 * Terraform-style command-line flags (Go's `flag` package semantics): `-name`, `--name`,
 * `-name=value`, `-name value` for non-boolean flags, `-name=false` for booleans. Parsing
 * stops at the first positional argument or at `--`. Repeatable flags keep every value, and
 * `ordered` keeps the command-line order across flags (Terraform applies `-var` and
 * `-var-file` in the order given).
 */

export type FlagType = 'bool' | 'string' | 'int' | 'list';

export interface FlagDef {
  type: FlagType;
  /** Default when the flag is absent (lists default to []). */
  default?: boolean | string | number;
  /** One line of help for the command's usage text. */
  help?: string;
  /** Placeholder shown in help, e.g. `-out=path`. */
  arg?: string;
}

export type FlagSpec = Record<string, FlagDef>;

export type FlagValues = Record<string, boolean | string | number | string[] | undefined>;

export interface ParsedFlags {
  flags: FlagValues;
  positional: string[];
  /** Every flag occurrence in order, e.g. for -var / -var-file precedence. */
  ordered: { name: string; value: string }[];
  /** A usage error like Go's `flag provided but not defined: -x`. */
  error?: string;
}

/** Parses `args` against `spec`. Never throws: problems are returned in `error`. */
export function parseFlags(args: readonly string[], spec: FlagSpec): ParsedFlags {
  const flags: FlagValues = {};
  for (const [name, def] of Object.entries(spec)) {
    flags[name] = def.type === 'list' ? [] : def.default;
  }
  const ordered: { name: string; value: string }[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { i++; break; }
    if (a === '-' || !a.startsWith('-')) break;
    const body = a.startsWith('--') ? a.slice(2) : a.slice(1);
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    let value: string | undefined = eq >= 0 ? body.slice(eq + 1) : undefined;
    const def = spec[name];
    if (!def) return { flags, positional: [], ordered, error: `flag provided but not defined: -${name}` };
    if (def.type === 'bool') {
      if (value === undefined) { flags[name] = true; ordered.push({ name, value: 'true' }); continue; }
      const b = parseBool(value);
      if (b === undefined) return { flags, positional: [], ordered, error: `invalid boolean value ${JSON.stringify(value)} for -${name}` };
      flags[name] = b;
      ordered.push({ name, value });
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= args.length) return { flags, positional: [], ordered, error: `flag needs an argument: -${name}` };
      value = args[++i]!;
    }
    ordered.push({ name, value });
    if (def.type === 'int') {
      const n = Number(value);
      if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n)) {
        return { flags, positional: [], ordered, error: `invalid value ${JSON.stringify(value)} for flag -${name}: parse error` };
      }
      flags[name] = n;
    } else if (def.type === 'list') {
      (flags[name] as string[]).push(value);
    } else {
      flags[name] = value;
    }
  }
  return { flags, positional: args.slice(i), ordered };
}

function parseBool(s: string): boolean | undefined {
  switch (s) {
    case '1': case 't': case 'T': case 'true': case 'TRUE': case 'True': return true;
    case '0': case 'f': case 'F': case 'false': case 'FALSE': case 'False': return false;
    default: return undefined;
  }
}

/** Renders the options section of a command's help, Terraform style. */
export function flagsHelp(spec: FlagSpec): string {
  const lines: string[] = [];
  for (const [name, def] of Object.entries(spec)) {
    if (!def.help) continue;
    const head = def.arg ? `-${name}=${def.arg}` : `-${name}`;
    lines.push(`  ${head}`);
    for (const l of wrap(def.help, 64)) lines.push(`${' '.repeat(20)}${l}`);
    lines.push('');
  }
  return lines.join('\n');
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if (line && line.length + 1 + w.length > width) { out.push(line); line = w; }
    else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}
