/**
 * Terraform's machine-readable UI (`-json` on plan, apply, destroy and refresh): one JSON
 * object per line with `@level`, `@message`, `@module` ("terraform.ui"), `@timestamp` and
 * a `type` with its payload (version, log, diagnostic, planned_change, resource_drift,
 * change_summary, outputs, apply_*, refresh_*). Top-level keys are sorted as hclog writes
 * them; payload fields keep Terraform's struct order.
 */
import { parseAbsResourceInstance } from '../addrs/index.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import { unmarkDeep, type Value } from '../lang/value.js';
import type { Plan, ResourceInstanceChange } from '../plan/plan.js';
import { typeToJSONValue } from '../state/values-json.js';
import { plainJSON } from '../plan/render/json-values.js';
import { VERSION } from '../version.js';
import { jsonDiagnostic } from './json-ui-diagnostic.js';

/** The UI format version Terraform 1.11 reports. */
export const JSON_UI_VERSION = '1.2';

/** Terraform's `resource` object of a hook or change message. */
export interface JsonResourceAddr {
  addr: string;
  module: string;
  resource: string;
  implied_provider: string;
  resource_type: string;
  resource_name: string;
  resource_key: string | number | null;
}

/** The resource object for an instance address string. */
export function jsonResourceAddr(addr: string): JsonResourceAddr {
  const a = parseAbsResourceInstance(addr).value;
  if (!a) return { addr, module: '', resource: addr, implied_provider: '', resource_type: '', resource_name: '', resource_key: null };
  const r = a.resource.resource;
  return {
    addr: a.toString(), module: a.module.toString(), resource: a.resource.toString(), implied_provider: r.impliedProvider(),
    resource_type: r.type, resource_name: r.name, resource_key: a.key,
  };
}

/** Terraform's JSON change action (`replace` for both replace orders, `remove` for forget). */
export function jsonChangeAction(a: ResourceInstanceChange['action']): string {
  switch (a) {
    case 'no-op': return 'noop';
    case 'delete-then-create': case 'create-then-delete': return 'replace';
    case 'forget': return 'remove';
    default: return a;
  }
}

const REASONS: Record<string, string> = {
  replace_because_tainted: 'tainted',
  replace_by_request: 'requested',
  replace_by_triggers: 'replace_triggered_by',
  replace_because_cannot_update: 'cannot_update',
};

/** The `change` payload of planned_change / resource_drift. */
export function jsonChange(c: ResourceInstanceChange): Record<string, unknown> {
  let action = jsonChangeAction(c.action);
  const out: Record<string, unknown> = { resource: jsonResourceAddr(c.addr) };
  if (c.prevRunAddr && c.prevRunAddr !== c.addr) {
    if (action === 'noop') action = 'move';
    out.previous_resource = jsonResourceAddr(c.prevRunAddr);
  }
  if (c.importing && action === 'noop') action = 'import';
  out.action = action;
  if (c.actionReason) out.reason = REASONS[c.actionReason] ?? c.actionReason;
  if (c.importing) out.importing = { id: c.importing.id };
  if (c.generatedConfig) out.generated_config = c.generatedConfig;
  return out;
}

/** The counts of a change_summary message. */
export interface ChangeCounts { add: number; change: number; import: number; remove: number }

/** The human line of a change_summary, exactly as Terraform words it. */
export function changeSummaryMessage(op: 'plan' | 'apply' | 'destroy', c: ChangeCounts): string {
  if (op === 'apply') return `Apply complete! Resources: ${c.import > 0 ? `${c.import} imported, ` : ''}${c.add} added, ${c.change} changed, ${c.remove} destroyed.`;
  if (op === 'destroy') return `Destroy complete! Resources: ${c.remove} destroyed.`;
  return `Plan: ${c.import > 0 ? `${c.import} to import, ` : ''}${c.add} to add, ${c.change} to change, ${c.remove} to destroy.`;
}

/** Go's time.Duration text for whole seconds: `0s`, `45s`, `1m4s`, `2h0m5s`. */
export function goSeconds(s: number): string {
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return h > 0 ? `${h}h${m}m${sec}s` : `${m}m${sec}s`;
}

/** RFC 3339 with microseconds in local time, as hclog writes `@timestamp`. */
export function jsonTimestamp(epochMs: number): string {
  const ms = Math.floor(epochMs);
  const micro = Math.floor((epochMs - ms) * 1000);
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const frac = `${p(d.getMilliseconds(), 3)}${p(micro, 3)}`;
  const zone = off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${frac}${zone}`;
}

/** Milliseconds since the epoch with sub-millisecond precision. */
function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Writes machine-readable UI messages, one JSON object per line. */
export class JsonUI {
  constructor(
    private readonly out: NodeJS.WritableStream,
    private sources: ReadonlyMap<string, string> = new Map(),
    private readonly clock: () => number = nowMs,
  ) {}

  /** The configuration's source texts, for diagnostic snippets. */
  setSources(sources: ReadonlyMap<string, string>): void {
    this.sources = sources;
  }

  /** Writes one message; `fields` are the type-specific payload. */
  emit(level: 'info' | 'warn' | 'error', message: string, type: string, fields: Record<string, unknown> = {}): void {
    const msg: Record<string, unknown> = { '@level': level, '@message': message, '@module': 'terraform.ui', '@timestamp': jsonTimestamp(this.clock()), ...fields, type };
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(msg).sort()) sorted[k] = msg[k];
    this.out.write(JSON.stringify(sorted) + '\n');
  }

  /** The first message of every run. */
  version(): void {
    this.emit('info', `terrane ${VERSION}`, 'version', { terraform: VERSION, ui: JSON_UI_VERSION });
  }

  /** A plain log line (e.g. "Apply cancelled"). */
  log(message: string): void {
    this.emit('info', message, 'log');
  }

  /** Diagnostics, one message each, in the given order. */
  diagnostics(diags: readonly Diagnostic[]): void {
    for (const d of diags) {
      const err = d.severity === 'error';
      this.emit(err ? 'error' : 'warn', `${err ? 'Error' : 'Warning'}: ${d.summary}`, 'diagnostic', { diagnostic: jsonDiagnostic(d, this.sources) });
    }
  }

  /** A plan as Terraform's JSON view reports it: drift, planned changes, the summary and output changes. */
  plan(plan: Plan): void {
    for (const d of plan.drift) {
      if (d.action === 'no-op' && plan.mode !== 'refresh-only') continue;
      const c = jsonChange(d);
      this.emit('info', `${d.addr}: Drift detected (${c.action})`, 'resource_drift', { change: c });
    }
    const counts: ChangeCounts = { add: 0, change: 0, import: 0, remove: 0 };
    for (const ch of plan.changes) {
      if (ch.action === 'delete' && ch.mode === 'data') continue;
      if (ch.importing) counts.import++;
      switch (ch.action) {
        case 'create': counts.add++; break;
        case 'delete': counts.remove++; break;
        case 'update': counts.change++; break;
        case 'create-then-delete': case 'delete-then-create': counts.add++; counts.remove++; break;
        default: break;
      }
      if (ch.action !== 'no-op' || (ch.prevRunAddr && ch.prevRunAddr !== ch.addr) || ch.importing) {
        const c = jsonChange(ch);
        this.emit('info', `${ch.addr}: Plan to ${String(c.action)}`, 'planned_change', { change: c });
      }
    }
    this.changeSummary('plan', counts);
    if (plan.outputChanges.length) {
      const outputs: Record<string, unknown> = {};
      for (const o of plan.outputChanges) outputs[o.name] = { sensitive: o.sensitive, action: o.action === 'no-op' ? 'noop' : o.action };
      this.emit('info', `Outputs: ${plan.outputChanges.length}`, 'outputs', { outputs });
    }
  }

  /** The `Plan: ...` / `Apply complete! ...` / `Destroy complete! ...` message. */
  changeSummary(operation: 'plan' | 'apply' | 'destroy', c: ChangeCounts): void {
    this.emit('info', changeSummaryMessage(operation, c), 'change_summary', { changes: { add: c.add, change: c.change, import: c.import, remove: c.remove, operation } });
  }

  /** Output values after an apply or refresh (nothing when there are none). */
  outputValues(outputs: ReadonlyMap<string, { value: Value; sensitive: boolean }>): void {
    // Terraform reports `Outputs: 0` too.
    const out: Record<string, unknown> = {};
    for (const [name, o] of [...outputs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const [v] = unmarkDeep(o.value);
      out[name] = { sensitive: o.sensitive, type: typeToJSONValue(v.type), ...(o.sensitive ? {} : { value: plainJSON(v) }) };
    }
    this.emit('info', `Outputs: ${outputs.size}`, 'outputs', { outputs: out });
  }
}
