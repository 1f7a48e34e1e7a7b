// Upgrade in place: a data disk made by the previous VM image (Debian bookworm, docker 20.10) boots under the current
// one (trixie, docker 26) with its image, volume and containers intact, and a snapshot taken before the new image.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { dockerodeFor } from '../support/docker-client';
import { buildTestImage } from '../support/test-image';
import { waitFor } from '../support/wait';
import { buildVm } from './support/build-vm';
import { useTestVm } from './support/vm-machine';

/** The previous image, built once and kept like the current one (build.sh says "up to date" next time). */
const OLD_ASSETS = resolve('vm-assets/dist/amd64-bookworm');
const IMAGE = 'berth-test/upgrade:1';
const LABEL = 'berth.test.upgrade';

const vm = useTestVm();
const log = (line: string) => process.stdout.write(`[berth vm] ${line}\n`);
const serverVersion = async () =>
  JSON.parse(await vm.docker(['version', '--format', '{{json .Server}}'])) as { Version: string; ApiVersion: string };

/** Starts the machine and says how long it took. */
async function timedStart(what: string): Promise<void> {
  const started = Date.now();
  await vm.machine.start();
  log(`${what}: boot to a running engine in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

beforeAll(async () => {
  await buildVm(OLD_ASSETS, ['--suite', 'bookworm']);
  await vm.switchAssets(OLD_ASSETS);
  await timedStart('bookworm image, new data disk');
});

describe('a data disk made by the bookworm image, booted by the trixie image', () => {
  it('is written by docker 20.10: an imported image, a volume with a file, a stopped and a restarting container', async () => {
    expect((await serverVersion()).Version).toMatch(/^20\.10\./);
    await buildTestImage(dockerodeFor(vm.dockerHost), IMAGE);
    await vm.docker(['volume', 'create', '--label', `${LABEL}=volume`, 'upgrade-data']);
    await vm.docker([
      'run',
      '--rm',
      '-v',
      'upgrade-data:/data',
      IMAGE,
      'sh',
      '-c',
      'echo written by 20.10 > /data/file',
    ]);
    // Exited with status 0 after printing the file; kept with its name and label.
    await vm.docker([
      'run',
      '--name',
      'kept',
      '--label',
      `${LABEL}=kept`,
      '-v',
      'upgrade-data:/data',
      IMAGE,
      'cat',
      '/data/file',
    ]);
    // Running when the machine stops, so the engine must bring it back by its restart policy.
    await vm.docker(['run', '-d', '--name', 'always', '--restart', 'always', IMAGE, 'sleep', '3600']);
    await vm.machine.stop();
  });

  it('boots with docker 26 and keeps the image, the volume and both containers', async () => {
    await vm.switchAssets(inject('vmAssets'));
    await timedStart('trixie image, the bookworm data disk');
    const version = await serverVersion();
    expect(version.Version).toMatch(/^26\./);
    // Before the new image first booted the disk, Berth took a snapshot of it as the old image left it.
    const { snapshots } = await vm.machine.snapshots({ action: 'list' });
    expect(snapshots).toEqual([
      expect.objectContaining({ reason: 'before-vm-image', vmImage: expect.stringMatching(/^trixie built /) }),
    ]);
    expect(vm.warnings.join('\n')).toContain(`took the snapshot "${snapshots[0]!.name}" first`);
    log(`engine after the upgrade: docker ${version.Version}, API ${version.ApiVersion}`);

    expect(await vm.docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])).toContain(IMAGE);
    expect(await vm.docker(['volume', 'inspect', '--format', `{{index .Labels "${LABEL}"}}`, 'upgrade-data'])).toBe(
      'volume\n',
    );
    expect(await vm.docker(['run', '--rm', '-v', 'upgrade-data:/data', IMAGE, 'cat', '/data/file'])).toBe(
      'written by 20.10\n',
    );

    const kept = JSON.parse(await vm.docker(['inspect', '--format', '{{json .}}', 'kept'])) as {
      State: { Status: string; ExitCode: number };
      Config: { Labels: Record<string, string> };
    };
    expect(kept.State).toMatchObject({ Status: 'exited', ExitCode: 0 });
    expect(kept.Config.Labels[LABEL]).toBe('kept');
    expect(await vm.docker(['start', '-a', 'kept'])).toBe('written by 20.10\n');

    const always = await waitFor(
      async () => (await vm.docker(['inspect', '--format', '{{.State.Status}}', 'always'])).trim() === 'running',
      { timeoutMs: 60_000, intervalMs: 1_000, message: 'the restart-policy container to run again' },
    );
    expect(always).toBe(true);
    expect(await vm.docker(['exec', 'always', 'echo', 'exec works'])).toBe('exec works\n');
  });
});
