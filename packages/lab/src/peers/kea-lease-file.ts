/**
 * kea-dhcp4's memfile lease file is a CSV journal: every change appends a row, the last row for an
 * address wins, and a row with valid_lifetime 0 records a deleted (released) lease.
 */
export interface KeaLease {
  ip: string;
  mac: string;
  clientId: string | undefined;
  /** Seconds. */
  validLifetime: number;
  expiry: Date;
  subnetId: number;
  hostname: string | undefined;
  /** 0 default, 1 declined, 2 expired-reclaimed. */
  state: number;
}

export function parseKeaLeases(csv: string): KeaLease[] {
  const [header, ...rows] = csv.split('\n').filter((line) => line.trim() !== '');
  if (header === undefined) return [];
  const columns = header.split(',');
  const column = (name: string): number => columns.indexOf(name);
  const at = {
    address: column('address'),
    hwaddr: column('hwaddr'),
    clientId: column('client_id'),
    validLifetime: column('valid_lifetime'),
    expire: column('expire'),
    subnetId: column('subnet_id'),
    hostname: column('hostname'),
    state: column('state'),
  };
  const latest = new Map<string, KeaLease>();
  for (const row of rows) {
    // Kea escapes commas inside values as '&#x2c', so a plain split is exact.
    const cells = row.split(',');
    const ip = cells[at.address];
    const validLifetime = Number(cells[at.validLifetime]);
    if (validLifetime === 0) {
      latest.delete(ip);
      continue;
    }
    latest.set(ip, {
      ip,
      mac: cells[at.hwaddr],
      clientId: cells[at.clientId] || undefined,
      validLifetime,
      expiry: new Date(Number(cells[at.expire]) * 1000),
      subnetId: Number(cells[at.subnetId]),
      hostname: unescapeKeaCommas(cells[at.hostname]) || undefined,
      state: Number(cells[at.state] ?? 0),
    });
  }
  return [...latest.values()];
}

function unescapeKeaCommas(value: string | undefined): string {
  return (value ?? '').replaceAll('&#x2c', ',');
}
