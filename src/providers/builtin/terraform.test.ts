import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as T from '../../lang/types.js';
import { nullVal, objectVal, stringVal } from '../../lang/value.js';
import { remoteStatePath } from './terraform.js';

describe('remoteStatePath', () => {
  const dir = '/base';
  const cfg = (o: Record<string, string>) => objectVal(Object.entries(o).map(([k, v]) => [k, stringVal(v)]));
  const none = nullVal(T.String);
  it.each([
    ['the default workspace, no config', nullVal(T.Dynamic), none, 'terraform.tfstate'],
    ['the default workspace, path', cfg({ path: 'x/s.tfstate', workspace_dir: 'ws' }), none, 'x/s.tfstate'],
    ['"default" named', cfg({ path: 'x/s.tfstate' }), stringVal('default'), 'x/s.tfstate'],
    ['another workspace ignores path', cfg({ path: 'x/s.tfstate' }), stringVal('dev'), 'terraform.tfstate.d/dev/terraform.tfstate'],
    ['another workspace under workspace_dir', cfg({ workspace_dir: '../wsd' }), stringVal('dev'), '../wsd/dev/terraform.tfstate'],
  ])('%s', (_what, config, workspace, want) => {
    expect(remoteStatePath(config, workspace, dir)).toBe(join(dir, want));
  });
});
