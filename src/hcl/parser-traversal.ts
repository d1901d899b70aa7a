/**
 * Absolute traversals given as strings (`aws_instance.web[0]`, `-target` and
 * `depends_on` in JSON): a root name then `.attr`, `[number]` or `["string"]` steps only.
 * Follows hclsyntax's parser_traversal.go.
 */
import type { Traversal, Traverser } from './ast.js';
import { AttrStep, IndexStep, TraversalNode } from './ast-nodes.js';
import { Parser } from './parser.js';
import { numberValue } from './parser-expression.js';
import { parseQuotedStringLiteral } from './parser-template.js';
import { TokenType as T } from './token.js';

/** Parses an absolute traversal; undefined when it does not even start with a name. */
export function parseTraversal(p: Parser): Traversal | undefined {
  const v = p.read();
  if (p.type(v) !== T.Ident) {
    p.error('Variable name required', 'Must begin with a variable name.', p.range(v));
    return undefined;
  }
  const steps: Traverser[] = [];
  const t = new TraversalNode(p.ix, p.ts(v), p.te(v), p.text(v), steps);
  for (;;) {
    const ni = p.peek();
    const nt = p.type(ni);
    if (nt === T.EOF) return done(t);
    if (nt === T.Dot) {
      const dot = p.read();
      const name = p.read();
      if (p.type(name) !== T.Ident) {
        p.error(
          'Attribute name required',
          p.type(name) === T.Star ? 'Splat expressions (.*) may not be used here.' : 'Dot must be followed by attribute name.',
          p.range(name), p.rangeTok(v, name),
        );
        return done(t);
      }
      steps.push(new AttrStep(p.ix, p.ts(dot), p.te(name), p.text(name)));
      continue;
    }
    if (nt === T.OBrack) {
      const open = p.read();
      const ki = p.peek();
      const kt = p.type(ki);
      if (kt === T.NumberLit || kt === T.OQuote) {
        const before = p.diags.length;
        let key: string | number;
        if (kt === T.NumberLit) {
          p.read();
          key = numberValue(p, ki);
        } else {
          key = parseQuotedStringLiteral(p)[0];
        }
        const close = p.read();
        if (p.type(close) !== T.CBrack) {
          p.error('Unclosed index brackets', 'Index key must be followed by a closing bracket.', p.range(close), p.rangeTok(open, close));
        }
        steps.push(new IndexStep(p.ix, p.ts(open), p.te(close), key));
        if (p.diags.length > before) return done(t);
        continue;
      }
      if (kt === T.Star) {
        p.error('Attribute name required', 'Splat expressions ([*]) may not be used here.', p.range(ki), p.rangeTok(v, ki));
      } else {
        p.error('Index value required', 'Index brackets must contain either a literal number or a literal string.', p.range(ki), p.rangeTok(v, ki));
      }
      return done(t);
    }
    p.error('Invalid character', 'Expected an attribute access or an index operator.', p.range(ni), p.rangeTok(v, ni));
    return done(t);
  }
}

function done(t: TraversalNode): Traversal {
  const steps = t.steps;
  if (steps.length > 0) {
    const last = steps[steps.length - 1] as AttrStep | IndexStep;
    t.s = Math.min(t.s, last.s);
    t.e = Math.max(t.s + t.root.length, last.e);
  }
  return t;
}
