// Dockerode clients for a DOCKER_HOST-style address (unix:// or tcp://).
import Dockerode from 'dockerode';

/** A Dockerode client for `dockerHost` (`unix:///path` or `tcp://host:port`, plain HTTP). */
export function dockerodeFor(dockerHost: string): Dockerode {
  if (dockerHost.startsWith('unix://')) return new Dockerode({ socketPath: dockerHost.slice('unix://'.length) });
  if (dockerHost.startsWith('tcp://') || dockerHost.startsWith('http://')) {
    const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
    return new Dockerode({ protocol: 'http', host: url.hostname, port: Number(url.port || 2375) });
  }
  throw new Error(`unsupported DOCKER_HOST for the test harness: ${dockerHost} (use unix:// or tcp://)`);
}
