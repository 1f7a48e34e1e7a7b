// Finds a program on a PATH (on Windows as NAME.exe: helpers are programs, and scripts cannot be spawned without a shell).
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The full path of `name` in the first `env.PATH` folder that has it as an executable file (on Windows `name.exe`,
 * else `name`); undefined when no folder has it.
 */
export async function executableOnPath(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<string | undefined> {
  const path = env.PATH ?? env.Path ?? '';
  const extensions = platform === 'win32' ? ['.exe', ''] : [''];
  for (const folder of path.split(delimiter)) {
    if (!folder || !isAbsolute(folder)) continue;
    for (const extension of extensions) {
      const candidate = join(folder, name + extension);
      if (await isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

async function isExecutableFile(file: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
    if (platform !== 'win32') await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
