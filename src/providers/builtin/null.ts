/**
 * hashicorp/null: null_resource (does nothing; `triggers` force replacement) and the
 * null_data_source data source (echoes `inputs` as `outputs`).
 */
import { randomInt } from 'node:crypto';
import * as T from '../../lang/types.js';
import { emptyMapVal, stringVal } from '../../lang/value.js';
import type { ProviderFactory } from '../protocol.js';
import { makeProvider } from '../sdk/provider.js';
import { attr, withAttrs } from '../sdk/obj.js';
import { requiresReplaceIfValuesNotNull } from '../sdk/plan-modifiers.js';

/** The `null` provider. */
export const nullProvider: ProviderFactory = {
  source: 'registry.terraform.io/hashicorp/null',
  version: '3.2.3',
  create: () => makeProvider<undefined>({
    schema: { version: 0, block: { attributes: {}, blockTypes: {} } },
    configure: () => undefined,
    framework: true,
    resources: {
      null_resource: {
        schema: {
          version: 0,
          block: {
            attributes: {
              id: { type: T.String, computed: true, description: 'This is set to a random value at create time.' },
              triggers: { type: T.Map(T.String), optional: true, forceNew: true, replaceIf: requiresReplaceIfValuesNotNull, description: 'A map of arbitrary strings that, when changed, will force the null resource to be replaced, re-running any associated provisioners.' },
            },
            blockTypes: {},
          },
        },
        async create(_ctx, planned) {
          // Like the real provider: a random 63-bit decimal id.
          const id = (BigInt(randomInt(2 ** 31)) * 4294967296n + BigInt(randomInt(2 ** 32 - 1))).toString();
          return withAttrs(planned, { id: stringVal(id) });
        },
        async read(_ctx, state) { return state; },
        // A triggers change that does not force replacement (null -> {}) is stored as planned.
        async update(_ctx, _prior, planned) { return planned; },
        async delete() { /* nothing remote */ },
      },
    },
    dataSources: {
      null_data_source: {
        schema: {
          version: 0,
          block: {
            attributes: {
              has_computed_default: { type: T.String, optional: true, computed: true },
              id: { type: T.String, computed: true },
              inputs: { type: T.Map(T.String), optional: true },
              outputs: { type: T.Map(T.String), computed: true },
              random: { type: T.String, computed: true },
            },
            blockTypes: {},
          },
        },
        async read(_ctx, config) {
          const inputs = attr(config, 'inputs');
          const hcd = attr(config, 'has_computed_default');
          return withAttrs(config, {
            outputs: inputs.isNull ? stringMap() : inputs, id: stringVal('static'), random: stringVal(String(randomInt(2 ** 31))),
            has_computed_default: hcd.isNull ? stringVal('default') : hcd,
          });
        },
      },
    },
  }),
};

function stringMap() {
  return emptyMapVal(T.String);
}
