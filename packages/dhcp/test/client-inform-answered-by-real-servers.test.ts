import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { LiveLink } from '@wirecraft/capture';
import { describeLab, type Lab, startDnsmasq, startKea } from '@wirecraft/lab';
import { createDhcpClient, type DhcpClientEvent } from '../src/index.js';
import { openClientLab } from './client-support/client-lab.js';

/**
 * DHCPINFORM (RFC 2131 §4.3.5): the server sends its ACK straight to ciaddr. dnsmasq does so through its
 * kernel, which must first resolve ciaddr by ARP: a client without an IP stack has to answer that ARP for
 * the address it informs about, or the ACK never leaves the server. kea builds the frame itself from chaddr.
 */
describeLab('our client informs real servers about an address configured by other means', () => {
  let lab: Lab;
  let link: LiveLink;
  let net: string;

  beforeAll(async () => {
    ({ lab, link, net } = await openClientLab('wc-cli-inform'));
  }, 30_000);

  afterAll(async () => {
    await link?.close();
    await lab?.close();
  });

  async function informThrough(startServer: () => Promise<{ stop(): Promise<void> }>, mac: string) {
    const server = await startServer();
    const client = createDhcpClient({ link, mac, maxAttempts: 2, backoff: { initialMs: 2000, jitterMs: 0 } });
    const events: DhcpClientEvent[] = [];
    client.on((event) => events.push(event));
    try {
      const ack = await client.inform(`${net}.77`);
      return { ack, events, state: client.state };
    } finally {
      await client.stop();
      await server.stop();
    }
  }

  it('dnsmasq: the ACK is unicast to ciaddr after our ARP answer, with the configuration and no lease', async () => {
    const { ack, events, state } = await informThrough(
      () =>
        startDnsmasq(lab, {
          rangeStart: `${net}.50`,
          rangeEnd: `${net}.60`,
          router: lab.peerAddress,
          dns: '198.18.0.53',
        }),
      '02:00:00:00:23:01',
    );
    expect(ack.yiaddr).toBe('0.0.0.0');
    expect(ack.option('router')).toEqual([lab.peerAddress]);
    expect(ack.option('name_server')).toEqual(['198.18.0.53']);
    expect(ack.option('lease_time')).toBeUndefined();
    expect(events.some((e) => e.type === 'arp-answered' && e.address === `${net}.77`)).toBe(true);
    expect(events.findLast((e) => e.type === 'received')).toMatchObject({
      summary: { messageType: 'ACK', dstIp: `${net}.77`, dstMac: '02:00:00:00:23:01' },
    });
    expect(state).toBe('INIT');
  });

  it('kea: the ACK comes to ciaddr at chaddr', async () => {
    const { ack, events } = await informThrough(
      () => startKea(lab, { pool: `${net}.50 - ${net}.60`, router: lab.peerAddress, dns: '198.18.0.53' }),
      '02:00:00:00:23:02',
    );
    expect(ack.option('router')).toEqual([lab.peerAddress]);
    expect(ack.option('name_server')).toEqual(['198.18.0.53']);
    expect(events.findLast((e) => e.type === 'received')).toMatchObject({
      summary: { messageType: 'ACK', dstIp: `${net}.77`, dstMac: '02:00:00:00:23:02' },
    });
  });
});
