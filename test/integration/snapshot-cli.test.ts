// `berth machine snapshot ls|create|restore|rm` run as a user would, on a stopped VM's real data disk (no boot): the
// agent the CLI starts does the work; restore asks for --yes; a wrong name is a clear error, not a crash.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiskSnapshotList } from '../../src-main/contract/dto/machine';
import { BERTH_CLI, stoppedVmHome, type StoppedVmHome } from '../support/stopped-vm-agent';

let vmHome: StoppedVmHome;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function berth(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BERTH_CLI, 'machine', ...args],
      { env: vmHome.env, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  vmHome = await stoppedVmHome();
});

// The agent the CLI started ends with the folder.
afterAll(() => vmHome?.stop());

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
