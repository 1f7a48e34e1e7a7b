// The machine's settings file (backend, resources, idle pause): read with defaults, written atomically with mode 0600.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { DEFAULT_RESOURCES, MIN_DISK_GIB, MIN_MEMORY_MIB } from '../core/machine-resources';

const machineConfigSchema = z.object({
  backend: z.enum(['auto', 'qemu', 'native']).default('auto'),
  cpus: z.number().int().min(1).default(DEFAULT_RESOURCES.cpus),
  memoryMiB: z.number().int().min(MIN_MEMORY_MIB).default(DEFAULT_RESOURCES.memoryMiB),
  diskGiB: z.number().int().min(MIN_DISK_GIB).default(DEFAULT_RESOURCES.diskGiB),
  /** Pause the VM after this many seconds with no running containers and no engine clients; 0 never pauses. */
  idlePauseSeconds: z.number().int().min(0).default(300),
  /** Published ports listen on every host interface, not just 127.0.0.1 (ports a container published on 127.0.0.1 never do). */
  exposePortsOnAllInterfaces: z.boolean().default(false),
});

export type MachineConfig = z.infer<typeof machineConfigSchema>;

export interface LoadedMachineConfig {
  config: MachineConfig;
  /** Set when the file was unreadable or invalid and defaults were used instead. */
  warning?: string;
}

/** The settings in `path`; defaults when it is missing, and defaults with a warning when it is invalid. */
export async function readMachineConfig(path: string): Promise<LoadedMachineConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: machineConfigSchema.parse({}) };
    throw error;
  }
  try {
    return { config: machineConfigSchema.parse(JSON.parse(text)) };
  } catch (error) {
    const why = error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
    return { config: machineConfigSchema.parse({}), warning: `${path} is not valid (${why}); using the defaults` };
  }
}

/** Writes the settings through a temporary file and a rename, so a crash never leaves half a file. */
export async function writeMachineConfig(path: string, config: MachineConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(machineConfigSchema.parse(config), null, 2)}\n`, { mode: 0o600 });
  await rename(temp, path);
}
