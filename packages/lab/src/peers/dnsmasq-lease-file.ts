/** One line of a dnsmasq lease file: `expiry mac ip hostname client-id` ('*' = absent, expiry 0 = never). */
export interface DnsmasqLease {
  /** When the lease ends; null for an infinite lease. */
  expiry: Date | null;
  mac: string;
  ip: string;
  hostname: string | undefined;
  clientId: string | undefined;
}

export function parseDnsmasqLeases(text: string): DnsmasqLease[] {
  const leases: DnsmasqLease[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // DHCPv6 sections start with a 'duid' line and carry IAIDs instead of MACs: not ours (IPv6 is off).
    if (fields.length < 5 || fields[0] === 'duid' || !/^\d+$/.test(fields[0])) continue;
    const [expiry, mac, ip, hostname, clientId] = fields;
    const seconds = Number(expiry);
    leases.push({
      expiry: seconds === 0 ? null : new Date(seconds * 1000),
      mac,
      ip,
      hostname: hostname === '*' ? undefined : hostname,
      clientId: clientId === '*' ? undefined : clientId,
    });
  }
  return leases;
}
