import { describe, expect, it, jest } from '@jest/globals';
import { render } from 'ink-testing-library';
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
});
