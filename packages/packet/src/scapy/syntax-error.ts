/**
 * A scapy expression that does not parse. The message names the 1-based column and shows the expression
 * with a caret under the offending character, so a pasted one-liner's typo is easy to find.
 */
export class ScapySyntaxError extends Error {
  override name = 'ScapySyntaxError';
  /** 1-based column of the offending character. */
  readonly column: number;
  constructor(
    readonly source: string,
    offset: number,
    readonly reason: string,
  ) {
    super(`${reason} at column ${offset + 1}\n${caretExcerpt(source, offset)}`);
    this.column = offset + 1;
  }
}

/** The source line and a caret under `offset`; long expressions are windowed around the caret. */
export function caretExcerpt(source: string, offset: number): string {
  const window = 100;
  let start = 0;
  let prefix = '';
  if (offset > window - 20) {
    start = offset - (window - 20);
    prefix = '…';
  }
  const end = Math.min(source.length, start + window);
  const suffix = end < source.length ? '…' : '';
  const text = `${prefix}${source.slice(start, end)}${suffix}`;
  return `  ${text}\n  ${' '.repeat(prefix.length + offset - start)}^`;
}
