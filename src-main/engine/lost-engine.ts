// Tells a stream that ended because the engine went away from one that simply finished, for its end message.
import type Dockerode from 'dockerode';

/** How long the engine gets to answer `/_ping` before it counts as gone. */
const PING_DEADLINE_MS = 1_000;

/** A message when the engine does not answer a ping now (its connection was lost), else undefined. */
export async function lostEngineMessage(docker: Dockerode): Promise<string | undefined> {
  try {
    // dockerode's ping takes an abortSignal; its typings omit the options argument.
    await docker.ping({ abortSignal: AbortSignal.timeout(PING_DEADLINE_MS) } as never);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `The connection to the Docker Engine was lost (${reason})`;
  }
}
