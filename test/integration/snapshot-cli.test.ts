// `berth machine snapshot ls|create|restore|rm` run as a user would, on a stopped VM's real data disk (no boot): the
// agent the CLI starts does the work; restore asks for --yes; a wrong name is a clear error, not a crash.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiskSnapshotList } from '../../src-main/contract/dto/machine';
import { ensureDataDisk } from '../../src-main/machine/data-disk';
import { machineHome } from '../../src-main/machine/machine-home';
import { SettingsStore } from '../../src-main/settings/settings-store';
import { ensureQemu, makeTempFolder, type TempFolder } from '../support/qemu';

let folder: TempFolder;
let home: ReturnType<typeof machineHome>;
let env: NodeJS.ProcessEnv;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function berth(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve('bin/berth.js'), 'machine', ...args],
      { env, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  const { 'qemu-img': qemuImg } = await ensureQemu();
  folder = makeTempFolder('berth-snap-cli-');
  home = machineHome(folder.path);
  env = { PATH: `${join(qemuImg, '..')}:${process.env.PATH}`, BERTH_HOME: folder.path };
  const store = new SettingsStore(folder.path);
  const { settings } = await store.load();
  await store.update({ machine: { ...settings.machine, backend: 'qemu' } });
  mkdirSync(join(home.dataDisk, '..'), { mode: 0o700 });
  await ensureDataDisk(home.dataDisk, 1);
});

afterAll(async () => {
  // The agent the CLI started: SIGTERM makes it stop its (stopped) machine and exit.
  const status = await berth(['status', '--json']);
  const pid = (JSON.parse(status.stdout) as { pid?: number }).pid;
  if (pid) process.kill(pid, 'SIGTERM');
  folder?.remove();
});

describe('berth machine snapshot', () => {
  it('lists none, takes one, restores it after --yes, deletes it', async () => {
    const empty = await berth(['snapshot', 'ls']);
    expect(empty).toMatchObject({ code: 0, stdout: expect.stringContaining('No snapshots of the data disk yet.') });
    expect(empty.stdout).toContain('Berth keeps the 3 newest automatic snapshots');

    const created = await berth(['snapshot', 'create']);
    expect(created.code).toBe(0);
    const name = /Took the snapshot "(.+)"/.exec(created.stdout)?.[1];
    expect(name).toMatch(/^manual \d{4}-\d\d-\d\dT/);

    const listed = await berth(['snapshot', 'ls']);
    expect(listed.stdout).toMatch(new RegExp(`^NAME +REASON +TAKEN\\n${name} +manual +\\d{4}-`));
    const json = JSON.parse((await berth(['snapshot', 'ls', '--json'])).stdout) as DiskSnapshotList;
    expect(json.snapshots).toEqual([expect.objectContaining({ name, reason: 'manual' })]);

    const unconfirmed = await berth(['snapshot', 'restore', name!]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('everything made or changed since is lost');
    expect(await berth(['snapshot', 'restore', name!, '--yes'])).toMatchObject({
      code: 0,
      stdout: `Restored the snapshot "${name}"\n`,
    });

    expect(await berth(['snapshot', 'rm', name!])).toMatchObject({
      code: 0,
      stdout: `Deleted the snapshot "${name}"\n`,
    });
    expect((await berth(['snapshot', 'ls'])).stdout).toContain('No snapshots of the data disk yet.');
  });

  it('says what is wrong with a missing or unknown name', async () => {
    expect(await berth(['snapshot', 'rm'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("needs the snapshot's name"),
    });
    expect(await berth(['snapshot', 'rm', 'nope'])).toMatchObject({
      code: 1,
      stderr: 'berth: The data disk has no snapshot named "nope"\n',
    });
    expect(await berth(['snapshot', 'frobnicate'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Usage: berth machine snapshot'),
    });
  });
});
