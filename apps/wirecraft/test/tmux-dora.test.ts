import { afterAll, describe, expect, it } from '@jest/globals';
import { waitFor, wirecraftArgv } from './run-wirecraft.js';
import { TmuxSession, tmuxAvailable } from './tmux-session.js';

const describeTmux = tmuxAvailable() ? describe : describe.skip;
if (!tmuxAvailable()) console.warn('skipping tmux tests: tmux is not installed');

describeTmux('pnpm wirecraft dora in a real 80x24 terminal (tmux)', () => {
  const sessions: TmuxSession[] = [];
  afterAll(() => {
    for (const session of sessions) session.kill();
    TmuxSession.killServer();
  });

  it('draws the DORA timeline and the lease box, fits the screen and exits 0 by itself', async () => {
    const session = new TmuxSession('pnpm wirecraft dora', { NO_COLOR: '1' });
    sessions.push(session);
    const { code, screen } = await session.exit(90_000);
    expect(code).toBe(0);
    const lines = screen.split('\n');
    expect(lines.find((l) => l.startsWith('wirecraft dora embedded virtual link'))).toBeDefined();
    const timeline = lines
      .map((l) => /^[→←] \+\d+\.\d{3}s (\w+) +xid=0x[0-9a-f]{8}/.exec(l)?.[1])
      .filter((t) => t !== undefined);
    expect(timeline).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK']);
    expect(screen).toMatch(/│ Lease \(obtained\) +│/);
    expect(screen).toMatch(/│ address +198\.18\.0\.100 \/ 255\.255\.255\.0 +│/);
    expect(screen).toMatch(/│ router +198\.18\.0\.1 +│/);
    expect(screen).toMatch(/│ T1 \/ T2 +1800 s \(30m\) \/ 3150 s \(52m30s\) +│/);
    expect(screen).toContain('done: 198.18.0.100 bound');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
  }, 120_000);

  it("with --offers 2 lists both servers' offers on screen", async () => {
    const session = new TmuxSession('pnpm wirecraft dora --offers 2 --offer-window 0.5', { NO_COLOR: '1' });
    sessions.push(session);
    const { code, screen } = await session.exit(90_000);
    expect(code).toBe(0);
    expect(screen).toContain('Offers (2)');
    expect(screen).toMatch(/^✔ 198\.18\.0\.100 +from 198\.18\.0\.1 +at \+\d/m);
    expect(screen).toMatch(/^ {2}198\.18\.0\.140 +from 198\.18\.0\.2 +at \+\d/m);
  }, 120_000);

  it('Ctrl-C while waiting for offers stops cleanly: exit 1, one error line, the shell prompt usable', async () => {
    // node directly, not pnpm: pnpm itself dies of the SIGINT, and bash then drops the rest of the line.
    // Asking for one offer more than the built-in servers (at most 3) keeps it in SELECTING for the window.
    const command = wirecraftArgv(['dora', '--offers', '4', '--offer-window', '60']).join(' ');
    const session = new TmuxSession(command, { NO_COLOR: '1' });
    sessions.push(session);
    await waitFor(
      () => (session.screen().includes('Offers (3)') ? true : undefined),
      90_000,
      'the three offers on screen',
    );
    session.sendKeys('C-c');
    const { code, screen } = await session.exit(30_000);
    expect(code).toBe(1);
    expect(screen).toContain('failed: interrupted while SELECTING');
    expect(screen).toMatch(/^wirecraft dora: interrupted while SELECTING$/m);
  }, 150_000);
});
