/** A classic little-endian microsecond pcap file holding `frames`, for tshark to read back. */
export function pcapFile(linktype: number, frames: readonly Uint8Array[]): Uint8Array {
  const size = 24 + frames.reduce((n, f) => n + 16 + f.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 65535, true);
  view.setUint32(20, linktype, true);
  let o = 24;
  frames.forEach((frame, i) => {
    view.setUint32(o, 1_700_000_000 + i, true);
    view.setUint32(o + 8, frame.length, true);
    view.setUint32(o + 12, frame.length, true);
    out.set(frame, o + 16);
    o += 16 + frame.length;
  });
  return out;
}
