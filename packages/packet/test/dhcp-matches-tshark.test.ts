/**
 * Our BOOTP/DHCP dissection agrees with tshark 4.0 on every DHCP frame of every fixture capture: xid, op,
 * addresses, chaddr, the option codes in wire order (in the options area and in overloaded file/sname),
 * each option's data bytes, and the typed value of every option kind tshark shows as a single field.
 * Ethernet, SLL and raw-IP captures are dissected from their linktype; other link layers (802.11, ...)
 * from the IP header tshark locates. Frames the capture cut short (snap length) must be reported as
 * truncated. A frame tshark calls malformed is only excused from the comparison when we report a problem
 * for it too.
 */
import { describe, expect, it } from '@jest/globals';
import { messageTypeCode } from '../src/dhcp/codecs/message-type.js';
import { type DhcpOptionList, EntryKind } from '../src/dhcp/option-list.js';
import { newSplitState, type SplitState } from '../src/dhcp/option-wire.js';
import { dissect } from '../src/dissect.js';
import { toHex } from '../src/hex.js';
import { BOOTP, DHCP, IP } from '../src/index.js';
import type { Packet } from '../src/packet.js';
import {
  dhcpFrames,
  type FixtureFrame,
  fixtureFiles,
  tsharkAvailable,
  type TsharkTree,
  type TsharkValue,
} from './dhcp-fixture-frames.js';
import { ourInstances, overloadArea, tsharkInstances } from './tshark-option-instances.js';

if (!tsharkAvailable) console.warn('dhcp-matches-tshark: skipped, tshark is not installed');
const describeWithTshark = tsharkAvailable ? describe : describe.skip;

const list = (v: TsharkValue | undefined): TsharkValue[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const hex = (colonHex: TsharkValue | undefined) =>
  typeof colonHex === 'string' ? colonHex.replace(/:/g, '') : '';

type Comparable = string | number | (string | number)[];

/** tshark fields that carry a whole option value, with how to read ours for the same option. */
const SINGLE_FIELDS: Record<string, (v: unknown) => Comparable | undefined> = {
  'dhcp.option.subnet_mask': ip,
  'dhcp.option.time_offset': int,
  'dhcp.option.router': ips,
  'dhcp.option.time_server': ips,
  'dhcp.option.name_server': ips,
  'dhcp.option.domain_name_server': ips,
  'dhcp.option.log_server': ips,
  'dhcp.option.hostname': text,
  'dhcp.option.domain_name': text,
  'dhcp.option.interface_mtu': int,
  'dhcp.option.broadcast_address': ip,
  'dhcp.option.ntp_server': ips,
  'dhcp.option.netbios_over_tcpip_name_server': ips,
  'dhcp.option.netbios_over_tcpip_node_type': int,
  'dhcp.option.requested_ip_address': ip,
  'dhcp.option.ip_address_lease_time': int,
  'dhcp.option.option_overload': int,
  'dhcp.option.dhcp': (v) => messageTypeCode(v as 'discover'),
  'dhcp.option.dhcp_server_id': ip,
  'dhcp.option.request_list_item': (v) => v as number[],
  'dhcp.option.message': text,
  'dhcp.option.dhcp_max_message_size': int,
  'dhcp.option.renewal_time_value': int,
  'dhcp.option.rebinding_time_value': int,
  'dhcp.option.vendor_class_id': text,
  'dhcp.option.tftp_server_name': text,
  'dhcp.option.bootfile_name': text,
  'dhcp.option.client_last_transaction_time': int,
  'dhcp.option.associated_ip_option': ips,
  'dhcp.option.tz_tcode': text,
  'dhcp.option.dhcp_auto_configuration': int,
  'dhcp.option.tftp_server_address': ips,
  'dhcp.option.mudurl': text,
  'dhcp.option.forcerenew_nonce.algorithm': (v) => v as number[],
  'dhcp.option.dhcp_dns_domain_search_list_fqdn': (v) => (v as string[]).map(text) as string[],
  'dhcp.option.sip_server.name': (v) => (v as { names?: string[] }).names,
  'dhcp.option.sip_server.address': (v) => (v as { addresses?: string[] }).addresses,
  'dhcp.hw.mac_addr': (v) => {
    const id = (v as { id: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  },
  'dhcp.hw.type': (v) => (v as { type: number }).type,
  'dhcp.fqdn.flags': (v) => (v as { flags: number }).flags,
  'dhcp.fqdn.rcode1': (v) => (v as { rcode1: number }).rcode1,
  'dhcp.fqdn.rcode2': (v) => (v as { rcode2: number }).rcode2,
  'dhcp.fqdn.name': (v) => text((v as { name: string }).name),
  'dhcp.option.static_route.ip': (v) => (v as string[]).filter((_, i) => i % 2 === 0),
  'dhcp.option.static_route.router': (v) => (v as string[]).filter((_, i) => i % 2 === 1),
  'dhcp.option.vi.enterprise': (v) => (v as { enterprise: number }[]).map((b) => b.enterprise),
  'dhcp.option.agent_information_option.suboption': (v) => (v as { code: number }[]).map((s) => s.code),
};

function ip(v: unknown) {
  return v as string;
}
function ips(v: unknown) {
  return v as string[];
}
function int(v: unknown) {
  return v as number;
}
/** Only printable ASCII is compared: tshark escapes other bytes in its own way. */
function text(v: unknown) {
  return typeof v === 'string' && /^[\x20-\x7e]*$/.test(v) ? v : undefined;
}

function tsharkComparable(value: TsharkValue, ours: Comparable): Comparable {
  const items = list(value).map(String);
  const numeric = (s: string) => (s.startsWith('0x') ? Number.parseInt(s, 16) : Number(s));
  if (Array.isArray(ours)) return items.map((s) => (typeof ours[0] === 'number' ? numeric(s) : s));
  if (typeof ours === 'number') return numeric(items[0]);
  return items.length === 1 ? items[0] : items;
}

function ourDhcpPacket(frame: FixtureFrame): Packet {
  return frame.linktype !== undefined
    ? dissect(frame.bytes, { linktype: frame.linktype })
    : dissect(frame.bytes.subarray(frame.ipOffset), { first: IP });
}

/** Compares one option area; returns the number of typed values compared. */
function compareArea(
  where: string,
  ours: DhcpOptionList,
  theirs: TsharkTree,
  later: DhcpOptionList[],
  state: SplitState,
): number {
  const a = ourInstances(ours, later, state);
  const b = tsharkInstances(theirs);
  expect({ where, codes: a.map((i) => i.code) }).toEqual({ where, codes: b.map((i) => i.code) });
  let typed = 0;
  b.forEach((instance, i) => {
    if (instance.code !== 0 && instance.code !== 255 && instance.tree && 'dhcp.option.value' in instance.tree)
      expect({ where, code: instance.code, data: a[i].data }).toEqual({
        where,
        code: instance.code,
        data: instance.data,
      });
    const occurrences = b.filter((x) => x.code === instance.code).length;
    const at = ours.indexOf(instance.code);
    if (!instance.tree || occurrences !== 1 || at < 0 || ours.kinds[at] !== EntryKind.option) return;
    const value = ours.values[at];
    for (const [key, read] of Object.entries(SINGLE_FIELDS)) {
      const field = findField(instance.tree, key);
      if (field === undefined) continue;
      const mine = read(value);
      if (mine === undefined) continue;
      expect({ where, code: instance.code, key, value: mine }).toEqual({
        where,
        code: instance.code,
        key,
        value: tsharkComparable(field, mine),
      });
      typed++;
    }
  });
  return typed;
}

/** A field anywhere under an option's tree (client_id and FQDN fields sit one level down). */
function findField(tree: TsharkTree, key: string): TsharkValue | undefined {
  if (key in tree) return tree[key];
  for (const v of Object.values(tree)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const found = findField(v, key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

describeWithTshark('DHCP dissection matches tshark 4.0 on every fixture frame', () => {
  const files = fixtureFiles();
  const tally = { frames: 0, compared: 0, cut: 0, excused: 0, typed: 0, overloaded: 0 };

  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files)('%s', (file) => {
    for (const frame of dhcpFrames(file)) {
      tally.frames++;
      const where = `${file}#${frame.number}`;
      const p = ourDhcpPacket(frame);
      if (frame.cutBySnaplen) {
        expect({ where, truncated: p.problems.some((x) => x.kind === 'truncated') }).toEqual({
          where,
          truncated: true,
        });
        tally.cut++;
        continue;
      }
      if (frame.tsharkMalformed && p.problems.length > 0) {
        tally.excused++;
        continue;
      }
      tally.compared++;
      const bootp = p.layer(BOOTP);
      const d = frame.dhcp;
      expect({ where, op: bootp.op, xid: bootp.xid }).toEqual({
        where,
        op: Number(d['dhcp.type']),
        xid: Number.parseInt(String(d['dhcp.id']), 16),
      });
      expect({ where, c: bootp.ciaddr, y: bootp.yiaddr, s: bootp.siaddr, g: bootp.giaddr }).toEqual({
        where,
        c: d['dhcp.ip.client'],
        y: d['dhcp.ip.your'],
        s: d['dhcp.ip.server'],
        g: d['dhcp.ip.relay'],
      });
      if (typeof d['dhcp.hw.mac_addr'] === 'string')
        expect({ where, chaddr: toHex(bootp.chaddr, 0, 6) }).toEqual({
          where,
          chaddr: hex(d['dhcp.hw.mac_addr']),
        });
      const dhcp = p.get(DHCP);
      if (!dhcp) {
        // No cookie (plain BOOTP) or nothing after it: tshark shows no options either.
        expect({ where, options: d['dhcp.option.type'] }).toEqual({ where, options: undefined });
        continue;
      }
      const options = dhcp.options;
      const state = newSplitState();
      const later = [options.file, options.sname].filter((l) => l !== undefined);
      tally.typed += compareArea(where, options, d, later, state);
      const fileArea = overloadArea(d, 'Boot file name option overload');
      const snameArea = overloadArea(d, 'Server host name option overload');
      expect({ where, file: !!options.file, sname: !!options.sname }).toEqual({
        where,
        file: !!fileArea,
        sname: !!snameArea,
      });
      if (fileArea && options.file)
        tally.typed += compareArea(
          `${where} file`,
          options.file,
          fileArea,
          options.sname ? [options.sname] : [],
          state,
        );
      if (snameArea && options.sname)
        tally.typed += compareArea(`${where} sname`, options.sname, snameArea, [], state);
      if (fileArea || snameArea) tally.overloaded++;
    }
  });

  it('compared enough frames and values to mean something', () => {
    console.log(`dhcp-matches-tshark: ${JSON.stringify(tally)}`);
    expect(tally.compared).toBeGreaterThan(600);
    expect(tally.typed).toBeGreaterThan(2000);
    expect(tally.overloaded).toBeGreaterThan(0);
  });
});
