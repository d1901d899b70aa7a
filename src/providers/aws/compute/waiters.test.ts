import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../sdk/resource.js';
import { parseDuration, waitFor } from './waiters.js';

describe('timeouts durations', () => {
  it.each([
    ['10m', 600_000], ['45s', 45_000], ['1h30m', 5_400_000], ['1.5h', 5_400_000], ['250ms', 250],
    ['', undefined], ['ten minutes', undefined], ['10', undefined], ['5m junk', undefined],
  ])('%s -> %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('waitFor', () => {
  it('returns at once when the first poll already shows the target', async () => {
    let polls = 0;
    const started = Date.now();
    const got = await waitFor('waiting', async () => ({ state: 'running', value: ++polls }), ['pending'], ['running'], 60_000);
    expect(got).toBe(1);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('fails on a state that is neither pending nor the target', async () => {
    await expect(waitFor('waiting for EC2 Instance (i-1) create', async () => ({ state: 'terminated', value: 0 }), ['pending'], ['running'], 60_000))
      .rejects.toThrow(new ProviderError("waiting for EC2 Instance (i-1) create: unexpected state 'terminated', wanted target 'running'"));
  });

  it('gives up after the timeout with the last state seen', async () => {
    await expect(waitFor('waiting', async () => ({ state: 'pending', value: 0 }), ['pending'], ['running'], 10))
      .rejects.toThrow(/timeout while waiting for state to become 'running' \(last state: 'pending'/);
  });

  it('counts a vanished object as the target when null is one', async () => {
    expect(await waitFor('waiting', async () => ({ state: null, value: 'gone' }), ['shutting-down'], ['terminated', null], 1000)).toBe('gone');
  });
});
