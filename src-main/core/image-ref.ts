// Docker image references ("busybox", "ghcr.io/o/app:v1@sha256:…"): parsing, normalisation and formatting.
//
// Follows distribution/reference's grammar and its ParseNormalizedNamed / FamiliarString rules.

import { ParseError } from './parse-error';

/** A normalised image reference: `domain` is always set ("docker.io" for Docker Hub). */
export interface ImageReference {
  /** Registry host with optional port, e.g. "docker.io", "localhost:5000", "[::1]:5000". */
  domain: string;
  /** Repository path inside the registry, e.g. "library/busybox". */
  path: string;
  tag?: string;
  /** Content digest "algorithm:hex", e.g. "sha256:…". */
  digest?: string;
}

const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';
const DEFAULT_TAG = 'latest';
/** Longest allowed "domain/path", in characters. */
const NAME_MAX_LENGTH = 255;

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_RE = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^\w[\w.-]{0,127}$/;
const IDENTIFIER_RE = /^[a-f0-9]{64}$/;
/** Hex length of each digest algorithm the engine accepts. */
const DIGEST_HEX_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/**
 * Parses and normalises a reference the way `docker pull` does: "busybox" becomes
 * docker.io/library/busybox. No default tag is added (see {@link withDefaultTag}).
 * @throws ParseError when the reference is malformed.
 */
export function parseImageReference(input: string): ImageReference {
  const fail = (reason: string): never => {
    throw new ParseError(`invalid image reference "${input}": ${reason}`);
  };
  if (input === '') fail('must not be empty');
  if (IDENTIFIER_RE.test(input)) {
    fail('a 64-character hexadecimal string is an image ID, not a repository name');
  }

  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    checkDigest(digest, fail);
  }

  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) {
      fail(`tag "${tag}" must be 1 to 128 letters, digits, "_", "." or "-", not starting with "." or "-"`);
    }
  }

  if (rest === '') fail('repository name is missing');
  const { domain, path } = splitDomain(rest);
  if (path.toLowerCase() !== path) fail('repository name must be lowercase');
  if (!DOMAIN_RE.test(domain)) fail(`"${domain}" is not a valid registry host`);
  for (const component of path.split('/')) {
    if (!PATH_COMPONENT_RE.test(component)) {
      fail(
        component === ''
          ? 'repository name has an empty path component'
          : `"${component}" must be lowercase letters and digits, separated by ".", "_", "__" or "-"`,
      );
    }
  }
  if (domain.length + 1 + path.length > NAME_MAX_LENGTH) {
    fail(`repository name must not be longer than ${NAME_MAX_LENGTH} characters`);
  }

  const ref: ImageReference = { domain, path };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** Returns `ref` with tag "latest" when it has neither a tag nor a digest. */
export function withDefaultTag(ref: ImageReference): ImageReference {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: DEFAULT_TAG } : ref;
}

/** The fully qualified repository, e.g. "docker.io/library/busybox". */
export function repositoryOf(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The canonical full form, e.g. "docker.io/library/busybox:latest" or "…@sha256:…". */
export function formatImageReference(ref: ImageReference): string {
  return repositoryOf(ref) + suffix(ref);
}

/** The short form docker prints: "busybox:latest", "user/app:1", "localhost:5000/app:dev". */
export function familiarImageReference(ref: ImageReference): string {
  let name = repositoryOf(ref);
  if (ref.domain === DEFAULT_DOMAIN) {
    name = ref.path;
    const official = name.slice(OFFICIAL_PREFIX.length);
    if (name.startsWith(OFFICIAL_PREFIX) && !official.includes('/')) name = official;
  }
  return name + suffix(ref);
}

function suffix(ref: ImageReference): string {
  return (ref.tag !== undefined ? `:${ref.tag}` : '') + (ref.digest !== undefined ? `@${ref.digest}` : '');
}

/** Docker's rule: the first component is a registry only if it looks like a host. */
function splitDomain(name: string): { domain: string; path: string } {
  const slash = name.indexOf('/');
  let domain = DEFAULT_DOMAIN;
  let path = name;
  if (slash !== -1) {
    const first = name.slice(0, slash);
    if (first === LEGACY_DEFAULT_DOMAIN) {
      path = name.slice(slash + 1);
    } else if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
      domain = first;
      path = name.slice(slash + 1);
    }
  }
  if (domain === DEFAULT_DOMAIN && !path.includes('/')) path = OFFICIAL_PREFIX + path;
  return { domain, path };
}

function checkDigest(digest: string, fail: (reason: string) => never): void {
  const colon = digest.indexOf(':');
  const algorithm = colon === -1 ? digest : digest.slice(0, colon);
  const hex = colon === -1 ? '' : digest.slice(colon + 1);
  const length = DIGEST_HEX_LENGTHS[algorithm];
  if (length === undefined) {
    fail(`digest "${digest}" must start with sha256:, sha384: or sha512:`);
  } else if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) {
    fail(`digest "${digest}" must have ${length} lowercase hexadecimal digits after "${algorithm}:"`);
  }
}
