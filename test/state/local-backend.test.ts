import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, rm, readFile, stat, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LocalBackend } from '../../src/state/backends/local.js';
import { backendSuite, sampleState } from './backend-suite.js';
import { decodeState, encodeState } from '../../src/state/state-file.js';
import { currentWorkspace, deleteWorkspace, listWorkspaces, newWorkspace, selectWorkspace } from '../../src/state/workspace.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const childScript = (name: string) => path.join(repo, 'test/state', name);

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'terrane-local-'));
}

backendSuite('local', async () => {
  const dir = await tempDir();
  return { backend: new LocalBackend({ dir }), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

function runChild(script: string, args: string[]): { child: ChildProcess; lines: AsyncIterableIterator<string>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript(script), ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) { queue.push(buf.slice(0, i)); buf = buf.slice(i + 1); wake?.(); }
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => { wake?.(); res(code); }));
  async function* lines() {
    for (;;) {
      while (queue.length) yield queue.shift()!;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`child exited: ${stderr}`);
      await new Promise<void>((r) => { wake = r; });
    }
  }
  return { child, lines: lines(), exited };
}

describe('local backend files', () => {
  let dir: string;
  beforeEach(async () => { dir = await tempDir(); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('writes terraform.tfstate with mode 0600 and keeps the pre-run state as .backup', async () => {
    const b = new LocalBackend({ dir });
    const s1 = sampleState(2, 'one');
    await b.stateMgr('default').write(s1);
    const file = path.join(dir, 'terraform.tfstate');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const firstText = await readFile(file, 'utf8');
    expect(firstText).toBe(encodeState(s1));
    // A new run (new manager) backs up the state as it found it, once, before its first write.
    const mgr = b.stateMgr('default');
    const s2 = (await mgr.read()).state!;
    s2.removeOutput('tag');
    await mgr.write(s2);
    s2.setOutput('x', sampleState(1, 'z').outputs.get('tag')!.value, false);
    await mgr.write(s2);
    expect(await readFile(file + '.backup', 'utf8')).toBe(firstText);
    expect((await stat(file + '.backup')).mode & 0o777).toBe(0o600);
    // No temporary files are left behind.
    expect((await readdir(dir)).sort()).toEqual(['terraform.tfstate', 'terraform.tfstate.backup']);
  });

  it('writes a large state, in many pieces, as exactly the bytes of its encoding', async () => {
    const b = new LocalBackend({ dir });
    const mgr = b.stateMgr('default');
    const s = sampleState(5000, 'big');
    expect(await mgr.write(s)).toEqual([]);
    const file = path.join(dir, 'terraform.tfstate');
    expect(await readFile(file, 'utf8')).toBe(encodeState(s));
    // One instance changed among thousands: a new serial and the new bytes.
    const serial = s.serial;
    const one = sampleState(1, 'changed');
    const [only] = [...one.instances()];
    s.setCurrent(only!.addr, only!.instance.current!, only!.resource.provider);
    expect(await mgr.write(s)).toEqual([]);
    expect(s.serial).toBe(serial + 1);
    const text = await readFile(file, 'utf8');
    expect(text).toBe(encodeState(s));
    expect(text).toContain('changed');
    expect(decodeState(text).state!.instanceCount).toBe(5000);
  });

  it('puts other workspaces under terraform.tfstate.d and honours the path option', async () => {
    // As terraform 1.11.4: `path` names the default workspace's file only; another
    // workspace's file is always terraform.tfstate in its folder.
    const b = new LocalBackend({ dir, path: 'state/my.tfstate' });
    await b.createWorkspace('prod');
    await b.stateMgr('prod').write(sampleState(1));
    await b.stateMgr('default').write(sampleState(1));
    await stat(path.join(dir, 'terraform.tfstate.d/prod/terraform.tfstate'));
    await stat(path.join(dir, 'state/my.tfstate'));
  });

  it('keeps other workspaces under workspace_dir when it is set', async () => {
    const b = new LocalBackend({ dir, workspaceDir: 'wsdir' });
    await b.createWorkspace('dev');
    await b.stateMgr('dev').write(sampleState(1));
    await stat(path.join(dir, 'wsdir/dev/terraform.tfstate'));
    expect(await b.workspaces()).toEqual(['default', 'dev']);
  });

  it('writes Terraform\'s lock info JSON to .terraform.tfstate.lock.info', async () => {
    const mgr = new LocalBackend({ dir }).stateMgr('default');
    const { id } = await mgr.lock({ operation: 'OperationTypeApply', info: 'hi', version: '0.1.0' });
    const raw = await readFile(path.join(dir, '.terraform.tfstate.lock.info'), 'utf8');
    const info = JSON.parse(raw);
    expect(Object.keys(info)).toEqual(['ID', 'Operation', 'Info', 'Who', 'Version', 'Created', 'Path']);
    expect(info.ID).toBe(id);
    expect(info.ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.Who).toMatch(/^.+@.+$/);
    expect(info.Created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/);
    expect(info.Path).toBe('terraform.tfstate');
    await mgr.unlock(id!);
    await expect(stat(path.join(dir, '.terraform.tfstate.lock.info'))).rejects.toThrow();
  });

  it('renders the lock error like Terraform', async () => {
    const mgr = new LocalBackend({ dir }).stateMgr('default');
    const { id } = await mgr.lock({ operation: 'OperationTypeApply', version: '0.1.0' });
    const r = await new LocalBackend({ dir }).stateMgr('default').lock({ operation: 'OperationTypePlan' }, 0);
    const d = r.diags[0]!;
    expect(d.summary).toBe('Error acquiring the state lock');
    const lines = d.detail!.split('\n');
    expect(lines[0]).toBe('Error message: resource temporarily unavailable');
    expect(lines[1]).toBe('Lock Info:');
    expect(lines[2]).toBe(`  ID:        ${id}`);
    expect(lines[3]).toBe('  Path:      terraform.tfstate');
    expect(lines[4]).toBe('  Operation: OperationTypeApply');
    expect(lines[5]).toMatch(/^ {2}Who: {7}.+@.+$/);
    expect(lines[6]).toBe('  Version:   0.1.0');
    expect(lines[7]).toMatch(/^ {2}Created: {3}\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)? \+0000 UTC$/);
    expect(lines[8]).toBe('  Info:      ');
    expect(d.detail).toContain('For most commands, you can disable locking with the "-lock=false"');
    await mgr.unlock(id!);
  });

  it('a lock taken by another process blocks this one until released', async () => {
    const a = runChild('lock-child.ts', [dir, '0', '1500']);
    const first = JSON.parse((await a.lines.next()).value as string);
    expect(first.id).toBeTruthy();
    // Same machine, separate process: we must fail fast with its info...
    const mine = await new LocalBackend({ dir }).stateMgr('default').lock({ operation: 'OperationTypePlan' }, 200);
    expect(mine.id).toBeUndefined();
    expect(mine.diags[0]!.detail).toContain(`  ID:        ${first.id}`);
    expect(mine.diags[0]!.detail).toContain('  Info:      pid ');
    // ...and a second process that is willing to wait gets it once the first lets go.
    const b = runChild('lock-child.ts', [dir, '10000', '0']);
    const second = JSON.parse((await b.lines.next()).value as string);
    expect(second.id).toBeTruthy();
    expect(second.id).not.toBe(first.id);
    expect((await a.lines.next()).value).toBe('released');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
  });

  it('a lock left by a killed process is cleared by the next taker; a live holder\'s is not', async () => {
    const a = runChild('lock-child.ts', [dir, '0', '60000']);
    const first = JSON.parse((await a.lines.next()).value as string);
    expect(first.id).toBeTruthy();
    const mgr = new LocalBackend({ dir }).stateMgr('default');
    expect((await mgr.lock({ operation: 'OperationTypePlan' }, 0)).id).toBeUndefined();
    a.child.kill('SIGKILL');
    await a.exited;
    const r = await mgr.lock({ operation: 'OperationTypePlan' }, 0);
    expect(r.diags).toEqual([]);
    expect(r.id).not.toBe(first.id);
    expect(await mgr.unlock(r.id!)).toEqual([]);
    expect((await readdir(dir)).filter((f) => f.includes('lock'))).toEqual([]);
  });

  it('a process killed mid-write always leaves a complete previous or next state', async () => {
    const N = 400; // instances per snapshot, so a write takes a while
    let lastGen = 0;
    let lastSerial = 0;
    const rounds = 12;
    for (let round = 0; round < rounds; round++) {
      const c = runChild('write-loop-child.ts', [dir, String(N)]);
      expect((await c.lines.next()).value).toBe('ready');
      await new Promise((r) => setTimeout(r, 60 + Math.floor(Math.random() * 240)));
      c.child.kill('SIGKILL');
      await c.exited;
      let text: string;
      try {
        text = await readFile(path.join(dir, 'terraform.tfstate'), 'utf8');
      } catch (e) {
        // Killed before its first write ever completed: there is simply no state yet.
        expect(lastGen).toBe(0);
        continue;
      }
      const { state, diags } = decodeState(text);
      expect(diags).toEqual([]);
      const tag = state!.outputs.get('tag')!.value.str;
      // Every instance carries the same generation as the output: one whole snapshot.
      const tags = new Set(Array.from(state!.instances(), (i) => JSON.parse(i.instance.current!.attrsJSON!).triggers.tag));
      expect([...tags]).toEqual([tag]);
      expect(state!.instanceCount).toBe(N);
      expect(text).toBe(encodeState(state!));
      const gen = Number(tag.slice(1));
      expect(gen).toBeGreaterThanOrEqual(lastGen);
      expect(state!.serial).toBeGreaterThanOrEqual(lastSerial);
      lastGen = gen;
      lastSerial = state!.serial;
      const left = (await readdir(dir)).filter((f) => f.endsWith('.tmp'));
      // A kill between creating and renaming the temp file may leave one behind; it never replaces the state.
      for (const f of left) await rm(path.join(dir, f));
    }
    expect(lastGen).toBeGreaterThan(0);
  });
});

describe('workspaces', () => {
  let dir: string;
  const env = {} as NodeJS.ProcessEnv;
  beforeEach(async () => { dir = await tempDir(); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('new selects the workspace in .terraform/environment; select switches', async () => {
    const b = new LocalBackend({ dir });
    expect(await currentWorkspace(dir, env)).toBe('default');
    expect(await newWorkspace(b, dir, 'dev', env)).toEqual([]);
    expect(await readFile(path.join(dir, '.terraform/environment'), 'utf8')).toBe('dev');
    expect(await listWorkspaces(b, dir, env)).toEqual({ names: ['default', 'dev'], current: 'dev' });
    expect((await newWorkspace(b, dir, 'dev', env))[0]!.summary).toBe('Workspace "dev" already exists');
    expect(await selectWorkspace(b, dir, 'default', {}, env)).toEqual([]);
    expect(await currentWorkspace(dir, env)).toBe('default');
    const missing = await selectWorkspace(b, dir, 'qa', {}, env);
    expect(missing[0]!.summary).toBe('Workspace "qa" doesn\'t exist.');
    expect(await selectWorkspace(b, dir, 'qa', { orCreate: true }, env)).toEqual([]);
    expect(await currentWorkspace(dir, env)).toBe('qa');
  });

  it('TF_WORKSPACE overrides the selection and blocks switching', async () => {
    const b = new LocalBackend({ dir });
    const over = { TF_WORKSPACE: 'ci' } as NodeJS.ProcessEnv;
    expect(await currentWorkspace(dir, over)).toBe('ci');
    expect((await selectWorkspace(b, dir, 'default', {}, over))[0]!.summary).toBe('Workspace overridden');
    // As in Terraform, creating the very workspace TF_WORKSPACE names is allowed.
    expect((await newWorkspace(b, dir, 'dev', over))[0]!.summary).toBe('Workspace overridden');
    expect(await newWorkspace(b, dir, 'ci', over)).toEqual([]);
  });

  it('delete refuses the active workspace and one that still tracks resources unless forced', async () => {
    const b = new LocalBackend({ dir });
    await newWorkspace(b, dir, 'dev', env);
    await b.stateMgr('dev').write(sampleState(2));
    expect((await deleteWorkspace(b, dir, 'dev', {}, env))[0]!.summary).toBe('Workspace "dev" is your active workspace.');
    await selectWorkspace(b, dir, 'default', {}, env);
    const refused = await deleteWorkspace(b, dir, 'dev', {}, env);
    expect(refused[0]!.summary).toBe('Workspace is not empty');
    expect(refused[0]!.detail).toContain('\n  - null_resource.r[0]\n  - null_resource.r[1]');
    const forced = await deleteWorkspace(b, dir, 'dev', { force: true }, env);
    expect(forced.map((d) => d.severity)).toEqual(['warning']);
    expect(await b.workspaces()).toEqual(['default']);
    expect((await deleteWorkspace(b, dir, 'nope', {}, env))[0]!.summary).toBe('Workspace "nope" doesn\'t exist.');
  });

  it('an empty workspace is deleted without force', async () => {
    const b = new LocalBackend({ dir });
    await b.createWorkspace('tmp');
    await writeFile(path.join(dir, 'terraform.tfstate.d/tmp/terraform.tfstate'), '');
    expect(await deleteWorkspace(b, dir, 'tmp', {}, env)).toEqual([]);
  });
});
