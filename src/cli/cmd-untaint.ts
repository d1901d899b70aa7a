/** `terrane untaint ADDRESS`: the counterpart of taint. */
import type { CommandIO } from './io.js';
import { run as taintRun } from './cmd-taint.js';

/** Runs `terrane untaint`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  return taintRun(args, io, true);
}
