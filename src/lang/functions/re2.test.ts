import { describe, expect, it } from 'vitest';
import { compileRE2Raw, findAll, replaceAllRE2, RE2SyntaxError } from './re2.js';

function first(pattern: string, s: string): string | null {
  const r = compileRE2Raw(pattern);
  r.re.lastIndex = 0;
  const m = r.re.exec(s);
  return m ? m[0] : null;
}

describe('RE2 semantics', () => {
  it.each<[string, string, string | null]>([
    ['(?i)hello', 'HeLLo', 'HeLLo'],
    ['(?i:a)b', 'Ab', 'Ab'],
    ['(?i:a)b', 'AB', null],
    ['a(?i)b', 'aB', 'aB'],
    ['a(?i)b', 'AB', null],
    ['(?i)[a-c]+', 'xAbCd', 'AbC'],
    ['(?i)k', '\u212a', '\u212a'],
    ['.', '\n', null],
    ['.', '\r', '\r'],
    ['(?s).', '\n', '\n'],
    ['^b', 'a\nb', null],
    ['(?m)^b', 'a\nb', 'b'],
    ['(?m)a$', 'a\r\nb', null],
    ['a$', 'a\n', null],
    ['\\Aabc\\z', 'abc', 'abc'],
    ['(?U)a+', 'aaa', 'a'],
    ['(?U)a+?', 'aaa', 'aaa'],
    ['\\pL+', 'héllo1', 'héllo'],
    ['\\p{Greek}+', 'abc αβγ', 'αβγ'],
    ['\\PL+', 'ab12cd', '12'],
    ['\\p{^L}+', 'ab12cd', '12'],
    ['[[:alpha:]]+', '123abc456', 'abc'],
    ['[[:^digit:]]+', '12ab34', 'ab'],
    ['[^[:space:]]+', '  xy  ', 'xy'],
    ['[[:word:]-]+', 'a-b_c!', 'a-b_c'],
    ['\\Qa.b\\E', 'axb a.b', 'a.b'],
    ['\\x41\\x{1F600}', 'A😀', 'A😀'],
    ['\\d+', '٣12', '12'],
    ['\\w+', 'héllo', 'h'],
    ['\\s', '\v', null],
    ['\\s', '\f', '\f'],
    ['a{2,}', 'aaaa', 'aaaa'],
    ['a{,2}', 'a{,2}', 'a{,2}'],
    ['x{', 'x{', 'x{'],
    ['[]a]+', 'a]b', 'a]'],
    ['[^]a]', ']ab', 'b'],
    ['[a\\-z]+', 'a-z', 'a-z'],
    ['\\.\\-\\#', '.-#', '.-#'],
    ['\\101', 'A', 'A'],
    ['(a|ab)(c|bcd)(d*)', 'abcd', 'abcd'],
    ['/', 'a/b', '/'],
  ])('%j on %j', (pattern, s, want) => expect(first(pattern, s)).toBe(want));

  it.each<[string, string, string]>([
    ['(?=x)', 'invalid or unsupported Perl syntax', '(?='],
    ['(?!x)', 'invalid or unsupported Perl syntax', '(?!'],
    ['(?<=x)', 'invalid or unsupported Perl syntax', '(?<'],
    ['(a)\\1', 'invalid escape sequence', '\\1'],
    ['\\Z', 'invalid escape sequence', '\\Z'],
    ['\\C', 'invalid escape sequence', '\\C'],
    ['(a', 'missing closing )', '(a'],
    ['a)', 'unexpected )', 'a)'],
    ['x[a', 'missing closing ]', '[a'],
    ['*a', 'missing argument to repetition operator', '*'],
    ['a**', 'invalid nested repetition operator', '**'],
    ['a{1001}', 'invalid repeat count', '{1001}'],
    ['[z-a]', 'invalid character class range', 'z-a'],
    ['a\\', 'trailing backslash at end of expression', ''],
    ['(?P<>a)', 'invalid named capture', '(?P<>'],
  ])('rejects %j', (pattern, code, expr) => {
    let err: unknown;
    try { compileRE2Raw(pattern); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(RE2SyntaxError);
    expect((err as RE2SyntaxError).code).toBe(code);
    expect((err as RE2SyntaxError).expr).toBe(expr);
  });

  it('finds all matches with Go\'s empty-match rule', () => {
    expect(findAll(compileRE2Raw('a*'), 'baaa').map((m) => m[0])).toEqual(['', 'aaa']);
    expect(findAll(compileRE2Raw('x*'), '😀').map((m) => m.index)).toEqual([0, 2]);
  });

  it('replaces like Go\'s ReplaceAllString', () => {
    expect(replaceAllRE2(compileRE2Raw('a*'), 'baaac', '-')).toBe('-b-c-');
    expect(replaceAllRE2(compileRE2Raw('(\\w+)@(\\w+)'), 'me@host', '$2 at ${1}')).toBe('host at me');
    expect(replaceAllRE2(compileRE2Raw('(\\w+)'), 'ab', '$1x')).toBe('');
    expect(replaceAllRE2(compileRE2Raw('(?P<word>\\w+)'), 'ab', '<$word>')).toBe('<ab>');
    expect(replaceAllRE2(compileRE2Raw('b'), 'abc', '$$')).toBe('a$c');
  });
});
