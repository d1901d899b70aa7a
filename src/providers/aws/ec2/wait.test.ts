import { describe, expect, it } from 'vitest';
import { goDuration, parseDuration, waitForState } from './wait.js';

describe('durations', () => {
  it.each([
    ['10m', 600_000], ['30s', 30_000], ['1h30m', 5_400_000], ['1.5h', 5_400_000], ['250ms', 250],
  ])('parses %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each(['', '10', 'm', '10 m', '5d'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
  it.each([[600_000, '10m0s'], [30_000, '30s'], [5_400_000, '1h30m0s']])('prints %d ms as Go does', (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });
});

describe('waitForState', () => {
  it('polls until a target state and returns the value', async () => {
    const states = ['pending', 'pending', 'available'];
    let calls = 0;
    const got = await waitForState('waiting', async () => ({ state: states[calls++]!, value: calls }), ['available'], { pending: ['pending'], timeoutMs: 10_000 });
    expect(got).toBe(3);
    expect(calls).toBe(3);
  });
  it('fails on a state outside pending with the failure reason', async () => {
    await expect(waitForState('waiting for EC2 NAT Gateway (nat-1) create', async () => ({ state: 'failed', error: 'Gateway.NotAttached: no gateway' }),
      ['available'], { pending: ['pending'], timeoutMs: 10_000 }))
      .rejects.toThrow("waiting for EC2 NAT Gateway (nat-1) create: unexpected state 'failed', wanted target 'available'. last error: Gateway.NotAttached: no gateway");
  });
  it('times out with the last state', async () => {
    await expect(waitForState('waiting', async () => ({ state: 'pending' }), ['available'], { timeoutMs: 0 }))
      .rejects.toThrow("waiting: timeout while waiting for state to become 'available' (last state: 'pending', timeout: 0s)");
  });
});
