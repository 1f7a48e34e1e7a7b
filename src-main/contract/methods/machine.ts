// Machine methods: where the engine runs, start/stop/restart/reset, its logs, and the diagnostics bundle.
import { z } from 'zod';
import { method } from '../define';
import type { DiagnosticsReport, DiskSnapshotList, LogTail, MachineInfo } from '../dto/machine';

const none = z.object({}).strict();
/** A snapshot's name as `machine.snapshots.list` gave it. */
const snapshotName = z.string().min(1, 'must name a snapshot').max(1024, 'is too long');

export const machineMethods = {
  'machine.info': method<MachineInfo>()(none),
  /** Resolve once the machine is running (or stopped); progress comes as machine.state events. */
  'machine.start': method<void>()(none),
  'machine.stop': method<void>()(none),
  'machine.restart': method<void>()(none),
  /** Deletes every image, container and volume and starts afresh: `confirm` must be the word the user typed. */
  'machine.reset': method<void>()(
    z.object({ confirm: z.literal('reset', { error: 'type the word reset to confirm' }) }).strict(),
  ),
  /** The data disk's snapshots, newest first (Berth's VM only). */
  'machine.snapshots.list': method<DiskSnapshotList>()(none),
  /** Takes a snapshot now; a running VM takes it live (its file system held still for a moment). */
  'machine.snapshots.create': method<DiskSnapshotList>()(none),
  /** Puts the data disk back to a snapshot (everything since is lost); a running VM is stopped and started again. */
  'machine.snapshots.restore': method<DiskSnapshotList>()(z.object({ name: snapshotName }).strict()),
  'machine.snapshots.delete': method<DiskSnapshotList>()(z.object({ name: snapshotName }).strict()),
  'machine.logs': method<LogTail>()(
    z
      .object({
        source: z.enum(['console', 'engine', 'agent']),
        lines: z.number().int().min(1).max(10_000).default(500),
      })
      .strict(),
  ),
  /** Writes a zip of versions, settings (secrets removed), logs and `docker info` to `path` (absolute, ends in .zip). */
  'diagnostics.collect': method<DiagnosticsReport>()(
    z
      .object({
        path: z
          .string()
          .min(1)
          .refine((path) => /^([/\\]|[A-Za-z]:[/\\])/.test(path), 'must be an absolute path')
          .refine((path) => path.toLowerCase().endsWith('.zip'), 'must end in .zip'),
        overwrite: z.boolean().default(false),
      })
      .strict(),
  ),
} as const;
