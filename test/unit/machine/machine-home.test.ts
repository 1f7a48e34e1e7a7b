import { describe, expect, it } from 'vitest';
import { parseEngineAddress } from '../../../src-main/engine/endpoint';
import { berthHomeFolder, machineHome } from '../../../src-main/machine/machine-home';

describe('machineHome', () => {
  it('keeps the sockets in run/ on Linux and macOS', () => {
    const home = machineHome('/home/zoe/.local/share/berth', 'linux');
    expect(home).toMatchObject({
      runDir: '/home/zoe/.local/share/berth/run',
      dockerSocket: '/home/zoe/.local/share/berth/run/docker.sock',
      internalSocket: '/home/zoe/.local/share/berth/run/internal.sock',
      agentSocket: '/home/zoe/.local/share/berth/run/agent.sock',
      dataDisk: '/home/zoe/.local/share/berth/disks/data.qcow2',
    });
  });

  it('uses named pipes on Windows, one set per data folder, that dockerode can reach', () => {
    const root = berthHomeFolder({ APPDATA: 'C:\\Users\\zoe\\AppData\\Roaming' }, 'win32', 'C:\\Users\\zoe');
    const home = machineHome(root, 'win32');
    expect(home.dockerSocket).toMatch(/^\\\\\.\\pipe\\berth-[0-9a-f]{8}-docker$/);
    expect(home.internalSocket).toMatch(/^\\\\\.\\pipe\\berth-[0-9a-f]{8}-internal$/);
    expect(home.agentSocket).toMatch(/^\\\\\.\\pipe\\berth-[0-9a-f]{8}-agent$/);
    expect(machineHome(root, 'win32').dockerSocket).toBe(home.dockerSocket);
    expect(machineHome(`${root}2`, 'win32').dockerSocket).not.toBe(home.dockerSocket);
    const pipeName = home.dockerSocket.slice('\\\\.\\pipe\\'.length);
    expect(parseEngineAddress(`npipe:////./pipe/${pipeName}`).options.socketPath).toBe(home.dockerSocket);
  });
});
