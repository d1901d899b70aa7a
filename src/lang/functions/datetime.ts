/**
 * Date and time functions: formatdate timeadd timecmp timestamp plantimestamp. Timestamps
 * are strict RFC 3339 and keep their UTC offset (formatdate prints in the given offset);
 * durations use Go's time.ParseDuration syntax.
 */
import * as T from '../types.js';
import { stringVal, numberVal, unknownVal } from '../value.js';
import type { FunctionDef } from './function.js';
import { FunctionError } from './function.js';
import { fixed, param } from './util.js';

/** A parsed timestamp: the instant (ms since epoch), extra nanoseconds, and its UTC offset in seconds. */
export interface Timestamp { ms: number; nanos: number; offset: number }

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function daysIn(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function bad(msg: string): never {
  throw new FunctionError(`not a valid RFC3339 timestamp${msg}`);
}

/** Strict RFC 3339 parsing with cty's error messages (which follow Go's time.Parse walk). */
export function parseTimestamp(s: string): Timestamp {
  let rest = s;
  const num = (n: number, what: string, min: number, max: number): number => {
    if (rest === '') bad(`: end of string before ${what}`);
    const part = rest.slice(0, n);
    if (!/^\d+$/.test(part) || part.length < n) {
      if (what === 'hour' || what === 'minute') {
        if (/^\d[^\d]/.test(rest)) bad(`: ${what} must have exactly two digits`);
      }
      bad(`: cannot use ${JSON.stringify(rest)} as ${what}`);
    }
    const v = parseInt(part, 10);
    rest = rest.slice(n);
    if (v < min || v > max) {
      if (what === 'hour') bad(': hour must be between 0 and 23 inclusive');
      bad(`: cannot use ${JSON.stringify(rest)} as ${what}`);
    }
    return v;
  };
  const lit = (c: string): void => {
    if (c === 'T' && !rest.startsWith('T')) bad(": missing required time introducer 'T'");
    if (rest === '') bad(`: end of string where ${JSON.stringify(c)} is expected`);
    if (!rest.startsWith(c)) bad(`: found ${JSON.stringify(rest)} where ${JSON.stringify(c)} is expected`);
    rest = rest.slice(c.length);
  };
  const year = num(4, 'year', 0, 9999);
  lit('-');
  const month = num(2, 'month', 1, 12);
  lit('-');
  const day = num(2, 'day of month', 0, 99);
  if (day < 1 || day > daysIn(month, year)) bad(': day out of range');
  lit('T');
  const hour = num(2, 'hour', 0, 23);
  lit(':');
  const min = num(2, 'minute', 0, 59);
  lit(':');
  const sec = num(2, 'second', 0, 59);
  let nanos = 0;
  const frac = /^\.(\d+)/.exec(rest);
  if (frac) {
    nanos = parseInt((frac[1]! + '000000000').slice(0, 9), 10);
    rest = rest.slice(frac[0].length);
  }
  let offset = 0;
  if (rest === '') bad(': end of string before UTC offset');
  if (rest[0] === 'Z') rest = rest.slice(1);
  else if (rest[0] === '+' || rest[0] === '-') {
    const m = /^([+-])(\d\d):(\d\d)/.exec(rest);
    if (!m) bad(`: cannot use ${JSON.stringify(rest)} as UTC offset`);
    const oh = parseInt(m![2]!, 10), om = parseInt(m![3]!, 10);
    if (oh >= 24 || om >= 60) bad(`: cannot use ${JSON.stringify(rest)} as UTC offset`);
    offset = (oh * 60 + om) * 60 * (m![1] === '-' ? -1 : 1);
    rest = rest.slice(m![0].length);
  } else bad(`: cannot use ${JSON.stringify(rest.slice(0, 1))} as timestamp segment`);
  if (rest !== '') bad(`: cannot use ${JSON.stringify(rest)} as timestamp segment`);
  const ms = Date.UTC(year, month - 1, day, hour, min, sec) - offset * 1000;
  return { ms: ms + Math.floor(nanos / 1e6), nanos: nanos % 1e6, offset };
}

/** Wall-clock fields of a timestamp in its own offset. */
function fields(t: Timestamp): Date {
  const d = new Date(t.ms + t.offset * 1000);
  if (d.getUTCFullYear() < 100) d.setUTCFullYear(d.getUTCFullYear());
  return d;
}

const p2 = (n: number): string => String(n).padStart(2, '0');

function offsetString(secs: number, colon: boolean): string {
  const sign = secs < 0 ? '-' : '+';
  const a = Math.abs(secs);
  return sign + p2(Math.floor(a / 3600)) + (colon ? ':' : '') + p2(Math.floor((a % 3600) / 60));
}

/** Go's time.RFC3339 layout: no fractional seconds, "Z" for UTC. */
export function formatRFC3339(t: Timestamp): string {
  const d = fields(t);
  const y = d.getUTCFullYear();
  const ys = y < 0 ? '-' + String(-y).padStart(4, '0') : String(y).padStart(4, '0');
  return `${ys}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}${t.offset === 0 ? 'Z' : offsetString(t.offset, true)}`;
}

function verbErr(tok: string, msg: string): never {
  throw new FunctionError(`invalid date format verb ${JSON.stringify(tok)}: ${msg}`, 0);
}

/** Terraform's formatdate. */
export function formatDate(format: string, t: Timestamp): string {
  const d = fields(t);
  let out = '';
  let i = 0;
  const isVerb = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);
  while (i < format.length) {
    const c = format[i]!;
    if (c === "'") {
      if (format[i + 1] === "'") { out += "'"; i += 2; continue; }
      let j = i + 1;
      let lit = '';
      let closed = false;
      while (j < format.length) {
        if (format[j] === "'") {
          if (format[j + 1] === "'") { lit += "'"; j += 2; continue; }
          closed = true;
          break;
        }
        lit += format[j];
        j++;
      }
      if (!closed) throw new FunctionError("unterminated literal '", 0);
      out += lit;
      i = j + 1;
      continue;
    }
    if (!isVerb(c)) {
      let j = i + 1;
      while (j < format.length && format[j] !== "'" && !isVerb(format[j])) j++;
      out += format.slice(i, j);
      i = j;
      continue;
    }
    let j = i + 1;
    while (format[j] === c) j++;
    const tok = format.slice(i, j);
    const n = tok.length;
    i = j;
    switch (c) {
      case 'Y': {
        const y = d.getUTCFullYear();
        if (n === 2) out += p2(((y % 100) + 100) % 100);
        else if (n === 4) out += String(y).padStart(4, '0');
        else verbErr(tok, 'year must either be "YY" or "YYYY"');
        break;
      }
      case 'M': {
        const m = d.getUTCMonth();
        if (n === 1) out += String(m + 1);
        else if (n === 2) out += p2(m + 1);
        else if (n === 3) out += MONTHS[m]!.slice(0, 3);
        else if (n === 4) out += MONTHS[m];
        else verbErr(tok, 'month must be "M", "MM", "MMM", or "MMMM"');
        break;
      }
      case 'D':
        if (n === 1) out += String(d.getUTCDate());
        else if (n === 2) out += p2(d.getUTCDate());
        else verbErr(tok, 'day of month must either be "D" or "DD"');
        break;
      case 'E':
        if (n === 3) out += DAYS[d.getUTCDay()]!.slice(0, 3);
        else if (n === 4) out += DAYS[d.getUTCDay()];
        else verbErr(tok, 'day of week must either be "EEE" or "EEEE"');
        break;
      case 'h':
        if (n === 1) out += String(d.getUTCHours());
        else if (n === 2) out += p2(d.getUTCHours());
        else verbErr(tok, '24-hour must either be "h" or "hh"');
        break;
      case 'H': {
        let h = d.getUTCHours() % 12;
        if (h === 0) h = 12;
        if (n === 1) out += String(h);
        else if (n === 2) out += p2(h);
        else verbErr(tok, '12-hour must either be "H" or "HH"');
        break;
      }
      case 'A': case 'a':
        if (n !== 2) verbErr(tok, `must be "${c}${c}"`);
        out += d.getUTCHours() < 12 ? (c === 'A' ? 'AM' : 'am') : (c === 'A' ? 'PM' : 'pm');
        break;
      case 'm':
        if (n === 1) out += String(d.getUTCMinutes());
        else if (n === 2) out += p2(d.getUTCMinutes());
        else verbErr(tok, 'minute must either be "m" or "mm"');
        break;
      case 's':
        if (n === 1) out += String(d.getUTCSeconds());
        else if (n === 2) out += p2(d.getUTCSeconds());
        else verbErr(tok, 'second must either be "s" or "ss"');
        break;
      case 'Z':
        if (n === 1) out += t.offset === 0 ? 'Z' : offsetString(t.offset, true);
        else if (n === 3) out += t.offset === 0 ? 'UTC' : offsetString(t.offset, false);
        else if (n === 4) out += offsetString(t.offset, false);
        else if (n === 5) out += offsetString(t.offset, true);
        else verbErr(tok, 'timezone must be Z, ZZZZ, or ZZZZZ');
        break;
      default:
        throw new FunctionError(`invalid date format verb ${JSON.stringify(tok)}`, 0);
    }
  }
  return out;
}

const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, in nanoseconds (as a JS number; precise to ~0.1µs over centuries). */
export function parseDuration(s: string): number {
  const orig = s;
  const q = JSON.stringify(orig);
  let neg = false;
  if (s[0] === '-' || s[0] === '+') { neg = s[0] === '-'; s = s.slice(1); }
  if (s === '0') return 0;
  if (s === '') throw new FunctionError(`time: invalid duration ${q}`);
  let total = 0;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === '' || m[0] === '.') throw new FunctionError(`time: invalid duration ${q}`);
    s = s.slice(m[0].length);
    const u = /^[^\d.]*/.exec(s)![0];
    if (u === '') throw new FunctionError(`time: missing unit in duration ${q}`);
    const mult = UNITS[u];
    if (mult === undefined) throw new FunctionError(`time: unknown unit ${JSON.stringify(u)} in duration ${q}`);
    s = s.slice(u.length);
    total += parseFloat(`${m[1] || '0'}.${m[2] || '0'}`) * mult;
  }
  if (total > 9223372036854775807) throw new FunctionError(`time: invalid duration ${q}`);
  return neg ? -total : total;
}

function nowUTC(): Timestamp {
  return { ms: Math.floor(Date.now() / 1000) * 1000, nanos: 0, offset: 0 };
}

/** The date/time function table. */
export const datetimeFunctions: Record<string, FunctionDef> = {
  formatdate: fixed('Converts a timestamp into a different time format.',
    [param('format', T.String), param('time', T.String)], T.String, ([f, t]) => {
      let ts: Timestamp;
      try { ts = parseTimestamp(t!.str); } catch (e) { throw new FunctionError((e as Error).message, 1); }
      return stringVal(formatDate(f!.str, ts));
    }),
  timeadd: fixed('Adds a duration to a timestamp, returning a new timestamp.',
    [param('timestamp', T.String), param('duration', T.String)], T.String, ([t, d]) => {
      const ts = parseTimestamp(t!.str);
      const ns = parseDuration(d!.str) + ts.nanos;
      const ms = Math.floor(ns / 1e6);
      return stringVal(formatRFC3339({ ms: ts.ms + ms, nanos: 0, offset: ts.offset }));
    }, { refineNotNull: false }),
  timecmp: fixed('Compares two timestamps and returns a number that represents the ordering of the instants those timestamps represent.',
    [param('timestamp_a', T.String), param('timestamp_b', T.String)], T.Number, ([a, b]) => {
      let ta: Timestamp, tb: Timestamp;
      try { ta = parseTimestamp(a!.str); } catch (e) { throw new FunctionError((e as Error).message, 0); }
      try { tb = parseTimestamp(b!.str); } catch (e) { throw new FunctionError((e as Error).message, 1); }
      const d = ta.ms - tb.ms || ta.nanos - tb.nanos;
      return numberVal(d < 0 ? -1 : d > 0 ? 1 : 0);
    }),
  timestamp: fixed('Returns a UTC timestamp string in RFC 3339 format.', [], T.String,
    () => stringVal(formatRFC3339(nowUTC())), { impure: true }),
  plantimestamp: fixed('Returns the timestamp of the current plan, in UTC RFC 3339 format.', [], T.String, (_a, ctx) => {
    if (!ctx.planTimestamp) return unknownVal(T.String, { notNull: true });
    const ms = Math.floor(ctx.planTimestamp.getTime() / 1000) * 1000;
    return stringVal(formatRFC3339({ ms, nanos: 0, offset: 0 }));
  }),
};
