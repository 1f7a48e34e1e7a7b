// What Berth says about the compose CLI where the engine is: v2's version, and without the plugin what to install,
// naming the end-of-life docker-compose v1 when that is all there is. The CLI is a stand-in answering as the real
// ones do (the integration test runs the real v1).
import { describe, expect, it } from 'vitest';
import { composeAvailability } from '../../../src-main/compose/compose-availability';
import { CliFailedError, type CliOptions, type CliResult } from '../../../src-main/docker-cli/cli-runner';
import type { DockerCli } from '../../../src-main/docker-cli/docker-cli';
import { UnsupportedError } from '../../../src-main/engine/errors';

const NO_PLUGIN = new CliFailedError(1, "docker: 'compose' is not a docker command.\nSee 'docker --help'", 'docker');
const NO_V1 = new UnsupportedError('docker-compose is not installed');
const INSTALL =
  'install Docker Compose v2 (Debian\'s "docker-compose" package from trixie on, or Docker\'s "docker-compose-plugin")';

/** A CLI whose `docker compose version` and `docker-compose version --short` answer `plugin` and `standalone`. */
function cli(plugin: string | Error, standalone: string | Error, where: DockerCli['where'] = 'host') {
  const asked: string[] = [];
  const answer = (said: string | Error): Promise<CliResult> =>
    said instanceof Error ? Promise.reject(said) : Promise.resolve({ stdout: said, stderr: '' });
  const fake: DockerCli = {
    where,
    run: (args: readonly string[], options: CliOptions = {}) => {
      asked.push([options.program ?? 'docker', ...args].join(' '));
      return answer(options.program === 'docker-compose' ? standalone : plugin);
    },
    unseen: async () => [],
  };
  return { fake, asked };
}

describe('composeAvailability', () => {
  it("gives the plugin's version and does not look for v1", async () => {
    const { fake, asked } = cli('Docker Compose version 2.26.1-4\n', '1.29.2\n');
    expect(await composeAvailability(fake)).toEqual({ available: true, where: 'host', version: '2.26.1-4' });
    expect(asked).toEqual(['docker compose version']);
  });

  it('says that only the end-of-life v1 was found, its version, and what to install', async () => {
    const { fake, asked } = cli(NO_PLUGIN, '1.29.2\n');
    expect(await composeAvailability(fake)).toEqual({
      available: false,
      where: 'host',
      version: '1.29.2',
      reason: `Only the end-of-life docker-compose v1 (1.29.2) was found on this computer, and Berth needs Compose v2: ${INSTALL}`,
    });
    expect(asked).toEqual(['docker compose version', 'docker-compose version --short']);
  });

  it("says so for the VM's v1 too, and v1 beside no docker CLI at all", async () => {
    const inVm = await composeAvailability(cli(NO_PLUGIN, '1.25.0\n', 'vm').fake);
    expect(inVm.reason).toMatch(/^Only the end-of-life docker-compose v1 \(1\.25\.0\) was found in Berth's VM,/);
    const noDocker = await composeAvailability(
      cli(new UnsupportedError('the docker CLI is not installed (docker)'), '1.29.2').fake,
    );
    expect(noDocker).toMatchObject({ available: false, version: '1.29.2' });
  });

  it('says the compose CLI is not installed when there is no docker-compose, or it is not v1', async () => {
    const reason = `The compose CLI is not installed on this computer: ${INSTALL}; the end-of-life docker-compose v1 cannot be used`;
    expect(await composeAvailability(cli(NO_PLUGIN, NO_V1).fake)).toEqual({ available: false, where: 'host', reason });
    const failing = new CliFailedError(127, 'sh: exec: docker-compose: not found', 'docker-compose version');
    expect((await composeAvailability(cli(NO_PLUGIN, failing).fake)).reason).toBe(reason);
    expect((await composeAvailability(cli(NO_PLUGIN, '2.26.1\n').fake)).reason).toBe(reason);
  });

  it('keeps a plugin that fails otherwise, and one that is too old, apart from a missing one', async () => {
    const broken = await composeAvailability(cli(new CliFailedError(2, 'permission denied', 'docker'), '1.29.2').fake);
    expect(broken.reason).toBe(`The compose CLI on this computer did not answer (permission denied): ${INSTALL}`);
    const old = await composeAvailability(cli('docker-compose version 1.29.2, build unknown\n', NO_V1).fake);
    expect(old).toMatchObject({ available: false, version: '1.29.2' });
    expect(old.reason).toBe(`Compose 1.29.2 on this computer is too old: ${INSTALL}`);
  });
});
