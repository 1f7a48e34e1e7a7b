// Messages between the test and the stand-in child over Node IPC: a request with an id, answered once.

export type ChildRequest = { id: number } & (
  | { op: 'status' }
  | { op: 'calls' }
  /** Calls the ipcMain handler of `channel` as a frame at `frameUrl` (null: no frame) of webContents `senderId`. */
  | { op: 'invoke'; channel: string; frameUrl: string | null; senderId: number; args: unknown }
  | { op: 'quit' }
);

export type ChildReply = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: string });

export interface ChildStatus {
  ready: boolean;
  windows: Array<{ id: number; options: Record<string, unknown>; url: string; visible: boolean }>;
  channels: string[];
  errors: string[];
}
