// File browser DTOs: one entry of a folder listing inside a container or a volume.

export type FileType = 'file' | 'dir' | 'symlink' | 'other';

export interface FileEntry {
  /** The entry's own name (no folder part); may contain any character but "/". */
  name: string;
  /** 'other' covers devices, fifos and sockets; a symlink is never followed. */
  type: FileType;
  /** Bytes; for a symlink, the length of its target. */
  size: number;
  /** Last modification, unix seconds. */
  modified: number;
  /** Permission bits in octal, e.g. "755", or "1777" with the sticky bit. */
  mode: string;
  /** Where a symlink points, as stored (relative or absolute); only for symlinks. */
  linkTarget?: string;
}
