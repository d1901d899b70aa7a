/**
 * `terraform { required_version = ... }` in every module of the configuration, checked
 * as Terraform checks it before any command that works with the configuration (init,
 * validate, plan, apply, ...), against the Terraform version whose formats terrane writes.
 */
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import { TERRAFORM_COMPAT_VERSION } from '../state/state.js';
import type { Config, ModuleNode } from './module.js';
import { satisfies } from './version-constraints.js';

const ADVICE = 'To proceed, either choose another supported Terraform version or update this version constraint. Version constraints are normally set for good reason, so updating the constraint may lead to other errors or unexpected behavior.';

/** Terraform's "Unsupported Terraform Core version" for each constraint the version does not meet. */
export function requiredVersionDiags(config: Config, version = TERRAFORM_COMPAT_VERSION): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (node: ModuleNode): void => {
    for (const rv of node.module.terraform.requiredVersion) {
      const ok = satisfies(version, rv.constraint);
      if (ok === true) continue;
      const who = node.path.length === 0 ? 'This configuration' : `Module ${node.path.map((s) => `module.${s}`).join('.')} (from ${node.call?.source ?? ''})`;
      out.push(errorDiag('Unsupported Terraform Core version', typeof ok === 'object' ? ok.error : `${who} does not support Terraform version ${version}. ${ADVICE}`, rv.range));
    }
    for (const c of node.children.values()) visit(c);
  };
  visit(config.root);
  return out;
}
