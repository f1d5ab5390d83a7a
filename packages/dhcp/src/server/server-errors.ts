import { DhcpConfigError } from '../leases/lease-errors.js';

/** Server settings errors share the lease store's DhcpConfigError (field, value, fix). */
export { DhcpConfigError };

export class DhcpServerError extends Error {
  override name = 'DhcpServerError';
}

/** start() on a running server, or a second start after stop(). */
export class ServerStateError extends DhcpServerError {
  override name = 'ServerStateError';
  constructor(
    readonly operation: string,
    readonly state: string,
  ) {
    super(`cannot ${operation} a DHCP server that is ${state}; create a new server instead`);
  }
}
