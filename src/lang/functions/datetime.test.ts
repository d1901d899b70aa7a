import { describe, expect, it } from 'vitest';
import { formatDate, parseTimestamp, parseDuration, formatRFC3339 } from './datetime.js';

const t = parseTimestamp('2006-01-02T15:04:05Z');

describe('formatdate', () => {
  it.each([
    ['', ''], ['YYYY-MM-DD', '2006-01-02'], ["EEE, MMM D ''YY", "Mon, Jan 2 '06"], ['hh:mm:ss', '15:04:05'],
    ["H 'o''clock' AA", "3 o'clock PM"], ["H 'o''clock'", "3 o'clock"], ['hh:mm:ssZZZZ', '15:04:05+0000'],
    ['hh:mm:ssZZZZZ', '15:04:05+00:00'], ['MMMM', 'January'], ['EEEE', 'Monday'], ['aa', 'pm'],
    ["YYYY-MM-DD'T'hh:mm:ssZ", '2006-01-02T15:04:05Z'], ['DD MMM YYYY hh:mm ZZZ', '02 Jan 2006 15:04 UTC'],
    ['EEEE, DD-MMM-YY hh:mm:ss ZZZ', 'Monday, 02-Jan-06 15:04:05 UTC'], ['EEE, DD MMM YYYY hh:mm:ss ZZZ', 'Mon, 02 Jan 2006 15:04:05 UTC'],
  ])('%j -> %j', (f, want) => expect(formatDate(f, t)).toBe(want));

  it.each([
    ['Y', 'invalid date format verb "Y": year must either be "YY" or "YYYY"'],
    ['YYYYY', 'invalid date format verb "YYYYY": year must either be "YY" or "YYYY"'],
    ['A', 'invalid date format verb "A": must be "AA"'],
    ['a', 'invalid date format verb "a": must be "aa"'],
    ["'blah blah", "unterminated literal '"],
    ["'", "unterminated literal '"],
  ])('%j fails', (f, msg) => expect(() => formatDate(f, t)).toThrow(msg));

  it.each([
    ['2022-03-01T00:23:45Z', '2022-03-01T00:23:45Z', 'Tuesday, 01-Mar-22 00:23:45 UTC'],
    ['2022-03-01T00:23:45+00:00', '2022-03-01T00:23:45Z', 'Tuesday, 01-Mar-22 00:23:45 UTC'],
    ['2022-03-01T00:23:45+01:00', '2022-03-01T00:23:45+01:00', 'Tuesday, 01-Mar-22 00:23:45 +0100'],
    ['2022-03-01T00:23:45-01:00', '2022-03-01T00:23:45-01:00', 'Tuesday, 01-Mar-22 00:23:45 -0100'],
    ['1900-01-01T00:00:00Z', '1900-01-01T00:00:00Z', 'Monday, 01-Jan-00 00:00:00 UTC'],
  ])('parses %s in its own offset', (input, rfc3339, rfc850) => {
    const ts = parseTimestamp(input);
    expect(formatDate("YYYY-MM-DD'T'hh:mm:ssZ", ts)).toBe(rfc3339);
    expect(formatDate('EEEE, DD-MMM-YY hh:mm:ss ZZZ', ts)).toBe(rfc850);
    expect(formatRFC3339(ts)).toBe(rfc3339);
  });
});

describe('RFC 3339 parse errors', () => {
  it.each([
    ['', 'end of string before year'],
    ['2017-01-02', "missing required time introducer 'T'"],
    ['2017-12-02t00:00:00Z', "missing required time introducer 'T'"],
    ['2017:01:02', 'found ":01:02" where "-" is expected'],
    ['2017', 'end of string where "-" is expected'],
    ['2017-01-02T', 'end of string before hour'],
    ['2017-01-02T00', 'end of string where ":" is expected'],
    ['2017-01-02T00:00:00', 'end of string before UTC offset'],
    ['2017-01-02T26:00:00Z', 'hour must be between 0 and 23 inclusive'],
    ['2017-13-02T00:00:00Z', 'cannot use "-02T00:00:00Z" as month'],
    ['2017-02-31T00:00:00Z', 'day out of range'],
    ['"2017-12-02T00:00:00Z"', 'cannot use "\\"2017-12-02T00:00:00Z\\"" as year'],
    ['2-12-02T00:00:00Z', 'cannot use "2-12-02T00:00:00Z" as year'],
    ['2000-01-01T1:12:34Z', 'hour must have exactly two digits'],
    ['2000-01-01T01:1:34Z', 'minute must have exactly two digits'],
    ['2000-01-01T01:01:1Z', 'cannot use "1Z" as second'],
    ['2000-01-01T00:00:00,000Z', 'cannot use "," as timestamp segment'],
    ['2000-01-01T00:00:00+24:00', 'cannot use "+24:00" as UTC offset'],
    ['2000-01-01T00:00:00+00:60', 'cannot use "+00:60" as UTC offset'],
  ])('%j', (input, msg) => expect(() => parseTimestamp(input)).toThrow(`not a valid RFC3339 timestamp: ${msg}`));
});

describe('durations', () => {
  it.each([
    ['0', 0], ['1h', 3600e9], ['1.5h', 5400e9], ['-1m30s', -90e9], ['300ms', 300e6], ['1us', 1e3], ['1µs', 1e3], ['2h45m', 9900e9], ['.5s', 5e8],
  ])('%s', (d, ns) => expect(parseDuration(d)).toBe(ns));
  it.each([
    ['', 'time: invalid duration ""'], ['1', 'time: missing unit in duration "1"'], ['1d', 'time: unknown unit "d" in duration "1d"'], ['h', 'time: invalid duration "h"'],
  ])('%j fails', (d, msg) => expect(() => parseDuration(d)).toThrow(msg));
});
