export class DhcpClientError extends Error {
  override name = 'DhcpClientError';
}

export class ClientOptionError extends DhcpClientError {
  override name = 'ClientOptionError';
  constructor(
    readonly option: string,
    readonly value: unknown,
    fix: string,
  ) {
    super(`createDhcpClient option ${option} = ${JSON.stringify(value)} is invalid: ${fix}`);
  }
}

/** No acceptable reply after every retransmission; `sentAt` lists when each attempt went out (ms). */
export class NoResponseError extends DhcpClientError {
  override name = 'NoResponseError';
  constructor(
    readonly operation: string,
    readonly attempts: number,
    readonly sentAt: readonly number[],
  ) {
    super(
      `no reply to ${operation} after ${attempts} attempt(s) sent at ${sentAt.map((t) => `${t.toFixed(1)} ms`).join(', ')}; ` +
        'check that a DHCP server serves this link (and that the link filter passes udp ports 67/68)',
    );
  }
}

export class NakError extends DhcpClientError {
  override name = 'NakError';
  constructor(
    readonly operation: string,
    readonly serverId: string | undefined,
    readonly serverMessage: string | undefined,
  ) {
    super(
      `${operation} was refused with DHCPNAK by ${serverId ?? 'an unknown server'}` +
        (serverMessage ? `: "${serverMessage}"` : '') +
        '; the client is back in INIT (call obtain() for a new lease)',
    );
  }
}

/** The operation needs a state the client is not in (e.g. renew() without a lease). */
export class ClientStateError extends DhcpClientError {
  override name = 'ClientStateError';
  constructor(
    readonly operation: string,
    readonly state: string,
    fix: string,
  ) {
    super(`${operation}() is not possible in state ${state}: ${fix}`);
  }
}

export class AddressInUseError extends DhcpClientError {
  override name = 'AddressInUseError';
  constructor(
    readonly address: string,
    readonly ownerMac: string,
  ) {
    super(
      `offered address ${address} answered an ARP probe from ${ownerMac}; it was declined (RFC 2131 §3.1.5)`,
    );
  }
}
