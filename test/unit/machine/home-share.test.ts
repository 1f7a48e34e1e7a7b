import { describe, expect, it } from 'vitest';
import { chooseShareTransport } from '../../../src-main/machine/home-share';

const VIRTIOFSD = '/usr/lib/qemu/virtiofsd';

describe('chooseShareTransport', () => {
  it('uses virtiofs on Linux when virtiofsd is there and Berth runs as root', () => {
    expect(chooseShareTransport({ platform: 'linux', euid: 0, virtiofsdPath: VIRTIOFSD })).toEqual({
      kind: 'virtiofs',
      virtiofsdPath: VIRTIOFSD,
      reason: `virtiofs (${VIRTIOFSD})`,
    });
  });

  it('falls back to 9p on Linux as a user, saying virtiofsd needs root', () => {
    expect(chooseShareTransport({ platform: 'linux', euid: 1000, virtiofsdPath: VIRTIOFSD })).toEqual({
      kind: '9p',
      reason: `9p: ${VIRTIOFSD} needs root, and Berth runs as a user`,
    });
  });

  it('falls back to 9p on Linux without virtiofsd, even as root', () => {
    expect(chooseShareTransport({ platform: 'linux', euid: 0, virtiofsdPath: undefined })).toEqual({
      kind: '9p',
      reason: '9p: no virtiofsd on this computer',
    });
  });

  it('uses 9p on macOS', () => {
    expect(chooseShareTransport({ platform: 'darwin', euid: 501, virtiofsdPath: undefined }).kind).toBe('9p');
  });

  it('shares nothing on Windows and says why', () => {
    expect(chooseShareTransport({ platform: 'win32', euid: undefined, virtiofsdPath: undefined })).toEqual({
      kind: 'none',
      reason: 'QEMU cannot share folders into the VM on Windows (no 9p or virtiofs there)',
    });
  });
});
