/** `terrane destroy`: an alias for `terrane apply -destroy`. */
import type { CommandIO } from './io.js';
import { run as applyRun } from './cmd-apply.js';

/** Runs `terrane destroy`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  return applyRun(args, io, true);
}
