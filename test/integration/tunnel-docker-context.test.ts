// The `berth` docker context, checked with the real docker CLI: listed, usable, current only when asked, removable.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  contextMetaFile,
  dockerConfigDir,
  removeDockerContext,
  writeDockerContext,
} from '../../src-main/tunnel/docker-context';
import { runCommand } from '../support/command';
import { testEngine } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { testDockerCli } from '../support/engine-root';

const { docker, dockerHost } = testEngine();
const socketPath = dockerHost.replace(/^unix:\/\//, '');
const root = makeOwnedTempDir('berth-context-');
let configDir: string;
let counter = 0;

const EXISTING = { auths: { 'registry.example': { auth: 'dXNlcjpwYXNz' } }, psFormat: 'table {{.Names}}' };

/** The docker CLI with `--config configDir`; DOCKER_HOST and DOCKER_CONTEXT unset so the config decides. */
async function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const env = { ...process.env };
  delete env.DOCKER_HOST;
  delete env.DOCKER_CONTEXT;
  const result = await runCommand(await testDockerCli(), ['--config', configDir, ...args], { env, timeoutMs: 30_000 });
  return { code: result.code, out: result.stdout.toString().trim(), err: result.stderr.trim() };
}

function readConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as Record<string, unknown>;
}

beforeEach(() => {
  if (!dockerHost.startsWith('unix://'))
    throw new Error(`context tests need a unix:// engine socket, got ${dockerHost}`);
  counter += 1;
  configDir = join(root, `config-${counter}`);
  mkdirSync(configDir, { mode: 0o700 });
  writeFileSync(join(configDir, 'config.json'), JSON.stringify(EXISTING, null, '\t'), { mode: 0o600 });
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('docker context', () => {
  it('writes meta.json where the CLI looks, and leaves config.json alone', async () => {
    const before = readFileSync(join(configDir, 'config.json'));
    const file = await writeDockerContext({ configDir, socketPath });
    const digest = createHash('sha256').update('berth').digest('hex');
    expect(file).toBe(join(configDir, 'contexts', 'meta', digest, 'meta.json'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      Name: 'berth',
      Metadata: { Description: 'Berth' },
      Endpoints: { docker: { Host: `unix://${socketPath}`, SkipTLSVerify: false } },
    });
    expect(readFileSync(join(configDir, 'config.json'))).toEqual(before);

    const listed = await cli(['context', 'ls', '--format', '{{.Name}} {{.DockerEndpoint}} {{.Current}}']);
    expect(listed.err).toBe('');
    expect(listed.out.split('\n')).toContain(`berth unix://${socketPath} false`);
    const version = await cli(['--context', 'berth', 'version', '--format', '{{.Server.Version}}']);
    expect(version.err).toBe('');
    expect(version.out).toBe((await docker.version()).Version);
  });

  it('makes it the current context only when asked, keeping every other key and the file mode', async () => {
    await writeDockerContext({ configDir, socketPath, use: true });
    expect(readConfig()).toEqual({ ...EXISTING, currentContext: 'berth' });
    expect(statSync(join(configDir, 'config.json')).mode & 0o777).toBe(0o600);
    expect((await cli(['context', 'show'])).out).toBe('berth');
    const version = await cli(['version', '--format', '{{.Server.Version}}']);
    expect(version.out).toBe((await docker.version()).Version);
  });

  it('rewrites the endpoint when the socket moves', async () => {
    await writeDockerContext({ configDir, socketPath: '/elsewhere/docker.sock' });
    await writeDockerContext({ configDir, socketPath });
    const listed = await cli(['context', 'inspect', 'berth', '--format', '{{.Endpoints.docker.Host}}']);
    expect(listed.out).toBe(`unix://${socketPath}`);
  });

  it('is removed, and stops being current, leaving the rest of config.json', async () => {
    await writeDockerContext({ configDir, socketPath, use: true });
    await removeDockerContext({ configDir });
    expect(() => statSync(contextMetaFile(configDir))).toThrow(/ENOENT/);
    expect(readConfig()).toEqual(EXISTING);
    const listed = await cli(['context', 'ls', '--format', '{{.Name}}']);
    expect(listed.out.split('\n')).not.toContain('berth');
    expect((await cli(['context', 'show'])).out).toBe('default');
  });

  it('creates config.json (mode 0600) when asked to use the context and there is none', async () => {
    rmSync(join(configDir, 'config.json'));
    await writeDockerContext({ configDir, socketPath, use: true });
    expect(readConfig()).toEqual({ currentContext: 'berth' });
    expect(statSync(join(configDir, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses to touch a config.json that is not JSON', async () => {
    writeFileSync(join(configDir, 'config.json'), '{ broken');
    await expect(writeDockerContext({ configDir, socketPath, use: true })).rejects.toThrow(
      /config\.json is not a JSON object; fix or remove it/,
    );
    expect(readFileSync(join(configDir, 'config.json'), 'utf8')).toBe('{ broken');
  });
});

describe('dockerConfigDir', () => {
  it('is $DOCKER_CONFIG when set, else ~/.docker', () => {
    expect(dockerConfigDir({ DOCKER_CONFIG: '/custom/docker' }, '/home/alice')).toBe('/custom/docker');
    expect(dockerConfigDir({}, '/home/alice')).toBe('/home/alice/.docker');
  });
});
