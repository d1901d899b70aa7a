/**
 * hashicorp/time: time_static (a timestamp frozen in state), time_sleep (waits on create
 * and destroy) and time_rotating (a timestamp that expires: once its rotation time has
 * passed it reads as gone, so the next plan creates it again).
 */
import * as T from '../../lang/types.js';
import { stringVal, unknownVal, type Value } from '../../lang/value.js';
import type { AttributeSchema, ProviderDiagnostic, ProviderFactory } from '../protocol.js';
import { makeProvider } from '../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../sdk/resource.js';
import { attr, fromJS, num, str, withAttrs } from '../sdk/obj.js';
import { impliedType } from '../schema.js';

/** A parsed RFC 3339 timestamp: the instant plus the UTC offset (minutes) it was written in. */
export interface Stamp { ms: number; offsetMin: number }

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp, or undefined when malformed. */
export function parseRFC3339(s: string): Stamp | undefined {
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, frac, zone] = m;
  const offsetMin = zone === 'Z' || zone === 'z' ? 0 : (zone![0] === '-' ? -1 : 1) * (Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(4, 6)));
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se), frac ? Math.floor(Number(frac) * 1000) : 0);
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== Number(d)) return undefined;
  return { ms: wall - offsetMin * 60000, offsetMin };
}

/** Formats like Go's time.RFC3339 (seconds precision; "Z" for UTC). */
export function formatRFC3339(t: Stamp): string {
  const w = new Date(t.ms + t.offsetMin * 60000);
  const p = (n: number, l = 2) => String(n).padStart(l, '0');
  const base = `${p(w.getUTCFullYear(), 4)}-${p(w.getUTCMonth() + 1)}-${p(w.getUTCDate())}T${p(w.getUTCHours())}:${p(w.getUTCMinutes())}:${p(w.getUTCSeconds())}`;
  if (t.offsetMin === 0) return base + 'Z';
  const a = Math.abs(t.offsetMin);
  return `${base}${t.offsetMin < 0 ? '-' : '+'}${p(Math.floor(a / 60))}:${p(a % 60)}`;
}

/** Now, truncated to the second, in UTC. */
function now(): Stamp {
  return { ms: Math.floor(Date.now() / 1000) * 1000, offsetMin: 0 };
}

/** The broken-down computed attributes (in the timestamp's own zone, as Go reports them). */
function parts(t: Stamp): Record<string, unknown> {
  const w = new Date(t.ms + t.offsetMin * 60000);
  return {
    year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(),
    hour: w.getUTCHours(), minute: w.getUTCMinutes(), second: w.getUTCSeconds(), unix: Math.floor(t.ms / 1000),
  };
}

/** Adds years/months/days (Go AddDate: normalising overflow) then hours/minutes. */
export function addRotation(t: Stamp, r: { years?: number; months?: number; days?: number; hours?: number; minutes?: number }): Stamp {
  const w = new Date(t.ms + t.offsetMin * 60000);
  const moved = Date.UTC(w.getUTCFullYear() + (r.years ?? 0), w.getUTCMonth() + (r.months ?? 0), w.getUTCDate() + (r.days ?? 0),
    w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds(), w.getUTCMilliseconds());
  return { ms: moved - t.offsetMin * 60000 + ((r.hours ?? 0) * 60 + (r.minutes ?? 0)) * 60000, offsetMin: t.offsetMin };
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Parses a Go duration ("1h30m", "1.5s", "-2m") into milliseconds; undefined when invalid. */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(s);
  if (!m) return undefined;
  let total = 0;
  for (const part of s.slice(m[1]!.length).matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * UNITS[part[2]!]!;
  return m[1] === '-' ? -total : total;
}

const triggers: AttributeSchema = { type: T.Map(T.String), optional: true, forceNew: true, description: 'Arbitrary map of values that, when changed, will trigger a new base timestamp value to be saved.' };
const n = (d: string): AttributeSchema => ({ type: T.Number, computed: true, description: d });
const timeParts: Record<string, AttributeSchema> = {
  year: n('Number year of timestamp.'), month: n('Number month of timestamp.'), day: n('Number day of timestamp.'),
  hour: n('Number hour of timestamp.'), minute: n('Number minute of timestamp.'), second: n('Number second of timestamp.'),
  unix: n('Number of seconds since epoch time, e.g. `1581489373`.'),
};

function badStamp(attrName: string, v: string): ProviderDiagnostic {
  return { severity: 'error', summary: 'Invalid Attribute Value', detail: `Attribute ${attrName} value must be a string in RFC3339 format, got: ${v}`, attribute: [{ attr: attrName }] };
}

function emptyObj(r: ResourceDef): Value {
  return fromJS({}, impliedType(r.schema.block));
}

/** time_static. */
export const timeStatic: ResourceDef = {
  schema: {
    version: 0,
    block: {
      attributes: {
        ...timeParts,
        id: { type: T.String, computed: true, description: 'RFC3339 format of the offset timestamp, e.g. `2020-02-12T06:36:13Z`.' },
        rfc3339: { type: T.String, optional: true, computed: true, forceNew: true, description: 'Base timestamp in [RFC3339](https://datatracker.ietf.org/doc/html/rfc3339#section-5.8) format (see [RFC3339 time string](https://tools.ietf.org/html/rfc3339#section-5.8) e.g., `YYYY-MM-DDTHH:MM:SSZ`). Defaults to the current time.' },
        triggers,
      },
      blockTypes: {},
    },
  },
  validate(config) {
    const v = str(config, 'rfc3339');
    return v !== undefined && !parseRFC3339(v) ? [badStamp('rfc3339', v)] : [];
  },
  async create(_ctx, planned) {
    const given = str(planned, 'rfc3339');
    const t = given !== undefined ? parseRFC3339(given)! : now();
    const s = given ?? formatRFC3339(t);
    return withAttrs(planned, { ...parts(t), rfc3339: s, id: s });
  },
  async read(_ctx, state) { return state; },
  async delete() { /* nothing remote */ },
  async importState(_ctx, id) {
    const t = parseRFC3339(id);
    if (!t) throw new ProviderError('Import time static error', `The id "${id}" is not an RFC3339 timestamp.`);
    return withAttrs(emptyObj(timeStatic), { ...parts(t), rfc3339: id, id });
  },
};

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ms <= 0) return resolve();
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(new ProviderError('Interrupted', 'The sleep was interrupted.')); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * time_sleep's durations: hashicorp/time validates them with this pattern, narrower than Go
 * durations (no "1h30m", "-1s" or "us").
 */
const SLEEP_DURATION = /^[0-9]+(\.[0-9]+)?(ms|s|m|h)$/;

function durationDiag(name: string, v: string | undefined): ProviderDiagnostic[] {
  if (v === undefined || SLEEP_DURATION.test(v)) return [];
  return [{ severity: 'error', summary: 'Invalid Attribute Value Match', detail: `Attribute ${name} must be a number immediately followed by ms (milliseconds), s (seconds), m (minutes), or h (hours). For example, "30s" for 30 seconds., got: ${v}`, attribute: [{ attr: name }] }];
}

/** time_sleep. */
export const timeSleep: ResourceDef = {
  schema: {
    version: 0,
    block: {
      attributes: {
        create_duration: { type: T.String, optional: true, description: '[Time duration](https://golang.org/pkg/time/#ParseDuration) to delay resource creation. For example, `30s` for 30 seconds or `5m` for 5 minutes. Updating this value by itself will not trigger a delay.' },
        destroy_duration: { type: T.String, optional: true, description: '[Time duration](https://golang.org/pkg/time/#ParseDuration) to delay resource destroy. For example, `30s` for 30 seconds or `5m` for 5 minutes. Updating this value by itself will not trigger a delay. This value or any updates to it must be successfully applied into the Terraform state before destroying this resource to take effect.' },
        triggers: { ...triggers, description: '(Optional) Arbitrary map of values that, when changed, will run any creation or destroy delays again.' },
        id: { type: T.String, computed: true, description: 'RFC3339 format of the offset timestamp, e.g. `2020-02-12T06:36:13Z`.' },
      },
      blockTypes: {},
    },
  },
  validate(config) {
    const out = [...durationDiag('create_duration', str(config, 'create_duration')), ...durationDiag('destroy_duration', str(config, 'destroy_duration'))];
    if (attr(config, 'create_duration').isNull && attr(config, 'destroy_duration').isNull && config.isKnown) {
      out.push({ severity: 'error', summary: 'Invalid Attribute Combination', detail: 'At least one attribute out of [create_duration,destroy_duration] must be specified' });
    }
    return out;
  },
  async create(ctx, planned) {
    await sleep(parseGoDuration(str(planned, 'create_duration') ?? '0') ?? 0, ctx.signal);
    return withAttrs(planned, { id: formatRFC3339(now()) });
  },
  async update(_ctx, _prior, planned) { return planned; },
  async read(_ctx, state) { return state; },
  async delete(ctx, state) {
    await sleep(parseGoDuration(str(state, 'destroy_duration') ?? '0') ?? 0, ctx.signal);
  },
  // Import id: "create_duration,destroy_duration" (either may be empty).
  async importState(_ctx, id) {
    const [c, d, extra] = id.split(',');
    if (extra !== undefined || d === undefined || (!c && !d)) throw new ProviderError('Unexpected Format of ID', `Unexpected format of ID (${id}), expected CREATEDURATION,DESTROYDURATION where at least one value is non-empty`);
    return withAttrs(emptyObj(timeSleep), { create_duration: c || null, destroy_duration: d || null, id: formatRFC3339(now()) });
  },
};

const ROTATIONS = ['rotation_years', 'rotation_months', 'rotation_days', 'rotation_hours', 'rotation_minutes'] as const;

function rotationOf(v: Value) {
  return { years: num(v, 'rotation_years'), months: num(v, 'rotation_months'), days: num(v, 'rotation_days'), hours: num(v, 'rotation_hours'), minutes: num(v, 'rotation_minutes') };
}

/** time_rotating. */
export const timeRotating: ResourceDef = {
  schema: {
    version: 0,
    block: {
      attributes: {
        ...timeParts,
        id: { type: T.String, computed: true, description: 'RFC3339 format of the timestamp, e.g. `2020-02-12T06:36:13Z`.' },
        rfc3339: { type: T.String, optional: true, computed: true, forceNew: true, description: 'Base timestamp in [RFC3339](https://datatracker.ietf.org/doc/html/rfc3339#section-5.8) format (see [RFC3339 time string](https://tools.ietf.org/html/rfc3339#section-5.8) e.g., `YYYY-MM-DDTHH:MM:SSZ`). Defaults to the current time.' },
        rotation_days: { type: T.Number, optional: true, description: 'Number of days to add to the base timestamp to configure the rotation timestamp. When the current time has passed the rotation timestamp, the resource will trigger recreation. At least one of the \'rotation_\' arguments must be configured.' },
        rotation_hours: { type: T.Number, optional: true, description: 'Number of hours to add to the base timestamp to configure the rotation timestamp. When the current time has passed the rotation timestamp, the resource will trigger recreation. At least one of the \'rotation_\' arguments must be configured.' },
        rotation_minutes: { type: T.Number, optional: true, description: 'Number of minutes to add to the base timestamp to configure the rotation timestamp. When the current time has passed the rotation timestamp, the resource will trigger recreation. At least one of the \'rotation_\' arguments must be configured.' },
        rotation_months: { type: T.Number, optional: true, description: 'Number of months to add to the base timestamp to configure the rotation timestamp. When the current time has passed the rotation timestamp, the resource will trigger recreation. At least one of the \'rotation_\' arguments must be configured.' },
        rotation_rfc3339: { type: T.String, optional: true, computed: true, description: 'Configure the rotation timestamp with an [RFC3339](https://datatracker.ietf.org/doc/html/rfc3339#section-5.8) format of the offset timestamp. When the current time has passed the rotation timestamp, the resource will trigger recreation. At least one of the \'rotation_\' arguments must be configured.' },
        rotation_years: { type: T.Number, optional: true, description: 'Number of years to add to the base timestamp to configure the rotation timestamp. When the current time has passed the rotation timestamp, the resource will trigger recreation. At least one of the \'rotation_\' arguments must be configured.' },
        triggers,
      },
      blockTypes: {},
    },
  },
  validate(config) {
    const out: ProviderDiagnostic[] = [];
    for (const k of ['rfc3339', 'rotation_rfc3339']) {
      const v = str(config, k);
      if (v !== undefined && !parseRFC3339(v)) out.push(badStamp(k, v));
    }
    for (const k of ROTATIONS) {
      const v = num(config, k);
      if (v !== undefined && v < 1) out.push({ severity: 'error', summary: 'Invalid Attribute Value', detail: `Attribute ${k} value must be at least 1, got: ${v}`, attribute: [{ attr: k }] });
    }
    if (config.isKnown && [...ROTATIONS, 'rotation_rfc3339'].every((k) => attr(config, k).isNull)) {
      out.push({ severity: 'error', summary: 'Invalid Attribute Combination', detail: 'At least one attribute out of [rotation_days,rotation_hours,rotation_minutes,rotation_months,rotation_years,rotation_rfc3339] must be specified' });
    }
    return out;
  },
  customizePlan(_ctx, p) {
    // A changed rotation period moves the rotation time in place, from the kept base time.
    if (!p.prior || p.requiresReplace.length > 0 || !attr(p.config, 'rotation_rfc3339').isNull) return p;
    const changed = ROTATIONS.some((k) => num(p.prior!, k) !== num(p.planned, k));
    if (!changed) return p;
    const base = str(p.planned, 'rfc3339');
    const t = base !== undefined ? parseRFC3339(base) : undefined;
    const next = t ? stringVal(formatRFC3339(addRotation(t, rotationOf(p.planned)))) : unknownVal(T.String);
    return { ...p, planned: withAttrs(p.planned, { rotation_rfc3339: next }) };
  },
  async create(_ctx, planned) {
    const given = str(planned, 'rfc3339');
    const t = given !== undefined ? parseRFC3339(given)! : now();
    const s = given ?? formatRFC3339(t);
    const rot = str(planned, 'rotation_rfc3339') ?? formatRFC3339(addRotation(t, rotationOf(planned)));
    return withAttrs(planned, { ...parts(t), rfc3339: s, id: s, rotation_rfc3339: rot });
  },
  async update(_ctx, _prior, planned) { return planned; },
  async read(_ctx, state) {
    const rot = str(state, 'rotation_rfc3339');
    const t = rot !== undefined ? parseRFC3339(rot) : undefined;
    if (t && Date.now() >= t.ms) return null;
    return state;
  },
  async delete() { /* nothing remote */ },
  // Import id: "BASE,YEARS,MONTHS,DAYS,HOURS,MINUTES" or "BASE,ROTATION_RFC3339".
  async importState(_ctx, id) {
    const f = id.split(',');
    const base = parseRFC3339(f[0] ?? '');
    if (!base || (f.length !== 2 && f.length !== 6)) {
      throw new ProviderError('Unexpected Format of ID', `Unexpected format of ID (${id}), expected BASETIMESTAMP,YEARS,MONTHS,DAYS,HOURS,MINUTES or BASETIMESTAMP,ROTATIONTIMESTAMP`);
    }
    const s: Record<string, unknown> = { ...parts(base), rfc3339: f[0], id: f[0] };
    if (f.length === 2) {
      if (!parseRFC3339(f[1]!)) throw new ProviderError('Unexpected Format of ID', `Unexpected format of ID (${id}): rotation timestamp is not RFC3339`);
      s.rotation_rfc3339 = f[1];
    } else {
      const r: Record<string, number | undefined> = {};
      ROTATIONS.forEach((k, i) => {
        const v = f[i + 1];
        if (v && Number(v) !== 0) { s[k] = Number(v); r[k.slice('rotation_'.length)] = Number(v); }
      });
      s.rotation_rfc3339 = formatRFC3339(addRotation(base, r));
    }
    return withAttrs(emptyObj(timeRotating), s);
  },
};

/** The `time` provider. */
export const timeProvider: ProviderFactory = {
  source: 'registry.terraform.io/hashicorp/time',
  version: '0.12.1',
  create: () => makeProvider<undefined>({
    schema: { version: 0, block: { attributes: {}, blockTypes: {} } },
    configure: () => undefined,
    framework: true,
    resources: { time_static: timeStatic, time_sleep: timeSleep, time_rotating: timeRotating },
    dataSources: {},
  }),
};
