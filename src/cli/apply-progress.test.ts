import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { colors } from '../plan/render/colors.js';
import { ApplyProgress } from './apply-progress.js';

function progress(color: boolean): { p: ApplyProgress; text: () => string } {
  let out = '';
  const w = new Writable({ write(chunk, _enc, cb) { out += String(chunk); cb(); } });
  return { p: new ApplyProgress(w, colors(color)), text: () => out };
}

describe('ApplyProgress imports', () => {
  it('prints Terraform\'s import lines with the import id', () => {
    const { p, text } = progress(false);
    p.onImport({ kind: 'start', addr: 'aws_vpc.main', id: 'vpc-123' });
    p.onImport({ kind: 'done', addr: 'aws_vpc.main', id: 'vpc-123' });
    expect(text()).toBe('aws_vpc.main: Importing... [id=vpc-123]\naws_vpc.main: Import complete [id=vpc-123]\n');
  });

  it('makes the whole line bold, as Terraform does for imports (other lines bold the address only)', () => {
    const { p, text } = progress(true);
    const bold = colors(true).bold;
    p.onImport({ kind: 'start', addr: 'a.b', id: 'x' });
    p.onEvent({ kind: 'start', addr: 'a.b', action: 'update', id: 'x' });
    p.stop();
    expect(text()).toBe(`${bold('a.b: Importing... [id=x]')}\n${bold('a.b:')} Modifying... [id=x]\n`);
  });
});

describe('ApplyProgress deposed objects', () => {
  it('names the deposed object on the Destroying line only, as Terraform does', () => {
    const { p, text } = progress(false);
    p.onEvent({ kind: 'start', addr: 'terraform_data.a', action: 'destroy-deposed', id: 'i-1', deposedKey: '7b430506' });
    p.onEvent({ kind: 'done', addr: 'terraform_data.a', action: 'destroy-deposed', elapsedMs: 0 });
    expect(text()).toBe('terraform_data.a (deposed object 7b430506): Destroying... [id=i-1]\nterraform_data.a: Destruction complete after 0s\n');
  });
});
