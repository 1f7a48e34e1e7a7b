// Rule: a base image without a tag or with `latest`, which changes under the build (ARG defaults substituted).
import type { ParsedDockerfile, Stage } from '../dockerfile-stages';
import type { AdviceRule } from '../rule';

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The FROM image with the global ARGs' defaults put in; undefined when an ARG it uses has no default. */
function resolvedImage(dockerfile: ParsedDockerfile, stage: Stage): string | undefined {
  let unresolved = false;
  const image = stage.image.replace(VARIABLE, (whole, braced?: string, bare?: string) => {
    const name = (braced ?? bare)!;
    const fallback = /:?-([^}]*)\}$/.exec(whole)?.[1];
    const value = dockerfile.globalArgs.get(name) ?? fallback;
    if (value === undefined || value === null) unresolved = true;
    return value ?? '';
  });
  return unresolved ? undefined : image;
}

/** The tag of a reference ("" for none), or undefined when it is pinned by digest. */
function tagOf(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const name = image.slice(image.lastIndexOf('/') + 1);
  const colon = name.indexOf(':');
  return colon < 0 ? '' : name.slice(colon + 1);
}

export const unpinnedBaseImage: AdviceRule = (dockerfile) =>
  dockerfile.stages.flatMap((stage) => {
    const image = resolvedImage(dockerfile, stage);
    if (!image || image.toLowerCase() === 'scratch') return [];
    const earlier = dockerfile.stages.slice(0, stage.index).some((s) => s.name === image.toLowerCase());
    const tag = tagOf(image);
    if (earlier || (tag !== '' && tag !== 'latest')) return [];
    const what = tag === '' ? `${image} has no tag, which means latest` : `${image} is the latest tag`;
    return [
      {
        rule: 'unpinned-base-image' as const,
        severity: 'medium' as const,
        title: 'The base image is not pinned',
        message:
          `${what}: it points at another image whenever its publisher pushes one, so the same Dockerfile builds ` +
          'something else tomorrow, and the cache of every later step is lost when it moves. Name the version ' +
          `you tested with (\`${image.replace(/:latest$/, '')}:<version>\`), or pin its digest (\`@sha256:…\`).`,
        steps: [stage.from],
      },
    ];
  });
