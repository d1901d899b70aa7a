import { describe, it, expect } from 'vitest';
import { parseJsonValue, decodeJsonString } from './parser.js';
import { parseJsonConfig } from './parse-config.js';

describe('parseJsonValue', () => {
  it('gives every part a line/column/byte range', () => {
    const { value, diags } = parseJsonValue('{\n  "a": [1, "é", true],\n\t"b": null\n}', 'x.json');
    expect(diags).toEqual([]);
    expect(value?.type).toBe('object');
    if (value?.type !== 'object') return;
    const [a, b] = value.props;
    expect(a!.nameRange).toEqual({ filename: 'x.json', start: { line: 2, column: 3, byte: 4 }, end: { line: 2, column: 6, byte: 7 } });
    if (a!.value.type !== 'array') throw new Error('array expected');
    const [, s, t] = a!.value.items;
    expect(s!.range).toEqual({ filename: 'x.json', start: { line: 2, column: 12, byte: 13 }, end: { line: 2, column: 15, byte: 17 } });
    expect(t!.range.start).toEqual({ line: 2, column: 17, byte: 19 });
    // A tab counts two columns, as in HCL's JSON scanner.
    expect(b!.nameRange.start).toEqual({ line: 3, column: 3, byte: 27 });
    expect(value.range.end).toEqual({ line: 4, column: 2, byte: 38 });
  });

  it('keeps numbers as written and decodes string escapes', () => {
    const { value } = parseJsonValue('[1.5e3, -0, "a\\n\\u00e9\\ud83d\\ude00\\/"]', 'x.json');
    if (value?.type !== 'array') throw new Error('array expected');
    expect(value.items[0]).toMatchObject({ type: 'number', value: 1500, raw: '1.5e3' });
    expect(value.items[2]).toMatchObject({ type: 'string', value: 'a\né😀/' });
  });

  it('keeps duplicate keys for the decoder to judge', () => {
    const { value, diags } = parseJsonValue('{"a": 1, "a": 2}', 'x.json');
    expect(diags).toEqual([]);
    expect(value?.type === 'object' && value.props.map((p) => p.name)).toEqual(['a', 'a']);
  });

  const errors: [string, string, string, number][] = [
    ['{"a": 1,}', 'Trailing comma in object', 'JSON does not permit a trailing comma after the final property in an object.', 8],
    ['[1, 2,]', 'Trailing comma in array', 'JSON does not permit a trailing comma after the final value in an array.', 6],
    ['{"a" = 1}', 'Missing property value colon', 'JSON uses a colon as its name/value delimiter, not an equals sign.', 6],
    ['{"a" 1}', 'Missing property value colon', "A colon must appear between an object property's name and its value.", 6],
    ['{"a"}', 'Missing object value', 'A JSON object attribute must have a value, introduced by a colon.', 5],
    ['{"a": 1 "b": 2}', 'Missing attribute seperator comma', 'A comma must appear between each property definition in an object.', 16],
    ['{"a": 1', 'Unclosed object', 'No closing brace was found for this JSON object.', 1],
    ['{"a": True}', 'Invalid JSON keyword', '"True" is not a valid JSON keyword. Did you mean "true"?', 7],
    ['[NaN]', 'Invalid JSON keyword', 'The JavaScript identifier "NaN" cannot be used in JSON.', 2],
    ['[01]', 'Invalid JSON number', 'There is a syntax error in the given JSON number.', 2],
    ['{1: 2}', 'Invalid object property name', 'A JSON object property name must be a string', 2],
    ['[1 2]', 'Missing attribute seperator comma', 'A comma must appear between each value in an array.', 6],
    ['{"a": [1}', 'Mismatched brackets', 'A JSON array must be closed with a bracket, not a brace.', 10],
    ['', 'Missing value', 'The JSON data ends prematurely.', 1],
    ['{} x', 'Extraneous data after value', 'Extra characters appear after the JSON value.', 4],
    ['@', 'Invalid start of value', 'A JSON value must start with a brace, a bracket, a number, a string, or a keyword.', 1],
    ['"a\\qb"', 'Invalid JSON string', 'There is a syntax error in the given JSON string.', 5],
    ['"abc', 'Invalid JSON string', 'There is a syntax error in the given JSON string.', 5],
  ];
  it.each(errors)('diagnoses %j', (src, summary, detail, column) => {
    const { diags } = parseJsonValue(src, 'x.json');
    expect(diags[0]).toMatchObject({ severity: 'error', summary, detail });
    expect(diags[0]!.subject!.start.column).toBe(column);
  });

  it('decodes lone surrogates to U+FFFD like Go', () => {
    expect(decodeJsonString('"\\ud800x"')).toBe('\uFFFDx');
  });
});

describe('parseJsonConfig', () => {
  it('requires an object or array root', () => {
    const { file, diags } = parseJsonConfig('"x"', 'main.tf.json');
    expect(diags[0]).toMatchObject({ summary: 'Root value must be object' });
    expect(file.syntax).toBe('json');
    expect(file.json).toMatchObject({ type: 'object', props: [] });
  });

  it('exposes root properties as attributes in file.body, skipping comments', () => {
    const { file, diags } = parseJsonConfig('{"//": "c", "region": "us-east-1", "n": 2}', 'terraform.tfvars.json');
    expect(diags).toEqual([]);
    expect([...file.body.attributes.keys()]).toEqual(['region', 'n']);
    expect(file.body.attributes.get('n')!.expr).toMatchObject({ kind: 'json', value: { type: 'number', value: 2 } });
  });
});
