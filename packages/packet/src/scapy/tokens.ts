import { ScapySyntaxError } from './syntax-error.js';

export type Token =
  | { kind: 'name'; text: string; start: number }
  | { kind: 'int'; value: number; start: number }
  | { kind: 'str'; value: string; start: number }
  | { kind: 'bytes'; value: Uint8Array; start: number }
  | { kind: 'punct'; text: Punct; start: number }
  | { kind: 'end'; start: number };

export type Punct = '(' | ')' | '[' | ']' | ',' | '=' | '/' | '*' | '+' | '-' | '.';

const PUNCT = new Set<string>(['(', ')', '[', ']', ',', '=', '/', '*', '+', '-', '.']);

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isNamePart(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9');
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

const SIMPLE_ESCAPES: Record<string, number> = {
  '\\': 0x5c,
  "'": 0x27,
  '"': 0x22,
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
};

/** Splits a Python expression into tokens, decoding string, bytes and integer literals as Python does. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (at: number, reason: string): never => {
    throw new ScapySyntaxError(source, at, reason);
  };
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isNameStart(c)) {
      while (i < source.length && isNamePart(source[i])) i++;
      const text = source.slice(start, i);
      const quote = source[i];
      if ((quote === '"' || quote === "'") && /^(b|r|u|br|rb)$/i.test(text)) {
        i = readString(source, i, text.toLowerCase(), start, tokens, fail);
        continue;
      }
      tokens.push({ kind: 'name', text, start });
      continue;
    }
    if (isDigit(c)) {
      i = readInt(source, i, tokens, fail);
      continue;
    }
    if (c === '"' || c === "'") {
      i = readString(source, i, '', start, tokens, fail);
      continue;
    }
    if (PUNCT.has(c)) {
      tokens.push({ kind: 'punct', text: c as Punct, start });
      i++;
      continue;
    }
    fail(i, `unexpected character ${JSON.stringify(c)}`);
  }
  tokens.push({ kind: 'end', start: source.length });
  return tokens;
}

function readInt(
  source: string,
  i: number,
  tokens: Token[],
  fail: (at: number, reason: string) => never,
): number {
  const start = i;
  let radix = 10;
  let digits: RegExp = /[0-9_]/;
  if (source[i] === '0' && /[xXoObB]/.test(source[i + 1] ?? '')) {
    const p = source[i + 1].toLowerCase();
    radix = p === 'x' ? 16 : p === 'o' ? 8 : 2;
    digits = radix === 16 ? /[0-9a-fA-F_]/ : radix === 8 ? /[0-7_]/ : /[01_]/;
    i += 2;
  }
  const bodyStart = i;
  while (i < source.length && digits.test(source[i])) i++;
  if (i < source.length && (isNamePart(source[i]) || source[i] === '.')) {
    fail(
      i,
      source[i] === '.' || source[i] === 'e' || source[i] === 'E'
        ? 'floating-point numbers are not supported'
        : `invalid digit ${JSON.stringify(source[i])} in a base-${radix} integer`,
    );
  }
  const body = source.slice(bodyStart, i);
  if (body === '' || (radix === 10 && body.startsWith('_')) || body.endsWith('_') || body.includes('__')) {
    fail(bodyStart, 'invalid integer literal (underscores go between digits)');
  }
  const clean = body.replaceAll('_', '');
  if (radix === 10 && clean.length > 1 && clean[0] === '0' && /[1-9]/.test(clean)) {
    fail(start, 'leading zeros are not allowed in decimal integers (use 0o for octal)');
  }
  const big = BigInt(radix === 10 ? clean : `0${source[start + 1].toLowerCase()}${clean}`);
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) fail(start, 'integer too large');
  tokens.push({ kind: 'int', value: Number(big), start });
  return i;
}

function readString(
  source: string,
  i: number,
  prefix: string,
  start: number,
  tokens: Token[],
  fail: (at: number, reason: string) => never,
): number {
  const quote = source[i];
  const isBytes = prefix.includes('b');
  const isRaw = prefix.includes('r');
  if (source.startsWith(quote.repeat(3), i)) fail(i, 'triple-quoted strings are not supported');
  i++;
  const units: number[] = [];
  let text = '';
  const push = (code: number, at: number) => {
    if (isBytes) {
      if (code > 0xff) fail(at, 'bytes literals can only contain ASCII characters');
      units.push(code);
    } else text += String.fromCodePoint(code);
  };
  for (;;) {
    if (i >= source.length || source[i] === '\n') fail(start, 'unterminated string literal');
    const c = source[i];
    if (c === quote) {
      i++;
      break;
    }
    if (c !== '\\') {
      const code = source.codePointAt(i)!;
      if (isBytes && code > 0x7f) fail(i, 'bytes literals can only contain ASCII characters');
      push(code, i);
      i += code > 0xffff ? 2 : 1;
      continue;
    }
    const escStart = i;
    const e = source[i + 1];
    if (e === undefined) fail(start, 'unterminated string literal');
    if (isRaw) {
      push(0x5c, i);
      push(e.charCodeAt(0), i + 1);
      i += 2;
      continue;
    }
    i += 2;
    if (e in SIMPLE_ESCAPES) push(SIMPLE_ESCAPES[e], escStart);
    else if (e === '\n') {
      // A backslash-newline continues the literal on the next line.
    } else if (e === 'x') {
      const hex = source.slice(i, i + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) fail(escStart, 'truncated \\xXX escape');
      push(Number.parseInt(hex, 16), escStart);
      i += 2;
    } else if (e >= '0' && e <= '7') {
      let oct = e;
      while (oct.length < 3 && source[i] >= '0' && source[i] <= '7') oct += source[i++];
      const code = Number.parseInt(oct, 8);
      if (isBytes) push(code & 0xff, escStart);
      else push(code, escStart);
    } else if (!isBytes && (e === 'u' || e === 'U')) {
      const n = e === 'u' ? 4 : 8;
      const hex = source.slice(i, i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) fail(escStart, `truncated \\${e} escape`);
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) fail(escStart, 'unicode escape out of range');
      push(code, escStart);
      i += n;
    } else {
      // Python keeps an unknown escape as the backslash and the character.
      push(0x5c, escStart);
      push(e.charCodeAt(0), escStart + 1);
    }
  }
  if (isBytes) tokens.push({ kind: 'bytes', value: Uint8Array.from(units), start });
  else tokens.push({ kind: 'str', value: text, start });
  return i;
}
