import { describe, it, expect } from 'vitest';
import * as T from '../lang/types.js';
import { Mark, listVal, mapVal, nullVal, numberVal, objectVal, stringVal, boolVal } from '../lang/value.js';
import type { BlockSchema } from '../providers/protocol.js';
import { renderOutputValue, renderResourceBody } from './state-render.js';

// Expected texts are `terraform state show` / `terraform show` output (Terraform 1.11).
const schema: BlockSchema = {
  attributes: {
    id: { type: T.String, computed: true },
    tags: { type: T.Map(T.String), optional: true },
    input: { type: T.Dynamic, optional: true },
    password: { type: T.String, optional: true, sensitive: true },
    gone: { type: T.String, optional: true },
  },
  blockTypes: {
    ebs: { nesting: 'list', block: { attributes: { size: { type: T.Number, optional: true }, kind: { type: T.String, optional: true } }, blockTypes: {} } },
  },
};

describe('state show rendering', () => {
  it('quotes every map key, but prints identifier keys bare in objects and in dynamically typed values', () => {
    const value = objectVal({
      id: stringVal('i-1'),
      tags: mapVal({ Name: stringVal('web'), 'aws:tag': stringVal('t') }),
      input: objectVal({ map: mapVal({ 'x-y': stringVal('1'), '9z': stringVal('2') }), nul: nullVal(T.String), 'with space': numberVal(1) }),
      password: stringVal('hunter2'),
      gone: nullVal(T.String),
      ebs: listVal([objectVal({ size: numberVal(8), kind: stringVal('gp3') })]),
    });
    expect(renderResourceBody({ value, block: schema }, {}, new Set())).toBe([
      '    id       = "i-1"',
      '    input    = {',
      '        map          = {',
      '            "9z" = "2"',
      '            x-y  = "1"',
      '        }',
      '        nul          = null',
      '        "with space" = 1',
      '    }',
      '    password = (sensitive value)',
      '    tags     = {',
      '        "Name"    = "web"',
      '        "aws:tag" = "t"',
      '    }',
      '',
      '    ebs {',
      '        kind = "gp3"',
      '        size = 8',
      '    }',
      '',
    ].join('\n'));
  });

  it('shows values marked sensitive in state as (sensitive value) and multi-line strings as heredocs', () => {
    const value = objectVal({
      id: stringVal('x'), tags: nullVal(T.Map(T.String)), password: nullVal(T.String), gone: nullVal(T.String),
      input: objectVal({ secret: stringVal('s').mark(Mark.Sensitive), text: stringVal('a\nb\n') }),
      ebs: listVal([], T.Object_({ size: T.Number, kind: T.String })),
    });
    expect(renderResourceBody({ value, block: schema }, {}, new Set())).toBe([
      '    id    = "x"',
      '    input = {',
      '        secret = (sensitive value)',
      '        text   = <<-EOT',
      '            a',
      '            b',
      '        EOT',
      '    }',
      '',
    ].join('\n'));
  });

  it('falls back to the JSON in state when there is no schema', () => {
    expect(renderResourceBody(undefined, { b: { k: [1, true] }, a: 'x', n: null, p: 's' }, new Set(['p']))).toBe([
      '    a = "x"',
      '    b = {',
      '        k = [',
      '            1,',
      '            true,',
      '        ]',
      '    }',
      '    p = (sensitive value)',
      '',
    ].join('\n'));
  });

  it('prints outputs with their types: map keys quoted, object attributes bare', () => {
    const v = objectVal({ m: mapVal({ z: numberVal(1), 'a b': numberVal(2) }), s: stringVal('x'), l: listVal([boolVal(true)]) });
    expect(renderOutputValue(v)).toBe('{\n    l = [\n        true,\n    ]\n    m = {\n        "a b" = 2\n        "z"   = 1\n    }\n    s = "x"\n}');
  });
});
