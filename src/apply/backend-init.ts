/**
 * The backend part of `init`, after Terraform's: the first init records the backend (and
 * copies state kept by the default local backend into it); a later init with a changed
 * backend needs -migrate-state (copy every workspace's state from the recorded backend to
 * the new one, with confirmation unless -force-copy) or -reconfigure (forget the recorded
 * one); an unchanged backend is left alone.
 */
import { errorDiag, hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import type { Config, Variable } from '../config/module.js';
import type { VariableArg } from '../config/variable-values.js';
import { dataDir, type LocalBackend } from '../state/index.js';
import { clearBackendRecord, readBackendRecord, sameSettings, writeBackendRecord, type BackendRecord, type BackendSettings } from '../state/backend-record.js';
import { backendConfigOverrides, migrateOrReconfigureDiag, resolveBackendBlock } from './backend-settings.js';
import { localBackend } from './workdir.js';

export interface InitBackendOptions {
  config: Config;
  dir: string;
  env: NodeJS.ProcessEnv;
  varArgs: VariableArg[];
  prompt?: ((v: Variable) => Promise<string | undefined>) | undefined;
  /** `-backend-config` items in order. */
  backendConfig: string[];
  reconfigure: boolean;
  migrateState: boolean;
  /** `-force-copy`: copy state without asking. */
  forceCopy: boolean;
  /**
   * Asks a yes/no question (query, description) and gives the answer; undefined when
   * input is disabled (-input=false), in which case state is never copied without -force-copy.
   */
  confirm?: ((query: string, description: string) => Promise<string | undefined>) | undefined;
  /** Progress text, printed as Terraform prints it. */
  out: (kind: 'reconfigure' | 'configured', text: string) => void;
}

/** Runs the backend part of init; returns diagnostics and the texts of -backend-config files read. */
export async function initBackend(o: InitBackendOptions): Promise<{ diags: Diagnostic[]; sources: Map<string, string> }> {
  const sources = new Map<string, string>();
  const r = await resolveBackendBlock(o.config, { dir: o.dir, env: o.env, varArgs: o.varArgs, prompt: o.prompt });
  if (hasErrors(r.diags)) return { diags: r.diags, sources };
  const diags = [...r.diags];
  const block = r.backend;
  let settings: BackendSettings | undefined;
  if (block) {
    const ov = backendConfigOverrides(o.backendConfig, block.type, o.dir);
    for (const [k, v] of ov.sources) sources.set(k, v);
    diags.push(...ov.diags);
    if (hasErrors(diags)) return { diags, sources };
    settings = { ...block.settings, ...ov.settings };
  }
  const data = dataDir(o.dir, o.env);
  const rec = await readBackendRecord(data);
  diags.push(...rec.diags);
  if (hasErrors(diags)) return { diags, sources };
  const record = o.reconfigure ? undefined : rec.record;

  if (!block || !settings) {
    if (!record) return { diags, sources };
    // Unsetting a recorded backend: its state moves back to the default local one.
    if (!o.migrateState) return { diags: [...diags, migrateOrReconfigureDiag()], sources };
    const moved = await migrate(o, localBackend(o.dir, record.config), localBackend(o.dir, {}), record.type, 'local');
    if (hasErrors(moved.diags)) return { diags: [...diags, ...moved.diags], sources };
    diags.push(...await clearBackendRecord(data));
    o.out('configured', `Successfully unset the backend "${record.type}". terrane will now operate locally.`);
    return { diags, sources };
  }
  const next: BackendRecord = { type: block.type, config: settings, hash: block.hash };
  if (!record) {
    // First configuration (or -reconfigure): state kept by the default local backend is copied in.
    const from = localBackend(o.dir, {});
    const to = localBackend(o.dir, settings);
    const moved = await migrate(o, from, to, 'local', block.type);
    if (hasErrors(moved.diags)) return { diags: [...diags, ...moved.diags], sources };
    // Terraform empties the files it copied from (their content stays in the backups), unless they are the new ones too.
    if (!await to.sharesFilesWith(from)) {
      for (const name of moved.copied) diags.push(...await from.stateMgr(name).clear());
    }
    diags.push(...await writeBackendRecord(data, next));
    if (!hasErrors(diags)) o.out('configured', configuredText(block.type));
    return { diags, sources };
  }
  if (record.type === block.type && (record.hash === block.hash && o.backendConfig.length === 0 || sameSettings(record.config, settings))) {
    // Unchanged; the block may still have moved an argument to -backend-config: keep its hash current.
    if (record.hash !== block.hash) diags.push(...await writeBackendRecord(data, { ...record, hash: block.hash }));
    return { diags, sources };
  }
  if (!o.migrateState) return { diags: [...diags, migrateOrReconfigureDiag()], sources };
  o.out('reconfigure', 'Backend configuration changed!\n\nterrane has detected that the configuration specified for the backend\nhas changed. terrane will now check for existing state in the backends.\n');
  const moved = await migrate(o, localBackend(o.dir, record.config), localBackend(o.dir, settings), record.type, block.type);
  if (hasErrors(moved.diags)) return { diags: [...diags, ...moved.diags], sources };
  diags.push(...await writeBackendRecord(data, next));
  if (!hasErrors(diags)) o.out('configured', configuredText(block.type));
  return { diags, sources };
}

function configuredText(type: string): string {
  return `Successfully configured the backend "${type}"! terrane will automatically\nuse this backend unless the backend configuration changes.`;
}

/**
 * Copies the state of every workspace that has one from `from` to `to`, as Terraform's
 * backendMigrateState: one confirmation for the default workspace alone, one for all
 * workspaces when there are several; a destination already holding the same state is left alone.
 */
async function migrate(o: InitBackendOptions, from: LocalBackend, to: LocalBackend, fromType: string, toType: string): Promise<{ diags: Diagnostic[]; copied: string[] }> {
  const copied: string[] = [];
  const names = await from.workspaces();
  if (names.length > 1 && !o.forceCopy) {
    const a = await ask(o, `Do you want to migrate all workspaces to "${toType}"?`, multiDescription(fromType, toType));
    if (typeof a !== 'boolean') return { diags: a, copied };
    if (!a) return { diags: [errorDiag('Migration aborted by user.')], copied };
  }
  for (const name of names) {
    const d = await copyWorkspace(o, from, to, name, fromType, toType, o.forceCopy || names.length > 1);
    if (d === 'copied') copied.push(name);
    else if (hasErrors(d)) return { diags: d, copied };
  }
  return { diags: [], copied };
}

/** Copies one workspace's state (Terraform's single-state migration), asking unless `force`; 'copied' when it did. */
async function copyWorkspace(o: InitBackendOptions, from: LocalBackend, to: LocalBackend, name: string, fromType: string, toType: string, force: boolean): Promise<Diagnostic[] | 'copied'> {
  if (from.pathFor(name) === to.pathFor(name)) return [];
  const src = await from.stateMgr(name).read();
  if (hasErrors(src.diags)) return src.diags;
  if (!src.state || src.state.isEmpty) return [];
  const dstMgr = to.stateMgr(name);
  const dst = await dstMgr.read();
  if (hasErrors(dst.diags)) return dst.diags;
  if (dst.state && dst.state.lineage === src.state.lineage && dst.state.serial === src.state.serial) return [];
  if (!force) {
    const empty = !dst.state || dst.state.isEmpty;
    const a = await ask(o, 'Do you want to copy existing state to the new backend?', empty
      ? `Pre-existing state was found while migrating the previous "${fromType}" backend to the\nnewly configured "${toType}" backend. No existing state was found in the newly\nconfigured "${toType}" backend. Do you want to copy this state to the new "${toType}"\nbackend? Enter "yes" to copy and "no" to start with an empty state.`
      : `Pre-existing state was found while migrating the previous "${fromType}" backend to the\nnewly configured "${toType}" backend. An existing non-empty state already exists in\nthe new backend. The two states have been saved to temporary files that will be\nremoved after responding to this query.\n\nPrevious (type "${fromType}"): ${from.pathFor(name)}\nNew      (type "${toType}"): ${to.pathFor(name)}\n\nDo you want to overwrite the state in the new backend with the previous state?\nEnter "yes" to copy and "no" to start with the existing state in the newly\nconfigured "${toType}" backend.`);
    if (typeof a !== 'boolean') return a;
    if (!a) return [];
  }
  // Terraform's statemgr.Migrate keeps the lineage and serial of the copied state.
  const copy = src.state.clone();
  if (dst.state) copy.serial = Math.max(copy.serial, dst.state.lineage === copy.lineage ? dst.state.serial : 0);
  const w = await dstMgr.write(copy);
  if (hasErrors(w)) {
    return [errorDiag(`Error copying state from the previous "${fromType}" backend to the newly configured`, `"${toType}" backend:\n    ${w.map((d) => d.detail ?? d.summary).join('\n')}\n\nThe state in the previous backend remains intact and unmodified. Please resolve\nthe error above and try again.`)];
  }
  return 'copied';
}

/** Terraform's yes/no question (two tries); a Diagnostic list when it cannot be asked. */
async function ask(o: InitBackendOptions, query: string, description: string): Promise<boolean | Diagnostic[]> {
  if (!o.confirm) {
    return [errorDiag("Can't ask approval for state migration when interactive input is disabled.", 'Please remove the "-input=false" option and try again.')];
  }
  for (let i = 0; i < 2; i++) {
    const a = await o.confirm(query, description);
    if (a === undefined) return [errorDiag('Error asking for confirmation: EOF')];
    if (a.toLowerCase() === 'yes') return true;
    if (a.toLowerCase() === 'no') return false;
  }
  return false;
}

function multiDescription(fromType: string, toType: string): string {
  return `Both the existing "${fromType}" backend and the newly configured "${toType}" backend\nsupport workspaces. When migrating between backends, terrane will copy\nall workspaces (with the same names). THIS WILL OVERWRITE any conflicting\nstates in the destination.\n\nterrane initialization doesn't currently migrate only select workspaces.\nIf you want to migrate a select number of workspaces, you must manually\npull and push those states.\n\nIf you answer "yes", terrane will migrate all states. If you answer\n"no", terrane will abort.`;
}
