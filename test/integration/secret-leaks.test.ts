// No secret Berth holds leaks: env values marked secret, the relay's per-boot secret and the VM's SSH private keys are
// absent from every API answer and event, Berth's console output, its data folder's files and the diagnostics zip.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContainerDetail, CreatedContainer } from '../../src-main/contract/dto/containers';
import type { ImageDetail } from '../../src-main/contract/dto/images';
import type { WireResult } from '../../src-main/contract/result';
import { HIDDEN_ENV_VALUE } from '../../src-main/contract/secret-env';
import { SettingsStore } from '../../src-main/settings/settings-store';
import { startTestApi, type TestApi } from '../support/api';
import { runCommand } from '../support/command';
import { containerOutput } from '../support/container-output';
import { cleanupTestObjects, testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { ensureDebianPackages } from '../support/packages';
import { bytesSecret, filesUnder, privateKeySecret, scan, textSecret, type Secret } from '../support/secret-scan';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { makeVmFiles, VmFilesMachine, type VmFiles } from '../support/vm-files-machine';

const { docker, dockerHost, image } = testEngine();
const token = `berth-token-${randomBytes(12).toString('hex')}`;
const password = `berth-password-${randomBytes(12).toString('hex')}`;
/** Not marked secret, but given in a line the parser refuses: its error must not quote it either. */
const refused = `berth-refused-${randomBytes(12).toString('hex')}`;
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
/** Prints a hash of each secret variable (so the test sees what the process got without the value in any log). */
const PRINT_HASHES = [
  'sh',
  '-c',
  'for v in "$API_TOKEN" "$DB_PASSWORD"; do printf %s "$v" | md5sum; done; exec sleep 600',
];

const dataDir = makeOwnedTempDir('berth-secret-leaks-');
const outDir = makeOwnedTempDir('berth-secret-leaks-out-');
let files: VmFiles;
let api: TestApi;
let secrets: Secret[];
/** Every answer as the transport sends it: [method, JSON]. */
const answers: Array<[string, string]> = [];
/** What Berth printed on the console while the test drove it. */
const printed: string[] = [];

async function call<T>(method: string, args: unknown): Promise<WireResult<T>> {
  const wire = JSON.stringify(await api.backend.dispatch(method, args, { client: 'secret-leaks' }));
  answers.push([method, wire]);
  return JSON.parse(wire) as WireResult<T>;
}

async function value<T>(method: string, args: unknown): Promise<T> {
  const result = await call<T>(method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
      original(...args);
    });
  }
  files = await makeVmFiles(dataDir);
  secrets = [
    textSecret('API_TOKEN value', token),
    textSecret('DB_PASSWORD value', password),
    textSecret('refused env value', refused),
    bytesSecret('relay secret', files.relaySecret),
    privateKeySecret('user private key', readFileSync(files.keys.userPrivateKeyPath, 'utf8')),
    privateKeySecret('host private key', readFileSync(files.keys.hostPrivateKeyPath, 'utf8')),
  ];
  const settings = new SettingsStore(dataDir);
  await settings.load();
  api = startTestApi(dockerHost, 'secret-leaks', {
    settings,
    machine: new VmFilesMachine(files, dockerHost),
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await api?.close();
  await cleanupTestObjects(docker);
});

describe('env values marked secret', () => {
  let first: CreatedContainer;
  let committed: string;

  it('reach the process inside, while inspect shows the names with the values hidden', async () => {
    first = await value<CreatedContainer>('containers.run', {
      spec: {
        image,
        name: uniqueName('secret-env'),
        command: PRINT_HASHES,
        env: ['PLAIN=visible', `API_TOKEN=${token}`],
        envFile: `DB_PASSWORD=${password}\n`,
        secretEnv: ['API_TOKEN', 'DB_PASSWORD'],
        labels: testLabels(),
      },
    });
    const container = docker.getContainer(first.id);
    const output = await waitFor(async () => {
      const { stdout } = await containerOutput(container);
      return stdout.split('\n').length > 2 ? stdout : undefined;
    });
    expect(output).toContain(md5(token));
    expect(output).toContain(md5(password));

    const detail = await value<ContainerDetail>('containers.inspect', { id: first.id });
    expect(detail.secretEnv).toEqual(['API_TOKEN', 'DB_PASSWORD']);
    expect(detail.env).toEqual(
      expect.arrayContaining(['PLAIN=visible', `API_TOKEN=${HIDDEN_ENV_VALUE}`, `DB_PASSWORD=${HIDDEN_ENV_VALUE}`]),
    );
    expect((detail.raw.Config as { Env: string[] }).Env).toContain(`API_TOKEN=${HIDDEN_ENV_VALUE}`);
    await value('containers.list', { all: true });
  });

  it('stay hidden in an image committed from the container, and in a container run from that image', async () => {
    const reference = `${uniqueName('secret-commit')}:1`;
    committed = (await value<{ id: string }>('containers.commit', { id: first.id, reference })).id;
    const imageDetail = await value<ImageDetail>('images.inspect', { id: committed });
    expect(imageDetail.secretEnv).toEqual(['API_TOKEN', 'DB_PASSWORD']);
    expect(imageDetail.env).toContain(`API_TOKEN=${HIDDEN_ENV_VALUE}`);

    const second = await value<CreatedContainer>('containers.run', {
      spec: { image: reference, name: uniqueName('secret-inherit'), labels: testLabels() },
    });
    const output = await waitFor(async () => {
      const { stdout } = await containerOutput(docker.getContainer(second.id));
      return stdout.split('\n').length > 2 ? stdout : undefined;
    });
    expect(output).toContain(md5(token));
    const detail = await value<ContainerDetail>('containers.inspect', { id: second.id });
    expect(detail.secretEnv).toEqual(['API_TOKEN', 'DB_PASSWORD']);
    await value('images.list', {});
  });

  it('are not quoted by refusals and engine errors of a run', async () => {
    const engineError = await call('containers.run', {
      spec: {
        image,
        env: [`API_TOKEN=${token}`],
        secretEnv: ['API_TOKEN'],
        network: uniqueName('no-such-network'),
        labels: testLabels(),
      },
    });
    expect(engineError.ok).toBe(false);
    const unset = await call('containers.run', {
      spec: { image, env: [`API_TOKEN=${token}`], secretEnv: ['NOT_SET'], labels: testLabels() },
    });
    expect(unset).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(!unset.ok && unset.error.message).toContain('spec.secretEnv[0]');
    const badLine = await call('containers.run', {
      spec: { image, env: [`BAD KEY=${refused}`], labels: testLabels() },
    });
    expect(!badLine.ok && badLine.error.message).toContain('spec.env[0]');
    const badFile = await call('containers.run', { spec: { image, envFile: `=${refused}\n`, labels: testLabels() } });
    expect(!badFile.ok && badFile.error.message).toContain('spec.envFile');
  });
});

describe('nothing Berth holds leaks', () => {
  let unzipped: string;

  beforeAll(async () => {
    await value('settings.update', { patch: { general: { theme: 'dark' } } });
    for (const source of ['console', 'engine', 'agent']) await value('machine.logs', { source });
    await value('machine.info', {});
    const zip = join(outDir, 'diagnostics.zip');
    await value('diagnostics.collect', { path: zip });
    const { unzip = 'unzip' } = await ensureDebianPackages({ unzip: 'unzip' });
    unzipped = join(outDir, 'diagnostics');
    mkdirSync(unzipped);
    const result = await runCommand(unzip, ['-q', zip, '-d', unzipped]);
    expect(result.code, result.stderr.toString()).toBe(0);
  });

  it('the scan finds each secret where it is allowed to be (the container, the key files, engine.secret)', async () => {
    const inspected = JSON.stringify(
      await Promise.all(
        (await docker.listContainers({ all: true, filters: { label: [`${Object.keys(testLabels())[0]}`] } })).map((c) =>
          docker.getContainer(c.Id).inspect(),
        ),
      ),
    );
    const allowed: Array<[string, Buffer | string]> = [
      ['docker inspect, straight from the engine', inspected],
      ['keys/', Buffer.concat(filesUnder(files.home.keysDir).map(([, content]) => content))],
      ['run/engine.secret', readFileSync(join(files.home.runDir, 'engine.secret'))],
      ['the refused line as typed', `BAD KEY=${refused}`],
    ];
    const found = new Set(scan(secrets, allowed).map((f) => f.secret));
    expect([...found].sort()).toEqual(secrets.map((s) => s.name).sort());
  });

  it('is in no API answer, event or console line', () => {
    expect(answers.length).toBeGreaterThan(10);
    expect(api.events.events.length).toBeGreaterThan(0);
    const places: Array<[string, string]> = [
      ...answers.map(([method, wire], i): [string, string] => [`answer ${i} (${method})`, wire]),
      ...api.events.events.map((e, i): [string, string] => [`event ${i} (${e.name})`, JSON.stringify(e.payload)]),
      ...printed.map((line, i): [string, string] => [`console line ${i}`, line]),
    ];
    expect(scan(secrets, places)).toEqual([]);
  });

  it('is in no file of the data folder but the keys and engine.secret (settings.json, the logs)', () => {
    const scanned = filesUnder(
      dataDir,
      (path) => path === join('run', 'engine.secret') || /^keys\/(id_ed25519|ssh_host_ed25519_key)$/.test(path),
    );
    expect(scanned.map(([path]) => path)).toEqual(expect.arrayContaining(['settings.json', join('logs', 'agent.log')]));
    expect(scan(secrets, scanned)).toEqual([]);
  });

  it('is in no part of the diagnostics zip', () => {
    const parts = filesUnder(unzipped);
    expect(parts.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        'settings.json',
        'machine.json',
        join('logs', 'console.log'),
        join('engine', 'info.json'),
      ]),
    );
    expect(existsSync(join(unzipped, 'summary.txt'))).toBe(true);
    expect(scan(secrets, parts)).toEqual([]);
  });
});
