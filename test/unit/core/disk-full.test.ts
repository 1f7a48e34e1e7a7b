// The disk-full advice: which engine messages are about a full disk, and what Berth says instead.
import { describe, expect, it } from 'vitest';
import { diskFullMessage, saysDiskFull } from '../../../src-main/core/disk-full';

const ENGINE_SAID =
  'failed to create shim task: mkdir /var/lib/docker/containers/abc/mounts: no space left on device: unknown';

describe('saysDiskFull', () => {
  it("recognises the engine's and the kernel's words for ENOSPC", () => {
    expect(saysDiskFull(ENGINE_SAID)).toBe(true);
    expect(saysDiskFull('write /var/lib/docker/tmp/x: No Space Left On Device')).toBe(true);
    expect(saysDiskFull('ENOSPC: no room')).toBe(true);
  });

  it('leaves other failures alone', () => {
    expect(saysDiskFull('No such container: web')).toBe(false);
    expect(saysDiskFull('device or resource busy')).toBe(false);
    expect(saysDiskFull('XENOSPCX')).toBe(false);
  });
});

describe('diskFullMessage', () => {
  it("names the VM's data disk, the prune and the disk setting, and keeps the engine's words", () => {
    const message = diskFullMessage('vm-data-disk', ENGINE_SAID);
    expect(message).toMatch(/^The VM's data disk is full\. /);
    expect(message).toContain('System › Prune');
    expect(message).toContain('Settings › Resources');
    expect(message.endsWith(`(The engine said: ${ENGINE_SAID})`)).toBe(true);
  });

  it('does not blame a VM for an engine Berth does not run', () => {
    const message = diskFullMessage('engine-disk', ENGINE_SAID);
    expect(message).toMatch(/^The engine's disk is full\. /);
    expect(message).not.toContain('VM');
    expect(message).not.toContain('Settings');
  });
});
