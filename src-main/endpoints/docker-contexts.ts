// The docker CLI's contexts (<config>/contexts: meta.json per context, TLS files beside), read as engines Berth can use.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_ENGINE_ADDRESS, type EngineTls } from '../engine/endpoint';

export interface DockerContext {
  name: string;
  description: string;
  /** The engine address: unix://, npipe://, tcp:// or ssh://. */
  host: string;
  /** The context's TLS material (PEM), when `docker context create` was given ca=, cert=, key=. */
  tls?: EngineTls;
  /** The context says not to verify the engine's certificate. */
  skipTlsVerify: boolean;
  /** The CLI's current context ($DOCKER_CONTEXT, else config.json's currentContext, else "default"). */
  current: boolean;
}

export interface DockerContexts {
  contexts: DockerContext[];
  /** Contexts that could not be read, each in a sentence (the rest are still listed). */
  problems: string[];
}

/** The context the CLI makes up from DOCKER_HOST (or the default socket) when no other is chosen. */
const DEFAULT_CONTEXT = 'default';

const TLS_FILES = { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem' } as const;

interface ContextMeta {
  Name?: unknown;
  Metadata?: { Description?: unknown };
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

const digestOf = (name: string) => createHash('sha256').update(name).digest('hex');

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The context config.json (or $DOCKER_CONTEXT) names as current; $DOCKER_HOST alone means the default one. */
async function currentContext(configDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT;
  if (env.DOCKER_HOST) return DEFAULT_CONTEXT;
  const text = await readText(join(configDir, 'config.json')).catch(() => undefined);
  try {
    const named = text === undefined ? undefined : (JSON.parse(text) as { currentContext?: unknown }).currentContext;
    return typeof named === 'string' && named !== '' ? named : DEFAULT_CONTEXT;
  } catch {
    return DEFAULT_CONTEXT;
  }
}

/** The TLS files `docker context create --docker ca=…,cert=…,key=…` copied under contexts/tls/<digest>/docker. */
async function contextTls(configDir: string, name: string): Promise<EngineTls | undefined> {
  const dir = join(configDir, 'contexts', 'tls', digestOf(name), 'docker');
  const tls: EngineTls = {};
  for (const [key, file] of Object.entries(TLS_FILES)) {
    const pem = await readText(join(dir, file));
    if (pem !== undefined) tls[key as keyof EngineTls] = pem;
  }
  return Object.keys(tls).length > 0 ? tls : undefined;
}

/** One meta.json as a context, or the sentence saying why it is not one. */
async function readContext(configDir: string, folder: string, current: string): Promise<DockerContext | string> {
  const file = join(configDir, 'contexts', 'meta', folder, 'meta.json');
  let meta: ContextMeta;
  try {
    meta = JSON.parse((await readText(file)) ?? 'null') as ContextMeta;
  } catch (error) {
    return `${file} could not be read as a docker context (${error instanceof Error ? error.message : String(error)})`;
  }
  if (!meta || typeof meta.Name !== 'string') return `${file} names no context`;
  const docker = meta.Endpoints?.docker;
  if (typeof docker?.Host !== 'string' || docker.Host === '')
    return `the docker context "${meta.Name}" has no docker endpoint`;
  const tls = await contextTls(configDir, meta.Name);
  const description = meta.Metadata?.Description;
  return {
    name: meta.Name,
    description: typeof description === 'string' ? description : '',
    host: docker.Host,
    ...(tls ? { tls } : {}),
    skipTlsVerify: docker.SkipTLSVerify === true,
    current: meta.Name === current,
  };
}

/** Every context in `configDir` (the default one first), sorted by name, with the ones that could not be read. */
export async function readDockerContexts(
  configDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DockerContexts> {
  const current = await currentContext(configDir, env);
  const folders = await readdir(join(configDir, 'contexts', 'meta')).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const read = await Promise.all(folders.sort().map((folder) => readContext(configDir, folder, current)));
  const named = read.filter((entry): entry is DockerContext => typeof entry !== 'string');
  const fallback: DockerContext = {
    name: DEFAULT_CONTEXT,
    description: 'Current DOCKER_HOST based configuration',
    host: env.DOCKER_HOST || DEFAULT_ENGINE_ADDRESS,
    skipTlsVerify: false,
    current: current === DEFAULT_CONTEXT,
  };
  return {
    contexts: [fallback, ...named.sort((a, b) => a.name.localeCompare(b.name))],
    problems: read.filter((entry): entry is string => typeof entry === 'string'),
  };
}
