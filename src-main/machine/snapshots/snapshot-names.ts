// Names of the data disk's snapshots (reason, time, VM image) and the list read from `qemu-img info --output=json`; pure.
import type { DiskSnapshot, DiskSnapshotReason } from '../../contract/dto/machine';

const NAME_PATTERN = /^(manual|before-vm-image) (\d{4}-\d\d-\d\dT[\d:.]+Z)(?: for (.+))?$/;

/** The name a new snapshot gets: its reason, the time it is taken and, before a new VM image, which image. */
export function snapshotName(reason: DiskSnapshotReason, at: Date, vmImage?: string): string {
  return `${reason} ${at.toISOString()}${reason === 'before-vm-image' && vmImage ? ` for ${vmImage}` : ''}`;
}

interface QemuImgSnapshot {
  name?: unknown;
  'date-sec'?: unknown;
  'date-nsec'?: unknown;
}

/**
 * The snapshots in `qemu-img info --output=json` output, newest first. A snapshot whose name
 * Berth did not write (made with qemu-img by hand) is listed as manual, with the date qemu-img
 * recorded.
 */
export function parseSnapshotList(infoJson: string): DiskSnapshot[] {
  const info = JSON.parse(infoJson) as { snapshots?: unknown };
  if (info.snapshots === undefined) return [];
  if (!Array.isArray(info.snapshots)) throw new Error('qemu-img info gave "snapshots" that is not a list');
  return (info.snapshots as QemuImgSnapshot[])
    .filter((raw): raw is QemuImgSnapshot & { name: string } => typeof raw.name === 'string' && raw.name !== '')
    .map((raw) => describeSnapshot(raw.name, recordedDate(raw)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function describeSnapshot(name: string, recorded: Date): DiskSnapshot {
  const match = NAME_PATTERN.exec(name);
  if (!match) return { name, reason: 'manual', createdAt: recorded.toISOString() };
  const [, reason, at, vmImage] = match as unknown as [string, DiskSnapshotReason, string, string | undefined];
  const named = new Date(at);
  const snapshot: DiskSnapshot = {
    name,
    reason,
    createdAt: Number.isNaN(named.getTime()) ? recorded.toISOString() : named.toISOString(),
  };
  if (vmImage) snapshot.vmImage = vmImage;
  return snapshot;
}

function recordedDate(raw: QemuImgSnapshot): Date {
  const seconds = typeof raw['date-sec'] === 'number' ? raw['date-sec'] : 0;
  const nanoseconds = typeof raw['date-nsec'] === 'number' ? raw['date-nsec'] : 0;
  return new Date(seconds * 1000 + Math.floor(nanoseconds / 1e6));
}
