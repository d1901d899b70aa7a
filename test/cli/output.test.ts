/** `terrane output`: what terraform 1.11.4 printed for the same configuration and commands. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terrane } from './helpers.js';

const CONFIG = 'output "o" {\n  value = { a = 1, b = [1, 2], c = { d = "e" } }\n}\noutput "s" {\n  value = "str"\n}\n';
const NOT_FOUND = '\nError: Output "nope" not found\n\nThe output variable requested could not be found in the state file. If you\n'
  + 'recently added this to your configuration, be sure to run `terrane apply`,\nsince the state won\'t be updated with new output variables until that command\nis run.\n';

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-output-'));
  writeFileSync(join(dir, 'main.tf'), CONFIG);
  return dir;
}

describe('output', () => {
  it('-json indents every output whole; -json NAME stays compact', () => {
    const dir = workdir();
    expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);
    expect(terrane(dir, ['output', '-json']).stdout).toBe(`{
  "o": {
    "sensitive": false,
    "type": [
      "object",
      {
        "a": "number",
        "b": [
          "tuple",
          [
            "number",
            "number"
          ]
        ],
        "c": [
          "object",
          {
            "d": "string"
          }
        ]
      }
    ],
    "value": {
      "a": 1,
      "b": [
        1,
        2
      ],
      "c": {
        "d": "e"
      }
    }
  },
  "s": {
    "sensitive": false,
    "type": "string",
    "value": "str"
  }
}
`);
    expect(terrane(dir, ['output', '-json', 'o']).stdout).toBe('{"a":1,"b":[1,2],"c":{"d":"e"}}\n');
  });

  it('-raw refuses an object, and a missing output is named', () => {
    const dir = workdir();
    expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);
    const raw = terrane(dir, ['output', '-raw', 'o']);
    expect([raw.code, raw.stderr]).toEqual([1, '\nError: Unsupported value for raw output\n\nThe -raw option only supports strings, numbers, and boolean values, but\n'
      + 'output value "o" is object.\n\nUse the -json option for machine-readable representations of output values\nthat have complex types.\n']);
    for (const args of [['nope'], ['-json', 'nope'], ['-raw', 'nope']]) {
      const r = terrane(dir, ['output', ...args]);
      expect([r.code, r.stderr]).toEqual([1, NOT_FOUND]);
    }
  });

  it('with no outputs at all, a name only gets the warning (but not with -json)', () => {
    const dir = workdir();
    const r = terrane(dir, ['output', 'nope']);
    expect([r.code, r.stdout]).toEqual([0, expect.stringContaining('Warning: No outputs found')]);
    expect(terrane(dir, ['output', '-json', 'nope']).stderr).toBe(NOT_FOUND);
  });
});
