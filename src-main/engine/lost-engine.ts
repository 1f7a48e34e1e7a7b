// Tells a stream or an operation that ended because the engine went away from one that simply finished or failed.
import type Dockerode from 'dockerode';
import { errorMessage } from '../core/error-message';
import { EngineStreamError } from './json-messages';

/** How long the engine gets to answer `/_ping` before it counts as gone. */
const PING_DEADLINE_MS = 1_000;

/** Why the engine does not answer a ping now (its connection was lost), else undefined. */
async function lostEngineReason(docker: Dockerode): Promise<string | undefined> {
  try {
    // dockerode's ping takes an abortSignal; its typings omit the options argument.
    await docker.ping({ abortSignal: AbortSignal.timeout(PING_DEADLINE_MS) } as never);
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

/** A message when the engine does not answer a ping now (its connection was lost), else undefined. */
export async function lostEngineMessage(docker: Dockerode): Promise<string | undefined> {
  const reason = await lostEngineReason(docker);
  return reason === undefined ? undefined : `The connection to the Docker Engine was lost (${reason})`;
}

/** A long operation's engine stream (pull, push, build) broke off because the engine went away. */
export class EngineLostError extends Error {
  constructor(
    /** What the ping that found the engine gone failed with. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`The connection to the Docker Engine was lost (${reason})`, options);
    this.name = 'EngineLostError';
  }
}

/**
 * Reads an operation's engine stream with `read`; when that fails (not with the engine's own error message, nor by
 * the caller's cancel) and the engine no longer answers, fails with an EngineLostError instead of the socket's error.
 */
export async function readUnlessEngineLost<T>(
  docker: Dockerode,
  signal: AbortSignal,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof EngineStreamError || signal.aborted) throw error;
    const reason = await lostEngineReason(docker);
    throw reason === undefined ? error : new EngineLostError(reason, { cause: error });
  }
}
