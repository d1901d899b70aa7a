import { describe, expect, it } from 'vitest';
import { JSONSyntaxError, RawJSON, parseJSONCapturing } from './json-scan.js';

const attrsOf = (text: string) => parseJSONCapturing(text, (p) => p[p.length - 1] === 'attributes') as { x: number; attributes: RawJSON };

describe('parseJSONCapturing', () => {
  it('captures a member as its JSON text without the whitespace between tokens, strings untouched', () => {
    const text = '{\n  "x": 1,\n  "attributes": {\n    "id": "a b\\" c ",\n    "tags": [\n      "t\\\\",\n      null\n    ],\n    "n": -1.5e3,\n    "e": {}\n  }\n}\n';
    const got = attrsOf(text);
    expect(got.x).toBe(1);
    expect(got.attributes).toBeInstanceOf(RawJSON);
    expect(got.attributes.json).toBe('{"id":"a b\\" c ","tags":["t\\\\",null],"n":-1.5e3,"e":{}}');
    expect(JSON.parse(got.attributes.json)).toEqual(JSON.parse(text).attributes);
  });
  it('keeps compact text as it is', () => {
    expect(attrsOf('{"x":2,"attributes":{"a":"  "}}').attributes.json).toBe('{"a":"  "}');
  });
  it('refuses an invalid captured value with the byte offset', () => {
    expect(() => attrsOf('{"x":2,"attributes":{"a": tru}}')).toThrow(JSONSyntaxError);
  });
  it('refuses what JSON does not allow inside a captured value, at the offending byte', () => {
    const bad: [string, number][] = [
      ['{"x":2,"attributes":{"a":"b\\qc"}}', 28], // an escape JSON lacks
      ['{"x":2,"attributes":{"a":"b\u0001"}}', 27], // a raw control character
      ['{"x":2,"attributes":{"a":"\\u12G4"}}', 30], // a bad \\u escape
      ['{"x":2,"attributes":{"a":[1,]}}', 28],
      ['{"x":2,"attributes":{"a" 1}}', 25],
      ['{"x":2,"attributes":{"a":1 "b":2}}', 27],
      ['{"x":2,"attributes":{"a":01}}', 26],
      ['{"x":2,"attributes":{"a":"open', 30],
    ];
    for (const [text, offset] of bad) {
      let err: unknown;
      try { attrsOf(text); } catch (e) { err = e; }
      expect(err, text).toBeInstanceOf(JSONSyntaxError);
      expect((err as JSONSyntaxError).byteOffset, text).toBe(offset);
    }
  });
  it('captures values of every kind, including long strings, exactly', () => {
    const long = 'x\\n'.repeat(300_000);
    const text = `{ "attributes" : { "s": "${long}", "u": "\\u00e9\\"", "n": [ 0, -1.25E+2, 3e-1 ], "b": [ true, false, null ], "o": { } } }`;
    const got = attrsOf(text).attributes.json;
    expect(got).toBe(`{"s":"${long}","u":"\\u00e9\\"","n":[0,-1.25E+2,3e-1],"b":[true,false,null],"o":{}}`);
    expect(JSON.parse(got)).toEqual(JSON.parse(text).attributes);
  });
});
