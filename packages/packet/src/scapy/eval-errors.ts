import { caretExcerpt } from './syntax-error.js';

/** A name in an expression that is neither a known layer nor a helper function. */
export class UnknownScapyNameError extends Error {
  override name = 'UnknownScapyNameError';
  constructor(
    readonly unknown: string,
    readonly layers: readonly string[],
    readonly functions: readonly string[],
    readonly suggestion?: string,
  ) {
    super(
      `unknown name '${unknown}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; layers: ${layers.join(', ')}; functions: ${functions.join(', ')}`,
    );
  }
}

/** An operation Python would reject or that we do not support (e.g. `1/2`, calling a bytes value). */
export class ScapyTypeError extends Error {
  override name = 'ScapyTypeError';
}

/**
 * Evaluation failed at a place in the expression. `cause` is the typed error underneath
 * (UnknownFieldError, FieldValueError, UnknownScapyNameError, ScapyTypeError, a DHCP option error...).
 */
export class ScapyEvalError extends Error {
  override name = 'ScapyEvalError';
  readonly column: number;
  constructor(
    readonly source: string,
    offset: number,
    override readonly cause: Error,
  ) {
    super(`${cause.message} at column ${offset + 1}\n${caretExcerpt(source, offset)}`);
    this.column = offset + 1;
  }
}
