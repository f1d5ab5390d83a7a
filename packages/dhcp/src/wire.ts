// DHCP on the wire: the message model, frame composition and recognition, shared by client and server.
export * from './wire/dhcp-constants.js';
export * from './wire/dhcp-frame.js';
export * from './wire/dhcp-message.js';
export * from './wire/dhcp-receive.js';
export * from './wire/message-summary.js';
