export class LoadOptionError extends Error {
  override name = 'LoadOptionError';
  constructor(
    readonly option: string,
    readonly value: unknown,
    fix: string,
  ) {
    super(`runLoad option ${option} = ${JSON.stringify(value)} is invalid: ${fix}`);
  }
}
