/**
 * The command table. Each command lives in its own `cmd-<name>.ts` file exporting `run`,
 * loaded lazily so `terrane version` does not pay for the whole engine.
 */
import type { CommandRun } from './io.js';

export interface CommandEntry {
  /** One line for `terrane -help`. */
  synopsis: string;
  /** Listed among the main commands (init, validate, plan, apply, destroy) in help. */
  main?: boolean;
  load: () => Promise<{ run: CommandRun }>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  import: { synopsis: 'Associate existing infrastructure with a terrane resource', load: () => import('./cmd-import.js') },
  init: { synopsis: 'Prepare your working directory for other commands', main: true, load: () => import('./cmd-init.js') },
  output: { synopsis: 'Show output values from your root module', load: () => import('./cmd-output.js') },
  plan: { synopsis: 'Show changes required by the current configuration', main: true, load: () => import('./cmd-plan.js') },
  apply: { synopsis: 'Create or update infrastructure', main: true, load: () => import('./cmd-apply.js') },
  destroy: { synopsis: 'Destroy previously-created infrastructure', main: true, load: () => import('./cmd-destroy.js') },
  version: { synopsis: 'Show the current terrane version', load: () => import('./cmd-version.js') },
  cloud: { synopsis: 'Run and manage the local AWS-compatible cloud', load: () => import('./cmd-cloud.js') },
  console: { synopsis: 'Try Terraform expressions at an interactive command prompt', load: () => import('./cmd-console.js') },
  fmt: { synopsis: 'Reformat your configuration in the standard style', load: () => import('./cmd-fmt.js') },
  state: { synopsis: 'Advanced state management', load: () => import('./cmd-state.js') },
  taint: { synopsis: 'Mark a resource instance as not fully functional', load: () => import('./cmd-taint.js') },
  untaint: { synopsis: 'Remove the \'tainted\' state from a resource instance', load: () => import('./cmd-untaint.js') },
  workspace: { synopsis: 'Workspace management', load: () => import('./cmd-workspace.js') },
  'force-unlock': { synopsis: 'Release a stuck lock on the current workspace', load: () => import('./cmd-force-unlock.js') },
  show: { synopsis: 'Show the current state or a saved plan', load: () => import('./cmd-show.js') },
  graph: { synopsis: 'Generate a Graphviz graph of the steps in an operation', load: () => import('./cmd-graph.js') },
  providers: { synopsis: 'Show the providers required for this configuration', load: () => import('./cmd-providers.js') },
  validate: { synopsis: 'Check whether the configuration is valid', main: true, load: () => import('./cmd-validate.js') },
  refresh: { synopsis: 'Update the state to match remote systems', load: () => import('./cmd-refresh.js') },
};
