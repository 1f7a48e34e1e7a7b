// Host sockets Berth serves: unix sockets everywhere but Windows, where they are named pipes (\\.\pipe\...). Pure.

/** True for a Windows named pipe path (`\\.\pipe\name`). */
export function isNamedPipe(path: string): boolean {
  return /^\\\\[.?]\\pipe\\/i.test(path);
}

/** The DOCKER_HOST-style address of a host socket: `unix:///path` or `npipe:////./pipe/name`. */
export function engineAddressFor(socketPath: string): string {
  return isNamedPipe(socketPath) ? `npipe://${socketPath.replaceAll('\\', '/')}` : `unix://${socketPath}`;
}
