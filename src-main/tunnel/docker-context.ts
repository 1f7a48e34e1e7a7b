// The `berth` docker CLI context: its meta.json under the docker config folder, and (only when asked) config.json's currentContext.
import { createHash, randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { mkdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { engineAddressFor } from '../core/host-socket';

export const BERTH_CONTEXT = 'berth';

export interface WriteDockerContextOptions {
  /** The docker CLI's config folder (see dockerConfigDir). */
  configDir: string;
  /** The engine socket the context points at (absolute path); or give `endpoint`. */
  socketPath?: string;
  /** The engine address the context points at (unix://, npipe://, tcp://), instead of `socketPath`. */
  endpoint?: string;
  /** Context name (default 'berth'). */
  name?: string;
  /** Make it the CLI's current context (config.json `currentContext`); default false, which leaves config.json alone. */
  use?: boolean;
}

export interface RemoveDockerContextOptions {
  configDir: string;
  name?: string;
}

/** `$DOCKER_CONFIG` when set, else `~/.docker`: where the docker CLI keeps config.json and contexts. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  return env.DOCKER_CONFIG || join(home, '.docker');
}

/** `<configDir>/contexts/meta/<sha256 of the name>/meta.json`, where the docker CLI looks a context up. */
export function contextMetaFile(configDir: string, name: string = BERTH_CONTEXT): string {
  const digest = createHash('sha256').update(name).digest('hex');
  return join(configDir, 'contexts', 'meta', digest, 'meta.json');
}

/**
 * Writes (or rewrites) the context pointing at `unix://<socketPath>` (`npipe://` for a Windows named pipe). With `use: true` also sets
 * config.json's `currentContext`, keeping every other key. Files are replaced atomically.
 * Returns the meta.json path.
 */
export async function writeDockerContext(options: WriteDockerContextOptions): Promise<string> {
  const name = options.name ?? BERTH_CONTEXT;
  const file = contextMetaFile(options.configDir, name);
  const meta = {
    Name: name,
    Metadata: { Description: 'Berth' },
    Endpoints: { docker: { Host: contextHost(options), SkipTLSVerify: false } },
  };
  await mkdir(dirname(file), { recursive: true, mode: 0o755 });
  await writeAtomically(file, JSON.stringify(meta), 0o644);
  if (options.use) await updateConfig(options.configDir, (config) => ({ ...config, currentContext: name }));
  return file;
}

/**
 * Removes the context's files. If config.json names it as the current context, that key is
 * removed too (the CLI then uses its default), since the CLI refuses to run with a missing context.
 */
export async function removeDockerContext(options: RemoveDockerContextOptions): Promise<void> {
  const name = options.name ?? BERTH_CONTEXT;
  await rm(dirname(contextMetaFile(options.configDir, name)), { recursive: true, force: true });
  const digest = createHash('sha256').update(name).digest('hex');
  await rm(join(options.configDir, 'contexts', 'tls', digest), { recursive: true, force: true });
  const config = await readConfig(options.configDir);
  if (config?.currentContext === name) {
    await updateConfig(options.configDir, ({ currentContext: _dropped, ...rest }) => rest);
  }
}

function contextHost(options: WriteDockerContextOptions): string {
  if (options.endpoint) return options.endpoint;
  if (options.socketPath) return engineAddressFor(options.socketPath);
  throw new Error('The docker context needs the engine socket or address');
}

export interface DockerContextState {
  name: string;
  /** The context's meta.json exists. */
  exists: boolean;
  /** Its engine address, when it exists. */
  host?: string;
  /** config.json names it as the CLI's current context. */
  current: boolean;
}

/** Whether the context exists, where it points and whether the docker CLI uses it by default. */
export async function readDockerContext(configDir: string, name: string = BERTH_CONTEXT): Promise<DockerContextState> {
  const meta = await readFile(contextMetaFile(configDir, name), 'utf8').then(
    (text) => JSON.parse(text) as { Endpoints?: { docker?: { Host?: unknown } } },
    () => undefined,
  );
  const host = meta?.Endpoints?.docker?.Host;
  const config = await readConfig(configDir).catch(() => undefined);
  return {
    name,
    exists: meta !== undefined,
    ...(typeof host === 'string' ? { host } : {}),
    current: config?.currentContext === name,
  };
}

type DockerConfig = Record<string, unknown> & { currentContext?: unknown };

async function readConfig(configDir: string): Promise<DockerConfig | undefined> {
  const file = join(configDir, 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!text.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as DockerConfig;
  } catch {
    // reported below
  }
  throw new Error(`${file} is not a JSON object; fix or remove it, then try again (Berth leaves it untouched)`);
}

/** Rewrites config.json through `change`, keeping its file mode (0600 for a new one: it may hold credentials). */
async function updateConfig(configDir: string, change: (config: DockerConfig) => DockerConfig): Promise<void> {
  const file = join(configDir, 'config.json');
  const config = (await readConfig(configDir)) ?? {};
  const mode = await stat(file).then(
    (info) => info.mode & 0o777,
    () => 0o600,
  );
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  await writeAtomically(file, `${JSON.stringify(change(config), null, '\t')}\n`, mode);
}

/** Writes `text` to a temporary file beside `file` and renames it over `file`. */
async function writeAtomically(file: string, text: string, mode: number): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { mode, flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
