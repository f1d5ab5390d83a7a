import { describe, expect, it } from '@jest/globals';
import { parseScapy } from './parser.js';
import { ScapySyntaxError } from './syntax-error.js';
import { tokenize } from './tokens.js';

const value = (source: string) => {
  const expr = parseScapy(source);
  if (expr.kind === 'int' || expr.kind === 'str' || expr.kind === 'bytes' || expr.kind === 'const')
    return expr.value;
  throw new Error(`not a literal: ${expr.kind}`);
};

function syntaxError(source: string): ScapySyntaxError {
  try {
    parseScapy(source);
  } catch (error) {
    if (error instanceof ScapySyntaxError) return error;
    throw error;
  }
  throw new Error(`parsed: ${source}`);
}

describe('scapy expression literals', () => {
  it('reads integers in every Python base, with underscores', () => {
    expect(value('42')).toBe(42);
    expect(value('0')).toBe(0);
    expect(value('0x1F')).toBe(31);
    expect(value('0o17')).toBe(15);
    expect(value('0b101')).toBe(5);
    expect(value('1_000_000')).toBe(1_000_000);
    expect(value('0x_ff')).toBe(255);
    expect(value('0xFFFF_FFFF')).toBe(0xffffffff);
  });

  it('reads str and bytes literals with Python escapes', () => {
    expect(value(`'it\\'s'`)).toBe("it's");
    expect(value('"a\\tb\\n\\\\"')).toBe('a\tb\n\\');
    expect(value('"\\u00e9\\x41\\101"')).toBe('éAA');
    expect(value('"\\q"')).toBe('\\q');
    expect(value('b"\\x00\\xff\\n\\\\\\\'\\"\\0\\101\\7"')).toEqual(
      Uint8Array.of(0, 255, 10, 0x5c, 0x27, 0x22, 0, 0x41, 7),
    );
    expect(value('b"\\u00e9"')).toEqual(Uint8Array.from(Buffer.from('\\u00e9')));
    expect(value('rb"\\x00"')).toEqual(Uint8Array.from(Buffer.from('\\x00')));
    expect(value('r"\\n"')).toBe('\\n');
    expect(value('u"x"')).toBe('x');
  });

  it('joins adjacent literals and None/True/False are constants', () => {
    expect(value('"ab" \'cd\'')).toBe('abcd');
    expect(value('b"a" b"b"')).toEqual(Uint8Array.of(0x61, 0x62));
    expect(value('None')).toBeNull();
    expect(value('True')).toBe(true);
    expect(value('False')).toBe(false);
  });

  it('marks token positions (0-based) for error reporting', () => {
    expect(tokenize('IP( ttl=1)').map((t) => t.start)).toEqual([0, 2, 4, 7, 8, 9, 10]);
  });
});

describe('scapy expression grammar', () => {
  it('gives / and * the same precedence, above + and -, below unary minus', () => {
    const expr = parseScapy('a/b*c+-d');
    expect(expr).toMatchObject({
      kind: 'binary',
      op: '+',
      left: { kind: 'binary', op: '*', left: { kind: 'binary', op: '/' } },
      right: { kind: 'unary', op: '-', operand: { kind: 'name', name: 'd' } },
    });
  });

  it('parses calls with positional and keyword arguments, lists, tuples and trailing commas', () => {
    const expr = parseScapy('DHCP(b"x", options=[("a", 1,), "end",], x=(1,), y=(), z=(2))');
    expect(expr).toMatchObject({
      kind: 'call',
      callee: { kind: 'name', name: 'DHCP' },
      args: [{ kind: 'bytes' }],
      kwargs: [
        {
          name: 'options',
          value: {
            kind: 'list',
            items: [{ kind: 'tuple', items: [{ kind: 'str' }, { kind: 'int' }] }, { kind: 'str' }],
          },
        },
        { name: 'x', value: { kind: 'tuple', items: [{ kind: 'int', value: 1 }] } },
        { name: 'y', value: { kind: 'tuple', items: [] } },
        { name: 'z', value: { kind: 'int', value: 2 } },
      ],
    });
  });

  it('parses attribute access (bytes.fromhex)', () => {
    expect(parseScapy('bytes.fromhex("00")')).toMatchObject({
      kind: 'call',
      callee: { kind: 'attr', name: 'fromhex', object: { kind: 'name', name: 'bytes' } },
    });
  });

  it.each([
    ['Ether()/IP(src="1.2.3.4"/UDP()', 11, "'(' was never closed"],
    ['IP(ttl=1 tos=2)', 10, "expected ',' or ')' in the call, found name 'tos'"],
    ['[1 2]', 4, "expected ',' or ']', found 2"],
    ['IP(ttl=1, ttl=2)', 11, "keyword argument 'ttl' repeated"],
    ['IP(ttl=1, 2)', 11, 'positional argument follows keyword argument'],
    ['IP(src="1.2.3.4)', 8, 'unterminated string literal'],
    ['UDP(sport=1.5)', 12, 'floating-point numbers are not supported'],
    ['UDP(sport=012)', 11, 'leading zeros are not allowed in decimal integers (use 0o for octal)'],
    ['UDP(sport=0x)', 13, 'invalid integer literal (underscores go between digits)'],
    ['UDP(sport=0b102)', 15, 'invalid digit "2" in a base-2 integer'],
    ['Raw(load=b"é")', 12, 'bytes literals can only contain ASCII characters'],
    ['Raw(load="\\x4")', 11, 'truncated \\xXX escape'],
    ['IP() IP()', 6, "unexpected name 'IP' after the expression"],
    ['IP()//UDP()', 6, "'//' is not supported"],
    ['IP(ttl=1', 3, "'(' was never closed"],
    ['[1, 2', 1, "'[' was never closed"],
    ['IP(ttl=$)', 8, 'unexpected character "$"'],
    ['"a" b"b"', 5, 'cannot mix bytes and nonbytes literals'],
    ['', 1, 'unexpected end of expression'],
  ])('reports %s at column %i', (source, column, reason) => {
    const error = syntaxError(source);
    expect(error.column).toBe(column);
    expect(error.reason).toBe(reason);
    const [, line, caret] = error.message.split('\n');
    expect(line).toBe(`  ${source}`);
    expect(caret).toBe(`  ${' '.repeat(column - 1)}^`);
  });

  it('windows long expressions around the caret', () => {
    const source = `Ether()/${'IP()/'.repeat(40)}UDP(sport=?)`;
    const error = syntaxError(source);
    const [, line, caret] = error.message.split('\n');
    expect(line.startsWith('  …')).toBe(true);
    expect(line[caret.indexOf('^')]).toBe('?');
    expect(error.column).toBe(source.indexOf('?') + 1);
  });
});
