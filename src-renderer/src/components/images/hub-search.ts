// What a failed Docker Hub search means for the user: the engine cannot reach Docker Hub (offline), or another failure.

/** The engine's and Berth's words for a Docker Hub it cannot reach (no network, no DNS, a timeout, a refused connection). */
const OFFLINE =
  /offline|cannot be reached|could not reach|not reachable|unreachable|no such host|dial tcp|lookup |i\/o timeout|timed out|timeout|network is unreachable|connection refused|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH/i;

/** `message` classified: offline ones get the plain notice, with the message kept as the detail. */
export function hubSearchFailure(message: string): { offline: boolean; message: string } {
  return { offline: OFFLINE.test(message), message };
}
