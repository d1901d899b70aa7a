import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeState, encodeState } from './state-file.js';

const TESTDATA = join(import.meta.dirname, '../../testdata/cli');

describe('check_results in terraform.tfstate', () => {
  it.each([
    ['checks-basic', 'apply.tfstate'],
    ['checks-basic', 'destroy.tfstate'],
    ['checks-basic', 'refresh.tfstate'],
    ['checks-modules', 'apply.tfstate'],
  ])('reads and writes back the bytes terraform 1.11.4 wrote (%s/%s)', (fixture, file) => {
    const text = readFileSync(join(TESTDATA, fixture, 'terraform', file), 'utf8');
    const { state, diags } = decodeState(text);
    expect(diags).toEqual([]);
    expect(encodeState(state!)).toBe(text);
  });

  it('keeps every kind Terraform writes, leaves out kinds it does not know, and reads unknown statuses as unknown', () => {
    const text = JSON.stringify({
      version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'l', outputs: {}, resources: [],
      check_results: [
        { object_kind: 'var', config_addr: 'var.v', status: 'pass', objects: [{ object_addr: 'var.v', status: 'pass' }] },
        { object_kind: 'from_the_future', config_addr: 'x.y', status: 'pass', objects: null },
        { object_kind: 'check', config_addr: 'check.c', status: 'maybe', objects: [{ object_addr: 'check.c', status: 'fail', failure_messages: ['m'] }] },
      ],
    });
    const { state, diags } = decodeState(text);
    expect(diags).toEqual([]);
    expect(state!.checkResults).toEqual([
      { objectKind: 'var', configAddr: 'var.v', status: 'pass', objects: [{ objectAddr: 'var.v', status: 'pass' }] },
      { objectKind: 'check', configAddr: 'check.c', status: 'unknown', objects: [{ objectAddr: 'check.c', status: 'fail', failureMessages: ['m'] }] },
    ]);
  });
});
