// The `docker buildx build` command line for a build request: BuildKit's rawjson progress, the image loaded into the
// engine under its tags.
import { join } from 'node:path';
import type { BuildRequest } from '../contract/methods/builds';
import { InvalidArgumentError } from '../engine/errors';

/** buildx reads `--secret` as CSV: a comma or quote in a path would change what it means. */
function secretPath(field: string, path: string): string {
  if (/[,"]/.test(path)) throw new InvalidArgumentError(field, 'must not contain "," or \'"\'');
  return path;
}

const DEFAULT_DOCKERFILE = 'Dockerfile';

export function buildxArgs(request: BuildRequest): string[] {
  const args = ['buildx', 'build', '--progress=rawjson', '--load'];
  // The default Dockerfile is the context's own: no --file, as `docker build .` runs it.
  if (request.dockerfile !== DEFAULT_DOCKERFILE) args.push('--file', join(request.context, request.dockerfile));
  for (const tag of request.tags) args.push('--tag', tag);
  for (const [name, value] of Object.entries(request.buildArgs)) args.push('--build-arg', `${name}=${value}`);
  if (request.target) args.push('--target', request.target);
  request.secrets.forEach((secret, i) =>
    args.push(
      '--secret',
      'file' in secret
        ? `id=${secret.id},src=${secretPath(`secrets[${i}].file`, secret.file)}`
        : `id=${secret.id},env=${secret.env}`,
    ),
  );
  if (request.noCache) args.push('--no-cache');
  if (request.pull) args.push('--pull');
  args.push(request.context);
  return args;
}
