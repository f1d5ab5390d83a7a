/** One `lease { ... }` block of an ISC dhclient lease file. */
export interface DhclientLease {
  interface: string | undefined;
  fixedAddress: string | undefined;
  /** Option statements by name, e.g. { 'subnet-mask': '255.255.255.0', routers: '198.18.1.1' }. */
  options: Record<string, string>;
  renew: string | undefined;
  rebind: string | undefined;
  expire: string | undefined;
}

export function parseDhclientLeases(text: string): DhclientLease[] {
  const leases: DhclientLease[] = [];
  for (const block of text.matchAll(/lease\s*\{([^}]*)\}/g)) {
    const lease: DhclientLease = {
      interface: undefined,
      fixedAddress: undefined,
      options: {},
      renew: undefined,
      rebind: undefined,
      expire: undefined,
    };
    for (const raw of block[1].split(';')) {
      const statement = raw.trim();
      const option = /^option\s+(\S+)\s+(.*)$/s.exec(statement);
      if (option) {
        lease.options[option[1]] = unquote(option[2].trim());
        continue;
      }
      const [keyword, ...rest] = statement.split(/\s+/);
      const value = unquote(rest.join(' '));
      if (keyword === 'interface') lease.interface = value;
      else if (keyword === 'fixed-address') lease.fixedAddress = value;
      else if (keyword === 'renew') lease.renew = value;
      else if (keyword === 'rebind') lease.rebind = value;
      else if (keyword === 'expire') lease.expire = value;
    }
    leases.push(lease);
  }
  return leases;
}

function unquote(value: string): string {
  return value.replace(/^"(.*)"$/s, '$1');
}
