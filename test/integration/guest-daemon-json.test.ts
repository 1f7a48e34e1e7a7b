// The guest's daemon.json merge (vm-assets/guest/usr/lib/berth/merge-daemon-json), run with this computer's python3.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = resolve('vm-assets/guest/usr/lib/berth/merge-daemon-json');
const BERTH_FILE = resolve('vm-assets/guest/etc/docker/daemon.json');
const berth = JSON.parse(readFileSync(BERTH_FILE, 'utf8')) as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'berth-daemon-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** Runs the merge of `user` (a file's text) over Berth's file; the merged object, the notes, the exit code. */
function merge(
  user: string,
  extraKeys: string[] = [],
): Promise<{ code: number; out: string; err: string; merged?: Record<string, unknown> }> {
  runs += 1;
  const userFile = join(dir, `user-${runs}.json`);
  const outFile = join(dir, `merged-${runs}.json`);
  writeFileSync(userFile, user);
  return new Promise((done) => {
    execFile('python3', [SCRIPT, BERTH_FILE, userFile, outFile, ...extraKeys], (error, out, err) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      const merged = code === 0 ? (JSON.parse(readFileSync(outFile, 'utf8')) as Record<string, unknown>) : undefined;
      done({ code, out, err, merged });
    });
  });
}

describe('merge-daemon-json', () => {
  it("lays the user's keys over Berth's, a whole value per key", async () => {
    const result = await merge('{"labels": ["berth-test=1", "zoë=ñ"], "log-opts": {"max-size": "1m"}, "debug": true}');
    expect(result).toMatchObject({ code: 0, out: '' });
    expect(result.merged).toEqual({
      ...berth,
      labels: ['berth-test=1', 'zoë=ñ'],
      'log-opts': { 'max-size': '1m' },
      debug: true,
    });
  });

  it("keeps the keys Berth's plumbing needs, saying which of the user's were not used", async () => {
    const result = await merge(
      '{"hosts": ["tcp://0.0.0.0:2375"], "data-root": "/srv", "containerd": "/x.sock", "userland-proxy": false, "bip": "10.9.0.1/24"}',
    );
    expect(result.code).toBe(0);
    expect(result.merged).toEqual({ ...berth, bip: '10.9.0.1/24' });
    expect(result.out.trim().split('\n')).toEqual([
      'hosts stays as Berth sets it (yours is not used)',
      'data-root stays as Berth sets it (yours is not used)',
      'containerd stays as Berth sets it (yours is not used)',
      'userland-proxy stays as Berth sets it (yours is not used)',
    ]);
  });

  it('says nothing about a kept key the user set to what Berth sets anyway', async () => {
    const result = await merge('{"data-root": "/var/lib/docker"}');
    expect(result).toMatchObject({ code: 0, out: '', merged: berth });
  });

  it('raises a log level that would hide "API listen" to info, and keeps debug and info', async () => {
    for (const level of ['warn', 'ERROR', 'fatal']) {
      const result = await merge(JSON.stringify({ 'log-level': level }));
      expect(result.merged?.['log-level']).toBe('info');
      expect(result.out).toBe(`log-level "${level}" is raised to "info" (Berth waits for dockerd's info lines)\n`);
    }
    for (const level of ['debug', 'info']) expect((await merge(JSON.stringify({ 'log-level': level }))).merged?.['log-level']).toBe(level); // prettier-ignore
  });

  it('keeps a key the supervisor passes as a flag (iptables with DOCKER_IPTABLES)', async () => {
    const result = await merge('{"iptables": true, "ip6tables": false}', ['iptables']);
    expect(result.merged).toEqual({ ...berth, ip6tables: false });
    expect(result.out).toBe('iptables stays as Berth sets it (yours is not used)\n');
  });

  it.each([
    ['not JSON', '{"a": ', /^not valid JSON: /],
    ['an array', '[1]', /^not a JSON object but list/],
    ['nothing', '', /^not valid JSON: /],
  ])('fails on %s, writing nothing', async (_name, user, message) => {
    const result = await merge(user);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
    expect(result.merged).toBeUndefined();
  });
});
