import { describe, expect, it, jest } from '@jest/globals';
import { LINKTYPE } from '@wirecraft/capture';
import { Ether, IP, packet, UDP } from '@wirecraft/packet';
import { render } from 'ink-testing-library';
import { sniffedFrame } from '../sniff/sniffed-frame.js';
import { SniffScreen } from './sniff-screen.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

const frames = [1000, 2000, 3000].map((dport, i) =>
  sniffedFrame(
    i,
    {
      data: packet(Ether({ src: '02:00:00:00:00:01' }), IP({ dst: '198.18.0.9' }), UDP({ dport })).build(),
      timestamp: { seconds: 100 + i, nanoseconds: 0, precision: 9 },
      originalLength: 42,
      linktype: LINKTYPE.ETHERNET,
    },
    i === 0 ? undefined : 100,
  ),
);

describe('SniffScreen', () => {
  it('lists summary lines; arrows select, Enter shows the show() tree and hexdump, q quits', async () => {
    const onQuit = jest.fn();
    const { lastFrame, stdin, unmount } = render(
      <SniffScreen
        setup="lo"
        frames={frames}
        total={3}
        drops="kernel unknown, queue 0"
        done={false}
        color={false}
        onQuit={onQuit}
      />,
    );
    expect(lastFrame()).toMatch(/^ {4}1 +0\.000000 Ether .*UDP/m);
    expect(lastFrame()).toMatch(/^ {4}3 +2\.000000 .*3000/m);
    expect(lastFrame()).toContain('3 frames, drops kernel unknown, queue 0');
    // Ink attaches its stdin listener in an effect after the first render: give it time.
    await new Promise((resolve) => setTimeout(resolve, 200));
    stdin.write('\u001B[A'); // up: selects frame 2
    await tick();
    stdin.write('\r');
    await tick();
    const detail = lastFrame() ?? '';
    expect(detail).toContain('#2 ');
    expect(detail).toMatch(/###\[ Ethernet \]###/);
    expect(detail).toMatch(/src += 02:00:00:00:00:01/);
    // Down scrolls the tree; at the bottom are the UDP layer and the hexdump.
    for (let i = 0; i < 30; i++) {
      stdin.write('\u001B[B');
      await tick();
    }
    const bottom = lastFrame() ?? '';
    expect(bottom).toMatch(/dport += 2000/);
    expect(bottom).toMatch(/^0000 {2}[0-9A-F]{2} /m);
    expect(bottom).not.toMatch(/###\[ Ethernet \]###/);
    stdin.write('q');
    await tick();
    expect(onQuit).toHaveBeenCalled();
    unmount();
  });
});
