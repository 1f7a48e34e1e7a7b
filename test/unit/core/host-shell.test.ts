import { describe, expect, it } from 'vitest';
import { hostShellFor } from '../../../src-main/core/host-shell';

describe('hostShellFor', () => {
  it("runs the user's login shell pointed at Berth's engine, without a docker context that would win", () => {
    const shell = hostShellFor(
      {
        SHELL: '/usr/bin/zsh',
        HOME: '/home/zoe',
        DOCKER_CONTEXT: 'other',
        DOCKER_HOST: 'tcp://old:2375',
        X: undefined,
      },
      'linux',
      'unix:///home/zoe/.local/share/berth/run/docker.sock',
    );
    expect(shell.file).toBe('/usr/bin/zsh');
    expect(shell.args).toEqual(['-l']);
    expect(shell.env).toEqual({
      SHELL: '/usr/bin/zsh',
      HOME: '/home/zoe',
      DOCKER_HOST: 'unix:///home/zoe/.local/share/berth/run/docker.sock',
      TERM: 'xterm-256color',
      COLORTERM: 'truecolor',
    });
  });

  it('falls back to bash, and uses PowerShell on Windows with a named pipe', () => {
    expect(hostShellFor({}, 'darwin', 'unix:///x.sock').file).toBe('/bin/bash');
    const windows = hostShellFor({ SHELL: '/bin/zsh' }, 'win32', 'npipe:////./pipe/berth-0a1b2c3d-docker');
    expect(windows).toMatchObject({ file: 'powershell.exe', args: ['-NoLogo'] });
    expect(windows.env.DOCKER_HOST).toBe('npipe:////./pipe/berth-0a1b2c3d-docker');
  });
});
