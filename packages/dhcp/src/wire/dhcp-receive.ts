import type { FramesOptions, Link } from '@wirecraft/capture';
import { parseDhcpFrame, type ReceivedDhcp } from './dhcp-frame.js';

/**
 * The DHCP messages arriving on a link, in order. Registers with the link immediately (before the first
 * next()), so a caller that sends right after calling this sees every reply.
 */
export function dhcpMessages(link: Link, options: FramesOptions = {}): AsyncIterableIterator<ReceivedDhcp> {
  const frames = link.frames(options);
  const iterator: AsyncIterableIterator<ReceivedDhcp> = {
    [Symbol.asyncIterator]: () => iterator,
    async next(): Promise<IteratorResult<ReceivedDhcp>> {
      for (;;) {
        const result = await frames.next();
        if (result.done) return { value: undefined, done: true };
        const received = parseDhcpFrame(result.value);
        if (received) return { value: received, done: false };
      }
    },
    async return(): Promise<IteratorResult<ReceivedDhcp>> {
      await frames.return?.();
      return { value: undefined, done: true };
    },
  };
  return iterator;
}
