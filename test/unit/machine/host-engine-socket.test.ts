import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findHostEngineSocket, hostEngineSocketCandidates } from '../../../src-main/machine/host-engine-socket';

describe('hostEngineSocketCandidates', () => {
  it('uses only a unix:// DOCKER_HOST', () => {
    expect(
      hostEngineSocketCandidates(
        { DOCKER_HOST: 'unix:///home/a/docker.sock', XDG_RUNTIME_DIR: '/run/user/1000' },
        1000,
      ),
    ).toEqual(['/home/a/docker.sock']);
  });

  it('ignores a tcp:// or ssh:// DOCKER_HOST: the system socket, then the rootless one', () => {
    expect(
      hostEngineSocketCandidates({ DOCKER_HOST: 'tcp://10.0.0.1:2375', XDG_RUNTIME_DIR: '/run/user/1000' }),
    ).toEqual(['/var/run/docker.sock', '/run/user/1000/docker.sock']);
  });

  it('falls back to /run/user/<uid> without XDG_RUNTIME_DIR, and to the system socket alone without a uid', () => {
    expect(hostEngineSocketCandidates({}, 1001)).toEqual(['/var/run/docker.sock', '/run/user/1001/docker.sock']);
    expect(hostEngineSocketCandidates({})).toEqual(['/var/run/docker.sock']);
  });
});

describe('findHostEngineSocket', () => {
  let folder: string;
  let server: Server;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'berth-sock-'));
    server = createServer();
    await new Promise<void>((resolve) => server.listen(join(folder, 'docker.sock'), resolve));
    writeFileSync(join(folder, 'plain-file'), '');
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  it('finds an existing socket', async () => {
    expect(await findHostEngineSocket({ DOCKER_HOST: `unix://${join(folder, 'docker.sock')}` })).toBe(
      join(folder, 'docker.sock'),
    );
  });

  it('does not take a missing path or a plain file for a socket', async () => {
    expect(await findHostEngineSocket({ DOCKER_HOST: `unix://${join(folder, 'missing.sock')}` })).toBeUndefined();
    expect(await findHostEngineSocket({ DOCKER_HOST: `unix://${join(folder, 'plain-file')}` })).toBeUndefined();
  });

  it('finds the rootless socket in XDG_RUNTIME_DIR', async () => {
    const found = await findHostEngineSocket({ XDG_RUNTIME_DIR: folder });
    // The system socket wins when this host has one.
    expect([join(folder, 'docker.sock'), '/var/run/docker.sock']).toContain(found);
  });
});
