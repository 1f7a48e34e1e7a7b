import { describe, expect, it } from 'vitest';
import { engineAddressFor, isNamedPipe } from '../../../src-main/core/host-socket';

describe('host sockets', () => {
  it('tells Windows named pipes from unix socket paths', () => {
    expect(isNamedPipe('\\\\.\\pipe\\berth-0a1b2c3d-docker')).toBe(true);
    expect(isNamedPipe('\\\\?\\pipe\\docker_engine')).toBe(true);
    expect(isNamedPipe('/home/zoë/.local/share/berth/run/docker.sock')).toBe(false);
    expect(isNamedPipe('C:\\Users\\zoe\\AppData\\Roaming\\Berth\\run\\docker.sock')).toBe(false);
  });

  it('gives the docker CLI address of each', () => {
    expect(engineAddressFor('/home/a b/run/docker.sock')).toBe('unix:///home/a b/run/docker.sock');
    expect(engineAddressFor('\\\\.\\pipe\\berth-0a1b2c3d-docker')).toBe('npipe:////./pipe/berth-0a1b2c3d-docker');
  });
});
