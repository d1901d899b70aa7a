import { describe, expect, it } from 'vitest';
import { satisfies } from './version-constraints.js';

describe('satisfies', () => {
  it.each([
    ['3.2.3', '~> 3.0', true], ['4.0.0', '~> 3.0', false], ['3.2.3', '~> 3.2.0', true], ['3.3.0', '~> 3.2.0', false],
    ['1.12.2', '>= 1.5', true], ['1.4.0', '>= 1.5', false], ['1.12.2', '>= 1.0, < 2.0', true], ['2.0.0', '>= 1.0, < 2.0', false],
    ['5.1.0', '5.1.0', true], ['5.1.0', '!= 5.1.0', false], ['5.1.0', '= 5.1', true],
  ])('%s against %s is %s', (v, c, want) => expect(satisfies(v, c)).toBe(want));
  it('reports a malformed constraint', () => expect(satisfies('1.0.0', '>= banana')).toEqual({ error: 'Malformed constraint: >= banana' }));
});
