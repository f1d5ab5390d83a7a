import { describe, expect, it } from '@jest/globals';
import { EntryKind } from '../dhcp/option-list.js';
import {
  BOOTP,
  DHCP,
  DhcpOptionValueError,
  dissect,
  Ether,
  fromHex,
  fromJSON,
  IP,
  packet,
  toHex,
  toJSON,
  UDP,
} from '../index.js';

const MAC = '02:00:00:00:00:01';
const BOOTP_AT = 42;
const OPTIONS_AT = BOOTP_AT + 240;
const FILE_AT = BOOTP_AT + 108;
const SNAME_AT = BOOTP_AT + 44;

const frame = (dhcp: ReturnType<typeof DHCP>, bootp = BOOTP({ op: 2, chaddr: MAC, xid: 9 })) =>
  packet(
    Ether({ src: MAC }),
    IP({ src: '198.18.0.1', dst: '198.18.0.2' }),
    UDP({ sport: 67, dport: 68 }),
    bootp,
    dhcp,
  );

function area(hex: string, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(fromHex(hex)!);
  return bytes;
}

/** options: vendor_class_id 'abc' + 52=3; file: 'def'; sname: 'ghi' (sname comes first in the frame). */
function splitOverAreas(fileHex = '3c03646566ff', snameHex = '3c03676869ff'): Uint8Array {
  const bootp = BOOTP({ op: 2, chaddr: MAC, xid: 9, file: area(fileHex, 128), sname: area(snameHex, 64) });
  const options = [
    ['message-type', 'ack'],
    ['dhcp-option-overload', 3],
    Uint8Array.of(60, 3, 0x61, 0x62, 0x63),
    'end',
  ] as const;
  return frame(DHCP({ options: [...options] }), bootp).build();
}

describe('RFC 3396 across the options field, file and sname', () => {
  it('joins the instances in aggregate order: options, then file, then sname', () => {
    const bytes = splitOverAreas();
    expect(SNAME_AT).toBeLessThan(FILE_AT);
    const p = dissect(bytes);
    expect(p.problems).toEqual([]);
    const dhcp = p.layer(DHCP);
    expect(dhcp.getOption('vendor_class_id')).toBe('abcdefghi');
    const list = dhcp.options;
    expect(list.kinds[list.codes.indexOf(60)]).toBe(EntryKind.split);
    expect(list.file?.kinds[0]).toBe(EntryKind.continuation);
    expect(list.sname?.kinds[0]).toBe(EntryKind.continuation);
    expect(toHex(p.build())).toBe(toHex(bytes));
  });

  it('keeps the layout through JSON', () => {
    const bytes = splitOverAreas();
    const again = fromJSON(JSON.parse(JSON.stringify(toJSON(dissect(bytes)))));
    expect(toHex(again.build())).toBe(toHex(bytes));
    expect(again.layer(DHCP).getOption('vendor_class_id')).toBe('abcdefghi');
  });

  it('shows the later pieces as continued', () => {
    const text = dissect(splitOverAreas()).show();
    expect(text).toContain('vendor_class_id="abcdefghi"');
    expect(text).toMatch(/options overloaded into file:\n\s+vendor_class_id\(continued\)/);
  });

  it('setOption replaces the value and drops its pieces in file and sname', () => {
    const p = dissect(splitOverAreas());
    p.layer(DHCP).setOption('vendor_class_id', 'new');
    const again = dissect(p.build());
    // The dissected UDP checksum is kept as it was (scapy's rule), so only DHCP's own problems count here.
    expect(again.problems.filter((x) => x.layer === 'DHCP')).toEqual([]);
    expect(again.layer(DHCP).getOption('vendor_class_id')).toBe('new');
    expect(again.layer(DHCP).options.file?.codes).toEqual([255]);
    expect(again.layer(DHCP).options.sname?.codes).toEqual([255]);
  });

  it('reports pieces that do not join into a valid value, naming the areas, and keeps the bytes', () => {
    // lease_time: 2 bytes in options, 1 in file: 3 bytes are no u32.
    const bootp = BOOTP({ op: 2, chaddr: MAC, file: area('3301aaff', 128) });
    const options = [['dhcp-option-overload', 1], Uint8Array.of(51, 2, 0, 0), 'end'] as const;
    const bytes = frame(DHCP({ options: [...options] }), bootp).build();
    const p = dissect(bytes);
    expect(p.problems).toEqual([
      expect.objectContaining({
        kind: 'malformed-option',
        field: 'lease_time',
        offset: OPTIONS_AT + 3,
        message: expect.stringContaining('2 instances across options and file joined per RFC 3396'),
      }),
    ]);
    expect(p.layer(DHCP).getOption('lease_time')).toBeUndefined();
    expect(toHex(p.build())).toBe(toHex(bytes));
  });

  it('reports a piece cut short by the end of its area and still joins the other areas', () => {
    const bytes = splitOverAreas('3c03646566ff', `${'00'.repeat(60)}3c09`);
    const p = dissect(bytes);
    expect(p.problems).toEqual([
      expect.objectContaining({ kind: 'malformed-option', field: 'vendor_class_id', offset: SNAME_AT + 60 }),
    ]);
    expect(p.layer(DHCP).getOption('vendor_class_id')).toBe('abcdef');
    expect(toHex(p.build())).toBe(toHex(bytes));
  });
});

describe('building with option overload (52)', () => {
  const long = (n: number, c: string) => c.repeat(n);

  it('flows the options into file, then sname, splitting an option that fits no area whole', () => {
    const dhcp = DHCP({
      options: [
        ['message-type', 'ack'],
        ['dhcp-option-overload', 3],
        ['vendor_class_id', long(250, 'v')],
        ['hostname', long(200, 'h')],
        'end',
      ],
    });
    const bytes = frame(dhcp).build();
    expect(bytes.length).toBe(OPTIONS_AT + 308);
    // hostname: 47 bytes close the options field, 125 fill file, 28 go to sname; each area ends with 'end'.
    expect(toHex(bytes.subarray(OPTIONS_AT + 6 + 252, OPTIONS_AT + 6 + 252 + 2))).toBe('0c2f');
    expect(bytes[OPTIONS_AT + 307]).toBe(255);
    expect(toHex(bytes.subarray(FILE_AT, FILE_AT + 2))).toBe('0c7d');
    expect(bytes[FILE_AT + 127]).toBe(255);
    expect(toHex(bytes.subarray(SNAME_AT, SNAME_AT + 2))).toBe('0c1c');
    expect(bytes[SNAME_AT + 30]).toBe(255);
    const p = dissect(bytes);
    expect(p.problems).toEqual([]);
    expect(p.layer(DHCP).getOption('hostname')).toBe(long(200, 'h'));
    expect(p.layer(DHCP).getOption('vendor_class_id')).toBe(long(250, 'v'));
    expect(toHex(p.build())).toBe(toHex(bytes));
  });

  it('moves an option whole to the next area when it fits there', () => {
    const dhcp = DHCP({
      options: [
        ['dhcp-option-overload', 1],
        ['vendor_class_id', long(300, 'v')],
        ['hostname', 'host'],
        'end',
      ],
    });
    const bytes = frame(dhcp).build();
    const p = dissect(bytes);
    expect(p.problems).toEqual([]);
    expect(p.layer(DHCP).options.file?.codes).toEqual([12, 255]);
    expect(p.layer(DHCP).getOption('hostname')).toBe('host');
    expect(p.layer(DHCP).getOption('vendor_class_id')).toBe(long(300, 'v'));
  });

  it('leaves options that fit the options field where they are', () => {
    const options = [['dhcp-option-overload', 3], ['hostname', 'host'], 'end'] as const;
    const bytes = frame(DHCP({ options: [...options] })).build();
    expect(toHex(bytes.subarray(OPTIONS_AT))).toBe('340103' + '0c04686f7374' + 'ff');
    expect(toHex(bytes.subarray(FILE_AT, FILE_AT + 128))).toBe('00'.repeat(128));
  });

  it('refuses options the aggregate cannot hold, with the sizes', () => {
    const dhcp = DHCP({
      options: [
        ['dhcp-option-overload', 2],
        ['vendor_class_id', long(300, 'v')],
        ['hostname', long(100, 'h')],
      ],
    });
    expect(() => frame(dhcp).build()).toThrow(DhcpOptionValueError);
    expect(() => frame(dhcp).build()).toThrow(/options field \(308\), sname \(64\)/);
  });
});
