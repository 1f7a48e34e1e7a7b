import { describe, expect, it } from 'vitest';
import { kernelPanicIn } from '../../../src-main/machine/guest-panic';

describe('kernelPanicIn', () => {
  it("finds the panic's line in a console log, without its timestamp", () => {
    const console = [
      'berth: dockerd started [8.31s]',
      '[   18.599510] CPU: 1 UID: 0 PID: 492 Comm: exe Tainted: G      D            6.12.118+deb13-amd64 #1',
      '[   18.599588] Kernel panic - not syncing: Fatal exception in interrupt',
      '[   20.218838] ---[ end Kernel panic - not syncing: Fatal exception in interrupt ]---',
    ].join('\n');
    expect(kernelPanicIn(console)).toBe('Kernel panic - not syncing: Fatal exception in interrupt');
  });

  it('finds none in a boot that went well', () => {
    expect(kernelPanicIn('berth: sshd started [5.70s]\nberth: engine ready [22.91s]\n')).toBeUndefined();
  });
});
