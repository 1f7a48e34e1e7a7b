// How a pull or push that did not finish ends: every layer row in a final state, and what to do about a refusal.
import type { LayerProgress } from '../../../../src-main/contract/dto/images';
import { parseImageReference } from '../../../../src-main/core/image-ref';
import { layerFraction, type TransferKind } from './transfer-progress';

export type TransferEnd = 'failed' | 'cancelled';

/** A layer row; `ended` is set on rows the transfer stopped before they were complete. */
export interface LayerRow extends LayerProgress {
  ended?: TransferEnd;
}

const ENDED_STATUS: Record<TransferKind, Record<TransferEnd, string>> = {
  pull: { failed: 'Not pulled', cancelled: 'Cancelled, not pulled' },
  push: { failed: 'Not pushed', cancelled: 'Cancelled, not pushed' },
};

/** The rows once the transfer `end`ed: complete ones stay as they are, every other one says it did not get there. */
export function endLayers(layers: readonly LayerProgress[], kind: TransferKind, end: TransferEnd): LayerRow[] {
  return layers.map((layer) =>
    layerFraction(layer, kind) === 1 ? layer : { id: layer.id, status: ENDED_STATUS[kind][end], ended: end },
  );
}

/** What the user can do next, in words, with the commands that do it. */
export interface TransferAdvice {
  /** The registry to log in to, as logins name it ("docker.io", "127.0.0.1:5000"). */
  server: string;
  text: string;
  /** Commands to run in Berth's Terminal, one per line. */
  commands: string[];
  /** Another way out, after the commands. */
  otherwise?: string;
}

/** The engine's words for a registry that wants credentials it was not given. */
const LOGIN_NEEDED =
  /no basic auth credentials|unauthorized|authentication required|requested access to the resource is denied/i;

/** Advice for a failed transfer of `reference`, or undefined when the engine's message says it all. */
export function transferAdvice(message: string, reference: string, kind: TransferKind): TransferAdvice | undefined {
  if (!LOGIN_NEEDED.test(message)) return undefined;
  let domain: string;
  try {
    domain = parseImageReference(reference).domain;
  } catch {
    return undefined;
  }
  const hub = domain === 'docker.io';
  const registry = hub ? 'Docker Hub' : domain;
  const login = hub ? 'docker login' : `docker login ${domain}`;
  const transfer = `docker ${kind} ${reference}`;
  const lead =
    kind === 'push'
      ? `${registry} requires a login to push, and Berth has none for it or the registry refused the one it has.`
      : `${registry} refused the pull: the image does not exist there, or the registry requires a login Berth does not have.`;
  const advice: TransferAdvice = {
    server: domain,
    text: `${lead} Log in to ${registry} here, or in Berth's Terminal (where docker uses Berth's engine) and ${kind} there:`,
    commands: [login, transfer],
  };
  if (kind === 'push') advice.otherwise = 'Or tag the image for a registry that needs no login, and push that tag.';
  return advice;
}
