// A tcp:// engine with TLS: a private dockerd run with --tlsverify and certificates made in the test, driven through
// Berth's API over HTTPS with a client certificate; a wrong CA and a missing client certificate are refused clearly;
// docker contexts made by the real CLI (TLS, ssh, unix) read as engines, the TLS one connecting.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDockerContexts } from '../../src-main/endpoints/docker-contexts';
import { TlsEngine } from '../../src-main/endpoints/tls-engine';
import { parseEngineAddress, type EngineTls } from '../../src-main/engine/endpoint';
import { startTestApi, type TestApi } from '../support/api';
import { dockerodeFor } from '../support/docker-client';
import { startPrivateDockerd, type PrivateDockerd } from '../support/dockerd';
import { TEST_LABEL, testLabels, testRunId } from '../support/engine';
import { rejectionOf } from '../support/errors';
import { freePort } from '../support/ports';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { makeTestCa, type TestCa } from '../support/test-ca';
import { buildTestImage } from '../support/test-image';

const execFileAsync = promisify(execFile);
const scratch = makeOwnedTempDir('berth-tls-engine-');
let ca: TestCa;
let engine: PrivateDockerd;
let address: string;
let tls: Required<EngineTls>;
let client: { certificateFile: string; keyFile: string };
const apis: TestApi[] = [];

/** An API on the TLS engine with this TLS material. */
function apiWith(material: EngineTls): TestApi {
  const api = startTestApi(parseEngineAddress(address, material), 'tls-engine');
  apis.push(api);
  return api;
}

beforeAll(async () => {
  ca = makeTestCa(scratch);
  const server = ca.serverCertificate('dockerd');
  client = ca.clientCertificate('berth');
  const port = await freePort();
  address = `tcp://127.0.0.1:${port}`;
  engine = await startPrivateDockerd({
    name: 'tls',
    extraArgs: [
      '--tlsverify',
      `--tlscacert=${ca.certificateFile}`,
      `--tlscert=${server.certificateFile}`,
      `--tlskey=${server.keyFile}`,
      `--host=${address}`,
    ],
  });
  await buildTestImage(dockerodeFor(engine.dockerHost));
  tls = {
    ca: ca.certificate,
    cert: readFileSync(client.certificateFile, 'utf8'),
    key: readFileSync(client.keyFile, 'utf8'),
  };
}, 180_000);

afterAll(async () => {
  for (const api of apis) await api.close();
  await engine?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('a tcp:// engine with --tlsverify', () => {
  it('answers Berth over HTTPS with its client certificate: version, run, list, inspect', async () => {
    const api = apiWith(tls);
    const version = await api.client.call('system.version', {});
    expect(version.apiVersion).toMatch(/^1\.\d+$/);
    const { id } = await api.client.call('containers.run', {
      spec: { image: 'berth-test/busybox:latest', command: ['true'], labels: testLabels() },
    });
    const listed = await api.client.call('containers.list', { all: true });
    expect(listed.map((c) => c.id)).toContain(id);
    await expect.poll(async () => (await api.client.call('containers.inspect', { id })).state).toBe('exited');
    expect((await api.client.call('containers.inspect', { id })).exitCode).toBe(0);
  });

  it('refuses an engine whose certificate another CA signed, and says what to give', async () => {
    const other = makeTestCa(makeOwnedTempDir('berth-tls-other-ca-'), 'Another CA');
    const refused = await rejectionOf(apiWith({ ...tls, ca: other.certificate }).client.call('system.version', {}));
    expect(refused.code).toBe('engine-unavailable');
    expect(refused.message).toBe(
      `The Docker Engine at ${address} presents a certificate Berth does not trust ` +
        "(it is signed by an unknown authority): give this engine the CA certificate its dockerd's " +
        '--tlscacert names',
    );
  });

  it('says the engine refused Berth without a client certificate', async () => {
    const refused = await rejectionOf(apiWith({ ca: tls.ca }).client.call('system.version', {}));
    expect(refused.code).toBe('engine-unavailable');
    expect(refused.message).toMatch(
      new RegExp(`^The Docker Engine at ${address} refused Berth's client certificate \\(ERR_SSL_[A-Z0-9_]+\\): `),
    );
  });

  it('refuses a certificate without its key before connecting', () => {
    expect(() => parseEngineAddress(address, { ca: tls.ca, cert: tls.cert })).toThrow(
      'a client certificate needs its key, and a key its certificate',
    );
  });
});

describe("the TLS engine on a local socket (what the CLIs' DOCKER_HOST points at)", () => {
  it('serves a 0600 socket the docker CLI runs a container through, with no key material written', async () => {
    const socketPath = join(scratch, 'engines', 'tls.sock');
    const served = await TlsEngine.open({ address, tls, socketPath });
    try {
      expect(statSync(socketPath).mode & 0o777).toBe(0o600);
      // Not execFileSync: the socket is served by this very process, which must stay free to serve it.
      const { stdout: said } = await execFileAsync('docker', [
        '-H',
        `unix://${socketPath}`,
        'run',
        '--rm',
        '--label',
        `${TEST_LABEL}=${testRunId()}`,
        'berth-test/busybox:latest',
        'echo',
        'through tls',
      ]);
      expect(said).toBe('through tls\n');
      const api = startTestApi(served.endpoint, 'tls-socket');
      apis.push(api);
      expect((await api.client.call('system.version', {})).apiVersion).toMatch(/^1\.\d+$/);
      expect(readdirSync(join(scratch, 'engines'))).toEqual(['tls.sock']);
    } finally {
      await served.close();
    }
  });

  it('checks the engine before serving: a wrong CA and a missing client certificate are told at once', async () => {
    const other = makeTestCa(makeOwnedTempDir('berth-tls-other-ca-'), 'Another CA');
    const socketPath = join(scratch, 'engines', 'refused.sock');
    await expect(TlsEngine.open({ address, tls: { ...tls, ca: other.certificate }, socketPath })).rejects.toThrow(
      `The Docker Engine at ${address} presents a certificate Berth does not trust (it is signed by an unknown authority)`,
    );
    await expect(TlsEngine.open({ address, tls: { ca: tls.ca }, socketPath })).rejects.toThrow(
      `The Docker Engine at ${address} refused Berth's client certificate`,
    );
    expect(existsSync(socketPath)).toBe(false);
  });
});

describe('docker contexts the docker CLI made', () => {
  it('are read as engines (the current one marked, TLS files included, a broken one named) and the TLS one connects', async () => {
    const configDir = join(scratch, 'docker-config');
    const docker = (...args: string[]) =>
      execFileSync('docker', ['--config', configDir, ...args], { encoding: 'utf8' });
    const material = `ca=${ca.certificateFile},cert=${client.certificateFile},key=${client.keyFile}`;
    docker(
      'context',
      'create',
      'tls-engine',
      '--description',
      'TLS test engine',
      '--docker',
      `host=${address},${material}`,
    );
    docker('context', 'create', 'build-box', '--docker', 'host=ssh://builder@127.0.0.1:2222');
    docker('context', 'create', 'other-socket', '--docker', 'host=unix:///run/other.sock');
    docker('context', 'use', 'build-box');
    const broken = join(configDir, 'contexts', 'meta', createHash('sha256').update('broken').digest('hex'));
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, 'meta.json'), '{ not json');

    const { contexts, problems } = await readDockerContexts(configDir, {});
    expect(contexts.map(({ name, host, current }) => ({ name, host, current }))).toEqual([
      { name: 'default', host: 'unix:///var/run/docker.sock', current: false },
      { name: 'build-box', host: 'ssh://builder@127.0.0.1:2222', current: true },
      { name: 'other-socket', host: 'unix:///run/other.sock', current: false },
      { name: 'tls-engine', host: address, current: false },
    ]);
    const tlsContext = contexts.find((c) => c.name === 'tls-engine')!;
    expect(tlsContext).toMatchObject({ description: 'TLS test engine', skipTlsVerify: false, tls });
    expect(problems).toEqual([expect.stringMatching(/meta\.json could not be read as a docker context \(/)]);

    const api = startTestApi(parseEngineAddress(tlsContext.host, tlsContext.tls), 'tls-context', {
      dockerConfigDir: configDir,
    });
    apis.push(api);
    // The API lists them too, saying a context has TLS files without sending any of them.
    const listed = await api.client.call('engines.contexts', {});
    expect(listed.contexts.find((c) => c.name === 'tls-engine')).toEqual({
      name: 'tls-engine',
      description: 'TLS test engine',
      host: address,
      tls: true,
      skipTlsVerify: false,
      current: false,
    });
    expect(listed.problems).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain('PRIVATE KEY');
    const version = await api.client.call('system.version', {});
    // The CLI itself reaches the same engine through the same context.
    expect(docker('--context', 'tls-engine', 'version', '--format', '{{.Server.APIVersion}}').trim()).toBe(
      version.apiVersion,
    );
    expect((await readDockerContexts(configDir, { DOCKER_CONTEXT: 'tls-engine' })).contexts[3]?.current).toBe(true);
    expect((await readDockerContexts(configDir, { DOCKER_HOST: 'tcp://127.0.0.1:1' })).contexts[0]).toMatchObject({
      host: 'tcp://127.0.0.1:1',
      current: true,
    });
  });
});
