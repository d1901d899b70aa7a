import { describe, it, expect } from 'vitest';
import { esc, raw, x, xflat, xlist, xs } from './xml.js';

describe('xml builder', () => {
  it('escapes text and attributes but keeps built XML', () => {
    expect(esc('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
    expect(String(x('Key', 'a<b'))).toBe('<Key>a&lt;b</Key>');
    expect(String(x('Outer', x('Inner', 1)))).toBe('<Outer><Inner>1</Inner></Outer>');
    expect(String(x('Grantee', 'v', { 'xsi:type': 'Group' }))).toBe('<Grantee xsi:type="Group">v</Grantee>');
  });

  it('renders absent (undefined) as nothing and empty (null) as a self-closed element', () => {
    expect(String(x('Absent', undefined))).toBe('');
    expect(String(x('Empty', null))).toBe('<Empty/>');
    expect(String(xs(x('A', true), undefined, raw('<B/>')))).toBe('<A>true</A><B/>');
  });

  it('builds wrapped and flattened lists', () => {
    expect(String(xlist('vpcSet', ['a', 'b'], (v) => x('vpcId', v)))).toBe('<vpcSet><item><vpcId>a</vpcId></item><item><vpcId>b</vpcId></item></vpcSet>');
    expect(String(xlist('Tags', [1], (v) => x('N', v), 'member'))).toBe('<Tags><member><N>1</N></member></Tags>');
    expect(String(xflat('Contents', ['k1', 'k2'], (k) => x('Key', k)))).toBe('<Contents><Key>k1</Key></Contents><Contents><Key>k2</Key></Contents>');
  });
});
