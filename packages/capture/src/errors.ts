/**
 * Typed errors for links and capture. Each names the thing at fault and, where there is one, the fix,
 * so a user never has to decode a libpcap message.
 */
export class CaptureError extends Error {
  override name = 'CaptureError';
}

export class NoSuchInterfaceError extends CaptureError {
  override name = 'NoSuchInterfaceError';
  constructor(
    readonly iface: string,
    readonly existing: readonly string[],
  ) {
    super(`${iface}: no such interface; existing: ${existing.length > 0 ? existing.join(', ') : '(none)'}`);
  }
}

export class PermissionError extends CaptureError {
  override name = 'PermissionError';
  constructor(
    readonly iface: string,
    readonly detail: string,
  ) {
    super(
      `capturing on ${iface} needs root or CAP_NET_RAW (try sudo, or setcap cap_net_raw+ep $(which node)); libpcap said: ${detail}`,
    );
  }
}

export class InvalidFilterError extends CaptureError {
  override name = 'InvalidFilterError';
  constructor(
    readonly filter: string,
    readonly detail: string,
  ) {
    super(`invalid BPF filter ${JSON.stringify(filter)}: ${detail} (see man pcap-filter for the syntax)`);
  }
}

export class InterfaceDownError extends CaptureError {
  override name = 'InterfaceDownError';
  constructor(readonly iface: string) {
    super(`${iface}: interface is down (bring it up with: ip link set ${iface} up)`);
  }
}

export class LinkClosedError extends CaptureError {
  override name = 'LinkClosedError';
  constructor(readonly link: string) {
    super(`${link}: link is closed; open a new link to send`);
  }
}

/** A send the OS refused (frame larger than the MTU, device that cannot send, ...). */
export class SendFailedError extends CaptureError {
  override name = 'SendFailedError';
  constructor(
    readonly link: string,
    readonly frameLength: number,
    readonly detail: string,
  ) {
    super(`${link}: sending a ${frameLength}-byte frame failed: ${detail}`);
  }
}

/** An open that failed for a reason none of the specific errors describe. */
export class LinkOpenError extends CaptureError {
  override name = 'LinkOpenError';
  constructor(
    readonly iface: string,
    readonly detail: string,
  ) {
    super(`${iface}: cannot open for capture: ${detail}`);
  }
}

export class InvalidOptionError extends CaptureError {
  override name = 'InvalidOptionError';
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${option}: invalid value ${JSON.stringify(value)}; expected ${expected}`);
  }
}
