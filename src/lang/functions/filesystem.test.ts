import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import * as T from '../types.js';
import { stringVal, unknownVal, Mark, objectVal, numberVal, type Value } from '../value.js';
import { builtinFunctions } from './index.js';
import { callFunction, describeFunctionError } from './call.js';
import { FunctionError } from './function.js';
import { goBase, goDir, goClean } from './filesystem.js';
import { globToRegExp } from './glob.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = path.join(root, 'testdata/functions');
const fns = builtinFunctions();
const ctx = { baseDir: fixtures, renderTemplate: (src: string) => stringVal(`rendered:${src.length}`) };
const call = (name: string, ...args: Value[]) => callFunction(name, fns.get(name)!, args, ctx);
const s = stringVal;

describe('Go path semantics', () => {
  it.each([
    ['foo/bar/baz.txt', 'foo/bar', 'baz.txt'], ['foo', '.', 'foo'], ['/foo/bar/', '/foo/bar', 'bar'], ['', '.', '.'],
    ['/', '/', '/'], ['a//b/../c', 'a', 'c'], ['./x', '.', 'x'],
  ])('%j: dirname %j basename %j', (p, dir, base) => {
    expect(goDir(p)).toBe(dir);
    expect(goBase(p)).toBe(base);
  });
  it.each([['a/./b/../c/', 'a/c'], ['../../x', '../../x'], ['/../x', '/x'], ['', '.']])('Clean(%j) = %j', (p, want) => expect(goClean(p)).toBe(want));
});

describe('fileset patterns', () => {
  it.each<[string, string, boolean]>([
    ['*.txt', 'a.txt', true], ['*.txt', 'd/a.txt', false], ['**/*.txt', 'd/e/a.txt', true], ['**/*.txt', 'a.txt', true],
    ['**', 'x/y/z', true], ['{a,b}.txt', 'b.txt', true], ['[ab].txt', 'c.txt', false], ['[!ab].txt', 'c.txt', true],
    ['?.txt', 'ab.txt', false], ['files/\\*.txt', 'files/*.txt', true],
  ])('%j matches %j: %s', (pat, p, want) => expect(globToRegExp(pat).test(p)).toBe(want));
});

describe('file functions', () => {
  it('reads files relative to the module directory', () => {
    expect(call('file', s('hello.txt')).str).toBe('Hello World');
    expect(call('filebase64', s('hello.txt')).str).toBe('SGVsbG8gV29ybGQ=');
    expect(call('filemd5', s('hello.txt')).str).toBe('b10a8db164e0754105b7a99be72e3fe5');
    expect(call('filesha256', s('hello.txt')).str).toBe('a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e');
  });
  it('keeps the marks of a sensitive path and redacts it in errors', () => {
    expect(call('file', s('hello.txt').mark(Mark.Sensitive)).isSensitive).toBe(true);
    try {
      call('file', s('secret-name.txt').mark(Mark.Sensitive));
      throw new Error('no error');
    } catch (e) {
      expect((e as Error).message).toContain('no file exists at (sensitive value);');
    }
  });
  it('returns unknown for an unknown path', () => {
    expect(call('file', unknownVal(T.String)).isKnown).toBe(false);
    expect(call('fileexists', unknownVal(T.String)).isKnown).toBe(false);
  });
  it('fileexists distinguishes files, missing paths and directories', () => {
    expect(call('fileexists', s('hello.txt')).bool).toBe(true);
    expect(call('fileexists', s('nope.txt')).bool).toBe(false);
    let err: FunctionError | undefined;
    try { call('fileexists', s('files')); } catch (e) { err = e as FunctionError; }
    expect(err?.message).toBe(`${JSON.stringify(path.join(fixtures, 'files'))} is a directory, not a file`);
  });
  it('fileset returns a set of slash-separated relative paths', () => {
    const r = call('fileset', s('.'), s('files/**/*.txt'));
    expect(T.typeString(r.type)).toBe('set(string)');
    expect(r.elems.map((e) => e.str)).toEqual(['files/hello.txt', 'files/subdirectory/anotherfile.txt', 'files/world.txt']);
    expect(call('fileset', s('.'), s('nothing/*')).elems).toEqual([]);
  });
  it('templatefile validates its variables before rendering', () => {
    expect(call('templatefile', s('backends.tftpl'), objectVal({ port: numberVal(1) })).str).toMatch(/^rendered:/);
    let err: FunctionError | undefined;
    try { call('templatefile', s('backends.tftpl'), objectVal({ 'not valid': numberVal(1) })); } catch (e) { err = e as FunctionError; }
    expect(describeFunctionError('templatefile', fns.get('templatefile')!, err!).detail)
      .toBe('Invalid value for "vars" parameter: invalid template variable name "not valid": must start with a letter, followed by zero or more letters, digits, and underscores.');
    expect(call('templatefile', s('backends.tftpl'), unknownVal(T.Map(T.String))).isKnown).toBe(false);
  });
});

describe('functions available inside templates', () => {
  it('refuses recursion and, for templatestring, filesystem access', async () => {
    const { templateFunctions } = await import('./string.js');
    const inFile = templateFunctions(fns, true);
    const inString = templateFunctions(fns, false);
    expect(() => callFunction('templatefile', inFile.get('templatefile')!, [s('x'), objectVal({})], ctx))
      .toThrow('cannot recursively call templatefile from inside another template function');
    expect(callFunction('file', inFile.get('file')!, [s('hello.txt')], ctx).str).toBe('Hello World');
    expect(() => callFunction('file', inString.get('file')!, [s('hello.txt')], ctx))
      .toThrow('cannot use filesystem access functions like file in templatestring templates; consider passing the function result as a template variable instead');
    expect(inString.get('upper')).toBe(fns.get('upper'));
  });
});
