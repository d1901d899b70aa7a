import { describe, expect, it } from 'vitest';
import { namePrefixFromName, uniqueName } from './unique-name.js';

describe('generated names', () => {
  it('adds a 26-character time and counter suffix to the prefix', () => {
    const a = uniqueName('web-', new Date('2024-03-05T06:07:08.912Z'));
    const b = uniqueName('web-', new Date('2024-03-05T06:07:08.912Z'));
    expect(a).toMatch(/^web-202403050607089120[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });

  it.each([
    ['web-20240305060708912000000001', 'web-'],
    ['terraform-20240305060708912000000001', 'terraform-'],
    ['deployer', undefined],
    ['20240305060708912000000001', undefined],
  ])('%s was made from prefix %s', (name, prefix) => {
    expect(namePrefixFromName(name)).toBe(prefix);
  });
});
