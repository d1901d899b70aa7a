/** `terrane force-unlock [-force] LOCK_ID`: removes a state lock left behind, like Terraform's. */
import { hasErrors } from '../hcl/diagnostic.js';
import { colors } from '../plan/render/colors.js';
import { flagsHelp, parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { LocalStateMgr, plainText } from '../state/index.js';
import { emitDiags, openWorkdir, readLine, useColor } from './ui.js';

const SPEC = {
  force: { type: 'bool' as const, help: 'Don\'t ask for input for unlock confirmation.' },
  help: { type: 'bool' as const },
};

const USAGE = `Usage: terrane [global options] force-unlock LOCK_ID

  Manually unlock the state for the defined configuration.

  This will not modify your infrastructure. This command removes the lock on the
  state for the current workspace. The behavior of this lock is dependent
  on the backend being used. Local state files cannot be unlocked by another
  process.

Options:

`;

/** Runs `terrane force-unlock`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${USAGE}${flagsHelp(SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(USAGE + flagsHelp(SPEC)); return 0; }
  const color = useColor(p, io);
  const c = colors(color);
  if (p.positional.length !== 1) {
    io.stderr.write(`Expected a single argument: LOCK_ID\n\n${USAGE}${flagsHelp(SPEC)}`);
    return 1;
  }
  const id = p.positional[0]!;
  const wd = await openWorkdir(io, p, color);
  if (!wd) return 1;
  try {
    if (!p.flags.force) {
      // As Terraform: a local state's lock belongs to the process holding it, so there is
      // nothing to confirm.
      if (wd.stateMgr instanceof LocalStateMgr) {
        io.stderr.write(c.red('Local state cannot be unlocked by another process') + '\n');
        return 1;
      }
      const answer = await readLine(io, 'Do you really want to force-unlock?\n  terrane will remove the lock on the remote state.\n  This will allow local terrane commands to modify this state, even though it\n  may still be in use. Only \'yes\' will be accepted to confirm.\n\n  Enter a value: ');
      if (answer !== 'yes') {
        io.stdout.write('force-unlock cancelled.\n');
        return 1;
      }
    }
    const d = await wd.stateMgr.forceUnlock(id);
    // Terraform prints its unlock refusal as a bare red line, not as a diagnostic.
    for (const x of d) if (plainText(x) !== undefined) io.stderr.write(c.red(plainText(x)!) + '\n');
    emitDiags(io, d.filter((x) => plainText(x) === undefined), wd.config.sources, color);
    if (hasErrors(d)) return 1;
    io.stdout.write(c.bold(c.green('terrane state has been successfully unlocked!')) + '\n\n' +
      c.green('The state has been unlocked, and terrane commands should now be able to\nobtain a new lock on the remote state.') + '\n');
    return 0;
  } finally { await wd.close(); }
}
