/**
 * Apply progress lines as Terraform prints them: `aws_instance.web: Creating...`,
 * `Still creating... [10s elapsed]` every ten seconds, `Creation complete after 12s
 * [id=i-0abc]`; `aws_instance.web (deposed object 7b430506): Destroying... [id=i-0abc]` for the object
 * a create_before_destroy replacement left behind; `Importing... [id=x]` and `Import complete [id=x]` for imported objects.
 */
import type { ApplyEvent, ImportEvent } from '../apply/applier.js';
import type { Colors } from '../plan/render/colors.js';

const VERBS: Record<string, [string, string, string]> = {
  create: ['Creating...', 'Still creating...', 'Creation complete'],
  'delete-then-create': ['Creating...', 'Still creating...', 'Creation complete'],
  'create-then-delete': ['Creating...', 'Still creating...', 'Creation complete'],
  update: ['Modifying...', 'Still modifying...', 'Modifications complete'],
  delete: ['Destroying...', 'Still destroying...', 'Destruction complete'],
  'destroy-deposed': ['Destroying...', 'Still destroying...', 'Destruction complete'],
  read: ['Reading...', 'Still reading...', 'Read complete'],
};

/** Go's time.Duration rounding to seconds as Terraform prints elapsed times (`0s`, `1m30s`). */
export function elapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return `${m}m${s % 60}s`;
}

/** Renders apply events to `out`, with periodic "Still ..." lines. */
export class ApplyProgress {
  private timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly out: NodeJS.WritableStream, private readonly c: Colors, private readonly intervalMs = 10_000) {}

  onEvent = (e: ApplyEvent): void => {
    const verbs = VERBS[e.action] ?? VERBS.update!;
    const name = this.c.bold(`${e.addr}:`);
    const key = `${e.addr}|${e.action}`;
    if (e.kind === 'start') {
      const idPart = e.id && e.action !== 'create' ? ` [id=${e.id}]` : '';
      // Only the first line names the deposed object: Terraform's "Still ..." and
      // "complete" lines show the bare address.
      const first = e.deposedKey ? this.c.bold(`${e.addr} (deposed object ${e.deposedKey}):`) : name;
      this.out.write(`${first} ${verbs[0]}${e.action === 'delete' || e.action === 'destroy-deposed' || e.action === 'update' ? idPart : ''}\n`);
      const started = Date.now();
      const t = setInterval(() => {
        const idTail = e.id ? `id=${e.id}, ` : '';
        this.out.write(`${name} ${verbs[1]} [${idTail}${elapsed(Date.now() - started)} elapsed]\n`);
      }, this.intervalMs);
      t.unref();
      this.timers.set(key, t);
      return;
    }
    clearInterval(this.timers.get(key));
    this.timers.delete(key);
    if (e.kind === 'done') {
      const idPart = e.id ? ` [id=${e.id}]` : '';
      this.out.write(`${name} ${verbs[2]} after ${elapsed(e.elapsedMs)}${e.action === 'delete' || e.action === 'destroy-deposed' ? '' : idPart}\n`);
    }
  };

  /** `aws_vpc.main: Importing... [id=vpc-1]` and `aws_vpc.main: Import complete [id=vpc-1]`, with the import id. */
  onImport = (e: ImportEvent): void => {
    // Terraform makes the whole line bold here, not just the address.
    this.out.write(`${this.c.bold(`${e.addr}: ${e.kind === 'start' ? 'Importing...' : 'Import complete'} [id=${e.id}]`)}\n`);
  };

  stop(): void {
    for (const t of this.timers.values()) clearInterval(t);
    this.timers.clear();
  }
}
