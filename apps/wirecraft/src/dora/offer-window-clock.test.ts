import { describe, expect, it } from '@jest/globals';
import { manualTimerClock } from '@wirecraft/dhcp';
import { offerWindowClock } from './offer-window-clock.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('offerWindowClock', () => {
  it('closeWindow runs the armed window timer at once, and only once', async () => {
    const base = manualTimerClock();
    const window = offerWindowClock(base);
    const fired: string[] = [];
    window.clock.setTimer(() => fired.push('retransmit'), 4000);
    window.expectWindow(1000);
    window.clock.setTimer(() => fired.push('window'), 1000);
    expect(window.closeWindow()).toBe(true);
    expect(fired).toEqual([]);
    await settle();
    expect(fired).toEqual(['window']);
    expect(window.closeWindow()).toBe(false);
    base.advance(5000);
    expect(fired).toEqual(['window', 'retransmit']);
    expect(base.pending).toBe(0);
  });

  it('a window that runs out fires once; closing it afterwards does nothing', () => {
    const base = manualTimerClock();
    const window = offerWindowClock(base);
    const fired: string[] = [];
    window.expectWindow(1000);
    window.clock.setTimer(() => fired.push('window'), 1000);
    base.advance(1000);
    expect(fired).toEqual(['window']);
    expect(window.closeWindow()).toBe(false);
  });

  it('only the next timer of the expected length counts as the window; a cancelled window cannot fire', async () => {
    const base = manualTimerClock();
    const window = offerWindowClock(base);
    const fired: string[] = [];
    window.expectWindow(1000);
    window.clock.setTimer(() => fired.push('other'), 250);
    expect(window.closeWindow()).toBe(false);
    window.expectWindow(1000);
    const cancel = window.clock.setTimer(() => fired.push('window'), 1000);
    cancel();
    expect(window.closeWindow()).toBe(false);
    await settle();
    base.advance(2000);
    expect(fired).toEqual(['other']);
  });
});
