import { type CancelTimer, realClock, type TimerClock } from '@wirecraft/dhcp';

/**
 * The DHCP client's clock, with a way to end its offer window early (`dora --offers N`: stop waiting as
 * soon as N offers are in).
 *
 * The client collects offers for a fixed window and then applies its policy; it has no "enough offers"
 * option, and packages/dhcp is not this command's to change. The window is the one timer the client
 * sets while handling the first OFFER (right after it reports that offer), so `expectWindow()` called
 * from the first 'offer' event marks the next timer as the window, and `closeWindow()` runs that timer's
 * callback at once: the client then chooses exactly as it does when the window runs out.
 */
export interface OfferWindowClock {
  readonly clock: TimerClock;
  /**
   * Call from the first 'offer' event with the window's length in real ms: the next timer the client sets
   * is its offer window. A timer of any other length is left alone (then the window simply runs out).
   */
  expectWindow(delayMs: number): void;
  /** Ends the offer window now; false when no window is open (not armed yet, or already over). */
  closeWindow(): boolean;
}

export function offerWindowClock(base: TimerClock = realClock): OfferWindowClock {
  let expecting: number | undefined;
  let openWindow: { fire: () => void; cancel: CancelTimer } | undefined;
  const clock: TimerClock = {
    now: () => base.now(),
    setTimer(callback, delayMs) {
      const isWindow = expecting === delayMs;
      expecting = undefined;
      if (!isWindow) return base.setTimer(callback, delayMs);
      let over = false;
      let cancelBase: CancelTimer = () => {};
      const end = () => {
        over = true;
        openWindow = undefined;
        cancelBase();
      };
      const fire = () => {
        if (over) return;
        end();
        callback();
      };
      cancelBase = base.setTimer(fire, delayMs);
      openWindow = { fire, cancel: end };
      return end;
    },
  };
  return {
    clock,
    expectWindow(delayMs) {
      expecting = delayMs;
    },
    closeWindow() {
      const open = openWindow;
      if (open === undefined) return false;
      // Not from inside the client's reply handler that reported the offer: it finishes first.
      queueMicrotask(open.fire);
      return true;
    },
  };
}
