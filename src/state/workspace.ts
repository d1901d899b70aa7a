/**
 * Workspace selection and the rules of `workspace new|select|list|show|delete`, with
 * Terraform's messages. The selected workspace is kept in `.terraform/environment` (a
 * bare name, no newline) and `TF_WORKSPACE` overrides it, as in Terraform.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { errorDiag, warningDiag, type Diagnostic } from '../hcl/diagnostic.js';
import { validWorkspaceName, type StateBackend } from './backend.js';
import { DEFAULT_WORKSPACE } from './backends/local.js';

/** Where the working directory's data lives (`.terraform`, or TF_DATA_DIR). */
export function dataDir(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(dir, env.TF_DATA_DIR || '.terraform');
}

/** The selected workspace: TF_WORKSPACE, else `.terraform/environment`, else `default`. */
export async function currentWorkspace(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.TF_WORKSPACE) return env.TF_WORKSPACE;
  try {
    const name = (await fs.readFile(path.join(dataDir(dir, env), 'environment'), 'utf8')).trim();
    return name || DEFAULT_WORKSPACE;
  } catch {
    return DEFAULT_WORKSPACE;
  }
}

async function writeSelection(dir: string, name: string, env: NodeJS.ProcessEnv): Promise<void> {
  const d = dataDir(dir, env);
  await fs.mkdir(d, { recursive: true });
  await fs.writeFile(path.join(d, 'environment'), name);
}

/**
 * Terraform prints its workspace refusals and warnings as bare text, not as diagnostics:
 * `extra.text` is that text exactly (the CLI prints it, red for errors), while summary and
 * detail say the same for other callers.
 */
export function plainText(d: Diagnostic): string | undefined {
  const text = d.extra?.['text'];
  return typeof text === 'string' ? text : undefined;
}

function plain(d: Diagnostic, text: string): Diagnostic {
  return { ...d, extra: { text } };
}

function invalid(name: string): Diagnostic {
  const detail = `The workspace name "${name}" is not allowed. The name must contain only URL safe\ncharacters, and no path separators.`;
  return plain(errorDiag('Invalid workspace name', detail), `\n${detail}\n`);
}

/** Terraform's text for a workspace that is not there; `select` starts it with an empty line. */
function doesNotExist(name: string, leadingNewline: boolean): Diagnostic {
  const detail = 'You can create this workspace with the "new" subcommand \nor include the "-or-create" flag with the "select" subcommand.';
  const summary = `Workspace "${name}" doesn't exist.`;
  return plain(errorDiag(summary, detail), `${leadingNewline ? '\n' : ''}${summary}\n\n${detail}`);
}

const OVERRIDDEN_SELECT = 'The selected workspace is currently overridden using the TF_WORKSPACE\nenvironment variable.\n\nTo select a new workspace, either update this environment variable or unset\nit and then run this command again.';
const OVERRIDDEN_NEW = 'The workspace is currently overridden using the TF_WORKSPACE environment\nvariable. You cannot create a new workspace when using this setting.\n\nTo create a new workspace, either unset this environment variable or update it\nto match the workspace name you are trying to create, and then run this command\nagain.';

/** TF_WORKSPACE forbids selecting; creating only a workspace of another name (as in Terraform). */
function overridden(env: NodeJS.ProcessEnv, creating?: string): Diagnostic[] {
  if (!env.TF_WORKSPACE || creating === env.TF_WORKSPACE) return [];
  const detail = creating === undefined ? OVERRIDDEN_SELECT : OVERRIDDEN_NEW;
  return [plain(errorDiag('Workspace overridden', detail), `\n${detail}\n`)];
}

/** `workspace list`: every workspace and which one is selected. */
export async function listWorkspaces(backend: StateBackend, dir: string, env: NodeJS.ProcessEnv = process.env): Promise<{ names: string[]; current: string }> {
  return { names: await backend.workspaces(), current: await currentWorkspace(dir, env) };
}

/** `workspace new NAME`: creates the workspace and selects it. */
export async function newWorkspace(backend: StateBackend, dir: string, name: string, env: NodeJS.ProcessEnv = process.env): Promise<Diagnostic[]> {
  const o = overridden(env, name);
  if (o.length) return o;
  if (!validWorkspaceName(name)) return [invalid(name)];
  if ((await backend.workspaces()).includes(name)) {
    const exists = `Workspace "${name}" already exists`;
    return [plain(errorDiag(exists), exists)];
  }
  const d = await backend.createWorkspace(name);
  if (d.length) return d;
  await writeSelection(dir, name, env);
  return [];
}

/** `workspace select [-or-create] NAME`. */
export async function selectWorkspace(backend: StateBackend, dir: string, name: string, opts: { orCreate?: boolean } = {}, env: NodeJS.ProcessEnv = process.env): Promise<Diagnostic[]> {
  const o = overridden(env);
  if (o.length) return o;
  if (!validWorkspaceName(name)) return [invalid(name)];
  if (!(await backend.workspaces()).includes(name)) {
    if (!opts.orCreate) return [doesNotExist(name, true)];
    const d = await backend.createWorkspace(name);
    if (d.length) return d;
  }
  await writeSelection(dir, name, env);
  return [];
}

/**
 * `workspace delete [-force] NAME`: refuses the selected workspace, a missing one (an invalid
 * name is just missing, as in Terraform), and one whose state still tracks resources (unless
 * forced, which only warns).
 */
export async function deleteWorkspace(backend: StateBackend, dir: string, name: string, opts: { force?: boolean } = {}, env: NodeJS.ProcessEnv = process.env): Promise<Diagnostic[]> {
  if (!validWorkspaceName(name) || !(await backend.workspaces()).includes(name)) return [doesNotExist(name, false)];
  if (name === (await currentWorkspace(dir, env))) {
    const summary = `Workspace "${name}" is your active workspace.`;
    const detail = 'You cannot delete the currently active workspace. Please switch\nto another workspace and try again.';
    return [plain(errorDiag(summary, detail), `${summary}\n\n${detail}`)];
  }
  const diags: Diagnostic[] = [];
  const { state, diags: rd } = await backend.stateMgr(name).read();
  if (rd.length && !opts.force) return rd;
  const tracked = state ? Array.from(state.instances(), (i) => i.addr.toString()) : [];
  if (tracked.length) {
    const list = tracked.map((a) => `\n  - ${a}`).join('');
    const msg = `Workspace "${name}" is currently tracking the following resource instances:${list}`;
    if (!opts.force) {
      return [errorDiag('Workspace is not empty', `${msg}\n\nDeleting this workspace would cause terrane to lose track of any associated\nremote objects, which would then require you to delete them manually outside\nof terrane. You should destroy these objects with terrane before deleting\nthe workspace.\n\nIf you want to delete this workspace anyway, and have terrane forget about\nthese managed objects, use the -force option to disable this safety check.`)];
    }
    diags.push(plain(warningDiag('Deleting a workspace that still tracks resources', `${msg}\n\nThese objects are no longer managed by terrane and must be deleted by other means.`),
      `WARNING: "${name}" was non-empty.\nThe resources managed by the deleted workspace may still exist,\nbut are no longer manageable by terrane since the state has\nbeen deleted.\n`));
  }
  diags.push(...(await backend.deleteWorkspace(name)));
  return diags;
}
