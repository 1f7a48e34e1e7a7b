// Browses a registry over its HTTP API v2: catalogue pages, tags with their manifest digests, deleting a tag's manifest.
import type {
  RegistryRepositoryPage,
  RegistryTag,
  RegistryTagList,
  RegistryTagRemoval,
} from '../contract/dto/registries';
import { NotFoundError } from '../engine/errors';
import type { CredentialLookup } from './credentials';
import { nextPageAfter } from './link-header';
import { header, parseJson, RegistryClient, type RegistryTrustSetting } from './registry-client';
import { RegistryError, registryReason } from './registry-errors';

/** Every manifest kind a tag may point to: Docker v2 image, Docker manifest list, OCI image, OCI index. */
export const MANIFEST_ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** Tags read at most for one repository (the registry pages them 1000 at a time). */
const MAX_TAGS = 5000;
const TAG_PAGE = 1000;
/** Manifest HEAD requests in flight at once. */
const DIGEST_CONCURRENCY = 4;

export interface RegistryBrowserOptions {
  credentials: CredentialLookup;
  /** The trust settings for a server ("host[:port]"), read afresh for each call. */
  trust: (server: string) => RegistryTrustSetting | undefined;
  /** Milliseconds per request. */
  timeoutMs?: number;
}

export class RegistryBrowser {
  constructor(private readonly options: RegistryBrowserOptions) {}

  /** One page of `server`'s catalogue: up to `limit` names after `after`. */
  async repositories(server: string, limit: number, after?: string): Promise<RegistryRepositoryPage> {
    const query = new URLSearchParams({ n: String(limit), ...(after ? { last: after } : {}) });
    const response = await this.client(server).send({
      method: 'GET',
      path: `/v2/_catalog?${query}`,
      scope: 'registry:catalog:*',
    });
    const body = expectOk(server, response, 'list its repositories') as { repositories?: unknown };
    const repositories = Array.isArray(body?.repositories)
      ? body.repositories.filter((name): name is string => typeof name === 'string')
      : [];
    const next = nextPageAfter(header(response, 'link'));
    return { repositories, ...(next ? { next } : {}) };
  }

  /** Every tag of `repository` (up to MAX_TAGS) in name order, each with the digest and media type of its manifest. */
  async tags(server: string, repository: string): Promise<RegistryTagList> {
    const client = this.client(server);
    const names = await this.tagNames(client, server, repository);
    const tags = await mapBounded(names, DIGEST_CONCURRENCY, (tag) => this.resolve(client, repository, tag));
    return { repository, tags };
  }

  /**
   * Deletes the manifest `tag` points to, which removes every tag on it.
   * @throws NotFoundError for a tag the repository does not have; RegistryError `unsupported` when deletes are off.
   */
  async deleteTag(server: string, repository: string, tag: string): Promise<RegistryTagRemoval> {
    const listing = await this.tags(server, repository);
    const target = listing.tags.find((t) => t.tag === tag);
    if (!target) throw new NotFoundError(`${server}/${repository} has no tag ${tag}`);
    if (!target.digest) {
      throw new RegistryError('engine-error', `${server} did not tell the digest of ${repository}:${tag}`);
    }
    const response = await this.client(server).send({
      method: 'DELETE',
      path: `/v2/${repository}/manifests/${target.digest}`,
      scope: `repository:${repository}:delete`,
    });
    if (response.status === 405 || /UNSUPPORTED/.test(response.body.toString('utf8'))) {
      const reason = registryReason(response.body);
      throw new RegistryError(
        'unsupported',
        `${server} does not allow deleting images${reason ? ` (${reason})` : ''}: its storage must have deletes enabled`,
      );
    }
    if (response.status === 404) throw new NotFoundError(`${server}/${repository} has no manifest ${target.digest}`);
    if (response.status !== 202 && response.status !== 200)
      throw failed(server, response, `delete ${repository}:${tag}`);
    const tags = listing.tags.filter((t) => t.digest === target.digest).map((t) => t.tag);
    return { digest: target.digest, tags };
  }

  private client(server: string): RegistryClient {
    return new RegistryClient({
      server,
      credentials: this.options.credentials,
      trust: this.options.trust(server),
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
    });
  }

  private async tagNames(client: RegistryClient, server: string, repository: string): Promise<string[]> {
    const names: string[] = [];
    let after: string | undefined;
    do {
      const query = new URLSearchParams({ n: String(TAG_PAGE), ...(after ? { last: after } : {}) });
      const response = await client.send({
        method: 'GET',
        path: `/v2/${repository}/tags/list?${query}`,
        scope: `repository:${repository}:pull`,
      });
      if (response.status === 404) throw new NotFoundError(`${server} has no repository ${repository}`);
      const body = expectOk(server, response, `list the tags of ${repository}`) as { tags?: unknown };
      if (Array.isArray(body?.tags)) names.push(...body.tags.filter((t): t is string => typeof t === 'string'));
      after = nextPageAfter(header(response, 'link'));
    } while (after && names.length < MAX_TAGS);
    return names.slice(0, MAX_TAGS).sort();
  }

  /** The tag with its manifest's digest and media type (`HEAD /v2/NAME/manifests/TAG`); without them if unknown. */
  private async resolve(client: RegistryClient, repository: string, tag: string): Promise<RegistryTag> {
    const response = await client.send({
      method: 'HEAD',
      path: `/v2/${repository}/manifests/${tag}`,
      scope: `repository:${repository}:pull`,
      accept: MANIFEST_ACCEPT,
    });
    if (response.status !== 200) return { tag };
    const digest = header(response, 'docker-content-digest');
    const mediaType = header(response, 'content-type')?.split(';')[0]?.trim();
    return { tag, ...(digest ? { digest } : {}), ...(mediaType ? { mediaType } : {}) };
  }
}

/** The JSON of a 200 answer. @throws RegistryError with the registry's reason otherwise. */
function expectOk(server: string, response: { status: number; body: Buffer }, what: string): unknown {
  if (response.status !== 200) throw failed(server, response, what);
  const body = parseJson(response.body);
  if (body === undefined) throw new RegistryError('engine-error', `${server} answered with something that is not JSON`);
  return body;
}

function failed(server: string, response: { status: number; body: Buffer }, what: string): RegistryError {
  const reason = registryReason(response.body);
  const code = response.status === 403 ? 'forbidden' : response.status === 404 ? 'not-found' : 'engine-error';
  return new RegistryError(code, `${server} would not ${what} (HTTP ${response.status}${reason ? `: ${reason}` : ''})`);
}

/** `fn` over `items` with at most `limit` calls running at once, results in the items' order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
