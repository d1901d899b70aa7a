import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RawJSON } from './json-scan.js';
import { parseStateV4, parseStateV4Native } from './state-v4-json.js';

const root = join(import.meta.dirname, '..', '..');
function stateFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) stateFiles(p, out);
    else if (e.endsWith('.tfstate')) out.push(p);
  }
  return out;
}

const scanned = (text: string) => parseStateV4(text, { scanner: true });

function state(attributes: string, extra = ''): string {
  return `{\n  "version": 4,\n  "terraform_version": "1.11.4",\n  "serial": 1,\n  "lineage": "l",\n  "outputs": {\n    "o": {\n      "value": ${attributes},\n      "type": ["object", {"a": "string"}]\n    }\n  },\n  "resources": [\n    {\n      "mode": "managed",\n      "type": "t",\n      "name": "n",\n      "provider": "provider[\\"p\\"]",\n      "instances": [\n        {\n          "schema_version": 0,\n          "attributes": ${attributes}${extra}\n        }\n      ]\n    }\n  ],\n  "check_results": null\n}\n`;
}

describe('parseStateV4 through JSON.parse', () => {
  it('reads every state in the repository exactly as the scanner does', () => {
    const files = [...stateFiles(join(root, 'testdata')), ...stateFiles(join(root, 'test'))];
    expect(files.length).toBeGreaterThan(10);
    let native = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      let want: unknown;
      try { want = scanned(text); } catch (e) { want = e; }
      if (want instanceof Error) {
        // Fixtures of broken states: the same error either way.
        expect(() => parseStateV4(text), f).toThrow(want.message);
        continue;
      }
      if (parseStateV4Native(text) !== undefined) native++;
      expect(parseStateV4(text), f).toEqual(want);
    }
    // Most states take the fast path; the others are read by the scanner.
    expect(native).toBeGreaterThan(files.length / 2);
  });

  it('gives the scanner\'s attribute text (whitespace removed, strings untouched)', () => {
    const text = state('{\n  "id": "a b\\" c\\n\\t\\\\",\n  "list": [ 1, 22, -3 ],\n  "m": {"k": "v1.5.2", "t": "2024-01-02T10:00:00.000Z", "s": "a,1.5x"}, "ip": "10.0.0.0/16", "e": {}, "z": null, "b": true\n}');
    expect(parseStateV4Native(text)).toBeDefined();
    const got = parseStateV4(text);
    expect(got.resources[0]!.instances[0]!.attributes).toEqual(new RawJSON('{"id":"a b\\" c\\n\\t\\\\","list":[1,22,-3],"m":{"k":"v1.5.2","t":"2024-01-02T10:00:00.000Z","s":"a,1.5x"},"ip":"10.0.0.0/16","e":{},"z":null,"b":true}'));
    expect(got).toEqual(scanned(text));
  });

  it('leaves to the scanner what JSON.parse would not give back verbatim', () => {
    const cases = [
      '{"n": 1.0}', '{"n": 1e3}', '{"n": 2E+2}', '{"n": [1,1.5]}', '{"n": -0}', '{"n": 0.50}', '{"n": [1, 2.5E1]}',
      '{"n": 12345678901234567890}', '{"n": 9007199254740993}',
      '{"s": "caf\\u00e9"}', '{"s": "a\\/b"}', '{"s": "\\u2028"}',
      '{"m": {"b": 1, "10": 2, "9": 3}}',
    ];
    for (const a of cases) {
      const text = state(a);
      expect(parseStateV4Native(text), a).toBeUndefined();
      const raw = parseStateV4(text).resources[0]!.instances[0]!.attributes!.json;
      expect(raw, a).toBe(a.replace(/ /g, ''));
      expect(parseStateV4(text), a).toEqual(scanned(text));
    }
  });

  it('reports invalid JSON as the scanner does, with Go\'s byte offset', () => {
    const text = state('{"a": tru}');
    expect(() => parseStateV4(text)).toThrow(/invalid character/);
  });

  it('captures identity objects and leaves other fields parsed', () => {
    const text = state('{"id": "x"}', ',\n          "identity": {"account_id": "123456789012", "region": "eu-west-1"},\n          "dependencies": ["t.a"],\n          "index_key": 3');
    expect(parseStateV4Native(text)).toBeDefined();
    const got = parseStateV4(text);
    const is = got.resources[0]!.instances[0]!;
    expect(is.identity).toEqual(new RawJSON('{"account_id":"123456789012","region":"eu-west-1"}'));
    expect(is.dependencies).toEqual(['t.a']);
    expect(is.index_key).toBe(3);
    expect(got.outputs.o!.type).toEqual(new RawJSON('["object",{"a":"string"}]'));
    expect(got).toEqual(scanned(text));
  });
});
