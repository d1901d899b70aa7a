/** Whether HashiCorp's `terraform` binary is installed, for the tests that cross-check against it. */
import { execFileSync } from 'node:child_process';

let found: boolean | undefined;

/**
 * True when `terraform version` runs. CI has no terraform, so cross-checks skip there: their
 * goldens, made by terraform and committed, are compared on every run regardless.
 */
export function hasTerraform(): boolean {
  if (found === undefined) {
    try {
      execFileSync('terraform', ['version'], { stdio: 'ignore', env: { ...process.env, TF_CLI_CONFIG_FILE: '' } });
      found = true;
    } catch {
      found = false;
    }
  }
  return found;
}
