import { describe, it, expect } from 'vitest';
import { Harness, js, lifecycle } from '../../../test/providers/harness.js';
import { addRotation, formatRFC3339, parseGoDuration, parseRFC3339, timeProvider } from './time.js';

const h = () => new Harness(timeProvider).configure();

describe('time_static', () => {
  it('freezes now, breaks it down, plans no change; triggers force replacement', async () => {
    const before = Math.floor(Date.now() / 1000);
    const s = js(await lifecycle(await h(), 'time_static', { triggers: { a: '1' } }, { triggers: { a: '2' } }, 'triggers'));
    expect(s.rfc3339).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(s.id).toBe(s.rfc3339);
    expect(s.unix as number).toBeGreaterThanOrEqual(before);
    expect(new Date((s.unix as number) * 1000).toISOString().replace('.000', '')).toBe(s.rfc3339);
  });
  it('uses a configured rfc3339 in its own offset', async () => {
    const s = js(await (await h()).create('time_static', { rfc3339: '2020-02-12T06:36:13+02:00' }));
    expect(s).toMatchObject({ year: 2020, month: 2, day: 12, hour: 6, minute: 36, second: 13, unix: 1581482173, id: '2020-02-12T06:36:13+02:00' });
  });
  it('rejects a malformed rfc3339 and imports a good one', async () => {
    const p = await h();
    expect((await p.plan('time_static', null, { rfc3339: '2020-13-01' })).diagnostics).toHaveLength(1);
    const r = await p.importState('time_static', '2021-01-02T03:04:05Z');
    expect(js(r.importedResources[0]!.state)).toMatchObject({ year: 2021, second: 5, unix: 1609556645 });
  });
});

describe('time_sleep', () => {
  it.each([['30s', 30000], ['1h30m', 5400000], ['1.5s', 1500], ['300ms', 300], ['0', 0], ['-2m', -120000], ['5', undefined], ['1d', undefined]])(
    'parses Go duration %s', (s, ms) => expect(parseGoDuration(s)).toBe(ms));
  it('sleeps create_duration, updates durations in place, triggers replace', async () => {
    const p = await h();
    const t0 = Date.now();
    const s = await lifecycle(p, 'time_sleep', { create_duration: '200ms', triggers: { x: 'a' } }, { create_duration: '200ms', triggers: { x: 'b' } }, 'triggers');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
    const upd = await p.plan('time_sleep', s, { create_duration: '1s', triggers: { x: 'a' } });
    expect(upd.requiresReplace).toEqual([]);
    const t1 = Date.now();
    await p.destroy('time_sleep', s);
    expect(Date.now() - t1).toBeLessThan(200);
  });
  it('requires a duration and validates its syntax', async () => {
    const p = await h();
    expect((await p.plan('time_sleep', null, {})).diagnostics[0]!.detail).toContain('[create_duration,destroy_duration]');
    expect((await p.plan('time_sleep', null, { create_duration: '10 seconds' })).diagnostics[0]!.summary).toBe('Invalid Attribute Value Match');
    // Valid Go durations that hashicorp/time's pattern still rejects.
    for (const d of ['1h30m', '-1s', '10us', '.5s']) {
      expect((await p.plan('time_sleep', null, { destroy_duration: d })).diagnostics).toEqual([{
        severity: 'error', summary: 'Invalid Attribute Value Match', attribute: [{ attr: 'destroy_duration' }],
        detail: `Attribute destroy_duration must be a number immediately followed by ms (milliseconds), s (seconds), m (minutes), or h (hours). For example, "30s" for 30 seconds., got: ${d}`,
      }]);
    }
    expect((await p.plan('time_sleep', null, { create_duration: '1.5m' })).diagnostics).toEqual([]);
  });
});

describe('time_rotating', () => {
  it('adds the rotation period like Go AddDate', () => {
    const t = parseRFC3339('2020-01-31T10:00:00Z')!;
    expect(formatRFC3339(addRotation(t, { months: 1 }))).toBe('2020-03-02T10:00:00Z');
    expect(formatRFC3339(addRotation(t, { years: 1, days: 1, hours: 2, minutes: 5 }))).toBe('2021-02-01T12:05:00Z');
    expect(formatRFC3339(addRotation(parseRFC3339('2020-01-01T23:30:00-05:00')!, { hours: 1 }))).toBe('2020-01-02T00:30:00-05:00');
  });
  it('computes rotation_rfc3339, plans no change, triggers replace', async () => {
    const s = js(await lifecycle(await h(), 'time_rotating', { rotation_days: 30, triggers: { a: '1' } }, { rotation_days: 30, triggers: { a: '2' } }, 'triggers'));
    expect(Date.parse(s.rotation_rfc3339 as string) - Date.parse(s.rfc3339 as string)).toBe(30 * 86400000);
  });
  it('reads as gone once the rotation time has passed', async () => {
    const p = await h();
    const s = await p.create('time_rotating', { rfc3339: '2000-01-01T00:00:00Z', rotation_years: 1 });
    expect(js(s).rotation_rfc3339).toBe('2001-01-01T00:00:00Z');
    expect(await p.read('time_rotating', s)).toBeNull();
  });
  it('a changed period moves rotation_rfc3339 in place', async () => {
    const p = await h();
    const s = await p.create('time_rotating', { rfc3339: '2999-01-01T00:00:00Z', rotation_days: 1 });
    const pl = await p.plan('time_rotating', s, { rfc3339: '2999-01-01T00:00:00Z', rotation_days: 2 });
    expect(pl.requiresReplace).toEqual([]);
    expect(js(pl.plannedState).rotation_rfc3339).toBe('2999-01-03T00:00:00Z');
  });
  it('needs a rotation and imports both id forms', async () => {
    const p = await h();
    expect((await p.plan('time_rotating', null, {})).diagnostics).toHaveLength(1);
    const a = await p.importState('time_rotating', '2999-01-01T00:00:00Z,0,0,1,2,0');
    expect(js(a.importedResources[0]!.state)).toMatchObject({ rotation_days: 1, rotation_hours: 2, rotation_rfc3339: '2999-01-02T02:00:00Z' });
    expect(js(a.importedResources[0]!.state).rotation_years).toBeNull();
    const past = await p.importState('time_rotating', '2000-01-01T00:00:00Z,2000-02-01T00:00:00Z');
    expect(past.diagnostics[0]!.summary).toBe('Cannot import non-existent remote object');
  });
});
