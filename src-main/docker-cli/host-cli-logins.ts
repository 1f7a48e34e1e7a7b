// Gives one run of this computer's docker CLI Berth's own registry logins: a private DOCKER_CONFIG folder (0700, removed
// after the run) whose config.json is the user's plus the "berth" credential helper, which answers from the run's
// environment. No secret is written to a file; the user's config folder is only read.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import {
  CLI_HELPER_PROGRAM,
  credentialHelperScript,
  parseCliConfig,
  planCliRun,
  type CliLogin,
} from '../core/cli-logins';

/** Every login Berth keeps itself (a run's servers are not known in advance; there are usually a handful). */
export type CliLoginList = () => Promise<CliLogin[]>;

/** A run's private config folder and the environment the CLI takes it with. */
export interface CliLoginRun {
  /** DOCKER_CONFIG, PATH (the helper first), BUILDX_CONFIG and the login variables. */
  env: Record<string, string>;
  /** Removes the run's folder. Idempotent. */
  remove(): Promise<void>;
}

/** Where runs make their folders: the user's runtime folder (a tmpfs) when there is one, else the temp folder. */
export function defaultRunsDir(): string {
  return process.env.XDG_RUNTIME_DIR || tmpdir();
}

async function readText(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/**
 * Makes the folder for a run that is given `logins`; undefined when the user's config already gives each of their
 * servers to a credential helper of its own (the run needs nothing then), or on Windows, where the CLI cannot run
 * the sh helper (a helper it cannot start would fail even pulls that need no login), for a CLI whose environment is `env` (its DOCKER_CONFIG, PATH,
 * BUILDX_CONFIG are read from there, else from this process's).
 * @param runsDir where the run's folder is made (default defaultRunsDir()).
 */
export async function prepareCliLogins(
  logins: readonly CliLogin[],
  env: Record<string, string | undefined>,
  runsDir = defaultRunsDir(),
): Promise<CliLoginRun | undefined> {
  if (process.platform === 'win32') return undefined;
  const from = { ...process.env, ...env };
  const userDir = from.DOCKER_CONFIG || join(homedir(), '.docker');
  const userConfig = parseCliConfig(await readText(join(userDir, 'config.json')));
  const token = randomBytes(12).toString('hex').toUpperCase();
  const plan = planCliRun(userConfig, logins, join(userDir, 'cli-plugins'), token);
  if (!plan) return undefined;
  const dir = await mkdtemp(join(runsDir, 'berth-cli-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await chmod(dir, 0o700);
    const bin = join(dir, 'bin');
    await mkdir(bin, { mode: 0o700 });
    await writeFile(join(dir, 'config.json'), `${JSON.stringify(plan.config, null, 2)}\n`, { mode: 0o600 });
    await writeFile(join(bin, CLI_HELPER_PROGRAM), credentialHelperScript(token), { mode: 0o700 });
    return {
      env: {
        ...plan.variables,
        DOCKER_CONFIG: dir,
        PATH: from.PATH ? `${bin}${delimiter}${from.PATH}` : bin,
        // buildx keeps its builders and their selection under DOCKER_CONFIG/buildx: the user's stay in use.
        BUILDX_CONFIG: from.BUILDX_CONFIG || join(userDir, 'buildx'),
      },
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
