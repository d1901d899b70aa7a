/**
 * The built-in `terraform` provider (terraform.io/builtin/terraform): the terraform_data
 * resource (a value that lives in state; `triggers_replace` forces replacement) and the
 * terraform_remote_state data source for local state files.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as T from '../../lang/types.js';
import { DynamicUnknown, stringVal, objectVal, unknownVal, rawEquals, type Value } from '../../lang/value.js';
import type { ProviderFactory } from '../protocol.js';
import { makeProvider } from '../sdk/provider.js';
import { attr, fromJS, str, withAttrs } from '../sdk/obj.js';
import { impliedType } from '../schema.js';
import { ProviderError } from '../sdk/resource.js';
import { decodeState } from '../../state/state-file.js';
import { DEFAULT_WORKSPACE, LocalBackend } from '../../state/backends/local.js';

const dataBlock = {
  attributes: {
    id: { type: T.String, computed: true },
    input: { type: T.Dynamic, optional: true },
    output: { type: T.Dynamic, computed: true },
    triggers_replace: { type: T.Dynamic, optional: true },
  },
  blockTypes: {},
};

const remoteStateBlock = {
  attributes: {
    backend: { type: T.String, required: true },
    config: { type: T.Dynamic, optional: true },
    defaults: { type: T.Dynamic, optional: true },
    outputs: { type: T.Dynamic, computed: true },
    workspace: { type: T.String, optional: true },
  },
  blockTypes: {},
};

/** The `terraform` provider. */
export const terraformProvider: ProviderFactory = {
  source: 'terraform.io/builtin/terraform',
  version: '1.0.0',
  create: () => makeProvider<undefined>({
    schema: { version: 0, block: { attributes: {}, blockTypes: {} } },
    configure: () => undefined,
    resources: {
      terraform_data: {
        schema: { version: 0, block: dataBlock },
        customizePlan(_ctx, p) {
          const input = attr(p.config, 'input');
          // As Terraform's: the output has the input's type, and is null (known) for a null input.
          const output = input.isKnown && input.isNull ? input : unknownVal(input.type);
          if (p.prior) {
            const trig = attr(p.config, 'triggers_replace');
            if (!trig.isKnown || !rawEquals(attr(p.prior, 'triggers_replace'), trig)) {
              return { ...p, requiresReplace: [...p.requiresReplace, [{ attr: 'triggers_replace' }]], planned: withAttrs(p.planned, { id: unknownVal(T.String), output }) };
            }
            if (!rawEquals(attr(p.prior, 'input'), input)) return { ...p, planned: withAttrs(p.planned, { output: unknownVal(input.type) }) };
            return p;
          }
          return { ...p, planned: withAttrs(p.planned, { output }) };
        },
        async create(_ctx, planned) {
          return withAttrs(planned, { id: stringVal(randomUUID()), output: attr(planned, 'input') });
        },
        async read(_ctx, state) { return state; },
        async update(_ctx, _prior, planned) {
          return withAttrs(planned, { output: attr(planned, 'input') });
        },
        async delete() { /* nothing remote */ },
        async importState(_ctx, id) {
          return fromJS({ id }, impliedType(dataBlock));
        },
      },
    },
    dataSources: {
      terraform_remote_state: {
        schema: { version: 0, block: remoteStateBlock },
        async read(_ctx, config) {
          const backend = str(config, 'backend');
          if (backend !== 'local') throw new ProviderError('Unsupported backend', `terrane reads remote state from the "local" backend only, not "${backend}".`, [{ attr: 'backend' }]);
          const file = remoteStatePath(attr(config, 'config'), attr(config, 'workspace'));
          let text = '';
          try { text = readFileSync(file, 'utf8'); } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new ProviderError('Error loading state', (e as Error).message);
          }
          // As Terraform: a workspace with no state (no file, or an empty one) is an error
          // about the `workspace` argument, whatever `defaults` holds.
          if (text.trim() === '') throw new ProviderError('Unable to find remote state', 'No stored state was found for the given workspace in the given backend.', [{ attr: 'workspace' }]);
          const st = decodeState(text);
          if (!st.state) throw new ProviderError('Error loading state', st.diags.map((d) => d.detail ?? d.summary).join('\n'));
          const outs: [string, Value][] = [...st.state.outputs].map(([k, o]) => [k, o.value]);
          const defaults = attr(config, 'defaults');
          if (!defaults.isNull && defaults.isKnown && (defaults.type.kind === 'object' || defaults.type.kind === 'map')) {
            for (const [k, v] of defaults.attrs) if (!outs.some(([n]) => n === k)) outs.push([k, v]);
          }
          return withAttrs(config, { outputs: objectVal(outs) });
        },
      },
    },
  }),
};


/**
 * The state file a local-backend terraform_remote_state reads: as the local backend itself
 * places a workspace's state, `config.path` for the default workspace and
 * `<config.workspace_dir>/<workspace>/terraform.tfstate` for another, relative to the
 * working directory.
 */
export function remoteStatePath(config: Value, workspace: Value, dir = process.cwd()): string {
  const setting = (name: string): string | undefined => {
    if (config.isNull || !config.isKnown || (config.type.kind !== 'object' && config.type.kind !== 'map')) return undefined;
    const v = config.attrs.get(name);
    return v && v.isKnown && !v.isNull && v.type.kind === 'string' ? v.str : undefined;
  };
  const ws = workspace.isNull || !workspace.isKnown ? DEFAULT_WORKSPACE : workspace.str;
  const opts: { dir: string; path?: string; workspaceDir?: string } = { dir };
  const path = setting('path'), workspaceDir = setting('workspace_dir');
  if (path !== undefined) opts.path = path;
  if (workspaceDir !== undefined) opts.workspaceDir = workspaceDir;
  return new LocalBackend(opts).pathFor(ws);
}
