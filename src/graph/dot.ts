/**
 * DOT output in the shape `terraform graph` prints:
 *
 *   digraph {
 *   	compound = "true"
 *   	newrank = "true"
 *   	subgraph "root" {
 *   		"[root] aws_instance.web (expand)" [label = "aws_instance.web", shape = "box"]
 *   		"[root] aws_instance.web (expand)" -> "[root] provider[...]"
 *   	}
 *   }
 *
 * Nodes and edges are sorted so the output is stable.
 */
import type { Graph } from './dag.js';

/** How to draw each node. */
export interface DotOptions {
  /** The node's DOT id (default: the key). Terraform uses `[root] <address>`. */
  id?: (key: string) => string;
  /** The label shown (default: the key). */
  label?: (key: string) => string;
  /** The shape (default `box`; Terraform draws providers as `diamond`, outputs and locals as `note`). */
  shape?: (key: string) => string;
  /** Leave a node out of the picture (its edges too). */
  include?: (key: string) => boolean;
  /**
   * Whether the node gets a declaration line (default: all). Terraform declares only the
   * nodes that have a shape of their own (resources, providers, root variables); the rest
   * appear only in edges.
   */
  declare?: (key: string) => boolean;
  /** Extra attributes of an edge, e.g. `[color = "red", penwidth = "2.0"]` for -draw-cycles. */
  edgeAttrs?: (from: string, to: string) => string | undefined;
}

/** Renders the graph as DOT text ending with a newline. */
export function toDot(g: Graph<unknown>, opts: DotOptions = {}): string {
  const id = opts.id ?? ((k: string) => k);
  const label = opts.label ?? ((k: string) => k);
  const shape = opts.shape ?? (() => 'box');
  const include = opts.include ?? (() => true);
  const declare = opts.declare ?? (() => true);
  const nodes: [string, string][] = [];
  // Several nodes may share an id (Terraform names every instance's destroy node after its
  // resource): each is declared, but an edge between two ids is drawn once.
  const edges = new Set<string>();
  for (const k of g.keys()) {
    if (!include(k)) continue;
    if (declare(k)) nodes.push([id(k), `${goQuote(id(k))} [label = ${goQuote(label(k))}, shape = ${goQuote(shape(k))}]`]);
    for (const d of g.dependencies(k)) {
      if (!include(d)) continue;
      const attrs = opts.edgeAttrs?.(k, d);
      edges.add(`${goQuote(id(k))} -> ${goQuote(id(d))}${attrs ? ' ' + attrs : ''}`);
    }
  }
  // Terraform orders declarations by node name (`a` before `a (expand)`), edges by their text.
  nodes.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const edgeLines = [...edges].sort();
  let out = 'digraph {\n\tcompound = "true"\n\tnewrank = "true"\n\tsubgraph "root" {\n';
  for (const [, l] of nodes) out += '\t\t' + l + '\n';
  for (const l of edgeLines) out += '\t\t' + l + '\n';
  return out + '\t}\n}\n';
}

/** Quotes like Go's `%q`: backslash escapes for `"`, `\` and non-printable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x80 || /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(ch)) out += ch;
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}
