/**
 * The human-readable plan, in Terraform's format: the action legend, one block per
 * changed instance (`# aws_instance.web will be created`, `-/+ resource ...`,
 * `# forces replacement`), drift made outside terrane, the `Plan:` summary line and
 * `Changes to Outputs:`.
 */
import { driftIsRelevant } from '../relevant.js';
import type { BlockSchema } from '../../providers/protocol.js';
import type { Path } from '../../lang/value.js';
import { planSummary, type Action, type Plan, type ResourceInstanceChange } from '../plan.js';
import { attrLines, markerText, quote, type Marker, type RenderCtx } from './value-render.js';
import { bodyLines } from './block-render.js';
import { Mark } from '../../lang/value.js';
import { colors, type Colors } from './colors.js';

export interface RenderOptions {
  color: boolean;
  /** The schema of a change's resource type (for nested blocks); undefined renders attributes only. */
  schemaFor: (c: ResourceInstanceChange) => BlockSchema | undefined;
}

const MARKER: Record<Action, Marker> = {
  'no-op': ' ', create: '+', read: ' ', update: '~', delete: '-', 'delete-then-create': '-/+', 'create-then-delete': '+/-', forget: ' ',
};

function pathKey(p: Path): string {
  return p.map((s) => ('attr' in s ? `.${s.attr}` : `[${typeof s.index === 'object' ? '*' : JSON.stringify(s.index)}]`)).join('');
}

const READ_REASONS: Record<string, string> = {
  read_because_dependency_pending: '# (depends on a resource or a module with changes pending)',
  read_because_check_nested: '# (config will be reloaded to verify a check block)',
};

function header(ch: ResourceInstanceChange, drift = false): string[] {
  const a = ch.addr;
  if (!drift && ch.prevRunAddr && ch.prevRunAddr !== a) {
    if (ch.action === 'no-op' && !ch.importing) return [`# ${ch.prevRunAddr} has moved to ${a}`];
    const rest = header({ ...ch, prevRunAddr: undefined } as ResourceInstanceChange);
    return [rest[0]!, `# (moved from ${ch.prevRunAddr})`, ...rest.slice(1)];
  }
  if (!drift && ch.importing) {
    if (ch.action === 'no-op') return ch.generatedConfig ? [`# ${a} will be imported`, '# (config will be generated)'] : [`# ${a} will be imported`];
    // Terraform notes the import after the action's own reasons.
    const lines = [...header({ ...ch, importing: undefined } as ResourceInstanceChange), `# (imported from "${ch.importing.id}")`];
    if (ch.action === 'delete-then-create' || ch.action === 'create-then-delete') lines.push('# Warning: this will destroy the imported resource');
    return lines;
  }
  if (drift) return [ch.action === 'delete' ? `# ${a} has been deleted` : `# ${a} has changed`];
  switch (ch.action) {
    case 'create': return [`# ${a} will be created`];
    case 'update': return [`# ${a} will be updated in-place`];
    case 'read': return [`# ${a} will be read during apply`, READ_REASONS[ch.actionReason ?? ''] ?? '# (config refers to values not yet known)'];
    case 'forget': return [`# ${a} will no longer be managed by terrane, but will not be destroyed`, '# (destroy = false is set in the configuration)'];
    case 'delete': {
      const lines = [`# ${a} will be destroyed`];
      const res = a.replace(/\[[^\]]*\]$/, '');
      const key = a.slice(res.length);
      switch (ch.actionReason) {
        // Terraform names the resource as its module would declare it, without the module path.
        case 'delete_because_no_resource_config': lines.push(`# (because ${ch.type}.${ch.name} is not in configuration)`); break;
        case 'delete_because_count_index': lines.push(`# (because index ${key} is out of range for count)`); break;
        case 'delete_because_each_key': lines.push(`# (because key ${key} is not in for_each map)`); break;
        case 'delete_because_no_module': {
          const m = /^(module\.[^.]+(?:\[[^\]]*\])?)/.exec(a);
          lines.push(`# (because ${m ? m[1] : 'its module'} is not in configuration)`);
          break;
        }
        case 'delete_because_wrong_repetition': lines.push(`# (because resource uses ${key === '' ? 'count or for_each' : 'no count or for_each'})`); break;
        default: break;
      }
      return lines;
    }
    case 'delete-then-create':
    case 'create-then-delete':
      switch (ch.actionReason) {
        case 'replace_because_tainted': return [`# ${a} is tainted, so must be replaced`];
        case 'replace_by_request': return [`# ${a} will be replaced, as requested`];
        case 'replace_by_triggers': return [`# ${a} will be replaced due to changes in replace_triggered_by`];
        default: return [`# ${a} must be replaced`];
      }
    default: return [];
  }
}

/**
 * Colours a change's comment lines as Terraform does: the `# ADDR` of the first line bold,
 * the words `replaced` and `destroyed` of the action bold red, a move's new address bold,
 * the imported-object warning yellow; the notes below it plain.
 */
function colorHeader(lines: string[], addr: string, c: Colors): string[] {
  return lines.map((l, i) => {
    if (i > 0) {
      const warn = '# Warning: ';
      return l.startsWith(warn) ? `  # ${c.yellow(l.slice(2))}` : '  ' + l;
    }
    const moved = /^# (.+) has moved to (.+)$/.exec(l);
    if (moved) return `${c.bold(`  # ${moved[1]}`)} has moved to ${c.bold(moved[2]!)}`;
    const lead = `# ${addr}`;
    if (!l.startsWith(lead)) return c.bold('  ' + l);
    const rest = l.slice(lead.length)
      .replace(/ (must be|will be) replaced/, (_m, v: string) => ` ${v} ${c.bold(c.red('replaced'))}`)
      .replace(/ will be destroyed$/, ` will be ${c.bold(c.red('destroyed'))}`)
      .replace(/ will not be destroyed$/, ` ${c.bold(c.red('will not be destroyed'))}`);
    return c.bold(`  ${lead}`) + rest;
  });
}

/** True when a change records a `moved` block's new address for its object. */
function isMove(ch: ResourceInstanceChange): boolean {
  return ch.prevRunAddr !== undefined && ch.prevRunAddr !== ch.addr;
}

/** The lines of one resource instance change. */
export function renderChange(ch: ResourceInstanceChange, block: BlockSchema | undefined, c: Colors, drift = false): string[] {
  // An object being imported is shown whole (Terraform's ShowUnchangedChildren), never in drift.
  const ctx: RenderCtx = { c, replacePaths: new Set(ch.requiredReplace.map(pathKey)), showUnchanged: !drift && ch.importing !== undefined };
  if (!drift && ch.action === 'forget') return renderForget(ch, block, ctx);
  const marker = drift ? (ch.action === 'delete' ? '-' : '~') : MARKER[ch.action];
  const out = colorHeader(header(ch, drift), ch.addr, c);
  const kw = ch.mode === 'data' ? 'data' : 'resource';
  const m = ch.action === 'read' ? ' <=' : (marker.length === 1 ? '  ' : '') + markerText(marker, c);
  const name = ch.deposedKey ? `${quote(ch.type)} ${quote(ch.name)} (deposed object ${ch.deposedKey})` : `${quote(ch.type)} ${quote(ch.name)}`;
  out.push(`${ch.action === 'read' ? c.cyan(m) : m} ${kw} ${name} {`);
  out.push(...bodyLines(block, ch.before, ch.after, 0, ctx));
  out.push('    }');
  return out;
}

/**
 * A forgotten object, as Terraform 1.11 prints it: the comments and the red `.` one column
 * to the left of other changes', the object as it is (unchanged attributes hidden).
 */
function renderForget(ch: ResourceInstanceChange, block: BlockSchema | undefined, ctx: RenderCtx): string[] {
  const out = colorHeader(header(ch), ch.addr, ctx.c).map((l) => l.replace('  # ', ' # '));
  out.push(` ${ctx.c.red('.')} resource ${quote(ch.type)} ${quote(ch.name)} {`);
  out.push(...bodyLines(block, ch.before, ch.before, 0, ctx));
  out.push('    }');
  return out;
}

/** The legend of symbols used by the changes in the plan. */
function legend(plan: Plan, c: Colors): string[] {
  const used = new Set(plan.changes.map((ch) => ch.action));
  const lines = ['', 'terrane used the selected providers to generate the following execution', 'plan. Resource actions are indicated with the following symbols:'];
  if (used.has('create')) lines.push(`  ${c.green('+')} create`);
  if (used.has('update')) lines.push(`  ${c.yellow('~')} update in-place`);
  if (used.has('delete')) lines.push(`  ${c.red('-')} destroy`);
  if (used.has('delete-then-create')) lines.push(`${c.red('-')}/${c.green('+')} destroy and then create replacement`);
  if (used.has('create-then-delete')) lines.push(`${c.green('+')}/${c.red('-')} create replacement and then destroy`);
  if (used.has('read')) lines.push(` ${c.cyan('<=')} read (data resources)`);
  return lines;
}

/** Renders `Changes to Outputs:` lines. */
function outputLines(plan: Plan, c: Colors): string[] {
  const changed = plan.outputChanges.filter((o) => o.action !== 'no-op');
  if (!changed.length) return [];
  // Names line up over every output of the plan, changed or not, as Terraform's do.
  const w = Math.max(...plan.outputChanges.map((o) => o.name.length));
  const out = ['', 'Changes to Outputs:'];
  const ctx: RenderCtx = { c, replacePaths: new Set(), showUnchanged: false, json: true };
  for (const o of changed) {
    // A sensitive output shows `(sensitive value)` even while unknown.
    const mark = (v: typeof o.after) => (o.sensitive && !v.isNull ? v.mark(Mark.Sensitive) : v);
    out.push(...attrLines(o.name, mark(o.before), mark(o.after), -1, w, ctx, [], o.action === 'create', o.action === 'delete'));
  }
  return out;
}

/**
 * The whole human plan (as `terraform plan` prints it after refreshing). An errored plan
 * shows what was planned before the problem, as Terraform's does.
 */
export function renderPlan(plan: Plan, opts: RenderOptions): string {
  const c = colors(opts.color);
  const out: string[] = [];
  const rule = '─'.repeat(77);
  const drift = plan.mode === 'refresh-only' || !plan.relevantAttributes
    ? plan.drift : plan.drift.filter((d) => driftIsRelevant(d, plan.relevantAttributes!));
  const outputsChanged = plan.outputChanges.some((o) => o.action !== 'no-op');
  if (drift.length) {
    out.push('', c.bold('Note: Objects have changed outside of terrane'), '',
      'terrane detected the following changes made outside of terrane since the',
      'last "terrane apply" which may have affected this plan:', '');
    for (const d of drift) out.push(...renderChange(d, opts.schemaFor(d), c, true), '');
    if (plan.mode === 'refresh-only') {
      out.push('', 'This is a refresh-only plan, so terrane will not take any actions to undo',
        'these. If you were expecting these changes then you can apply this plan to',
        'record the updated values in the terrane state without changing any remote', 'objects.');
    } else {
      out.push('', 'Unless you have made equivalent changes to your configuration, or ignored the',
        'relevant attributes using ignore_changes, the following plan may include',
        'actions to undo or respond to these changes.');
    }
    // A refresh-only plan's drift is all it shows but for output changes; the rule that
    // closes it is then the plan command's own.
    if (plan.mode !== 'refresh-only' || outputsChanged) out.push('', rule);
  }
  const visible = plan.changes.filter((ch) => ch.action !== 'no-op' || ch.importing || isMove(ch));
  if (plan.errored && !visible.length && !outputsChanged) {
    out.push('', c.bold(c.red('Planning failed.')) + c.bold(' terrane encountered an error while generating this plan.'), '');
    return out.join('\n') + '\n';
  }
  if (plan.mode === 'refresh-only') {
    if (!plan.drift.length && !outputsChanged) {
      out.push('', c.bold(c.green('No changes.')) + c.bold(' Your infrastructure still matches the configuration.'), '',
        'terrane has checked that the real remote objects still match the result of',
        'your most recent changes, and found no differences.');
    }
    if (!outputsChanged) return out.join('\n') + '\n';
  }
  if (!visible.length && !outputsChanged && plan.mode === 'destroy') {
    // Terraform's own words when a destroy finds nothing to destroy.
    out.push('', c.bold(c.green('No changes.')) + c.bold(' No objects need to be destroyed.'), '',
      'Either you have not created any objects yet or the existing objects were',
      'already deleted outside of terrane.');
    return out.join('\n') + '\n';
  }
  if (!visible.length && !outputsChanged) {
    out.push('', c.bold(c.green('No changes.')) + c.bold(' Your infrastructure matches the configuration.'), '',
      'terrane has compared your real infrastructure against your configuration and',
      'found no differences, so no changes are needed.');
    return out.join('\n') + '\n';
  }
  // Moves and no-op imports use no symbol: with nothing else, Terraform prints no legend.
  const acting = visible.some((ch) => ch.action !== 'no-op');
  if (acting) out.push(...legend(plan, c));
  if (visible.length) {
    out.push('', plan.errored ? 'terrane planned the following actions, but then encountered a problem:' : 'terrane will perform the following actions:', '');
    for (const ch of visible) out.push(...renderChange(ch, opts.schemaFor(ch), c), '');
    const s = planSummary(plan);
    let line = `${c.bold('Plan:')} `;
    if (s.import) line += `${s.import} to import, `;
    // Terraform 1.11 counts no forgotten objects here (its warning lists them).
    line += `${s.add} to add, ${s.change} to change, ${s.destroy} to destroy.`;
    out.push(line);
  }
  out.push(...outputLines(plan, c));
  // Said after the output changes, when no resource action would tell what applying does.
  if (outputsChanged && !acting) {
    out.push('', 'You can apply this plan to save these new output values to the terrane', 'state, without changing any real infrastructure.');
  }
  return out.join('\n') + '\n';
}
