// The machine's settings file: defaults, a round trip, and an invalid file replaced by defaults with a warning.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readMachineConfig, writeMachineConfig, type MachineConfig } from '../../src-main/machine/machine-config';
import { makeOwnedTempDir } from '../support/temp-dirs';

const dir = makeOwnedTempDir('berth-config-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DEFAULTS: MachineConfig = {
  backend: 'auto',
  cpus: 2,
  memoryMiB: 2048,
  diskGiB: 64,
  idlePauseSeconds: 300,
  exposePortsOnAllInterfaces: false,
};

describe('machine.json', () => {
  it('gives the defaults when there is no file', async () => {
    expect(await readMachineConfig(join(dir, 'missing.json'))).toEqual({ config: DEFAULTS });
  });

  it('writes (mode 0600) and reads back, filling in what the file leaves out', async () => {
    const path = join(dir, 'machine.json');
    await writeMachineConfig(path, { ...DEFAULTS, cpus: 4, idlePauseSeconds: 0, exposePortsOnAllInterfaces: true });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect((await readMachineConfig(path)).config).toMatchObject({
      cpus: 4,
      idlePauseSeconds: 0,
      exposePortsOnAllInterfaces: true,
    });
    writeFileSync(path, JSON.stringify({ memoryMiB: 4096 }));
    expect((await readMachineConfig(path)).config).toEqual({ ...DEFAULTS, memoryMiB: 4096 });
  });

  it('uses the defaults with a warning naming the field when the file is invalid, and leaves the file alone', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ idlePauseSeconds: -5 }));
    const { config, warning } = await readMachineConfig(path);
    expect(config).toEqual(DEFAULTS);
    expect(warning).toContain(`${path} is not valid`);
    expect(warning).toContain('idlePauseSeconds');
    expect(readFileSync(path, 'utf8')).toBe('{"idlePauseSeconds":-5}');
  });
});
