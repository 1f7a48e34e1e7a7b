// An ssh:// engine: Debian's sshd on 127.0.0.1 with a test key in front of a second private dockerd; the host key as
// OpenSSH prints it before it is pinned, Berth's API through the local socket, a changed host key refused.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeHostKey } from '../../src-main/endpoints/ssh-host-key-probe';
import { SshEngine } from '../../src-main/endpoints/ssh-engine';
import { parseSshAddress } from '../../src-main/endpoints/ssh-target';
import { startTestApi, type TestApi } from '../support/api';
import { dockerodeFor } from '../support/docker-client';
import { startPrivateDockerd, type PrivateDockerd } from '../support/dockerd';
import { testLabels } from '../support/engine';
import { spawnTracked, stopProcess } from '../support/processes';
import { startSshd, type TestSshd } from '../support/sshd';
import { waitFor } from '../support/wait';
import { httpGet } from '../support/http';
import { acceptsTcp, freePort } from '../support/ports';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { buildTestImage } from '../support/test-image';

const scratch = makeOwnedTempDir('berth-ssh-engine-');
const emptySshConfig = join(scratch, 'ssh_config');
writeFileSync(emptySshConfig, '');
let remote: PrivateDockerd;
let sshd: TestSshd;
let engine: SshEngine | undefined;
let api: TestApi | undefined;

beforeAll(async () => {
  [remote, sshd] = await Promise.all([startPrivateDockerd({ name: 'ssh-remote' }), startSshd()]);
  await buildTestImage(dockerodeFor(remote.dockerHost));
}, 180_000);

afterAll(async () => {
  await api?.close();
  await engine?.close();
  await sshd?.stop();
  await remote?.stop();
});

/** SshEngine options for `server`'s root login with its test key, on a local socket named `name`. */
function target(server: TestSshd, name: string) {
  return {
    address: `ssh://root@${server.host}:${server.port}`,
    privateKey: server.privateKey,
    hostKey: server.hostPublicKey,
    socketPath: join(scratch, 'engines', `${name}.sock`),
    remoteSocket: remote.socketPath,
    // The machine's own ~/.ssh/config and agent stay out of it.
    sshConfigFile: emptySshConfig,
    env: {},
  };
}

describe('an ssh:// engine', () => {
  it('shows the host key as OpenSSH prints it, then drives the remote engine through a 0600 local socket', async () => {
    const seen = await probeHostKey(sshd.host, sshd.port);
    expect(seen.line).toBe(sshd.hostPublicKey.split(' ').slice(0, 2).join(' '));
    // The fingerprint is OpenSSH's own: ssh-keygen prints the same for the server's public key.
    const pubFile = join(sshd.dir, 'ssh_host_ed25519_key.pub');
    expect(execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubFile], { encoding: 'utf8' })).toContain(
      ` ${seen.fingerprint} `,
    );
    engine = await SshEngine.open({ ...target(sshd, 'build-box'), hostKey: seen.line });
    expect(statSync(join(scratch, 'engines', 'build-box.sock')).mode & 0o777).toBe(0o600);
    api = startTestApi(engine.endpoint, 'ssh-engine');
    const { id } = await api.client.call('containers.run', {
      spec: { image: 'berth-test/busybox:latest', command: ['sleep', '60'], labels: testLabels() },
    });
    expect((await api.client.call('containers.list', {})).map((c) => c.id)).toContain(id);
    // It ran on the remote engine, not on this computer's.
    expect((await dockerodeFor(remote.dockerHost).getContainer(id).inspect()).State.Running).toBe(true);
    const volume = await api.client.call('volumes.create', { name: 'ssh-engine-data', labels: testLabels() });
    expect(volume.name).toBe('ssh-engine-data');
    expect((await dockerodeFor(remote.dockerHost).listVolumes()).Volumes?.map((v) => v.Name)).toContain(
      'ssh-engine-data',
    );
  });

  it("forwards a container's published port on the remote engine to another port here, over the same connection", async () => {
    const [remotePort, localPort] = [await freePort(), await freePort()];
    const script =
      'mkdir -p /tmp/www && echo served remotely > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www';
    const { id } = await api!.client.call('containers.run', {
      spec: {
        image: 'berth-test/busybox:latest',
        command: ['sh', '-c', script],
        ports: [`127.0.0.1:${remotePort}:8080`],
        labels: testLabels(),
      },
    });
    expect(await engine!.forwardPort({ remotePort, localPort, containerId: id, containerName: 'web' })).toBe(localPort);
    const served = await waitFor(
      async () => {
        const answer = await httpGet({ host: '127.0.0.1', port: localPort, path: '/index.html' }).catch(
          () => undefined,
        );
        return answer?.status === 200 ? answer.body : undefined;
      },
      { timeoutMs: 15_000, message: `httpd through 127.0.0.1:${localPort}` },
    );
    expect(served).toBe('served remotely\n');
    await expect(engine!.forwardPort({ remotePort, localPort, containerId: id, containerName: 'web' })).rejects.toThrow(
      `127.0.0.1:${localPort} is already forwarded`,
    );
    await engine!.unforwardPort(localPort);
    expect(await acceptsTcp(localPort)).toBe(false);
  });

  it('comes back by itself when sshd restarts', async () => {
    await sshd.restart();
    await expect
      .poll(async () => (await api!.client.call('containers.list', {})).length, { timeout: 30_000, interval: 250 })
      .toBeGreaterThan(0);
    expect(engine?.dataPath).toBe('streamlocal');
  });

  it('falls back to docker system dial-stdio where the server forbids streamlocal forwarding', async () => {
    const strict = await startSshd({}, { streamLocal: false });
    const fallback = await SshEngine.open(target(strict, 'strict'));
    const strictApi = startTestApi(fallback.endpoint, 'ssh-engine-strict');
    try {
      const { id } = await strictApi.client.call('containers.run', {
        spec: { image: 'berth-test/busybox:latest', command: ['true'], labels: testLabels() },
      });
      expect((await strictApi.client.call('containers.list', { all: true })).map((c) => c.id)).toContain(id);
      expect(fallback.dataPath).toBe('dial-stdio');
      expect(readFileSync(strict.logFile, 'utf8')).toMatch(/refused streamlocal port forward/);
    } finally {
      await strictApi.close();
      await fallback.close();
      await strict.stop();
    }
  });

  it('refuses a server whose host key changed, naming both fingerprints', async () => {
    const other = await startSshd();
    try {
      const pinned = await probeHostKey(sshd.host, sshd.port);
      const now = await probeHostKey(other.host, other.port);
      await expect(SshEngine.open({ ...target(other, 'changed'), hostKey: pinned.line })).rejects.toThrow(
        `The SSH host key of ${other.host}:${other.port} is now ${now.fingerprint}, but it was ${pinned.fingerprint} ` +
          'when this engine was added. Refusing to connect',
      );
    } finally {
      await other.stop();
    }
  });

  it('logs in with the keys an SSH agent holds, with no key given', async () => {
    const agentSocket = join(scratch, 'agent.sock');
    const agent = spawnTracked('ssh-agent', ['-D', '-a', agentSocket], { logFile: join(scratch, 'agent.log') });
    try {
      await waitFor(async () => existsSync(agentSocket), { timeoutMs: 10_000, message: 'ssh-agent listening' });
      execFileSync('ssh-add', [sshd.privateKeyFile], {
        env: { ...process.env, SSH_AUTH_SOCK: agentSocket },
        stdio: 'pipe',
      });
      const { privateKey: _none, ...keyless } = target(sshd, 'agent');
      const viaAgent = await SshEngine.open({ ...keyless, agent: agentSocket });
      const agentApi = startTestApi(viaAgent.endpoint, 'ssh-engine-agent');
      try {
        expect((await agentApi.client.call('system.version', {})).apiVersion).toMatch(/^1\.\d+$/);
      } finally {
        await agentApi.close();
        await viaAgent.close();
      }
    } finally {
      await stopProcess(agent, { timeoutMs: 5_000 });
    }
  });

  it('opens a key protected by a passphrase, and says when the passphrase is missing or wrong', async () => {
    const keyFile = join(scratch, 'id_passphrase');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'open sesame', '-C', 'berth-passphrase', '-f', keyFile]);
    appendFileSync(join(sshd.dir, 'authorized_keys'), readFileSync(`${keyFile}.pub`));
    const privateKey = readFileSync(keyFile, 'utf8');
    const { privateKey: _theirs, ...withoutKey } = target(sshd, 'passphrase');
    await expect(SshEngine.open({ ...withoutKey, privateKey })).rejects.toThrow(
      'the private key is protected by a passphrase: enter it',
    );
    await expect(SshEngine.open({ ...withoutKey, privateKey, passphrase: 'wrong' })).rejects.toThrow(
      'the passphrase does not open the private key',
    );
    const opened = await SshEngine.open({ ...withoutKey, privateKey, passphrase: 'open sesame' });
    await opened.close();
  });

  it('says at once when the server takes none of the keys offered', async () => {
    const keyFile = join(scratch, 'id_unknown');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
    const started = Date.now();
    await expect(
      SshEngine.open({ ...target(sshd, 'unknown-key'), privateKey: readFileSync(keyFile, 'utf8') }),
    ).rejects.toThrow(
      `The SSH server ${sshd.host}:${sshd.port} refused the login: it accepts none of the keys Berth offered`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("follows ~/.ssh/config: a Host alias's HostName, Port, User and IdentityFile", async () => {
    const config = join(scratch, 'ssh_config_alias');
    writeFileSync(
      config,
      [
        'Host build-box',
        `  HostName ${sshd.host}`,
        `  Port ${sshd.port}`,
        '  User root',
        `  IdentityFile ${sshd.privateKeyFile}`,
        '',
      ].join('\n'),
    );
    const { privateKey: _none, ...rest } = target(sshd, 'alias');
    const aliased = await SshEngine.open({ ...rest, address: 'ssh://build-box', sshConfigFile: config });
    const aliasApi = startTestApi(aliased.endpoint, 'ssh-engine-alias');
    try {
      expect((await aliasApi.client.call('system.version', {})).apiVersion).toMatch(/^1\.\d+$/);
    } finally {
      await aliasApi.close();
      await aliased.close();
    }
  });

  it('reads user, host and port from the address, and refuses what is not one', () => {
    expect(parseSshAddress('ssh://builder@build-box:2222')).toEqual({
      username: 'builder',
      host: 'build-box',
      port: 2222,
    });
    expect(parseSshAddress('ssh://[::1]')).toEqual({ host: '::1' });
    expect(() => parseSshAddress('tcp://x:1')).toThrow('is not an ssh://[user@]host[:port] address');
    expect(() => parseSshAddress('ssh://host/path')).toThrow('is not an ssh://[user@]host[:port] address');
  });
});
