import { describe, expect, it } from '@jest/globals';
import { formatIpv4, isCanonicalIpv4, parseIpv4, readIpv4 } from './ipv4.js';
import { HEX_BYTE, isCanonicalMac, readMac, writeMac } from './mac.js';

describe('address text on dissect (cached)', () => {
  it('every address reads as its own text, whatever shares its cache slot', () => {
    const bytes = new Uint8Array(4);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < 20_000; i++) {
      // Sequential and scattered addresses: neighbours and colliding slots both occur.
      const n = i < 10_000 ? (0xc6120000 + i) >>> 0 : Math.floor(Math.random() * 2 ** 32);
      view.setUint32(0, n);
      expect(readIpv4(bytes, 0)).toBe(formatIpv4(n));
      expect(readIpv4(bytes, 0)).toBe(formatIpv4(n));
    }
  });

  it('every MAC reads as its own text', () => {
    const bytes = new Uint8Array(6);
    for (let i = 0; i < 20_000; i++) {
      for (let b = 0; b < 6; b++)
        bytes[b] = i < 10_000 && b < 4 ? 2 * (b === 0 ? 1 : 0) : Math.floor(Math.random() * 256);
      if (i < 10_000) {
        bytes[4] = i >> 8;
        bytes[5] = i & 255;
      }
      const text = Array.from(bytes, (b) => HEX_BYTE[b]).join(':');
      expect(readMac(bytes, 0)).toBe(text);
    }
  });
});

describe('canonical address text (kept as given on construction)', () => {
  it('IPv4: strict dotted quads without leading zeros', () => {
    for (const text of ['0.0.0.0', '255.255.255.255', '198.18.0.10', '10.0.0.1'])
      expect(isCanonicalIpv4(text)).toBe(true);
    for (const text of [
      '198.018.0.1',
      '00.0.0.0',
      '256.0.0.1',
      '1.2.3',
      '1.2.3.4.5',
      '1..2.3',
      ' 1.2.3.4',
      '1.2.3.4 ',
      '',
    ])
      expect(isCanonicalIpv4(text)).toBe(false);
    // Whatever is canonical parses and formats back to itself.
    for (let i = 0; i < 2000; i++) {
      const text = formatIpv4(Math.floor(Math.random() * 2 ** 32));
      expect(isCanonicalIpv4(text)).toBe(true);
      expect(formatIpv4(parseIpv4(text))).toBe(text);
    }
  });

  it('MAC: lowercase with colons only', () => {
    expect(isCanonicalMac('02:00:00:00:00:0a')).toBe(true);
    for (const text of [
      '02:00:00:00:00:0A',
      '02-00-00-00-00-0a',
      '0200000000 0a',
      '02:00:00:00:00:0',
      '02:00:00:00:00:0g',
    ])
      expect(isCanonicalMac(text)).toBe(false);
  });

  it('remembered canonical texts do not answer for other texts that share their slot', () => {
    // Same length and last character as a remembered text: only the text itself may be answered from memory.
    expect(isCanonicalIpv4('198.18.0.10')).toBe(true);
    for (const text of ['198.18.0.10', '198.18.0.20', '999.18.0.10', '198.18.00.0', '198-18-0-10'])
      expect(isCanonicalIpv4(text)).toBe(
        text !== '999.18.0.10' && text !== '198.18.00.0' && text !== '198-18-0-10',
      );
    expect(isCanonicalMac('02:00:00:00:00:01')).toBe(true);
    for (const text of [
      '02:00:00:00:00:01',
      '02:00:00:00:00:11',
      '02:00:00:00:0G:01',
      '02-00-00-00-00-01',
      'X2:00:00:00:00:01',
    ])
      expect(isCanonicalMac(text)).toBe(text === '02:00:00:00:00:01' || text === '02:00:00:00:00:11');
    // Texts built at run time (not the same string object) are compared by content.
    const built = ['02', '00', '00', '00', '00', '01'].join(':');
    expect(isCanonicalMac(built)).toBe(true);
    expect(isCanonicalMac(built.toUpperCase().replace('02', '0X'))).toBe(false);
  });
});

describe('address text on build (remembered parses)', () => {
  it('parseIpv4 gives every text its own value, whatever shares its slot', () => {
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < 5_000; i++) {
        const n = i < 2_500 ? (0xc6120000 + i * 7) >>> 0 : Math.floor(Math.random() * 2 ** 32);
        expect(parseIpv4(formatIpv4(n))).toBe(n);
      }
    for (const text of ['198.18.0.10', '198.18.0.1O', '198.18.0.10 ', '1.2.3.4.5', '01.2.3.4'])
      expect(parseIpv4(text)).toBe(
        text === '198.18.0.10' ? 0xc612000a : text === '01.2.3.4' ? 0x01020304 : -1,
      );
  });

  it('writeMac writes every text as its own bytes, and a text that fails leaves no trace', () => {
    const out = new Uint8Array(6);
    const bytes = new Uint8Array(6);
    for (let i = 0; i < 20_000; i++) {
      for (let b = 0; b < 6; b++) bytes[b] = Math.floor(Math.random() * 256);
      const text = Array.from(bytes, (b) => HEX_BYTE[b]).join(i % 3 === 0 ? '-' : ':');
      const plain = Array.from(bytes, (b) => HEX_BYTE[b]).join('');
      expect(writeMac(i % 5 === 0 ? plain : text, out, 0)).toBe(true);
      expect(Array.from(out)).toEqual(Array.from(bytes));
      // A bad text in the same slot (same last two characters) fails, then the good one still writes right.
      // It fails late, after bytes that differ from the good text's were parsed.
      const given = i % 5 === 0 ? plain : text;
      const late = given.length === 17 ? 9 : 6;
      const first = given[0] === '0' ? '1' : '0';
      const bad = `${first}${given.slice(1, late)}g${given.slice(late + 1)}`;
      expect(writeMac(bad, out, 0)).toBe(false);
      out.fill(0);
      expect(writeMac(given, out, 0)).toBe(true);
      expect(Array.from(out)).toEqual(Array.from(bytes));
    }
  });
});
