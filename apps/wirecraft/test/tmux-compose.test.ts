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

  it('field list: a bad ttl is refused with the reason, a good one changes the hexdump; a layer is added', async () => {
    const command = `${wirecraftArgv(['compose', '--expr', '"Ether()/IP(ttl=1)"']).join(' ')}`;
    const session = new TmuxSession(command, { NO_COLOR: '1' });
    sessions.push(session);
    const screenMatching = (pattern: RegExp, what: string, timeoutMs = 10_000) =>
      waitFor(() => (pattern.test(session.screen()) ? true : undefined), timeoutMs, what);
    await screenMatching(/✔ 34 bytes/, 'the composed packet', 90_000);
    session.sendKeys('Tab');
    await screenMatching(/Enter edit · a add layer/, 'the field list and its help');
    // The help wraps rather than losing its end at 80 columns.
    expect(session.screen()).toMatch(/Esc quit\s*$/);
    // Ether.dst is selected; IP.ttl is 11 rows down.
    for (let i = 0; i < 11; i++) session.sendKeys('Down');
    session.sendKeys('Enter', 'BSpace', '9', '9', '9');
    await screenMatching(/✘ IP\.ttl: expected an integer 0\.\.255 \(got 999\)/, 'the refusal of ttl 999');
    session.sendKeys('Enter');
    // Refused: still editing, and the packet still has ttl 1.
    await screenMatching(/ttl {7}= 999█/, 'the edit still open');
    expect(session.screen()).toMatch(/^0010 {2}00 14 00 01 00 00 01 /m);
    session.sendKeys('BSpace', 'BSpace', 'Enter');
    await screenMatching(/^0010 {2}00 14 00 01 00 00 09 /m, 'the hexdump with ttl 9');
    expect(session.screen()).toMatch(/✔ ttl set/);
    session.sendKeys('a', 'U', 'D', 'P', 'Enter');
    await screenMatching(/✔ added UDP/, 'the UDP layer added');
    // The expression line is cut at the start to fit 80 columns; its end shows the new layer.
    expect(session.screen().split('\n')[0]).toMatch(/\/IP\(ttl=9, src='0\.0\.0\.0'\)\/UDP\(\)$/);
    session.sendKeys('Escape');
    const { code } = await session.exit(20_000);
    expect(code).toBe(0);
  }, 150_000);
});
