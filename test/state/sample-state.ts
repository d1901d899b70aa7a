/** Sample states for backend tests and their child processes (no test-runner imports here). */
import { State } from '../../src/state/state.js';
import { AbsProviderConfig, Module, impliedProvider, parseAbsResourceInstance } from '../../src/addrs/index.js';
import * as V from '../../src/lang/value.js';

/** A small state with `n` instances whose attributes carry `tag`. */
export function sampleState(n = 3, tag = 'v1', lineage = 'a5d2b1f0-0000-4000-8000-000000000001'): State {
  const s = new State(lineage);
  s.terraformVersion = '1.12.2';
  const p = new AbsProviderConfig(Module.ROOT, impliedProvider('null'));
  for (let i = 0; i < n; i++) {
    s.setCurrent(parseAbsResourceInstance(`null_resource.r[${i}]`).value!, {
      status: 'ready', schemaVersion: 0,
      attrsJSON: JSON.stringify({ id: `${tag}-${i}`, triggers: { tag } }),
      sensitivePaths: [], dependencies: [], createBeforeDestroy: false, identitySchemaVersion: 0,
    }, p);
  }
  s.setOutput('tag', V.stringVal(tag), false);
  return s;
}

