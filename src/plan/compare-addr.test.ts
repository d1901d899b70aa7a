import { describe, expect, it } from 'vitest';
import { compareAddr } from './planner.js';

describe('compareAddr', () => {
  it('orders addresses as Terraform orders a plan: root first, modules by depth, data first, keys numerically', () => {
    const addrs = [
      'module.m.terraform_data.a', 'terraform_data.b[10]', 'module.m[2].terraform_data.a', 'terraform_data.b[1]',
      'module.a.module.b.terraform_data.x', 'module.z.terraform_data.x', 'data.terraform_remote_state.s', 'terraform_data.b["k"]',
      'module.m[10].terraform_data.a', 'terraform_data.a', 'terraform_data.b[2]',
    ];
    expect([...addrs].sort(compareAddr)).toEqual([
      'data.terraform_remote_state.s', 'terraform_data.a', 'terraform_data.b[1]', 'terraform_data.b[2]', 'terraform_data.b[10]',
      'terraform_data.b["k"]', 'module.m.terraform_data.a', 'module.m[2].terraform_data.a', 'module.m[10].terraform_data.a',
      'module.z.terraform_data.x', 'module.a.module.b.terraform_data.x',
    ]);
  });
});
