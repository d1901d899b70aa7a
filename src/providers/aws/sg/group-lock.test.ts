import { describe, expect, it } from 'vitest';
import { withGroupLock } from './group-lock.js';

describe('withGroupLock', () => {
  it('runs changes of one group one at a time, in call order, and other groups alongside', async () => {
    const log: string[] = [];
    const step = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (name === 'a2') throw new Error('boom');
      return name;
    };
    const results = await Promise.allSettled([
      withGroupLock('sg-a', step('a1', 20)), withGroupLock('sg-a', step('a2', 5)), withGroupLock('sg-a', step('a3', 1)), withGroupLock('sg-b', step('b1', 1)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const a = log.filter((l) => l.includes(' a'));
    expect(a).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
  });
});
