const defaultTailLines = 20;

/** The last lines of a tool's output: enough to see why it failed without flooding an error message. */
export function tail(text: string, lines = defaultTailLines): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
