// Reading the text of a daemon.json: a JSON object, or why it is not one. Pure; shared by the settings, the VM and the renderer.

export type DaemonJsonReading =
  | { ok: true; value: Record<string, unknown> }
  /** `syntax`: not JSON (`message` is the parser's); `kind`: JSON but not an object (`kind` says what, e.g. "an array"). */
  | { ok: false; problem: 'syntax'; message: string }
  | { ok: false; problem: 'kind'; kind: string };

export function readDaemonJson(source: string): DaemonJsonReading {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return { ok: false, problem: 'syntax', message: (error as Error).message };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return { ok: true, value: value as Record<string, unknown> };
  }
  return {
    ok: false,
    problem: 'kind',
    kind: value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`,
  };
}
