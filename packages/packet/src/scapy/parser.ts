import type { ScapyExpr, ScapyKeyword } from './ast.js';
import { ScapySyntaxError } from './syntax-error.js';
import { type Punct, type Token, tokenize } from './tokens.js';

/**
 * Parses one Python expression (the subset scapy one-liners use) with Python's precedence:
 * `+ -` below `* /` below unary minus below calls, attributes and atoms.
 */
export function parseScapy(source: string): ScapyExpr {
  const tokens = tokenize(source);
  let pos = 0;

  const peek = (): Token => tokens[pos];
  const fail = (token: Token, reason: string): never => {
    throw new ScapySyntaxError(source, token.start, reason);
  };
  const describe = (t: Token): string => {
    if (t.kind === 'end') return 'end of expression';
    if (t.kind === 'punct') return `'${t.text}'`;
    if (t.kind === 'name') return `name '${t.text}'`;
    return source.slice(t.start, tokens[pos + 1]?.start ?? source.length).trim();
  };
  const isPunct = (t: Token, text: Punct): boolean => t.kind === 'punct' && t.text === text;
  const expect = (text: Punct, context: string): Token => {
    const t = peek();
    if (!isPunct(t, text)) fail(t, `expected '${text}' ${context}, found ${describe(t)}`);
    pos++;
    return t;
  };

  function additive(): ScapyExpr {
    let left = multiplicative();
    for (;;) {
      const t = peek();
      if (t.kind !== 'punct' || (t.text !== '+' && t.text !== '-')) return left;
      pos++;
      left = { kind: 'binary', op: t.text, left, right: multiplicative(), start: t.start };
    }
  }

  function multiplicative(): ScapyExpr {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t.kind !== 'punct' || (t.text !== '*' && t.text !== '/')) return left;
      pos++;
      if (isPunct(peek(), t.text)) fail(peek(), `'${t.text}${t.text}' is not supported`);
      left = { kind: 'binary', op: t.text, left, right: unary(), start: t.start };
    }
  }

  function unary(): ScapyExpr {
    const t = peek();
    if (t.kind === 'punct' && (t.text === '-' || t.text === '+')) {
      pos++;
      return { kind: 'unary', op: t.text, operand: unary(), start: t.start };
    }
    return postfix();
  }

  function postfix(): ScapyExpr {
    let expr = atom();
    for (;;) {
      const t = peek();
      if (isPunct(t, '(')) {
        pos++;
        expr = callArguments(expr, t);
      } else if (isPunct(t, '.')) {
        pos++;
        const name = peek();
        if (name.kind !== 'name') fail(name, `expected an attribute name after '.', found ${describe(name)}`);
        pos++;
        expr = { kind: 'attr', object: expr, name: (name as { text: string }).text, start: name.start };
      } else return expr;
    }
  }

  function callArguments(callee: ScapyExpr, open: Token): ScapyExpr {
    const args: ScapyExpr[] = [];
    const kwargs: ScapyKeyword[] = [];
    while (!isPunct(peek(), ')')) {
      const t = peek();
      if (t.kind === 'end') fail(open, "'(' was never closed");
      if (t.kind === 'name' && isPunct(tokens[pos + 1], '=')) {
        if (kwargs.some((k) => k.name === t.text)) fail(t, `keyword argument '${t.text}' repeated`);
        pos += 2;
        kwargs.push({ name: t.text, value: additive(), start: t.start });
      } else {
        if (kwargs.length > 0) fail(t, 'positional argument follows keyword argument');
        args.push(additive());
      }
      if (isPunct(peek(), ',')) pos++;
      else if (peek().kind === 'end') fail(open, "'(' was never closed");
      else if (!isPunct(peek(), ')'))
        fail(peek(), `expected ',' or ')' in the call, found ${describe(peek())}`);
    }
    pos++;
    return { kind: 'call', callee, args, kwargs, start: callee.start };
  }

  function sequence(close: Punct, open: Token): ScapyExpr[] {
    const items: ScapyExpr[] = [];
    while (!isPunct(peek(), close)) {
      if (peek().kind === 'end') fail(open, `'${open.kind === 'punct' ? open.text : ''}' was never closed`);
      items.push(additive());
      if (isPunct(peek(), ',')) pos++;
      else if (peek().kind === 'end')
        fail(open, `'${open.kind === 'punct' ? open.text : ''}' was never closed`);
      else if (!isPunct(peek(), close)) fail(peek(), `expected ',' or '${close}', found ${describe(peek())}`);
    }
    pos++;
    return items;
  }

  function atom(): ScapyExpr {
    const t = peek();
    switch (t.kind) {
      case 'int':
        pos++;
        return { kind: 'int', value: t.value, start: t.start };
      case 'str':
      case 'bytes':
        return strings();
      case 'name':
        pos++;
        if (t.text === 'None') return { kind: 'const', value: null, start: t.start };
        if (t.text === 'True' || t.text === 'False')
          return { kind: 'const', value: t.text === 'True', start: t.start };
        return { kind: 'name', name: t.text, start: t.start };
      case 'punct':
        if (t.text === '[') {
          pos++;
          return { kind: 'list', items: sequence(']', t), start: t.start };
        }
        if (t.text === '(') {
          pos++;
          if (isPunct(peek(), ')')) {
            pos++;
            return { kind: 'tuple', items: [], start: t.start };
          }
          const first = additive();
          if (isPunct(peek(), ')')) {
            pos++;
            return first;
          }
          expect(',', "or ')' after the parenthesised expression");
          return { kind: 'tuple', items: [first, ...sequence(')', t)], start: t.start };
        }
        return fail(t, `unexpected ${describe(t)}`);
      case 'end':
        return fail(t, 'unexpected end of expression');
    }
  }

  /** Adjacent literals concatenate ("a" "b" == "ab"); str and bytes cannot mix, as in Python. */
  function strings(): ScapyExpr {
    const first = peek() as Extract<Token, { kind: 'str' | 'bytes' }>;
    pos++;
    if (first.kind === 'str') {
      let value = first.value;
      while (peek().kind === 'str' || peek().kind === 'bytes') {
        const t = peek() as Extract<Token, { kind: 'str' | 'bytes' }>;
        if (t.kind === 'bytes') fail(t, 'cannot mix bytes and nonbytes literals');
        value += (t as { value: string }).value;
        pos++;
      }
      return { kind: 'str', value, start: first.start };
    }
    const parts = [first.value];
    while (peek().kind === 'str' || peek().kind === 'bytes') {
      const t = peek() as Extract<Token, { kind: 'str' | 'bytes' }>;
      if (t.kind === 'str') fail(t, 'cannot mix bytes and nonbytes literals');
      parts.push((t as { value: Uint8Array }).value);
      pos++;
    }
    if (parts.length === 1) return { kind: 'bytes', value: first.value, start: first.start };
    const value = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      value.set(p, o);
      o += p.length;
    }
    return { kind: 'bytes', value, start: first.start };
  }

  const expr = additive();
  const rest = peek();
  if (rest.kind !== 'end') fail(rest, `unexpected ${describe(rest)} after the expression`);
  return expr;
}
