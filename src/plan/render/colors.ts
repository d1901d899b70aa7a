/** Terminal colours for rendered output, off with -no-color (or when not a TTY). */
import pc from 'picocolors';

export interface Colors {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
}

const id = (s: string) => s;

/** Colour functions, or identity functions when `enabled` is false. */
export function colors(enabled: boolean): Colors {
  if (!enabled) return { green: id, red: id, yellow: id, cyan: id, bold: id, dim: id, underline: id };
  const c = pc.createColors(true);
  return { green: c.green, red: c.red, yellow: c.yellow, cyan: c.cyan, bold: c.bold, dim: c.dim, underline: c.underline };
}
