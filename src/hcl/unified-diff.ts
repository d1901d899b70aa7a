/**
 * Unified diffs in the format of `diff -u --label=old/PATH --label=new/PATH`, which is what
 * `terraform fmt -diff` prints (it runs the system diff). Lines are compared exactly; the
 * edit script is a shortest one (Myers), with deletions listed before insertions in each
 * change, and hunks carrying three lines of context.
 */

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

/** Splits text into lines, remembering whether the last one ends with a newline. */
function lines(s: string): { lines: string[]; finalNewline: boolean } {
  if (s === '') return { lines: [], finalNewline: true };
  const parts = s.split('\n');
  const finalNewline = parts[parts.length - 1] === '';
  if (finalNewline) parts.pop();
  return { lines: parts, finalNewline };
}

/** Shortest edit script between two line arrays (Myers' greedy algorithm with a trace). */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const off = max + 1;
  let v: Int32Array = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[off + k] = x;
      if (x >= n && y >= m) { found = true; break; }
    }
  }
  trace.push(v.slice());
  // Walk back from the end to recover the path.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!);
    const pk = down ? k + 1 : k - 1;
    const px = v[off + pk]!;
    const py = px - pk;
    while (x > px && y > py) { x--; y--; ops.push({ kind: ' ', line: a[x]!, a: x, b: y }); }
    if (d > 0) {
      if (down) { y--; ops.push({ kind: '+', line: b[y]!, a: x, b: y }); }
      else { x--; ops.push({ kind: '-', line: a[x]!, a: x, b: y }); }
    }
  }
  while (x > 0 && y > 0) { x--; y--; ops.push({ kind: ' ', line: a[x]!, a: x, b: y }); }
  ops.reverse();
  // Within each run of changes, deletions first.
  const out: Op[] = [];
  for (let i = 0; i < ops.length;) {
    if (ops[i]!.kind === ' ') { out.push(ops[i]!); i++; continue; }
    let j = i;
    while (j < ops.length && ops[j]!.kind !== ' ') j++;
    const run = ops.slice(i, j);
    out.push(...run.filter((o) => o.kind === '-'), ...run.filter((o) => o.kind === '+'));
    i = j;
  }
  return out;
}

function rangeText(start: number, count: number): string {
  if (count === 1) return `${start}`;
  if (count === 0) return `${start - 1 < 0 ? 0 : start},0`;
  return `${start},${count}`;
}

/**
 * GNU diff's shift_boundaries: slides each run of changed lines so that runs merge and,
 * failing that, sit as far down as possible, then back up to line up with a change in the
 * other file. `changed` arrays carry a zero sentinel at both ends (index 0 and n+1).
 */
function shiftBoundaries(files: { changed: Uint8Array; lines: string[] }[]): void {
  for (let f = 0; f < 2; f++) {
    const changed = files[f]!.changed;
    const other = files[1 - f]!.changed;
    const eq = files[f]!.lines;
    const C = (k: number): number => changed[k + 1]!;
    const setC = (k: number, val: number): void => { changed[k + 1] = val; };
    const O = (k: number): number => other[k + 1]!;
    const iEnd = eq.length;
    let i = 0;
    let j = 0;
    for (;;) {
      while (i < iEnd && !C(i)) {
        while (O(j++));
        i++;
      }
      if (i === iEnd) break;
      let start = i;
      while (C(++i));
      while (O(j)) j++;
      let runlength: number;
      let corresponding: number;
      do {
        runlength = i - start;
        while (start && eq[start - 1] === eq[i - 1]) {
          setC(--start, 1);
          setC(--i, 0);
          while (C(start - 1)) start--;
          while (O(--j));
        }
        corresponding = O(j - 1) ? i : iEnd;
        while (i !== iEnd && eq[start] === eq[i]) {
          setC(start++, 0);
          setC(i++, 1);
          while (C(i)) i++;
          while (O(++j)) corresponding = i;
        }
      } while (runlength !== i - start);
      while (corresponding < i) {
        setC(--start, 1);
        setC(--i, 0);
        while (O(--j));
      }
    }
  }
}

/** Rebuilds the operation list from per-file changed flags. */
function opsFromFlags(a: string[], b: string[], ca: Uint8Array, cb: Uint8Array): Op[] {
  const ops: Op[] = [];
  let x = 0;
  let y = 0;
  while (x < a.length || y < b.length) {
    if (x < a.length && ca[x + 1]) { ops.push({ kind: '-', line: a[x]!, a: x, b: y }); x++; continue; }
    if (y < b.length && cb[y + 1]) { ops.push({ kind: '+', line: b[y]!, a: x, b: y }); y++; continue; }
    ops.push({ kind: ' ', line: a[x]!, a: x, b: y });
    x++; y++;
  }
  return ops;
}

/** The unified diff of two texts, or '' when they are equal. */
export function unifiedDiff(oldText: string, newText: string, oldLabel: string, newLabel: string, context = 3): string {
  if (oldText === newText) return '';
  const A = lines(oldText);
  const B = lines(newText);
  // A last line without its newline differs from the same text with one, as in diff.
  const key = (x: { lines: string[]; finalNewline: boolean }): string[] =>
    x.finalNewline ? x.lines : x.lines.map((l, i) => (i === x.lines.length - 1 ? `${l}\u0000` : l));
  const AK = key(A);
  const BK = key(B);
  const raw = editScript(AK, BK);
  const ca = new Uint8Array(A.lines.length + 2);
  const cb = new Uint8Array(B.lines.length + 2);
  for (const o of raw) {
    if (o.kind === '-') ca[o.a + 1] = 1;
    else if (o.kind === '+') cb[o.b + 1] = 1;
  }
  shiftBoundaries([{ changed: ca, lines: AK }, { changed: cb, lines: BK }]);
  const ops = opsFromFlags(A.lines, B.lines, ca, cb);
  // Mark changed positions and group them into hunks.
  const changed = ops.map((o) => o.kind !== ' ');
  let out = `--- ${oldLabel}\n+++ ${newLabel}\n`;
  let i = 0;
  while (i < ops.length) {
    if (!changed[i]) { i++; continue; }
    let start = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2*context of the last one.
    for (;;) {
      while (end < ops.length && changed[end]) end++;
      let next = end;
      while (next < ops.length && !changed[next]) next++;
      if (next < ops.length && next - end <= 2 * context) { end = next; continue; }
      end = Math.min(ops.length, end + context);
      break;
    }
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    const first = hunk[0]!;
    const aStart = aCount === 0 ? first.a : first.a + 1;
    const bStart = bCount === 0 ? first.b : first.b + 1;
    out += `@@ -${rangeText(aStart, aCount)} +${rangeText(bStart, bCount)} @@\n`;
    for (const o of hunk) {
      out += `${o.kind}${o.line}\n`;
      const lastOfA = o.kind !== '+' && o.a === A.lines.length - 1 && !A.finalNewline;
      const lastOfB = o.kind !== '-' && o.b === B.lines.length - 1 && !B.finalNewline;
      if (lastOfA || lastOfB) out += '\\ No newline at end of file\n';
    }
    i = end;
    start = end;
  }
  return out;
}
