// Engine endpoints: parse a DOCKER_HOST-style address into dockerode connection options.
import type { DockerOptions } from 'dockerode';
import { InvalidArgumentError } from './errors';

export interface EngineEndpoint {
  /** As the user wrote it, e.g. "unix:///var/run/docker.sock". */
  address: string;
  options: DockerOptions;
}

/** A tcp:// engine's TLS material, PEM text (as `docker --tlsverify --tlscacert … --tlscert … --tlskey …` reads it). */
export interface EngineTls {
  /** The CA the engine's certificate must be signed by; absent: the system's CAs. */
  ca?: string;
  /** Berth's client certificate and its key, for an engine run with --tlsverify. */
  cert?: string;
  key?: string;
}

export const DEFAULT_ENGINE_ADDRESS = 'unix:///var/run/docker.sock';

/** Supports unix://, npipe:// and tcp:// addresses (HTTPS when `tls` is given); ssh:// remotes come with the tunnel. */
export function parseEngineAddress(address: string, tls?: EngineTls): EngineEndpoint {
  if (address.startsWith('unix://')) {
    const socketPath = address.slice('unix://'.length);
    if (!socketPath.startsWith('/'))
      throw new InvalidArgumentError('engine', `"${address}" must name an absolute socket path`);
    return { address, options: { socketPath } };
  }
  if (address.startsWith('npipe://')) {
    return { address, options: { socketPath: address.slice('npipe://'.length).replace(/\//g, '\\') } };
  }
  if (address.startsWith('tcp://') || address.startsWith('http://')) {
    const url = new URL(address.replace(/^tcp:/, 'http:'));
    if (!url.port) throw new InvalidArgumentError('engine', `"${address}" needs a port`);
    const server = { host: url.hostname, port: Number(url.port) };
    if (!tls) return { address, options: { protocol: 'http', ...server } };
    if (Boolean(tls.cert) !== Boolean(tls.key))
      throw new InvalidArgumentError('engine', 'a client certificate needs its key, and a key its certificate');
    return { address, options: { protocol: 'https', ...server, ...tls } };
  }
  if (address.startsWith('/')) return parseEngineAddress(`unix://${address}`);
  throw new InvalidArgumentError('engine', `"${address}" is not an engine address (unix://, npipe:// or tcp://)`);
}

/** The endpoint in DOCKER_HOST, or the default local socket. */
export function endpointFromEnvironment(env: Record<string, string | undefined> = process.env): EngineEndpoint {
  return parseEngineAddress(env.DOCKER_HOST || DEFAULT_ENGINE_ADDRESS);
}
