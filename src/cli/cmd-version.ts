/** `terrane version [-json]`: the version, like `terraform version`. */
import { VERSION } from '../version.js';
import { parseFlags } from './flags.js';
import type { CommandIO } from './io.js';

/** Runs `terrane version`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, { json: { type: 'bool', help: 'Output the version information as a JSON object.' } });
  if (p.error) { io.stderr.write(`${p.error}\n`); return 1; }
  const platform = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
  if (p.flags.json) {
    io.stdout.write(JSON.stringify({ terraform_version: VERSION, platform, provider_selections: {}, terraform_outdated: false }, null, 2) + '\n');
  } else {
    io.stdout.write(`Terrane v${VERSION}\non ${platform}\n`);
  }
  return 0;
}
