/** RFC 2131 figure 5 client states. */
export type ClientState =
  | 'INIT'
  | 'SELECTING'
  | 'REQUESTING'
  | 'BOUND'
  | 'RENEWING'
  | 'REBINDING'
  | 'INIT-REBOOT'
  | 'REBOOTING'
  | 'INFORMING'
  | 'STOPPED';
