// Logs in to an sshd that may not listen yet (a guest booting, or restarting its sshd): one attempt after another until a deadline.
import { SshSession, type SshConnectOptions } from './ssh-session';

export interface LoginRetry {
  /** Give up at this time (ms since the epoch). */
  deadline: number;
  signal: AbortSignal;
  /** Between attempts, in ms. */
  retryMs: number;
  /** Longest one attempt (TCP, handshake, key exchange, auth) may take, in ms. */
  attemptMs: number;
  /** Who would not let us in, as the error at the deadline says it, e.g. "The VM". */
  server: string;
  /**
   * A server that refuses the key ends the login at once (a server the user named: it will not change its mind);
   * default false, as a booting guest may refuse until its keys are in place.
   */
  refusalIsFinal?: boolean;
}

/** ssh2's words when the server took none of the keys (or agent keys) offered. */
const KEY_REFUSED = /All configured authentication methods failed/;

/**
 * Resolves with the first session that logs in; rejects at once on a host key that is not the
 * pinned one, with `signal`'s reason when it aborts, and with the last attempt's error at the deadline.
 */
export async function loginWithRetries(
  target: Omit<SshConnectOptions, 'readyTimeoutMs'>,
  retry: LoginRetry,
): Promise<SshSession> {
  let lastError: unknown;
  while (Date.now() < retry.deadline) {
    retry.signal.throwIfAborted();
    try {
      return await SshSession.connect({
        ...target,
        readyTimeoutMs: Math.min(retry.attemptMs, Math.max(1000, retry.deadline - Date.now())),
      });
    } catch (error) {
      if ((error as Error).name === 'HostKeyMismatchError') throw error;
      if (retry.refusalIsFinal && KEY_REFUSED.test((error as Error).message))
        throw new Error(`${retry.server} refused the login: it accepts none of the keys Berth offered`, {
          cause: error,
        });
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, retry.retryMs));
    }
  }
  const last = (lastError as Error | undefined)?.message ?? 'no answer';
  throw new Error(`${retry.server} did not accept an SSH login in time (${last})`);
}
