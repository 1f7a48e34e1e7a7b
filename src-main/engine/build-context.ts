// Packs a build context folder into a tar stream, honouring .dockerignore like the docker CLI.
import { readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import createIgnore from '@balena/dockerignore';
import { pack } from 'tar-fs';
import { InvalidArgumentError } from './errors';

export async function packBuildContext(context: string, dockerfile: string): Promise<Readable> {
  const info = await stat(context).catch(() => undefined);
  if (!info?.isDirectory()) throw new InvalidArgumentError('context', `"${context}" is not a folder`);
  const dockerfilePath = join(context, dockerfile);
  if (relative(context, dockerfilePath).startsWith('..')) {
    throw new InvalidArgumentError('dockerfile', `"${dockerfile}" must be inside the build context`);
  }
  if (!(await stat(dockerfilePath).catch(() => undefined))?.isFile()) {
    throw new InvalidArgumentError('dockerfile', `no Dockerfile at "${dockerfilePath}"`);
  }
  const rules = await readFile(join(context, '.dockerignore'), 'utf8').catch(() => '');
  const ignore = createIgnore().add(rules.split(/\r?\n/));
  const alwaysSent = new Set([relative(context, dockerfilePath), '.dockerignore']);
  return pack(context, {
    ignore: (path) => {
      const rel = relative(context, path).split(sep).join('/');
      return rel !== '' && !alwaysSent.has(rel) && ignore.ignores(rel);
    },
  });
}
