/**
 * DHCP clients hand each event to a script through environment variables. Ours configures nothing: it
 * prints the chosen variables as one JSON line behind a marker word, parsed back by parseReports().
 */
export function reportScript(
  marker: string,
  firstField: string,
  firstValue: string,
  variables: string[],
): string {
  return [
    '#!/bin/sh',
    '# Written by @wirecraft/lab: report the event as JSON, configure nothing.',
    "esc() { printf '%s' \"$1\" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/\"/\\\\\"/g' | tr -d '\\n\\r\\t'; }",
    `line="{\\"${firstField}\\":\\"$(esc "${firstValue}")\\""`,
    `for name in ${variables.join(' ')}; do`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a JS placeholder.
    '  eval "value=\\${$name-}"',
    '  if [ -n "$value" ]; then line="$line,\\"$name\\":\\"$(esc "$value")\\""; fi',
    'done',
    `printf '%s %s}\\n' ${marker} "$line"`,
    '',
  ].join('\n');
}

/** Every report line in a client's output, in order, as the raw variable map. */
export function parseReports(marker: string, output: string): Array<Record<string, string>> {
  const reports: Array<Record<string, string>> = [];
  for (const line of output.split('\n')) {
    if (line.startsWith(`${marker} `))
      reports.push(JSON.parse(line.slice(marker.length + 1)) as Record<string, string>);
  }
  return reports;
}

/** A space-separated list variable (routers, DNS servers) as an array. */
export function words(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(/\s+/).filter((word) => word !== '');
}
