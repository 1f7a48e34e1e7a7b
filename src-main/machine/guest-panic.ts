// Whether the guest's kernel panicked, from what it printed on the serial console.

/** The panic's own line ("Kernel panic - not syncing: …", without the timestamp), or undefined when there is none. */
export function kernelPanicIn(consoleText: string): string | undefined {
  const match = /Kernel panic - not syncing: [^\r\n]*/.exec(consoleText);
  return match?.[0].replace(/\s*\]---\s*$/, '').trim();
}
