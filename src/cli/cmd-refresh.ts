/**
 * `terrane refresh`: like `terrane apply -refresh-only -auto-approve` it keeps only the
 * refreshed state, but as Terraform's refresh command it plans in normal mode, so failed
 * preconditions and postconditions are errors and the state is then left alone.
 */
import type { CommandIO } from './io.js';
import { runOperation } from './cmd-apply.js';
import { asRefreshCommand } from '../apply/workdir.js';

/** Runs `terrane refresh`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  if (args.includes('-help') || args.includes('--help')) {
    io.stdout.write(`Usage: terrane [global options] refresh [options]\n\n  Update the state file of your infrastructure with metadata that matches\n  the physical resources they are tracking.\n\n  This will not modify your infrastructure, but it can modify your\n  state file to update metadata. This metadata might cause new changes\n  to occur when you generate a plan or call apply next.\n\n`);
    return 0;
  }
  return asRefreshCommand(() => runOperation(['-refresh-only', '-auto-approve', ...args], io, 'refresh'));
}
