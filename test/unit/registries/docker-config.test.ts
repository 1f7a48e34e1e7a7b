// The docker CLI's config.json as logins read it: credsStore, credHelpers and auths, keys matched normalised.
import { mkdir, mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DockerConfigError,
  authEntryCredential,
  helperFor,
  parseDockerLoginConfig,
  readDockerLoginConfig,
} from '../../../src-main/registries/docker-config';
import { credentialToKeep, registryAuthFor } from '../../../src-main/registries/stored-credential';

const base64 = (text: string) => Buffer.from(text).toString('base64');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-docker-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readDockerLoginConfig', () => {
  it('reads a missing folder or file as a config without logins', async () => {
    const config = await readDockerLoginConfig(join(dir, 'nowhere'));
    expect(config.credsStore).toBeUndefined();
    expect(config.auths.size).toBe(0);
  });

  it('refuses a config.json that is not a JSON object, naming the file', async () => {
    const bad = join(dir, 'bad');
    await mkdir(bad);
    await writeFile(join(bad, 'config.json'), '{ "auths": ');
    const error = await readDockerLoginConfig(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerConfigError);
    expect((error as Error).message).toContain(join(bad, 'config.json'));
  });

  it('reads helpers and auths with keys in any spelling', async () => {
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({
        credsStore: 'desktop',
        credHelpers: { 'https://Registry.Example.com:5000': 'pass', 'ghcr.io': '' },
        auths: {
          'https://index.docker.io/v1/': { auth: base64('hubuser:hub:pass') },
          '127.0.0.1:5000': {},
          'https://token.example.com': { auth: base64('me:x'), identitytoken: 'refresh-token' },
        },
      }),
    );
    const config = await readDockerLoginConfig(dir);
    expect(config.credsStore).toBe('desktop');
    expect(helperFor(config, 'registry.example.com:5000')).toBe('pass');
    expect(helperFor(config, 'ghcr.io')).toBe('desktop');
    expect(config.auths.get('docker.io')).toEqual({ username: 'hubuser', secret: 'hub:pass' });
    expect(config.auths.get('token.example.com')).toEqual({ username: '<token>', secret: 'refresh-token' });
    expect(config.auths.has('127.0.0.1:5000')).toBe(false);
    expect(config.authServers).toEqual(['docker.io', '127.0.0.1:5000', 'token.example.com']);
  });
});

describe('auths entries', () => {
  it('takes plain username and password fields when there is no auth', () => {
    expect(authEntryCredential({ username: 'u', password: 'p' })).toEqual({ username: 'u', secret: 'p' });
  });

  it('gives nothing for an entry without a secret or with a broken auth', () => {
    expect(authEntryCredential({ auth: base64('no-colon') })).toBeUndefined();
    expect(authEntryCredential({ email: 'x@example.com' })).toBeUndefined();
  });

  it('leaves out fields of the wrong type', () => {
    const config = parseDockerLoginConfig('config.json', { credsStore: 7, credHelpers: [], auths: 'x' });
    expect(config.credsStore).toBeUndefined();
    expect(config.credHelpers.size).toBe(0);
    expect(config.auths.size).toBe(0);
  });
});

describe('kept credentials', () => {
  it('keeps an identity token instead of the password, as user "<token>"', () => {
    expect(credentialToKeep('me', 'pw', 'tok')).toEqual({ username: '<token>', secret: 'tok' });
    expect(credentialToKeep('me', 'pw', '')).toEqual({ username: 'me', secret: 'pw' });
  });

  it("gives the engine's auth with Docker Hub's v1 address and the token as identitytoken", () => {
    expect(registryAuthFor('docker.io', { username: 'me', secret: 'pw' })).toEqual({
      username: 'me',
      password: 'pw',
      serveraddress: 'https://index.docker.io/v1/',
    });
    expect(registryAuthFor('r.example.com', { username: '<token>', secret: 'tok' })).toEqual({
      username: '',
      password: '',
      identitytoken: 'tok',
      serveraddress: 'r.example.com',
    });
  });
});
