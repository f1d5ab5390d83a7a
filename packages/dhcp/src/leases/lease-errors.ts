/** Typed errors of the lease store: each names the thing at fault, its value and, where there is one, the fix. */
export class LeaseError extends Error {
  override name = 'LeaseError';
}

/** A pool, subnet or reservation setting the server cannot use. */
export class DhcpConfigError extends LeaseError {
  override name = 'DhcpConfigError';
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly fix: string,
  ) {
    super(`${field}: ${JSON.stringify(value)} is not usable: ${fix}`);
  }
}

/** A lease file line that cannot be read back; the file is left untouched so nothing is lost silently. */
export class LeaseFileError extends LeaseError {
  override name = 'LeaseFileError';
  constructor(
    readonly path: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(
      `${path}:${line}: ${reason} (the lease file is written only by the server; restore it from a backup or move it away to start empty)`,
    );
  }
}
