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
});
