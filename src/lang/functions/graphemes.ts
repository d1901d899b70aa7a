/**
 * Grapheme clusters: cty measures and slices strings in user-perceived characters
 * (Unicode text segmentation), not code units. ASCII text takes a fast path (only
 * CR LF forms a two-character cluster there).
 */

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of `s`, in order. */
export function graphemes(s: string): string[] {
  if (!NON_ASCII.test(s)) {
    if (!s.includes('\r\n')) return s.split('');
    const out: string[] = [];
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '\r' && s[i + 1] === '\n') { out.push('\r\n'); i++; } else out.push(s[i]!);
    }
    return out;
  }
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

/** The number of grapheme clusters in `s`. */
export function graphemeLength(s: string): number {
  if (!NON_ASCII.test(s)) {
    let n = s.length;
    for (let i = s.indexOf('\r\n'); i >= 0; i = s.indexOf('\r\n', i + 2)) n--;
    return n;
  }
  return graphemes(s).length;
}
