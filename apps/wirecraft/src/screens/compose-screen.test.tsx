import { describe, expect, it, jest } from '@jest/globals';
import type { Packet } from '@wirecraft/packet';
import { render } from 'ink-testing-library';
import { sendAndMatch } from '../compose/send-and-match.js';
import { embeddedDoraPlans, startEmbeddedNetwork } from '../dora/embedded-network.js';
import type { ComposeScreenProps } from './compose-screen.js';
import { ComposeScreen } from './compose-screen.js';

const wait = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ComposeScreen', () => {
  it('updates the show() tree and hexdump as the expression is typed; a bad value is shown, never accepted', async () => {
    const onQuit = jest.fn();
    const onSave = jest.fn(async (bytes: Uint8Array) => `saved ${bytes.length}`);
    const { lastFrame, stdin, unmount } = render(
      <ComposeScreen initial="IP(ttl=1" color={false} saveTarget="x.pcap" onSave={onSave} onQuit={onQuit} />,
    );
    expect(lastFrame()).toMatch(/✘ /);
    expect(lastFrame()).toContain('^X send (off)');
    await wait(200);
    stdin.write(')');
    await wait();
    const good = lastFrame() ?? '';
    expect(good).toContain('✔ 20 bytes');
    expect(good).toMatch(/ttl += 1/);
    expect(good).toMatch(/^0000 {2}45 00 00 14 00 01 00 00 01 /m);
    for (const key of ['\u007F', '\u007F', '2', ')']) {
      stdin.write(key);
      await wait();
    }
    const changed = lastFrame() ?? '';
    expect(changed).toMatch(/ttl += 2/);
    expect(changed).toMatch(/^0000 {2}45 00 00 14 00 01 00 00 02 /m);
    stdin.write('\u007F');
    await wait();
    stdin.write('x');
    await wait();
    const bad = lastFrame() ?? '';
    expect(bad).toMatch(/✘ .*\(showing the last valid packet\)/);
    expect(bad).toMatch(/ttl += 2/);
    stdin.write('\u0013'); // Ctrl-S saves the last valid packet
    await wait();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0][0][8]).toBe(2);
    stdin.write('\u001B');
    await wait(100);
    expect(onQuit).toHaveBeenCalled();
    unmount();
  });

  const DOWN = '\u001B[B';
  const TAB = '\t';
  const ENTER = '\r';
  const ESC = '\u001B';
  const BACKSPACE = '\u007F';

  async function press(stdin: { write(data: string): void }, ...keys: string[]) {
    for (const key of keys) {
      stdin.write(key);
      await wait();
    }
  }

  /** Renders the screen (no colour, saves and quits do nothing unless given) and lets it settle. */
  async function renderSettled(props: Partial<ComposeScreenProps> & { initial: string }) {
    const rendered = render(
      <ComposeScreen
        color={false}
        saveTarget="x.pcap"
        onSave={async () => ''}
        onQuit={() => {}}
        {...props}
      />,
    );
    await wait(200);
    return rendered;
  }

  it('field list: a bad value is red with the reason and never applied; a good one changes the hexdump', async () => {
    const { lastFrame, stdin, unmount } = await renderSettled({ initial: 'Ether()/IP(ttl=1)' });
    expect(lastFrame()).toContain('Tab fields');
    await press(stdin, TAB);
    const fields = lastFrame() ?? '';
    expect(fields).toContain('###[ IP ]###');
    expect(fields).toMatch(/len {7}= auto → 20/);
    expect(fields).toContain(
      '↑↓ Enter edit · a add layer · d remove · Tab expr · ^S save · ^X send (off) · Esc quit',
    );
    // Row 1 is Ether.dst; IP.ttl is 11 rows further down.
    await press(stdin, ...Array(11).fill(DOWN), ENTER);
    expect(lastFrame()).toMatch(/ttl {7}= 1█/);
    expect(lastFrame()).toContain(
      'type a value (scapy syntax; empty = auto) · Enter applies if valid · Esc cancel',
    );
    await press(stdin, BACKSPACE, '3', '0', '0');
    const bad = lastFrame() ?? '';
    expect(bad).toMatch(/ttl {7}= 300█/);
    expect(bad).toContain('✘ IP.ttl: expected an integer 0..255 (got 300)');
    await press(stdin, ENTER);
    // Still editing: the bad value was not applied, the packet still has ttl 1.
    expect(lastFrame()).toMatch(/ttl {7}= 300█/);
    expect(lastFrame()).toMatch(/^0010 {2}00 14 00 01 00 00 01 /m);
    await press(stdin, BACKSPACE, BACKSPACE);
    expect(lastFrame()).toContain('✔ valid: Enter applies it');
    await press(stdin, ENTER);
    const applied = lastFrame() ?? '';
    expect(applied).toContain('✔ ttl set');
    expect(applied).toMatch(/ttl {7}= 3$/m);
    expect(applied).toMatch(/^compose› .*IP\(ttl=3, /m);
    // The hexdump under the field list: IP ttl (byte 0x16) is now 3.
    expect(applied).toMatch(/^0010 {2}00 14 00 01 00 00 03 /m);
    unmount();
  });

  it('layer picker adds a layer after the selected one; d removes the selected layer', async () => {
    const { lastFrame, stdin, unmount } = await renderSettled({ initial: 'Ether()/IP()' });
    await press(stdin, TAB, 'a');
    expect(lastFrame()).toContain('add a layer after Ether:');
    expect(lastFrame()).toContain('type to filter · ↑↓ choose · Enter add the layer · Esc cancel');
    await press(stdin, 'd', 'o', 't', '1');
    const picker = lastFrame() ?? '';
    expect(picker).toContain('› Dot1Q');
    expect(picker).toContain('Dot1AD');
    expect(picker).not.toContain('BOOTP');
    await press(stdin, ENTER);
    expect(lastFrame()).toContain('✔ added Dot1Q');
    expect(lastFrame()).toMatch(/^compose› .*\/Dot1Q\(\)\/IP\(/m);
    expect(lastFrame()).toContain('###[ Dot1Q ]###');
    // Ether has 3 fields: row 4 is the Dot1Q heading.
    await press(stdin, DOWN, DOWN, DOWN, 'd');
    expect(lastFrame()).toContain('✔ removed Dot1Q');
    expect(lastFrame()).not.toContain('Dot1Q()');
    unmount();
  });

  it('^X sends on the link and lists the answers matched to the packet (two DHCP servers offer)', async () => {
    const network = await startEmbeddedNetwork(embeddedDoraPlans(2));
    try {
      const discover =
        "Ether(dst='ff:ff:ff:ff:ff:ff', src='02:00:00:00:00:07')/IP(src='0.0.0.0', dst='255.255.255.255')/UDP(sport=68, dport=67)/BOOTP(chaddr=mac2str('02:00:00:00:00:07'), xid=0x5eed)/DHCP(options=[('message-type', 'discover'), 'end'])";
      const { lastFrame, stdin, unmount } = await renderSettled({
        initial: discover,
        iface: 'embedded',
        onSend: (packet: Packet) => sendAndMatch(network.link, packet, 300),
      });
      expect(lastFrame()).toContain('^X send on embedded');
      await press(stdin, '\u0018');
      for (let i = 0; i < 50 && !(lastFrame() ?? '').includes('answers in'); i++) await wait(50);
      const frame = lastFrame() ?? '';
      expect(frame).toContain('sent on embedded0: 2 answers in 0.3 s');
      expect(frame).toContain('answers matched to the sent packet:');
      expect(frame).toMatch(/1\. Ether \/ IP \/ UDP 198\.18\.0\.[12]:67 > .* DHCP Offer {2}\(\d+\.\d ms\)/);
      expect(frame).toMatch(/2\. Ether \/ IP \/ UDP 198\.18\.0\.[12]:67 > .* DHCP Offer/);
      unmount();
    } finally {
      await network.close();
    }
  });

  it('Esc in a field edit cancels it; Esc in the list quits', async () => {
    const onQuit = jest.fn();
    const { lastFrame, stdin, unmount } = await renderSettled({ initial: 'IP(ttl=7)', onQuit });
    await press(stdin, TAB, ENTER, '9', ESC);
    expect(lastFrame()).toMatch(/version {3}= 4$/m);
    expect(onQuit).not.toHaveBeenCalled();
    await press(stdin, ESC);
    await wait(100);
    expect(onQuit).toHaveBeenCalled();
    unmount();
  });
});
