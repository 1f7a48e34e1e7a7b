// Berth's words for an engine that ran out of disk space: what is full, and how to get room back.

/** Where the engine keeps its data: Berth's VM (its data disk) or some other engine's disk. */
export type EngineDisk = 'vm-data-disk' | 'engine-disk';

/** True when an engine's message says a write found no room (ENOSPC, in Go's or the kernel's words). */
export function saysDiskFull(message: string): boolean {
  return /no space left on device|\bENOSPC\b/i.test(message);
}

/** The message a caller sees when the engine's disk is full, with the engine's own words at the end. */
export function diskFullMessage(disk: EngineDisk, engineMessage: string): string {
  const what =
    disk === 'vm-data-disk'
      ? "The VM's data disk is full. Free space by removing what you no longer need (System › Prune: " +
        'stopped containers, unused images, build cache and volumes), or give the disk more room in ' +
        'Settings › Resources.'
      : "The engine's disk is full. Free space by removing what you no longer need (System › Prune: " +
        'stopped containers, unused images, build cache and volumes), or make room on the disk the engine uses.';
  return `${what} (The engine said: ${engineMessage})`;
}
