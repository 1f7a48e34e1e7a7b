// Reading the VM console for a daemon.json the engine refused at boot.
import { describe, expect, it } from 'vitest';
import { daemonJsonRefusal } from '../../../src-renderer/src/components/settings/daemon-json-refusal';

describe('daemonJsonRefusal', () => {
  it("gives dockerd's reason when it refused the merged file", () => {
    const console = [
      'berth: dockerd started [12.1s]',
      `berth: ERROR: dockerd refused daemon.json (unable to configure the Docker daemon with file /run/berth/daemon.json: the following directives don't match any configuration option: no-such-option); starting it with Berth's own daemon.json [14.0s]`,
      'berth: engine ready [19.2s]',
    ].join('\n');
    expect(daemonJsonRefusal(console)).toBe(
      "unable to configure the Docker daemon with file /run/berth/daemon.json: the following directives don't match any configuration option: no-such-option",
    );
  });

  it('gives the reason when the merge did not use it', () => {
    expect(
      daemonJsonRefusal(
        "berth: ERROR: the daemon.json from Berth's settings is not used (not a JSON object but list ) [3s]",
      ),
    ).toBe('not a JSON object but list');
  });

  it('says nothing for a boot that took it', () => {
    expect(
      daemonJsonRefusal('berth: daemon.json: log-level "warn" is raised to "info" [3s]\nberth: engine ready'),
    ).toBe(undefined);
  });
});
