import type { Frame } from '@wirecraft/capture';
import { BOOTP, dissect, type Packet } from '@wirecraft/packet';

/** A client message of a capture and what the server(s) answered to it in that capture. */
export interface RecordedExchange {
  /** 1-based frame number in the capture, as tshark and Wireshark count. */
  frameNumber: number;
  frame: Frame;
  request: Packet;
  /** The first recorded answer (same xid and chaddr, after the request), if any. */
  reply?: Packet;
  replyFrameNumber?: number;
  /** Further recorded answers to the same request (a second server's OFFER, a duplicate). */
  extraReplies: number;
}

export interface RecordedCapture {
  exchanges: RecordedExchange[];
  /** Frames that are not BOOTP/DHCP (ARP, DNS, IPv6...) and so are not replayed. */
  otherFrames: number;
  /** Server messages that follow no client message of the capture (the capture began mid-exchange). */
  unpairedReplies: number;
}

/** xid and the client's hardware address: what a server must echo, and all a client can match on. */
export function exchangeKey(bootp: { xid: number; hlen: number; chaddr: Uint8Array }): string {
  const length = Math.min(bootp.hlen, 16);
  let mac = '';
  for (let i = 0; i < length; i++) mac += bootp.chaddr[i].toString(16).padStart(2, '0');
  return `${bootp.xid}/${mac}`;
}

/**
 * Splits a capture into client messages (BOOTP op 1) and pairs each server message (op 2) with the earliest
 * client message before it that has the same key and no answer yet: a server answers retransmissions in
 * order, so two DISCOVERs and two OFFERs pair up first to first. Answers beyond that count as extra.
 */
export function recordedExchanges(frames: Iterable<Frame>): RecordedCapture {
  const exchanges: RecordedExchange[] = [];
  const open = new Map<string, RecordedExchange[]>();
  let otherFrames = 0;
  let unpairedReplies = 0;
  let frameNumber = 0;
  for (const frame of frames) {
    frameNumber++;
    const packet = dissect(frame.data, { linktype: frame.linktype });
    const bootp = packet.get(BOOTP);
    if (!bootp) {
      otherFrames++;
      continue;
    }
    const key = exchangeKey(bootp);
    if (bootp.op === 1) {
      const exchange: RecordedExchange = { frameNumber, frame, request: packet, extraReplies: 0 };
      exchanges.push(exchange);
      const list = open.get(key);
      if (list) list.push(exchange);
      else open.set(key, [exchange]);
      continue;
    }
    if (bootp.op !== 2) {
      otherFrames++;
      continue;
    }
    const candidates = open.get(key) ?? [];
    const unanswered = candidates.find((e) => e.reply === undefined);
    if (unanswered) {
      unanswered.reply = packet;
      unanswered.replyFrameNumber = frameNumber;
    } else if (candidates.length > 0) {
      candidates[candidates.length - 1].extraReplies++;
    } else {
      unpairedReplies++;
    }
  }
  return { exchanges, otherFrames, unpairedReplies };
}
