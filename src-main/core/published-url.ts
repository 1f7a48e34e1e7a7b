// Where a published container port opens in a browser: localhost for any-address and loopback publications,
// the address itself for a port bound to one other address.
import type { PortMapping } from '../contract/dto/containers';

const LOCAL_HOST_IPS = new Set(['', '0.0.0.0', '::', '127.0.0.1', '::1']);

/** `http://HOST:PORT` for a published TCP port; undefined for UDP, SCTP and unpublished ports. */
export function publishedUrl(port: PortMapping): string | undefined {
  if (port.protocol !== 'tcp' || !port.hostPort) return undefined;
  const ip = port.hostIp ?? '';
  const host = LOCAL_HOST_IPS.has(ip) ? 'localhost' : ip.includes(':') ? `[${ip}]` : ip;
  return `http://${host}:${port.hostPort}`;
}

/**
 * One `http://HOST:PORT` per published TCP port, by port number, without repeats (a port
 * published on both 0.0.0.0 and :: is one).
 */
export function publishedUrls(ports: readonly PortMapping[]): string[] {
  const urls = [...ports]
    .sort((a, b) => (a.hostPort ?? 0) - (b.hostPort ?? 0))
    .flatMap((port) => publishedUrl(port) ?? []);
  return [...new Set(urls)];
}
