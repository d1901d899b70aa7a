/**
 * Version constraints as Terraform writes them (`~> 5.0`, `>= 1.2, < 2.0`, `= 3.1.0`,
 * `!= 1.4.1`, bare `1.0.0`), checked against a version.
 */

/** A parsed version: numeric segments and an optional pre-release tag. */
interface Version { parts: number[]; pre: string }

function parseVersion(s: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(s.trim());
  if (!m) return undefined;
  const parts = [m[1], m[2], m[3]].filter((x) => x !== undefined).map(Number);
  return { parts, pre: m[4] ?? '' };
}

function cmp(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const d = (a.parts[i] ?? 0) - (b.parts[i] ?? 0);
    if (d) return d;
  }
  if (a.pre === b.pre) return 0;
  if (!a.pre) return 1;
  if (!b.pre) return -1;
  return a.pre < b.pre ? -1 : 1;
}

/** Checks `version` against a constraint string; an error message when the constraint is malformed. */
export function satisfies(version: string, constraint: string): boolean | { error: string } {
  const v = parseVersion(version);
  if (!v) return { error: `invalid version ${JSON.stringify(version)}` };
  for (const raw of constraint.split(',')) {
    const c = raw.trim();
    if (!c) continue;
    const m = /^(~>|>=|<=|!=|=|>|<)?\s*(.+)$/.exec(c);
    const want = m ? parseVersion(m[2]!) : undefined;
    if (!m || !want) return { error: `Malformed constraint: ${c}` };
    const op = m[1] ?? '=';
    const d = cmp(v, want);
    let ok: boolean;
    switch (op) {
      case '=': ok = d === 0; break;
      case '!=': ok = d !== 0; break;
      case '>': ok = d > 0; break;
      case '>=': ok = d >= 0; break;
      case '<': ok = d < 0; break;
      case '<=': ok = d <= 0; break;
      default: {
        // ~> x.y allows >= x.y and < (x+1); ~> x.y.z allows >= x.y.z and < x.(y+1).
        if (d < 0) { ok = false; break; }
        const n = want.parts.length;
        const upper = want.parts.slice(0, Math.max(1, n - 1));
        upper[upper.length - 1]! += 1;
        ok = cmp(v, { parts: upper, pre: '' }) < 0;
        if (n === 1) ok = true;
      }
    }
    if (!ok) return false;
  }
  return true;
}
