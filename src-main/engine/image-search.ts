// Docker Hub search through the engine (GET /images/search); an engine that cannot reach Docker Hub gets a clear message.
import type Dockerode from 'dockerode';
import type { ImageSearchResult } from '../contract/dto/registries';
import { engineErrorDetails, UnsupportedError } from './errors';

/** What the engine says when it has no way out to Docker Hub (DNS, routing, TLS handshake to the Hub, timeouts). */
const OFFLINE =
  /dial tcp|lookup |no such host|i\/o timeout|network is unreachable|connection refused|connection reset|TLS handshake timeout|Client\.Timeout|context deadline exceeded|server misbehaving|temporary failure in name resolution/i;

interface EngineSearchResult {
  name?: unknown;
  description?: unknown;
  star_count?: unknown;
  is_official?: unknown;
}

/**
 * Up to `limit` Docker Hub repositories matching `term`, as the engine found them.
 * @throws UnsupportedError "Docker Hub cannot be reached from the engine (…): search needs the internet." when offline.
 */
export async function searchDockerHub(docker: Dockerode, term: string, limit: number): Promise<ImageSearchResult[]> {
  let found: EngineSearchResult[];
  try {
    found = (await docker.searchImages({ term, limit })) as EngineSearchResult[];
  } catch (error) {
    const engine = engineErrorDetails(error);
    if (engine && OFFLINE.test(engine.message)) {
      throw new UnsupportedError(
        `Docker Hub cannot be reached from the engine (${engine.message}): search needs the internet.`,
      );
    }
    throw error;
  }
  return (Array.isArray(found) ? found : []).slice(0, limit).map((hit) => ({
    name: typeof hit.name === 'string' ? hit.name : '',
    description: typeof hit.description === 'string' ? hit.description : '',
    stars: typeof hit.star_count === 'number' ? hit.star_count : 0,
    official: hit.is_official === true,
  }));
}
