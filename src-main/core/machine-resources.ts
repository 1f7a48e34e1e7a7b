// Parses and checks the VM's settings as typed on the command line or in Settings: CPUs, memory (MiB), disk (GiB), idle pause.
import type { MachineResources } from '../contract/dto/machine';
import { parseByteSize } from './bytes';
import { ParseError } from './parse-error';

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;
/** The VM needs this much memory to run the engine, in MiB. */
export const MIN_MEMORY_MIB = 512;
/** The data disk holds the engine's images, containers and volumes; smaller is not useful, in GiB. */
export const MIN_DISK_GIB = 8;
export const DEFAULT_RESOURCES: MachineResources = { cpus: 2, memoryMiB: 2048, diskGiB: 64 };

/** A whole number of CPUs from 1 to `hostCpus`. */
export function parseMachineCpus(input: string, hostCpus: number): number {
  const cpus = Number(input.trim());
  if (!Number.isInteger(cpus) || cpus < 1) throw new ParseError(`CPUs must be a whole number from 1, not "${input}"`);
  if (cpus > hostCpus)
    throw new ParseError(`This computer has ${hostCpus} CPUs, so the VM can have at most ${hostCpus}`);
  return cpus;
}

/** Memory as "4G", "1536M" or a plain number of MiB; at least MIN_MEMORY_MIB and at most `hostMiB`. */
export function parseMachineMemoryMiB(input: string, hostMiB: number): number {
  const bytes = /^\s*\d+\s*$/.test(input) ? Number(input) * MIB : parseByteSize(input);
  const mib = Math.floor(bytes / MIB);
  if (mib < MIN_MEMORY_MIB)
    throw new ParseError(`The VM needs at least ${MIN_MEMORY_MIB} MiB of memory, not "${input}"`);
  if (mib > hostMiB)
    throw new ParseError(`This computer has ${hostMiB} MiB of memory, so the VM can have at most that`);
  return mib;
}

/** Disk size as "100G", "1T" or a plain number of GiB; at least MIN_DISK_GIB. */
export function parseMachineDiskGiB(input: string): number {
  const bytes = /^\s*\d+\s*$/.test(input) ? Number(input) * GIB : parseByteSize(input);
  const gib = Math.floor(bytes / GIB);
  if (gib < MIN_DISK_GIB) throw new ParseError(`The data disk needs at least ${MIN_DISK_GIB} GiB, not "${input}"`);
  return gib;
}

const IDLE_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };

/** Idle time before the VM is paused, as "300", "90s", "5m" or "1h"; "0" or "off" never pauses. In seconds. */
export function parseIdlePauseSeconds(input: string): number {
  const text = input.trim().toLowerCase();
  if (text === 'off' || text === 'never') return 0;
  const match = /^(\d+)\s*([smh]?)$/.exec(text);
  if (!match)
    throw new ParseError(`The idle pause must be a time such as 300, 90s, 5m or 1h (0 or off: never), not "${input}"`);
  return Number(match[1]) * (IDLE_UNITS[match[2] ?? ''] ?? 1);
}
