import type { Frame } from '@wirecraft/capture';
import { dissect, type Packet, summary, toJSON } from '@wirecraft/packet';

/** One captured frame as the sniff screen and the JSON lines use it; dissected once, on arrival. */
export interface SniffedFrame {
  id: number;
  /** Seconds since the epoch, with the capture's sub-second digits. */
  time: number;
  /** Seconds since the first frame of this run. */
  relative: number;
  length: number;
  packet: Packet;
  summary: string;
  data: Uint8Array;
}

export function sniffedFrame(id: number, frame: Frame, firstTime: number | undefined): SniffedFrame {
  const time = frame.timestamp.seconds + frame.timestamp.nanoseconds / 1e9;
  const packet = dissect(frame.data, { linktype: frame.linktype });
  return {
    id,
    time,
    relative: firstTime === undefined ? 0 : time - firstTime,
    length: frame.originalLength,
    packet,
    summary: summary(packet),
    data: frame.data,
  };
}

/** The decode command's JSON form of a packet, plus when it was captured and its length on the wire. */
export function sniffedFrameJson(frame: SniffedFrame): Record<string, unknown> {
  return { time: Number(frame.time.toFixed(9)), length: frame.length, ...toJSON(frame.packet) };
}
