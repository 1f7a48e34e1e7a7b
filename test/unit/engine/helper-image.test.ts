import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { toWireError } from '../../../src-main/api/errors';
import { UnsupportedError } from '../../../src-main/engine/errors';
import { ensureHelperImage, HELPER_IMAGE } from '../../../src-main/engine/helper-image';
import { NEEDS_BUSYBOX, VolumeFileService } from '../../../src-main/engine/volume-files';

/**
 * An engine that already has a shell-less helper image and runs on a CPU no host busybox is built
 * for, so no better image can be made; it records the calls made on it.
 */
function shellLessEngine() {
  const calls: string[] = [];
  const docker = {
    getImage: (name: string) => ({
      inspect: async () => {
        calls.push(`inspect image ${name}`);
        return { Id: 'sha256:helper', Config: { Labels: { 'berth.helper': '1', 'berth.helper.shell': 'false' } } };
      },
    }),
    version: async () => ({ Arch: 'riscv64' }),
    importImage: async () => {
      calls.push('import');
      throw new Error('no import expected');
    },
    getVolume: (name: string) => ({
      inspect: async () => {
        calls.push(`inspect volume ${name}`);
        return { Name: name };
      },
    }),
    createContainer: async () => {
      calls.push('create container');
      throw new Error('no container expected');
    },
  };
  return { docker: docker as unknown as Dockerode, calls };
}

describe('a helper image without a shell', () => {
  it('is used as it is, and looked at again on the next call', async () => {
    const { docker, calls } = shellLessEngine();
    expect(await ensureHelperImage(docker)).toEqual({ image: HELPER_IMAGE, hasShell: false });
    expect(await ensureHelperImage(docker)).toEqual({ image: HELPER_IMAGE, hasShell: false });
    expect(calls).toEqual([`inspect image ${HELPER_IMAGE}`, `inspect image ${HELPER_IMAGE}`]);
  });

  it('makes browsing a volume fail with what to install, before any container is created', async () => {
    const { docker, calls } = shellLessEngine();
    const error = await new VolumeFileService(docker).list('data', '/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedError);
    expect((error as Error).message).toBe(NEEDS_BUSYBOX);
    expect(NEEDS_BUSYBOX).toMatch(/static busybox .*busybox-static/);
    expect(calls).not.toContain('create container');
    expect(toWireError(error, 'unix:///x')).toEqual({ code: 'unsupported', message: NEEDS_BUSYBOX });
  });
});
