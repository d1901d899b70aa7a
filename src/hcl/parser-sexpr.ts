/**
 * A compact S-expression rendering of HCL expression trees, for debugging and so that
 * table-driven parser tests can state an expected tree shape on one line.
 */
import type { Expression, Traverser } from './ast.js';

function steps(ss: Traverser[]): string {
  return ss.map((s) => (s.kind === 'attr' ? `.${s.name}` : `[${JSON.stringify(s.key)}]`)).join('');
}

/** Renders an expression tree as an S-expression (ranges omitted). */
export function sexpr(e: Expression): string {
  switch (e.kind) {
    case 'literal':
      return e.raw !== undefined ? e.raw : JSON.stringify(e.value);
    case 'template':
      return `(${e.heredoc ? 'heredoc' : 'tmpl'}${e.parts.map((p) => ' ' + sexpr(p)).join('')})`;
    case 'templateWrap':
      return `(wrap ${sexpr(e.wrapped)})`;
    case 'templateJoin':
      return `(join ${sexpr(e.tuple)})`;
    case 'scopeTraversal':
      return e.traversal.root + steps(e.traversal.steps);
    case 'relativeTraversal':
      return `(rel ${sexpr(e.source)} ${steps(e.steps)})`;
    case 'index':
      return `(index ${sexpr(e.collection)} ${sexpr(e.key)})`;
    case 'splat':
      return `(${e.attrOnly ? 'splat.' : 'splat'} ${sexpr(e.source)} ${sexpr(e.each)})`;
    case 'anonSymbol':
      return '*';
    case 'functionCall':
      return `(call ${e.name}${e.args.map((a) => ' ' + sexpr(a)).join('')}${e.expandFinal ? ' ...' : ''})`;
    case 'conditional':
      return `(? ${sexpr(e.condition)} ${sexpr(e.trueResult)} ${sexpr(e.falseResult)})`;
    case 'binaryOp':
      return `(${e.op} ${sexpr(e.lhs)} ${sexpr(e.rhs)})`;
    case 'unaryOp':
      return `(${e.op} ${sexpr(e.operand)})`;
    case 'tuple':
      return `[${e.exprs.map(sexpr).join(' ')}]`;
    case 'object':
      return `{${e.items.map((i) => `${sexpr(i.key)}=${sexpr(i.value)}`).join(' ')}}`;
    case 'objectKey':
      return e.forceNonLiteral ? `(key ${sexpr(e.wrapped)})` : sexpr(e.wrapped);
    case 'for': {
      const vars = e.keyVar !== undefined ? `${e.keyVar},${e.valVar}` : e.valVar;
      const body = e.keyExpr ? `${sexpr(e.keyExpr)} => ${sexpr(e.valExpr)}` : sexpr(e.valExpr);
      return `(for ${vars} in ${sexpr(e.collExpr)} : ${body}${e.group ? ' ...' : ''}${e.condExpr ? ' if ' + sexpr(e.condExpr) : ''})`;
    }
    case 'parens':
      return `(paren ${sexpr(e.wrapped)})`;
    case 'json':
      return '(json)';
  }
}
