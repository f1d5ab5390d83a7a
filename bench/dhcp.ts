/**
 * The dhcp group: our load mode against kea beside perfdhcp (bench/dhcp-load.ts), and our server under
 * perfdhcp beside kea and dnsmasq (bench/dhcp-serve.ts), each in its own lab namespace, in one run.
 */
type Figures = Record<string, number | string>;

async function optionalGroup(module: string, entry: string): Promise<Figures> {
  const mod: Record<string, unknown> = await import(new URL(module, import.meta.url).href);
  const run = mod[entry];
  if (typeof run !== 'function') throw new Error(`${module} does not export ${entry}()`);
  return (await run()) as Figures;
}

export async function benchDhcp(): Promise<Figures> {
  if (process.getuid?.() !== 0)
    throw new Error('the dhcp benchmarks need root (network namespaces and real servers)');
  const figures: Figures = {};
  for (const [module, entry] of [
    ['./dhcp-load.ts', 'benchLoad'],
    ['./dhcp-serve.ts', 'benchServe'],
  ] as const) {
    try {
      Object.assign(figures, await optionalGroup(module, entry));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`bench dhcp: ${entry} failed: ${message}\n`);
      figures[`${entry}_error`] = message;
    }
  }
  return figures;
}
