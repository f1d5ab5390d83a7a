import { afterAll, describe, expect, it } from '@jest/globals';
import { waitFor, wirecraftArgv } from './run-wirecraft.js';
import { TmuxSession, tmuxAvailable } from './tmux-session.js';

const describeTmux = tmuxAvailable() ? describe : describe.skip;

describeTmux('wirecraft compose in a real 80x24 terminal (tmux)', () => {
  const sessions: TmuxSession[] = [];
  afterAll(() => {
    for (const session of sessions) session.kill();
    TmuxSession.killServer();
  });

  it('typing into the expression changes the hexdump; Esc quits with exit 0', async () => {
    const command = `${wirecraftArgv(['compose', '--expr', '"IP(ttl=1)"']).join(' ')}`;
    const session = new TmuxSession(command, { NO_COLOR: '1' });
    sessions.push(session);
    await waitFor(
      () => (/^0000 {2}45 00 00 14 00 01 00 00 01 /m.test(session.screen()) ? true : undefined),
      90_000,
      'the first hexdump',
    );
    expect(session.screen()).toContain('type to edit');
    session.sendKeys('BSpace', 'BSpace', '9)');
    await waitFor(
      () => (/^0000 {2}45 00 00 14 00 01 00 00 09 /m.test(session.screen()) ? true : undefined),
      10_000,
      'the hexdump with ttl 9',
    );
    expect(session.screen()).toMatch(/ttl += 9/);
    session.sendKeys('Escape');
    const { code } = await session.exit(20_000);
    expect(code).toBe(0);
  }, 150_000);
});
