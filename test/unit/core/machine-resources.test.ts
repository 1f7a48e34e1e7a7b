import { describe, expect, it } from 'vitest';
import {
  parseIdlePauseSeconds,
  parseMachineCpus,
  parseMachineDiskGiB,
  parseMachineMemoryMiB,
} from '../../../src-main/core/machine-resources';

describe('machine settings as typed', () => {
  it('CPUs: a whole number from 1 up to what the host has', () => {
    expect(parseMachineCpus(' 2 ', 8)).toBe(2);
    expect(() => parseMachineCpus('0', 8)).toThrow('CPUs must be a whole number from 1, not "0"');
    expect(() => parseMachineCpus('1.5', 8)).toThrow('CPUs must be a whole number from 1, not "1.5"');
    expect(() => parseMachineCpus('16', 8)).toThrow('This computer has 8 CPUs, so the VM can have at most 8');
  });

  it('memory: plain MiB or a size, at least 512 MiB and at most the host', () => {
    expect(parseMachineMemoryMiB('1536', 16_384)).toBe(1536);
    expect(parseMachineMemoryMiB('4G', 16_384)).toBe(4096);
    expect(() => parseMachineMemoryMiB('256M', 16_384)).toThrow('The VM needs at least 512 MiB of memory, not "256M"');
    expect(() => parseMachineMemoryMiB('32G', 16_384)).toThrow('This computer has 16384 MiB of memory');
  });

  it('disk: plain GiB or a size, at least 8 GiB', () => {
    expect(parseMachineDiskGiB('64')).toBe(64);
    expect(parseMachineDiskGiB('1T')).toBe(1024);
    expect(() => parseMachineDiskGiB('4G')).toThrow('The data disk needs at least 8 GiB, not "4G"');
  });

  it('idle pause: seconds, or with s/m/h; 0, off or never turns it off', () => {
    expect(parseIdlePauseSeconds('300')).toBe(300);
    expect(parseIdlePauseSeconds('90s')).toBe(90);
    expect(parseIdlePauseSeconds('5m')).toBe(300);
    expect(parseIdlePauseSeconds(' 1H ')).toBe(3600);
    expect(parseIdlePauseSeconds('0')).toBe(0);
    expect(parseIdlePauseSeconds('off')).toBe(0);
    expect(parseIdlePauseSeconds('never')).toBe(0);
    expect(() => parseIdlePauseSeconds('-5')).toThrow(
      'The idle pause must be a time such as 300, 90s, 5m or 1h (0 or off: never), not "-5"',
    );
    expect(() => parseIdlePauseSeconds('5 minutes')).toThrow('not "5 minutes"');
  });
});
