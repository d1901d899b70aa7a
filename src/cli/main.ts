/** The terrane command line: parses flags, calls the programmatic API, renders results. */
import { VERSION } from '../version.js';

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [cmd] = argv;
  if (cmd === 'version' || cmd === '-version' || cmd === '--version' || cmd === '-v') {
    process.stdout.write(`Terrane v${VERSION}\non ${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}\n`);
    return 0;
  }
  process.stderr.write(`terrane: unknown command ${JSON.stringify(cmd ?? '')}\n`);
  return 1;
}
