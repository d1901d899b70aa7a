import { describe, expect, it } from 'vitest';
import { durationMs } from './retry.js';

describe('timeouts', () => {
  it.each([['30s', 30_000], ['10m', 600_000], ['1h30m', 5_400_000], ['250ms', 250], ['', undefined], ['10 minutes', undefined], [undefined, undefined]])('%s', (s, want) => {
    expect(durationMs(s)).toBe(want);
  });
});
